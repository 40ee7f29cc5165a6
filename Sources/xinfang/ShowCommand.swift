import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang show CASE [--json]`: the case, its state, flags, clocks and timeline.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "查看案件 — a case with its state, running clocks and timeline.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number.")
    var caseNumber: String

    @Option(help: "Compute the clocks as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try Session.run(options) { session in
            // Only this case is read (from the snapshot's index and the log's tail), not every case.
            let book = try CaseNumber(caseNumber).map { try session.openBook(only: [$0]) } ?? session.openBook()
            guard let number = CaseNumber(caseNumber), let state = book[number] else {
                throw Rejection(.unknownCase, field: "case", ["case": caseNumber])
            }
            let actor = try session.actor(in: book)
            let day = try session.asOfDay(asOf, book: book)
            var view = CaseView(state: state, history: try book.history(of: number), asOf: day, session: session,
                                visible: state.contentVisible(to: actor, name: session.actorName(actor, in: book)))
            // Personal information: a supervisor watching the queues sees identity
            // numbers and phones masked (REGULATION.md, "Personal data").
            if PersonalData.masked(for: actor.role) { view.maskPersonalData() }
            if json { Output.printJSON(view) } else { view.print(session) }
        }
    }
}

/// A case as `show` presents it.
struct CaseView: Encodable {
    struct PetitionView: Encodable {
        var channel: String
        var receivedAt: String
        var organ: String
        var petitioner: Petitioner?
        var request: String?
        var facts: String?
        var reasons: String?
        var category: String
        var categoryName: String
        var type: String
        var group: Group?
        var accusedOrgan: String?
        var accusedPerson: AccusedPerson?
    }

    struct Entry: Encodable {
        var seq: Int
        var at: String
        var user: String
        var role: String
        var organ: String
        var event: String
        var rule: String
        var article: String
        var voided: Bool
        var fields: EventBody?
    }

    var caseNumber: String
    var spoken: String
    var state: String
    var stateName: String
    var effectiveState: String
    var flags: [String]
    /// What registration found about earlier cases and the visit's level, settled or not
    /// (decision 0017).
    var earlierCases: [EarlierFlagJSON]
    /// Content still missing (Art 19 para 1), to be supplemented (补正).
    var missing: [String]
    var holder: String?
    var holderName: String
    var petition: PetitionView?
    var clocks: [ClockJSON]
    var timeline: [Entry]
    var asOf: String
    var contentWithheld: Bool

    init(state s: CaseState, history: [CaseEvent], asOf: Day, session: Session, visible: Bool) {
        let ref = session.reference
        let lang = session.language
        caseNumber = s.number.description
        spoken = s.number.spoken(ref.directory, lang)
        state = s.phase.rawValue
        // The state as of the day shown: a reply whose review window lapsed has closed (Art 35).
        let effective = s.effectivePhase(asOf: asOf, calendar: ref.calendar)
        stateName = effective.title.text(lang)
        effectiveState = effective.rawValue
        flags = s.flags.sorted().map(\.rawValue)
        earlierCases = s.earlierFlags.map { EarlierFlagJSON($0, session) }
        missing = (s.petition?.missingContent ?? []).map(\.rawValue)
        holder = s.holder
        holderName = ref.directory.name(s.holder, lang)
        if let p = s.petition {
            petition = PetitionView(
                channel: p.channel.rawValue, receivedAt: "\(p.receivedOn)", organ: p.organ,
                petitioner: visible ? p.petitioner : nil,
                request: visible ? p.request : nil, facts: visible ? p.facts : nil, reasons: visible ? p.reasons : nil,
                category: p.category, categoryName: ref.categories[p.category]?.name(lang) ?? p.category,
                type: (s.matterType ?? p.type).rawValue, group: visible ? p.group : nil,
                // Who is accused is itself a circumstance of the accusation (Art 30 para 3).
                accusedOrgan: visible ? p.accusedOrgan : nil, accusedPerson: visible ? p.accusedPerson : nil)
        }
        clocks = s.clocks(asOf: asOf, calendar: ref.calendar, directory: ref.directory).map { ClockJSON($0, session) }
        timeline = history.map { e in
            Entry(seq: e.seq, at: e.at.beijingDescription, user: e.actor.user, role: e.actor.role.rawValue,
                  organ: e.actor.organ, event: e.body.name, rule: e.rule.rawValue, article: session.citation(e.rule),
                  // An accusation this user may not read shows no event's fields at all: a
                  // note or an opinion can name the accuser as well as a registration (Art 30).
                  voided: s.voided.contains(e.seq), fields: visible ? e.body : nil)
        }
        self.asOf = "\(asOf)"
        contentWithheld = !visible
    }

    mutating func maskPersonalData() {
        func masked(_ p: Petitioner) -> Petitioner {
            var p = p
            p.idNumber = PersonalData.mask(p.idNumber)
            p.phone = PersonalData.mask(p.phone)
            return p
        }
        guard var view = petition else { return }
        view.petitioner = view.petitioner.map(masked)
        view.group = view.group.map { Group(people: $0.people, representatives: $0.representatives.map(masked)) }
        petition = view
        for i in timeline.indices where timeline[i].event == "registered" || timeline[i].event == "corrected" {
            timeline[i].fields = nil
        }
    }

    func print(_ session: Session) {
        let zh = session.language == .zh
        let ref = session.reference
        Swift.print("\(caseNumber)  \(spoken)")
        Swift.print(zh ? "状态：\(stateName)    现由：\(holderName)" : "State: \(stateName)    Held by: \(holderName)")
        if flags.contains(CaseFlag.incomplete.rawValue) {
            Swift.print(zh ? "记录不全：日志恢复时丢失了本案件的记录，须督办人员复核恢复（xinfang act 案件编号 review-recovery --note …）后方可办理"
                           : "Incomplete: a log recovery lost records of this case; a supervisor must review it (xinfang act CASE review-recovery --note …) before anyone acts on it")
        }
        if !flags.isEmpty {
            let names = flags.compactMap { CaseFlag(rawValue: $0)?.title.text(session.language) }
            Swift.print((zh ? "标记：" : "Flags: ") + names.joined(separator: zh ? "、" : ", "))
        }
        EarlierCaseLines.print(earlierCases, missing: missing, session)
        if let p = petition {
            Swift.print((zh ? "类别：" : "Category: ") + "\(p.categoryName)  (\(p.type), \(p.channel), \(p.receivedAt))")
            if let person = p.petitioner {
                Swift.print((zh ? "信访人：" : "Petitioner: ")
                            + InputText.visible("\(person.name ?? "—")  \(person.idNumber ?? "")  \(person.phone ?? "")"))
            }
            if let g = p.group {
                Swift.print(zh ? "集体访：\(g.people)人，代表\(g.representatives.count)人"
                               : "Group: \(g.people) people, \(g.representatives.count) representatives")
            }
            if let r = p.request { Swift.print((zh ? "请求：" : "Request: ") + InputText.visible(r)) }
            if p.accusedOrgan != nil || p.accusedPerson != nil {
                let person = p.accusedPerson.map { [$0.name, $0.post, $0.organ.map { ref.directory.name($0, session.language) }]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  ") }
                let parts = [p.accusedOrgan.map { ref.directory.name($0, session.language) }, person].compactMap { $0 }
                Swift.print((zh ? "被检举控告：" : "Accused: ") + InputText.visible(parts.joined(separator: zh ? "；" : "; ")))
            }
            if contentWithheld {
                Swift.print(zh ? "（检举控告内容依第30条不向本岗位显示）" : "(Accusation content withheld under Art 30)")
            }
        }
        Swift.print("")
        Swift.print(zh ? "期限（截至\(asOf)）：" : "Clocks (as of \(asOf)):")
        if clocks.isEmpty { Swift.print(zh ? "  无正在计算的期限" : "  none running") }
        let statuses = clocks
        // (No header over an empty table.)
        if !statuses.isEmpty { Output.printTable(
            zh ? ["  期限", "到期日", "剩余", "依据"] : ["  clock", "due", "left", "article"],
            statuses.map { c in
                let left = c.daysLeft < 0 ? (zh ? "逾期\(-c.daysLeft)天" : "\(-c.daysLeft) overdue")
                    : (zh ? "\(c.daysLeft)天" : "\(c.daysLeft) days")
                let marks = (c.provisional ? (zh ? " 暂定" : " provisional") : "") + (c.paused ? (zh ? " 暂停" : " paused") : "")
                return ["  " + c.title, c.due + marks, left, c.article]
            }) }
        Swift.print("")
        Swift.print(zh ? "办理记录：" : "Timeline:")
        Output.printTable(
            zh ? ["  #", "时间", "人员", "事项", "依据"] : ["  #", "time", "user", "event", "article"],
            timeline.map { e in
                ["  \(e.seq)", String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " "),
                 "\(e.user)/\(ref.policy.name(of: Role(rawValue: e.role) ?? .clerk, session.language))",
                 e.event + (e.voided ? (zh ? "（已作废）" : " (voided)") : ""), e.article]
            })
    }
}
