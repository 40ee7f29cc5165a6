import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang export --csv|--xml|--json [--organ] [--state] [--from --to]`: cases for a spreadsheet,
/// personal data masked unless the role may see it, accusations as Art 30 requires.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出案件 — cases as CSV (UTF-8 with BOM, RFC 4180), an XML workbook or JSON, with the queue's filters.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "CSV for a spreadsheet (UTF-8 with BOM, RFC 4180 quoting).")
    var csv = false

    @Flag(help: "An Excel 2003 XML workbook: opens in Excel, WPS and LibreOffice with no import filter, Chinese intact.")
    var xml = false

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
            guard [csv, xml, json].filter({ $0 }).count == 1 else {
                throw UsageError("请指定 --csv、--xml 或 --json 之一", "Give one of --csv, --xml and --json")
            }
            // The queue's filters, read as the queue reads them.
            let phase = try state.map(session.phase(named:))
            // One organ, as stats and the report take it: a name matching several is refused, naming them.
            let organs = try organ.map { Set([try session.organ(named: $0)]) }
            let ref = session.reference
            let first = try from.map { try session.day($0, option: "from") }
            let last = try to.map { try session.day($0, option: "to") }
            if let first, let last, first > last {
                throw UsageError("--from \(first) 晚于 --to \(last)", "--from \(first) is after --to \(last)")
            }
            let book = try session.openBook()
            let actor = try session.actor(in: book)
            let name = session.actorName(actor, in: book)
            let today = try session.asOfDay(asOf, book: book)
            // Decision 0031: another organ's staff take their own organ's cases; masked unless
            // the petition bureau's clerk or handler.
            let own = DataScope.organ(of: actor, directory: ref.directory)
            let masked = DataScope.masksExport(for: actor, directory: ref.directory)
            let rows = book.numbers.compactMap { number -> CaseExport.Row? in
                guard let s = book[number], let p = s.petition else { return nil }
                if let own, !s.isOnDesk(of: own) { return nil }
                if let first, p.receivedOn < first { return nil }
                if let last, p.receivedOn > last { return nil }
                if let organs, !(s.holder.map(organs.contains) ?? false) { return nil }
                let effective = s.effectivePhase(asOf: today, calendar: ref.calendar)
                if let phase, effective != phase { return nil }
                return CaseExport.row(s, phase: effective, actor: actor, name: name, masked: masked, language: session.language,
                                      organName: { ref.directory.name($0, session.language) },
                                      categoryName: { ref.categories[$0]?.name(session.language) ?? $0 })
            }
            if json {
                Output.printJSON(rows)
            } else if xml {
                FileHandle.standardOutput.write(Data(CaseExport.xml(rows, language: session.language).utf8))
            } else {
                FileHandle.standardOutput.write(Data(CaseExport.csv(rows, language: session.language).utf8))
            }
        }
    }
}
