import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// Printing JSON and aligned text tables.
enum Output {
    static func printJSON(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) { print(text) }
    }

    /// One value as a single line of JSON (sorted keys), for `log dump` and `log follow`.
    static func jsonLine(_ value: some Encodable) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { $0 + Data([0x0A]) }
    }

    /// Columns padded by display width, so Chinese names line up.
    static func printTable(_ header: [String]?, _ rows: [[String]]) {
        let all = (header.map { [$0] } ?? []) + rows
        var widths = Array(repeating: 0, count: all.first?.count ?? 0)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(InputText.visible(cell)))
            }
        }
        for row in all {
            let line = row.enumerated().map { i, cell in
                i == row.count - 1 ? InputText.visible(cell) : DisplayWidth.pad(InputText.visible(cell), to: widths[i])
            }
            print(line.joined(separator: "  "))
        }
    }
}

/// A clock as `show --json` and `queue --json` print it.
/// An earlier-case flag as `register`, `show` and `queue` print it (decision 0017).
struct EarlierFlagJSON: Encodable {
    var kind: String
    var marker: String
    var title: String
    /// The earlier case it names.
    var ref: String?
    var article: String
    var rule: String
    /// notAccepted or differentMatter once the clerk decided; nil while it awaits the clerk.
    var settled: String?

    init(_ f: EarlierCaseFlag, _ session: Session) {
        kind = f.kind.rawValue
        marker = f.kind.marker.text(session.language)
        title = f.kind.title.text(session.language)
        ref = f.ref?.description
        article = session.citation(f.kind.rule)
        rule = f.kind.rule.rawValue
        settled = f.settled?.rawValue
    }
}

struct ClockJSON: Encodable {
    var clock: String
    var title: String
    var start: String
    var due: String
    var daysLeft: Int
    var overdue: Bool
    var article: String
    var rule: String
    var provisional: Bool
    var paused: Bool
    var order: Int?

    init(_ c: ClockStatus, _ session: Session) {
        clock = c.kind.rawValue
        title = c.kind.title.text(session.language)
        start = "\(c.start)"
        due = "\(c.due)"
        daysLeft = c.daysLeft
        overdue = c.isOverdue
        article = session.citation(c.rule)
        rule = c.rule.rawValue
        provisional = c.provisional
        paused = c.paused
        order = c.order
    }
}

extension Session {
    /// "还剩3天" / "逾期2天" / "3 days left".
    func daysText(_ c: ClockStatus) -> String {
        let n = c.daysLeft
        if language == .zh {
            return n < 0 ? "逾期\(-n)天" : (n == 0 ? "今天到期" : "还剩\(n)天")
        }
        return n < 0 ? "\(-n) days overdue" : (n == 0 ? "due today" : "\(n) days left")
    }

    func asOfDay(_ text: String?, book: CaseBook) throws -> Day {
        // The time is asked first even with --as-of: a production log refuses --now whatever
        // else is given (tester, issue 14: `--as-of X --now X` passed).
        let now = try now(for: book)
        guard let text else { return Day(now) }
        return try day(text, option: "as-of")
    }

    /// A date given to `--option`, or one line naming the option (exit 64).
    func day(_ text: String, option: String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw UsageError("--\(option)「\(text)」不是有效日期（YYYY-MM-DD）", "--\(option) \"\(text)\" is not a date (YYYY-MM-DD)")
        }
        // The days this product records (decision 0029): a period from year 1 is no period of it.
        guard Day.supported.contains(day) else {
            throw UsageError("--\(option) \(text) 超出范围（\(Day.supportedText)）",
                             "--\(option) \(text) is outside \(Day.supportedText)")
        }
        return day
    }

    /// A state given to `--state`, by its code or its Chinese name as the queue shows it.
    func phase(named text: String) throws -> Phase {
        guard let p = Phase(rawValue: text) ?? Phase.allCases.first(where: { $0.title.zh == text }) else {
            throw UsageError("没有「\(text)」这个状态；可选：\(Phase.allCases.map(\.rawValue).joined(separator: ", "))",
                             "No state \"\(text)\"; one of: \(Phase.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return p
    }

    /// The organs `--organ` names: a code, or a name or short name as the pickers match it.
    func organs(named text: String) throws -> Set<OrganCode> {
        let directory = reference.directory
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw UsageError("--organ 不能为空", "--organ is empty")
        }
        let found = directory[text] != nil ? [text] : directory.organs(matching: text)
        guard !found.isEmpty else {
            throw UsageError("--organ「\(text)」不是机关名录中的机关（xinfang organs 查看代码和名称）",
                             "--organ \"\(text)\" is no organ of the directory (see xinfang organs)")
        }
        return Set(found)
    }

    /// The one organ `--option` names, by code, name or short name (`organs(named:)`): a text
    /// naming several is refused naming each by its short name and code, since the command acts
    /// on one organ (a jurisdiction, the organ of an act, the organ supervised).
    func organ(named text: String, option: String = "organ") throws -> OrganCode {
        let found = try organs(named: text)
        guard found.count == 1, let organ = found.first else {
            let names = found.sorted().map { "\(reference.directory.shortName($0, language))（\($0)）" }.joined(separator: "、")
            throw UsageError("--\(option)「\(text)」指向多个机关：\(names)；请写代码或全称",
                             "--\(option) \"\(text)\" names several organs: \(names); give the code or full name")
        }
        return organ
    }
}
