/// A moment in time, as whole milliseconds since 1970-01-01T00:00:00Z.
///
/// The core never reads a clock: every instant comes in from the caller, which is
/// what makes deadlines testable and the training clock possible.
package struct Instant: Hashable, Comparable, Sendable, Codable {
    package let millisecondsSince1970: Int64

    package init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// The instants of `Day.supported`, in Beijing time: the times this product records.
    package static var supported: ClosedRange<Instant> {
        Day.supported.lowerBound.start...Instant(millisecondsSince1970: Day.supported.upperBound.adding(days: 1).start.millisecondsSince1970 - 1)
    }

    /// Refuses an instant outside `supported`, naming the field (`invalidValue`).
    package static func checkSupported(_ instant: Instant, field: String) throws(Rejection) {
        guard supported.contains(instant) else {
            throw Rejection(.invalidValue, field: field, ["value": "\(Day(instant))", "expected": Day.supportedText])
        }
    }

    /// China Standard Time has been UTC+8 with no daylight saving since 1991.
    static let beijingOffsetMilliseconds: Int64 = 8 * 3_600_000

    /// Parses `YYYY-MM-DD` (start of that day in Beijing), `YYYY-MM-DDTHH:MM[:SS]`
    /// (Beijing time), or either form of time with a trailing `Z` or `+HH:MM` offset.
    package init?(iso text: String) {
        if let day = Day(iso: text) {
            self = day.start
            return
        }
        guard let t = text.firstIndex(where: { $0 == "T" || $0 == " " }),
              let day = Day(iso: text[..<t]) else { return nil }
        var rest = Substring(text[text.index(after: t)...])
        var offsetMinutes = 8 * 60
        if rest.hasSuffix("Z") {
            offsetMinutes = 0
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let off = rest[rest.index(after: sign)...].split(separator: ":")
            guard off.count == 2, let h = Int(off[0]), let m = Int(off[1]), h < 24, m < 60 else { return nil }
            offsetMinutes = (h * 60 + m) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        }
        let hms = rest.split(separator: ":")
        guard hms.count == 2 || hms.count == 3,
              let h = Int(hms[0]), let m = Int(hms[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            return nil
        }
        var s = 0
        if hms.count == 3 {
            guard let sec = Double(hms[2]), sec >= 0, sec < 61 else { return nil }
            s = Int(sec)
        }
        let utcDayStart = Int64(day.ordinal) * 86_400_000
        let local = Int64(h * 3600 + m * 60 + s) * 1000
        self.init(millisecondsSince1970: utcDayStart + local - Int64(offsetMinutes) * 60_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS+08:00`, in Beijing time.
    package var beijingDescription: String {
        let day = Day(self)
        let ms = millisecondsSince1970 + Instant.beijingOffsetMilliseconds - Int64(day.ordinal) * 86_400_000
        let secs = Int(ms / 1000)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))+08:00"
    }

    /// Encoded as the bare integer of milliseconds.
    package init(from decoder: any Decoder) throws {
        millisecondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(millisecondsSince1970)
    }

    package static func < (a: Instant, b: Instant) -> Bool {
        a.millisecondsSince1970 < b.millisecondsSince1970
    }
}
