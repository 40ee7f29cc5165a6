import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang stats --from --to [--organ] [--by …] [--json|--csv]`: the figures of
/// docs/statistics.md over a period and a jurisdiction (Art 41 para 1 item 1).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "信访统计 — volumes, on-time rates, days, repeats, outcomes, reviews and ratings over a period.",
        discussion: "A case is placed in the period by the day it was received; docs/statistics.md defines every figure.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "First day received (YYYY-MM-DD).")
    var from: String

    @Option(help: "Last day received (YYYY-MM-DD), included.")
    var to: String

    @Option(help: "Only this organ and those below it (code, name or short name); default: the whole jurisdiction, or your own organ if you work at one other than a petition bureau.")
    var organ: String?

    @Option(help: "Break down by category, organ, channel, type, month or level.")
    var by: String?

    @Option(help: "Figures as of this date (YYYY-MM-DD); default today.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV (UTF-8 with BOM, RFC 4180).")
    var csv = false

    @Flag(help: "Plain ASCII charts (also when TERM is vt100 or dumb).")
    var ascii = false

    func run() throws {
        try Session.run(options) { session in
            let book = try session.openBook()
            let query = try session.statisticsQuery(from: from, to: to, organ: organ, by: by, asOf: asOf, book: book)
            let ref = session.reference
            let stats = try book.cases(asOf: query.asOf).statistics(query, directory: ref.directory, calendar: ref.calendar)
            if json {
                Output.printJSON(StatisticsJSON(stats, session))
            } else if csv {
                print(StatisticsColumns.csv(stats) { session.statisticsLabel(query.by ?? .organ, $0) }, terminator: "")
            } else {
                print(StatisticsText(stats, language: session.language, ascii: ascii || session.plainTerminal,
                                     label: { session.statisticsLabel(query.by ?? .organ, $0) },
                                     cite: { ref.articles.short($0, session.language) },
                                     organ: { ref.directory.shortName($0, session.language) }).text, terminator: "")
            }
        }
    }
}

/// `stats --json`: every column of `StatisticsColumns`, for the total and each group.
struct StatisticsJSON: Encodable {
    struct Group: Encodable {
        var key: String
        var name: String
        var figures: [String: Int]
    }

    var from: String
    var to: String
    var asOf: String
    var organ: String?
    var by: String?
    var total: [String: Int]
    var groups: [Group]

    init(_ stats: Statistics, _ session: Session) {
        func figures(_ f: Figures) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: StatisticsColumns.all.compactMap { c in c.value(f).map { (c.name, $0) } })
        }
        let q = stats.query
        from = "\(q.from)"
        to = "\(q.to)"
        asOf = "\(q.asOf)"
        organ = q.organ
        by = q.by?.rawValue
        total = figures(stats.total)
        groups = stats.groups.map { Group(key: $0.key, name: session.statisticsLabel(q.by ?? .organ, $0.key),
                                          figures: figures($0.figures)) }
    }
}

extension Session {
    /// A statistics query from the options, each refused with one line naming the option.
    func statisticsQuery(from: String, to: String, organ: String?, by: String?, asOf: String?,
                         book: CaseBook) throws -> StatisticsQuery {
        let first = try day(from, option: "from"), last = try day(to, option: "to")
        guard first <= last else {
            throw UsageError("--from \(first) 晚于 --to \(last)", "--from \(first) is after --to \(last)")
        }
        // By code, name or short name, as the queue reads it; one organ, its jurisdiction. Left
        // out, another organ's staff see their own organ's, as their desk does (decision 0031).
        let organ = try organ.map { try self.organ(named: $0) }
            ?? DataScope.organ(of: try actor(in: book), directory: reference.directory)
        var dimension: StatisticsQuery.Dimension?
        if let by {
            guard let d = StatisticsQuery.Dimension(rawValue: by) else {
                let all = StatisticsQuery.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError("--by 没有「\(by)」；可选：\(all)", "--by has no \"\(by)\"; one of: \(all)")
            }
            dimension = d
        }
        return StatisticsQuery(from: first, to: last, organ: organ, by: dimension, asOf: try asOfDay(asOf, book: book))
    }

    /// The name of a group's key under a breakdown (the console's statistics screen names it so too).
    func statisticsLabel(_ dimension: StatisticsQuery.Dimension, _ key: String) -> String {
        StatisticsText.groupName(dimension, key, directory: reference.directory, categories: reference.categories,
                                 language: language)
    }

    /// Whether the terminal wants plain ASCII (TERM=vt100 or dumb).
    var plainTerminal: Bool { Self.plainTerminal }
    static var plainTerminal: Bool {
        let term = environment["TERM"] ?? ""
        return term == "dumb" || term.hasPrefix("vt100")
    }
}
