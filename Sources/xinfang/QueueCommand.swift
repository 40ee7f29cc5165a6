import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang queue [filters]`: cases by state, organ and deadline.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "案件队列 — cases by state, organ and deadline, soonest due first.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only cases in this state (e.g. registered, handling, closed).")
    var state: String?

    @Option(help: "Only cases held by this organ: its code, name or short name, or part of one (D-ZJJ, 区住建局).")
    var organ: String?

    @Option(help: "Only cases with this flag: underSupervision (督办中), repeatPetition (重复访), leapfrog (越级访), backlog (积案), majorUrgent, leaderInCharge, notReceived.")
    var flag: String?

    @Option(help: "With --flag backlog: open longer than this many days (default 90, practice).")
    var backlogDays: Int?

    @Flag(help: "Only cases with an overdue duty clock.")
    var overdue = false

    @Option(help: "Only cases whose next deadline is within N days (overdue ones included).")
    var dueWithin: Int?

    @Option(help: "Compute as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    struct Row: Encodable {
        var caseNumber: String
        var petitioner: String
        var category: String
        var state: String
        var organ: String?
        var next: ClockJSON?
        var overdue: [ClockJSON]
        /// The petitioner is withheld from this user (an accusation, Art 30).
        var contentWithheld: Bool
        /// Earlier-case flags awaiting the clerk (decision 0017).
        var earlierCases: [EarlierFlagJSON]
        /// Content still missing (Art 19 para 1): facts, reasons, phone.
        var missing: [String]
    }

    func run() throws {
        try Session.run(options) { session in
            let phase = try state.map(session.phase(named:))
            let organs = try organ.map(session.organs(named:))
            var deskFlag: DeskFlag?
            if let flag {
                guard let f = DeskFlag(named: flag) else {
                    let names = DeskFlag.allCases.map { "\($0.rawValue)（\($0.title.zh)）" }.joined(separator: ", ")
                    throw UsageError("没有「\(flag)」这个标记；可选：\(names)", "No flag \"\(flag)\"; one of: \(names)")
                }
                deskFlag = f
            }
            if let backlogDays, backlogDays <= 0 {
                throw UsageError("--backlog-days 应为正整数", "--backlog-days must be a positive number")
            }
            // Who is asking decides what each row shows (Art 30), as for `show`.
            let book = try session.openBook()
            let actor = try session.actor(in: book)
            let name = session.actorName(actor, in: book)
            let day = try session.asOfDay(asOf, book: book)
            let ref = session.reference
            let filter = QueueFilter(phase: phase, overdueOnly: overdue, dueWithin: dueWithin, organs: organs)
            var terms = StatutoryTerms.regulation
            if let backlogDays { terms.backlog = backlogDays }
            let rows = book.nextDeadlines(asOf: day, calendar: ref.calendar, directory: ref.directory)
                .filter { $0.matches(filter) }
                .filter { r in
                    deskFlag.map { f in book[r.number].map { f.holds($0, asOf: day, calendar: ref.calendar, terms: terms) } ?? false }
                        ?? true
                }
                .map { $0.disclosed(to: actor, name: name, case: book[$0.number]) }
            if json {
                Output.printJSON(rows.map { r in
                    Row(caseNumber: r.number.description, petitioner: r.petitioner, category: r.category,
                        state: r.phase.rawValue, organ: r.holder, next: r.next.map { ClockJSON($0, session) },
                        overdue: r.overdue.map { ClockJSON($0, session) }, contentWithheld: r.withheld,
                        earlierCases: r.flagged.map { EarlierFlagJSON($0, session) }, missing: r.missing.map(\.rawValue))
                })
                return
            }
            let zh = session.language == .zh
            Output.printTable(
                zh ? ["案件编号", "信访人", "类别", "状态", "现由", "下一期限", "到期日", "剩余"]
                   : ["case", "petitioner", "category", "state", "held by", "next clock", "due", "left"],
                rows.map { r in
                    [r.number.description, r.withheld ? (zh ? "（第30条不显示）" : "(Art 30)") : r.petitioner,
                     ref.categories[r.category]?.name(session.language) ?? r.category,
                     r.phase.title.text(session.language)
                        + (book[r.number]?.flags.contains(.incomplete) == true ? (zh ? "（记录不全待复核）" : " (incomplete)")
                           : r.phase == .new ? (zh ? "（登记记录丢失，待补录）" : " (registration lost: enter it again)") : "")
                        + marks(r, session),
                     ref.directory.name(r.holder, session.language),
                     r.next.map { $0.kind.title.text(session.language) } ?? "—",
                     r.next.map { "\($0.due)" } ?? "—", r.next.map(session.daysText) ?? ""]
                })
            session.say("共\(rows.count)件（截至\(day)）", "\(rows.count) cases (as of \(day))")
        }
    }

    /// The row's earlier-case flags and missing content, short, with their articles:
    /// ` [已终结（第36条第3款）] [缺理由（第19条第1款）]`.
    private func marks(_ r: QueueRow, _ session: Session) -> String {
        let lang = session.language, articles = session.reference.articles
        let flags = r.flagged.map { $0.marker(lang, articles: articles) }
        let missing = r.missing.map { m in
            m.title.text(lang) + (lang == .zh ? "（" : " (") + articles.short(m.rule, lang) + (lang == .zh ? "）" : ")")
        }
        return (flags + missing).map { " [" + $0 + "]" }.joined()
    }
}
