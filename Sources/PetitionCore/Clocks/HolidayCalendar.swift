import Foundation

/// Which days are working days, from the loaded holiday notices and, for years
/// without a notice, a provisional calendar.
///
/// REGULATION.md, "Deadlines and day counting": a year whose notice is not loaded
/// uses weekends plus the statutory holidays of the national holiday rules, and
/// every due date computed from it is marked provisional.
package struct HolidayCalendar: Sendable {
    /// What kind of day a date is.
    package enum Kind: Equatable, Sendable {
        case working
        case makeUpWorkingDay
        case weekend
        case holiday(name: String, nameEn: String)
    }

    private var offDays: [Day: (String, String)] = [:]
    private var makeUpDays: Set<Day> = []
    /// Per-day flags from 2020-01-01 on, so that counting days is array indexing:
    /// bit 0 working day, bit 1 provisional.
    private var table: [UInt8] = []
    private var tableStart = 0
    /// Years whose notice is loaded.
    package private(set) var loadedYears: Set<Int> = []
    package private(set) var notices: [HolidayNotice] = []

    /// A calendar from the given notices; years from 2020 to ten years past the
    /// last notice that have none get the provisional statutory holidays.
    package init(notices: [HolidayNotice]) {
        self.notices = notices.sorted { $0.year < $1.year }
        for notice in notices {
            loadedYears.insert(notice.year)
            for period in notice.holidays {
                var d = period.from
                while d <= period.to {
                    offDays[d] = (period.name, period.nameEn)
                    d = d.adding(days: 1)
                }
            }
            makeUpDays.formUnion(notice.workdays)
        }
        let last = loadedYears.max() ?? 2025
        // The Chinese and Gregorian calendars are made once for every year (each costs an
        // ICU calendar opened; every command loads this calendar, decision 0021).
        let calendars = ProvisionalHolidays.calendars()
        for year in 2020...(last + 10) where !loadedYears.contains(year) {
            for (day, names) in ProvisionalHolidays.statutory(year: year, calendars) where offDays[day] == nil {
                offDays[day] = names
            }
        }
        let first = Day(ordinal: Day.ordinalFrom(year: 2020, month: 1, day: 1))
        let end = Day(ordinal: Day.ordinalFrom(year: last + 11, month: 1, day: 1))
        tableStart = first.ordinal
        table = (first.ordinal..<end.ordinal).map { ordinal in
            let day = Day(ordinal: ordinal)
            let working: UInt8 = computeIsWorkingDay(day) ? 1 : 0
            let provisional: UInt8 = loadedYears.contains(day.year) ? 0 : 2
            return working | provisional
        }
    }

    /// Decodes one notice file's bytes.
    package static func notice(from json: Data) throws -> HolidayNotice {
        try JSONDecoder().decode(HolidayNotice.self, from: json)
    }

    package func kind(of day: Day) -> Kind {
        if let (zh, en) = offDays[day] { return .holiday(name: zh, nameEn: en) }
        if makeUpDays.contains(day) { return .makeUpWorkingDay }
        return day.isWeekend ? .weekend : .working
    }

    package func isWorkingDay(_ day: Day) -> Bool {
        let i = day.ordinal - tableStart
        if i >= 0, i < table.count { return table[i] & 1 != 0 }
        return computeIsWorkingDay(day)
    }

    private func computeIsWorkingDay(_ day: Day) -> Bool {
        switch kind(of: day) {
        case .working, .makeUpWorkingDay: true
        case .weekend, .holiday: false
        }
    }

    /// True when the day's year has no loaded notice, so its status is provisional.
    package func isProvisional(_ day: Day) -> Bool {
        let i = day.ordinal - tableStart
        if i >= 0, i < table.count { return table[i] & 2 != 0 }
        return !loadedYears.contains(day.year)
    }
}

/// The statutory holidays of the national holiday rules (全国年节及纪念日放假办法,
/// as revised with effect from 2025), for years whose notice is not out yet.
package enum ProvisionalHolidays {
    static func statutory(year: Int, _ calendars: (Calendar, Calendar)?) -> [(Day, (String, String))] {
        var days: [(Day, (String, String))] = []
        func add(_ d: Day?, _ zh: String, _ en: String) { if let d { days.append((d, (zh, en))) } }
        add(Day(year: year, month: 1, day: 1), "元旦", "New Year's Day")
        if let newYear = lunar(year: year, month: 1, day: 1, calendars) {
            for offset in -1...2 { add(newYear.adding(days: offset), "春节", "Spring Festival") }
        }
        add(qingming(year: year), "清明节", "Qingming")
        add(Day(year: year, month: 5, day: 1), "劳动节", "Labour Day")
        add(Day(year: year, month: 5, day: 2), "劳动节", "Labour Day")
        add(lunar(year: year, month: 5, day: 5, calendars), "端午节", "Dragon Boat Festival")
        add(lunar(year: year, month: 8, day: 15, calendars), "中秋节", "Mid-Autumn Festival")
        for d in 1...3 { add(Day(year: year, month: 10, day: d), "国庆节", "National Day") }
        return days
    }

    /// The Qingming solar term: April 4 or 5 in this century ([Y·0.2422 + 4.81] − [Y/4]).
    static func qingming(year: Int) -> Day? {
        let y = year % 100
        let day = Int(Double(y) * 0.2422 + 4.81) - y / 4
        return Day(year: year, month: 4, day: day)
    }

    /// The Gregorian date of a lunar month and day (not a leap month) in the lunar
    /// year that begins in this Gregorian year, from Foundation's Chinese calendar: the
    /// first day of the window in which the date can fall that has it. Found by jumping
    /// from the lunar date of the day looked at (a few conversions, not one a day: every
    /// command loads the calendar, decision 0021), then checked against the window; the
    /// day-by-day search (`lunarByScan`) if the jumps do not land.
    package static func lunar(year: Int, month: Int, day: Int,
                              _ calendars: (Calendar, Calendar)? = calendars()) -> Day? {
        guard let (chinese, gregorian) = calendars, let (m0, d0) = windows[month],
              let start = Day(year: year, month: m0, day: d0) else { return nil }
        var offset = 0
        for _ in 0..<8 {
            guard (0..<45).contains(offset), let c = lunarDate(start.adding(days: offset), chinese, gregorian) else { break }
            if c.month == month, c.day == day, !c.leap {
                // The first such day of the window: none before it (a lunar date recurs a year later).
                return start.adding(days: offset)
            }
            // Days to go: within the month, or to the next month's day (months of 29 or 30 days).
            offset += c.month == month && !c.leap ? day - c.day : max(1, 30 - c.day + day)
        }
        return lunarByScan(year: year, month: month, day: day, calendars)
    }

    /// The same date, looking at each day of the window in turn.
    package static func lunarByScan(year: Int, month: Int, day: Int,
                                    _ calendars: (Calendar, Calendar)? = calendars()) -> Day? {
        guard let (chinese, gregorian) = calendars, let (m0, d0) = windows[month],
              let start = Day(year: year, month: m0, day: d0) else { return nil }
        for offset in 0..<45 {
            let candidate = start.adding(days: offset)
            if let c = lunarDate(candidate, chinese, gregorian), c.month == month, c.day == day, !c.leap { return candidate }
        }
        return nil
    }

    /// Where the date can fall, by lunar month: the first Gregorian day searched.
    static let windows: [Int: (Int, Int)] = [1: (1, 20), 5: (5, 20), 8: (9, 1)]

    static func calendars() -> (Calendar, Calendar)? {
        var chinese = Calendar(identifier: .chinese)
        var gregorian = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: 8 * 3600) else { return nil }
        chinese.timeZone = zone
        gregorian.timeZone = zone
        return (chinese, gregorian)
    }

    static func lunarDate(_ day: Day, _ chinese: Calendar, _ gregorian: Calendar) -> (month: Int, day: Int, leap: Bool)? {
        let (y, m, d) = day.components
        guard let date = gregorian.date(from: DateComponents(year: y, month: m, day: d, hour: 12)) else { return nil }
        let c = chinese.dateComponents([.month, .day, .isLeapMonth], from: date)
        guard let month = c.month, let dayOfMonth = c.day else { return nil }
        return (month, dayOfMonth, c.isLeapMonth == true)
    }
}
