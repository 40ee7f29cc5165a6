import Foundation
import PetitionCore

/// Realistic synthetic cases for demos and benchmarks (`xinfang generate`): names,
/// addresses, categories and organs from the data folder, and histories that stop
/// at every stage of the workflow, decided by the workflow itself so that every
/// generated case is one the rules allow.
package struct SyntheticCases {
    struct NamePools: Decodable {
        var surnames: [String]
        var given: [String]
        var streets: [String]
        var idRegions: [String]
    }

    let reference: ReferenceData
    let pools: NamePools
    var rng: SplitMix
    /// The seed, for each case's own stream (`caseHistory`).
    let seed: UInt64

    package init(reference: ReferenceData, seed: UInt64) throws(StoreError) {
        self.reference = reference
        let path = (reference.folder as NSString).appendingPathComponent("names.json")
        guard let data = FileManager.default.contents(atPath: path) else { throw StoreError(.dataMissing, path: path) }
        do { pools = try JSONDecoder().decode(NamePools.self, from: data) } catch {
            throw StoreError(.badData, path: path, cause: "\(error)")
        }
        rng = SplitMix(seed: seed)
        self.seed = seed
    }

    private mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func residentID(born: Day) -> String {
        let (y, m, d) = born.components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let body = pick(pools.idRegions) + "\(y)" + two(m) + two(d) + String(format: "%03d", int(1...999))
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    mutating func person(on day: Day) -> Petitioner {
        let name = pick(pools.surnames) + pick(pools.given)
        let born = day.adding(days: -int(7_000...30_000))
        return Petitioner(kind: .citizen, name: name, idNumber: residentID(born: born),
                          phone: "1\(pick([3, 5, 7, 8, 9]))\(int(100_000_000...999_999_999))",
                          address: "临江区\(pick(pools.streets))\(int(1...300))号")
    }

    mutating func petition(on day: Day) -> Petition {
        let channel = pick([Channel.visit, .visit, .letter, .online, .online, .phone, .fax])
        let category = pick(reference.categories.categories)
        var p = Petition(channel: channel, receivedOn: day, organ: reference.directory.jurisdiction,
                         petitioner: person(on: day), request: "请求解决\(category.name)问题",
                         facts: "\(day.year)年以来反映的\(category.name)事项，至今未得到解决",
                         reasons: "依据相关法律法规和政策规定", category: category.code,
                         type: pick([MatterType.grievance, .grievance, .grievance, .suggestion, .accusation]))
        if channel == .visit && int(1...8) == 1 {
            let count = int(2...5)
            let reps = (0..<count).map { _ in person(on: day) }
            p.petitioner = reps[0]
            p.group = Group(people: int(count...40), representatives: reps)
        }
        if p.type == .accusation { p.accusedOrgan = pick(["D-ZJJ", "D-CGJ", "S-BJ", "S-WH"]) }
        return p
    }

    /// One case: its registration and a history that stops somewhere between
    /// registration and finality, with steps a few days apart.
    package mutating func caseHistory(_ number: CaseNumber, received: Day, until: Day) -> [CaseEvent] {
        let p = petition(on: received)
        let actor = Actor(user: "generator", role: .trainee, organ: reference.directory.jurisdiction)
        var state = CaseState(number: number)
        var day = received
        var events: [CaseEvent] = []
        // What the petitioner and the leadership add to a case — a rating of the reply (Art 21
        // para 2), a leader in charge (Art 18 para 2) — is drawn from a stream of the case's own
        // (of the seed and the case's number), so that the main stream's choices stay as they were;
        // the steps after such an addition are dated from it, and so may be a few days later.
        var aside = SplitMix(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(number.year * 100_000 + number.sequence))
        func step(_ command: CaseCommand, after days: ClosedRange<Int>, aside own: Bool = false) -> Bool {
            let next = day.adding(days: own ? Int.random(in: days, using: &aside) : int(days))
            guard next <= until else { return false }
            // The generated handlers (承办人N) are staff of whichever organ holds the case.
            let holder = state.holder ?? actor.organ
            let hour = own ? Int.random(in: 0...8, using: &aside) : int(0...8)
            let context = DecisionContext(now: next.start.adding(hours: 9 + hour), actor: actor,
                                          directory: reference.directory, calendar: reference.calendar,
                                          policy: reference.policy, categories: reference.categories,
                                          staff: StaffDirectory { StaffMember(user: $0, name: $0, role: .handler, organ: holder) })
            guard let new = try? Workflow.decide(command, state, context) else { return false }
            for e in new { Workflow.apply(e, to: &state) }
            events += new
            day = next
            return true
        }
        guard step(.register(p), after: 0...0) else { return [] }
        let organ = pick(["D-ZJJ", "D-RSJ", "D-CGJ", "D-JYJ", "D-MZJ", "S-BJ", "S-WH", "S-QS"])
        let track = p.type == .grievance ? pick([6, 6, 6, 5, 1, 2]) : nil
        let steps: [(CaseCommand, ClosedRange<Int>)] = [
            (int(1...4) == 1 ? .assign(to: organ, days: 30, note: nil) : .transfer(to: organ, note: nil), 1...14),
            (.receive(on: nil), 0...4),
            (.accept(route: "依法按程序办理", on: nil), 1...12),
            (.classify(type: p.type, track: track), 0...2),
            (.assignHandler(user: "承办人\(int(1...20))", recusalChecked: true), 0...3),
            (.issueOpinion(outcome: Outcome.allowed(for: p.type).randomElement(using: &rng) ?? .support,
                           opinion: "经调查核实，依法作出处理", basis: "相关法律法规", measures: [.explained]), 10...70),
            (.deliver(on: nil), 1...6),
            (.requestReview(on: nil), 5...28),
            (.issueReviewOpinion(outcome: .upheld, opinion: "维持原处理意见"), 5...28),
            (.deliver(on: nil), 0...3),
            (.requestRereview(on: nil), 5...28),
            (.issueRereviewOpinion(outcome: .upheld, opinion: "维持"), 5...28),
            (.deliver(on: nil), 0...3),
        ]
        // Old cases have mostly been handled; recent ones stop anywhere.
        let old = received.days(to: until) > 150
        // (7: replied, 10: review replied, 13: final — stages whose duty clocks have stopped.)
        let depth = old && int(1...10) > 1 ? pick([7, 7, 7, 7, 10, 10, 13]) : int(0...steps.count)
        for (i, (command, gap)) in steps.prefix(depth).enumerated() {
            // A review is asked from the organ above, so the generator acts for it as a trainee may.
            guard step(command, after: gap) else { break }
            // One accepted case in thirty gets a leader in charge (领导包案, Art 18 para 2).
            if i == 2, Int.random(in: 1...30, using: &aside) == 1 {
                _ = step(.assignLeader(name: "区领导" + ["张", "王", "李", "刘"][Int.random(in: 0...3, using: &aside)]),
                         after: 0...3, aside: true)
            }
            // Most petitioners rate the reply once it is delivered (Art 21 para 2): mostly satisfied.
            if i == 6, Int.random(in: 1...10, using: &aside) <= 6 {
                let rating: [Satisfaction] = [.satisfied, .satisfied, .satisfied, .satisfied, .satisfied, .basicallySatisfied,
                                              .basicallySatisfied, .basicallySatisfied, .dissatisfied, .dissatisfied]
                _ = step(.rate(satisfaction: rating[Int.random(in: 0...9, using: &aside)], note: nil), after: 0...4, aside: true)
            }
        }
        // An assigned case reports completion once it is handled (Art 22).
        let handled: Set<Phase> = [.routed, .mediated, .closed, .final, .replied, .reviewRequested, .reviewOpinionIssued,
                                   .reviewed, .rereviewRequested, .rereviewOpinionIssued]
        if state.assignment?.reportedOn == nil, handled.contains(state.phase) {
            _ = step(.reportCompletion(note: "已办结"), after: 1...5)
        }
        // A supporting opinion is carried out (Art 32 para 2), in most old cases recorded.
        if state.awaitsExecution, old, int(1...10) > 1 {
            _ = step(.recordExecution(note: "已督促有关机关执行"), after: 5...40)
        }
        return events
    }

    /// `count` cases received between `from` and `until`, numbered as the
    /// jurisdiction's petition department numbers them.
    package mutating func cases(_ count: Int, from: Day, until: Day) -> [[CaseEvent]] {
        var sequences: [Int: Int] = [:]
        let span = max(1, from.days(to: until))
        var records: [[CaseEvent]] = []
        let received = (0..<count).map { _ in from.adding(days: int(0...span)) }.sorted()
        for day in received {
            let seq = (sequences[day.year] ?? 0) + 1
            sequences[day.year] = seq
            let number = CaseNumber(organ: reference.directory.jurisdiction, year: day.year, sequence: seq)
            records += caseHistory(number, received: day, until: until).map { [$0] }
        }
        // The log is in time order, as a real one is.
        return records.sorted { $0[0].at < $1[0].at }
    }
}

extension Instant {
    func adding(hours: Int) -> Instant { Instant(millisecondsSince1970: millisecondsSince1970 + Int64(hours) * 3_600_000) }
}
