import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang report annual --year Y [--organ] [--csv]`: the annual report on petition work
/// (Art 41 para 1), its numbers those of `xinfang stats` for the year.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "信访情况报告 — the annual report (Art 41).",
        subcommands: [AnnualReportCommand.self])
}

struct AnnualReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "信访情况年度报告 — volumes and fields, organs complained about most, transfers, assignments, supervision, suggestions and breaches (Art 41).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The year reported on.")
    var year: Int

    @Option(help: "This organ and those below it (code, name or short name); default the whole jurisdiction, or your own organ if you work at one other than a petition bureau.")
    var organ: String?

    @Option(help: "Figures as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    @Flag(help: "Print CSV (UTF-8 with BOM, RFC 4180).")
    var csv = false

    func run() throws {
        try Session.run(options) { session in
            // From the regulation's first year to the last the product records (Day.supported).
            guard (2022...Day.supported.upperBound.year).contains(year) else {
                throw UsageError("--year \(year) 无效（条例2022年5月1日起施行）", "--year \(year) is not a year of the regulation (in force 2022-05-01)")
            }
            let book = try session.openBook()
            let ref = session.reference
            var query = try session.statisticsQuery(from: "\(year)-01-01", to: "\(year)-12-31", organ: organ, by: "category",
                                                    asOf: asOf, book: book)
            // The cases as they stood on the as-of day: an event after it does not count.
            let states = try book.cases(asOf: query.asOf)
            let byCategory = states.statistics(query, directory: ref.directory, calendar: ref.calendar)
            query.by = .organ
            let byOrgan = states.statistics(query, directory: ref.directory, calendar: ref.calendar)
            let scope = query.organ.map { ref.directory.name($0, session.language) }
                ?? ref.directory.name(ref.directory.jurisdiction, session.language)
            var report = AnnualReport(year: year, byCategory: byCategory, byOrgan: byOrgan, language: session.language,
                                      scope: scope, label: { session.statisticsLabel($0, $1) },
                                      cite: { ref.articles.short($0, session.language) })
            report.petitionDepartments = AnnualReport.petitionDepartments(in: ref.directory)
            // The acts of organs (records of no case) in the year, of organs in the jurisdiction.
            let within = query.organ.map { ref.directory.jurisdiction(of: $0) }
            for act in book.organActs where act.day.year == year && act.day <= query.asOf && within.map({ $0.contains(act.organ) }) ?? true {
                report.organActs[act.measure, default: 0] += 1
            }
            print(csv ? report.csv : report.text, terminator: "")
        }
    }
}
