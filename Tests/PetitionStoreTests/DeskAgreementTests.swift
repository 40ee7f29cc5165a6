import Dispatch
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The desk's organ lines, `queue --organ X --overdue` and the breaches charge a late clock to
/// one organ (`CaseState.chargedOrgan`, decision 0031), so their numbers agree on a generated
/// log: the tester found the organ lines adding up to 6 of 8 overdue cases, and a 执行 clock
/// late for 青石镇 listed under 区政府.
@Suite("the desk, the queue and the breaches agree per organ")
struct DeskAgreementTests {
    let ref = Fixtures.reference
    /// The day after the generated logs' last: cases in flight, some late.
    let day = Fixtures.day("2025-09-01")

    /// A generated log's cases, received 2024-01-01 … 2025-08-31.
    static func generated(seed: UInt64, cases: Int) throws -> CaseBook {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        var generator = try SyntheticCases(reference: Fixtures.reference, seed: seed)
        try log.append(generator.cases(cases, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2025-08-31")))
        let book = try CaseBook(log: log.handle())
        try book.refresh()
        return book
    }

    @Test func perOrganOverdueAddsUpAndEqualsTheQueueAndTheBreachesForEachOrgan() throws {
        let book = try Self.generated(seed: 14, cases: 1_500)
        let desk = SupervisorDesk(book.states, asOf: day, calendar: ref.calendar, directory: ref.directory)
        func queue(_ organs: Set<OrganCode>? = nil) -> [QueueRow] {
            book.states.queue(QueueFilter(overdueOnly: true, organs: organs), asOf: day, calendar: ref.calendar,
                              directory: ref.directory)
        }
        let all = queue()
        #expect(all.count > 20, "enough late cases to count: \(book.states.count) cases, \(desk.organs.count) organs, \(book.states.queue(QueueFilter(), asOf: day, calendar: ref.calendar, directory: ref.directory).filter { !$0.overdue.isEmpty }.count)")
        // The organ lines add up: every overdue case is on the line of each organ it is late for.
        #expect(Set(desk.organs.flatMap(\.line.overdue)) == Set(all.map(\.number)))
        #expect(desk.organs.map(\.line.overdue.count).reduce(0, +) == all.map(\.overdueOrgans.count).reduce(0, +))
        for (organ, line) in desk.organs {
            #expect(line.overdue == queue([organ]).map(\.number).sorted(), "\(organ): desk vs queue --organ --overdue")
            let breached = desk.breaches.filter { $0.organ == organ && $0.kind != .notSupervising }.flatMap(\.cases)
            #expect(Set(breached) == Set(line.overdue), "\(organ): desk vs breaches")
        }
        // A closed case with its supporting opinion's execution late is late for the handling organ.
        let execution = all.filter { row in row.overdue.contains { $0.kind == .execution } }
        for row in execution {
            let state = try #require(book[row.number])
            #expect(row.overdueOrgans.contains(try #require(state.handlerOrgan ?? state.holder)))
        }
    }

    /// An organ head's desk agrees with itself and with the supervisor's: the head's clock lines'
    /// overdue cases are its organ line's, and its breaches are the supervisor's breaches of that
    /// organ (tester: a head's 执行 line said 3 where its organ line listed 5 late cases held
    /// elsewhere, and the supervisor's desk said 5). And each breach's number is its cases: one a
    /// case per organ and kind (a case late on handling and on its assignment report is one case
    /// not finished in time).
    @Test func anOrganHeadsDeskAddsUpAndAgreesWithTheSupervisors() throws {
        let book = try Self.generated(seed: 14, cases: 1_500)
        let whole = SupervisorDesk(book.states, asOf: day, calendar: ref.calendar, directory: ref.directory)
        var heldElsewhere = 0
        for (organ, line) in whole.organs {
            let head = SupervisorDesk(book.states, asOf: day, calendar: ref.calendar, directory: ref.directory, scope: organ)
            let own = try #require(head.organs.first { $0.organ == organ }?.line)
            #expect(Set(head.clocks.flatMap(\.line.overdue)) == Set(own.overdue), "\(organ): clock lines vs organ line")
            #expect(head.breaches == whole.breaches.filter { $0.organ == organ }, "\(organ): head's breaches vs supervisor's")
            heldElsewhere += line.overdue.filter { book[$0]?.holder != organ }.count
        }
        #expect(heldElsewhere > 0, "some late clocks are charged to an organ that no longer holds the case")
        for group in whole.breaches { #expect(Set(group.cases).count == group.cases.count, "\(group.organ) \(group.kind)") }
    }

    /// The desk computed in parts on both cores (the console's) is the desk computed in one:
    /// every line, flag, breach and order, for the jurisdiction and for one organ's head.
    @Test(arguments: [nil, "D-ZJJ"] as [OrganCode?])
    func theDeskInPartsOnBothCoresIsTheDeskInOne(scope: OrganCode?) throws {
        let book = try Self.generated(seed: 15, cases: 3_000)
        let one = SupervisorDesk(book.states, asOf: day, calendar: ref.calendar, directory: ref.directory, scope: scope)
        let parts = SupervisorDesk(book.states, asOf: day, calendar: ref.calendar, directory: ref.directory, scope: scope,
                                   runs: 2) { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
        #expect(!one.organs.isEmpty && !one.breaches.isEmpty)
        #expect(parts == one)
    }
}
