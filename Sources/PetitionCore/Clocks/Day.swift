/// A calendar date in China Standard Time (UTC+8), with no time of day.
///
/// Every date the regulation speaks of is a date in Beijing time, whatever the
/// machine's time zone: an event at 01:00 Beijing time on the 5th belongs to the 5th.
/// Dates are stored as a count of days since 1970-01-01 so that adding days and
/// comparing dates are integer operations.
package struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01, held in 32 bits: a case holds a score of dates (and a queue row,
    /// an assignment, a review stage theirs), so 4 bytes a date instead of 8 — and an optional
    /// date 8 instead of 16 — is a tenth of each case's memory (docs/performance.md, issue 13).
    /// ±5.8 million years; anything farther is held at the bound (and refused as outside
    /// `supported` wherever a day enters).
    private let days: Int32

    /// Days since 1970-01-01.
    package var ordinal: Int { Int(days) }

    package init(ordinal: Int) { days = Int32(clamping: ordinal) }

    /// The days this product records: 2000-01-01 … 2099-12-31 (decision 0029, addendum).
    /// Every time that enters — the training clock, `--now`, a dated field — is refused
    /// outside it, naming the field, before anything is written: the log's binary codec
    /// holds days only between 1870 and 2169, and the deadlines, windows and terms a case
    /// computes run years past the day it is dated, so a wider range would write records
    /// that cannot be read back. The regulation is in force from 2022-05-01; 2000 leaves
    /// room for entering older files.
    package static let supported = Day(ordinal: 10_957)...Day(ordinal: 47_481)
    /// The range as refusals show it.
    package static let supportedText = "2000-01-01…2099-12-31"

    /// The date with this year, month (1–12) and day (1–31); nil when the date does not exist.
    package init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else {
            return nil
        }
        self.init(ordinal: Day.ordinalFrom(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    package init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The Beijing-time date of an instant.
    package init(_ instant: Instant) {
        let shifted = instant.millisecondsSince1970 + Instant.beijingOffsetMilliseconds
        self.init(ordinal: Int(clamping: shifted.floorDivided(by: 86_400_000)))
    }

    package var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    package var year: Int { components.year }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    package var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        ((ordinal % 7 + 7) % 7 + 3) % 7 + 1
    }

    package var isWeekend: Bool { weekday >= 6 }

    package func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    package func days(to other: Day) -> Int { other.ordinal - ordinal }

    /// The first instant of this day in Beijing time.
    package var start: Instant {
        Instant(millisecondsSince1970: Int64(ordinal) * 86_400_000 - Instant.beijingOffsetMilliseconds)
    }

    package var description: String {
        let (y, m, d) = components
        // The year in at least four digits (0001-01-01, never 1-01-01), as `init?(iso:)` reads it.
        let year = y < 0 ? "\(y)" : String(repeating: "0", count: max(0, 4 - "\(y)".count)) + "\(y)"
        return "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    package static func < (a: Day, b: Day) -> Bool { a.days < b.days }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = day
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func ordinalFrom(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
