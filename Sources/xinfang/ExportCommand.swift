import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang export --csv|--json [--organ] [--state] [--from --to]`: cases for a spreadsheet,
/// personal data masked unless the role may see it, accusations as Art 30 requires.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出案件 — cases as CSV (UTF-8 with BOM, RFC 4180) or JSON, with the queue's filters.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "CSV for a spreadsheet (UTF-8 with BOM, RFC 4180 quoting).")
    var csv = false

    @Flag(help: "JSON.")
    var json = false

    @Option(help: "Only cases held by this organ.")
    var organ: String?

    @Option(help: "Only cases in this state (e.g. registered, handling, closed).")
    var state: String?

    @Option(help: "Only cases received on or after this date (YYYY-MM-DD).")
    var from: String?

    @Option(help: "Only cases received on or before this date (YYYY-MM-DD).")
    var to: String?

    @Option(help: "States as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    func run() throws {
        try Session.run(options) { session in
            guard csv != json else {
                throw UsageError("请指定 --csv 或 --json 之一", "Give one of --csv and --json")
            }
            var phase: Phase?
            if let state {
                guard let p = Phase(rawValue: state) else {
                    throw UsageError("没有「\(state)」这个状态；可选：\(Phase.allCases.map(\.rawValue).joined(separator: ", "))",
                                     "No state \"\(state)\"; one of: \(Phase.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                phase = p
            }
            let ref = session.reference
            if let organ, ref.directory[organ] == nil { throw Rejection(.unknownOrgan, field: "organ", ["organ": organ]) }
            func day(_ text: String?, _ option: String) throws -> Day? {
                guard let text else { return nil }
                guard let d = Day(iso: text) else {
                    throw UsageError("--\(option)「\(text)」不是有效日期（YYYY-MM-DD）", "--\(option) \"\(text)\" is not a date (YYYY-MM-DD)")
                }
                return d
            }
            let first = try day(from, "from"), last = try day(to, "to")
            let book = try session.openBook()
            let actor = try session.actor(in: book)
            let name = session.actorName(actor, in: book)
            let today = try session.asOfDay(asOf, book: book)
            let rows = book.numbers.compactMap { number -> CaseExport.Row? in
                guard let s = book[number], let p = s.petition else { return nil }
                if let first, p.receivedOn < first { return nil }
                if let last, p.receivedOn > last { return nil }
                if let organ, s.holder != organ { return nil }
                let effective = s.effectivePhase(asOf: today, calendar: ref.calendar)
                if let phase, effective != phase { return nil }
                return CaseExport.row(s, phase: effective, actor: actor, name: name, language: session.language,
                                      organName: { ref.directory.name($0, session.language) },
                                      categoryName: { ref.categories[$0]?.name(session.language) ?? $0 })
            }
            if json {
                Output.printJSON(rows)
            } else {
                FileHandle.standardOutput.write(Data(CaseExport.csv(rows, language: session.language).utf8))
            }
        }
    }
}
