import PetitionCore

/// A statistics period as a person types it at the statistics screen's prompt (`d`), read
/// as `xinfang stats --from --to` takes it: a year `2025`, a month `2025-03` (or `2025年3月`),
/// a first day `2025-03-01` (to the console's day), or two of these with `至`, `到`, `-`, `~`
/// or a space between (`2025-01-01 至 2025-03-31`: the first's first day to the second's
/// last). Full-width digits and punctuation are read as their ASCII forms. Every day must be
/// one the product records (`Day.supported`, decision 0029), as `stats` requires.
package enum StatisticsPeriod {
    /// The longest entry, in display columns: two dates and a separator with room to spare,
    /// and the prompt still fits 80 columns.
    package static let maxWidth = 40

    /// What is wrong with a period typed.
    package enum Problem: Error, Equatable {
        case notADate, outOfRange, fromAfterTo(Day, Day)

        /// One line that fits 80 columns with the prompt's leading space (the typed text is
        /// shortened when it would not).
        package func message(_ typed: String, _ language: Language) -> String {
            let zh = language == .zh
            let shown = DisplayWidth.truncate(typed, to: 16)
            switch self {
            case .notADate:
                return zh ? "统计期间「\(shown)」无效（例：2025、2025-03、2025-01-01 至 2025-03-31）"
                          : "Period \"\(shown)\" is not one (e.g. 2025, 2025-03, 2025-01-01 to 2025-03-31)"
            case .outOfRange:
                return zh ? "统计期间「\(shown)」超出范围（\(Day.supportedText)）"
                          : "Period \"\(shown)\" is outside \(Day.supportedText)"
            case .fromAfterTo(let from, let to):
                return zh ? "统计期间有误：开始日期\(from)晚于结束日期\(to)" : "Period: \(from) is after \(to)"
            }
        }
    }

    /// Full-width digits, hyphen, tilde, slash and space as their ASCII forms.
    package static func normalised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            switch s.value {
            case 0xFF01...0xFF5E: Unicode.Scalar(s.value - 0xFEE0) ?? s
            case 0x3000: " "
            case 0x2010...0x2015, 0x2212: "-"  // hyphens and dashes
            case 0x301C: "~"  // 〜
            default: s
            }
        }))
    }

    /// A year, a month or a day, as typed.
    private struct Point {
        var year: Int
        var month: Int?
        var day: Int?

        /// Its first and last days; nil when no such date exists.
        var range: (Day, Day)? {
            switch (month, day) {
            case (nil, _):
                guard let first = Day(year: year, month: 1, day: 1), let last = Day(year: year, month: 12, day: 31)
                else { return nil }
                return (first, last)
            case (let m?, nil):
                guard let first = Day(year: year, month: m, day: 1) else { return nil }
                let next = m == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: m + 1, day: 1)
                return next.map { (first, $0.adding(days: -1)) }
            case (let m?, let d?):
                return Day(year: year, month: m, day: d).map { ($0, $0) }
            }
        }
    }

    /// The period a typed text means, both days included.
    package static func parse(_ typed: String, today: Day) -> Result<(Day, Day), Problem> {
        let chars = Array(normalised(typed))
        var i = 0
        func digits() -> String {
            var run = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { run.append(chars[i]); i += 1 }
            return run
        }
        /// The length of the run of digits at `at`.
        func run(at: Int) -> Int {
            var n = 0
            while at + n < chars.count, chars[at + n].isASCII, chars[at + n].isNumber { n += 1 }
            return n
        }
        func skipSpaces() -> Bool {
            let start = i
            while i < chars.count, chars[i] == " " { i += 1 }
            return i > start
        }
        func point() -> Point? {
            let y = digits()
            guard y.count == 4, let year = Int(y) else { return nil }
            var p = Point(year: year)
            if i < chars.count, chars[i] == "年" {
                i += 1
                let n = run(at: i)
                guard (1...2).contains(n), i + n < chars.count, chars[i + n] == "月" else { return p }
                p.month = Int(digits())
                i += 1
                let d = run(at: i)
                guard (1...2).contains(d) else { return p }
                p.day = Int(digits())
                if i < chars.count, chars[i] == "日" { i += 1 }
                return p
            }
            // `-`, `/` or `.` then one or two digits: a month, then a day (a longer run is the
            // next date, the `-` between them).
            for component in 0..<2 {
                guard i + 1 < chars.count, "-/.".contains(chars[i]), (1...2).contains(run(at: i + 1)) else { break }
                i += 1
                if component == 0 { p.month = Int(digits()) } else { p.day = Int(digits()) }
            }
            return p
        }
        _ = skipSpaces()
        guard let first = point() else { return .failure(.notADate) }
        let spaced = skipSpaces()
        var second: Point?
        if i < chars.count {
            if "至到~-".contains(chars[i]) {
                i += 1
                _ = skipSpaces()
            } else if !spaced {
                return .failure(.notADate)
            }
            guard let p = point() else { return .failure(.notADate) }
            _ = skipSpaces()
            guard i == chars.count else { return .failure(.notADate) }
            second = p
        }
        guard let start = first.range else { return .failure(.notADate) }
        let from = start.0, to: Day
        if let second {
            guard let end = second.range else { return .failure(.notADate) }
            to = end.1
        } else {
            to = first.day == nil ? start.1 : today
        }
        guard Day.supported.contains(from), Day.supported.contains(to) else { return .failure(.outOfRange) }
        guard from <= to else { return .failure(.fromAfterTo(from, to)) }
        return .success((from, to))
    }
}
