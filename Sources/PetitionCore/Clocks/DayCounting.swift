/// A day that a count passed over, with why it was not a working day.
package struct SkippedDay: Equatable, Sendable, Codable {
    package var day: Day
    /// The holiday's name, or "周末"/"weekend".
    package var reason: String
    package var reasonEn: String
}

/// A computed due date.
package struct DueDate: Equatable, Sendable {
    package var due: Day
    /// True when a day the count depended on lies in a year without a loaded notice.
    package var provisional: Bool
    /// Non-working days the count skipped (working-day counts) or rolled past (calendar-day counts).
    package var skipped: [SkippedDay]
}

/// Day counting as in the Civil Code (Arts 201, 203) and administrative practice.
extension HolidayCalendar {
    /// N calendar days from `start`: the start day is not counted; a last day on a
    /// weekend or holiday moves to the next working day (make-up working days count
    /// as working days); holidays inside the period are not deducted.
    package func adding(calendarDays n: Int, to start: Day) -> DueDate {
        var due = start.adding(days: n)
        var provisional = isProvisional(due)
        var skipped: [SkippedDay] = []
        while !isWorkingDay(due) {
            skipped.append(skippedDay(due))
            due = due.adding(days: 1)
            provisional = provisional || isProvisional(due)
        }
        return DueDate(due: due, provisional: provisional, skipped: skipped)
    }

    /// N working days from `start`: weekends and holidays are skipped, make-up
    /// working days count, and the start day is not counted.
    package func adding(workingDays n: Int, to start: Day) -> DueDate {
        precondition(n >= 0, "a working-day count cannot be negative")
        var d = start
        var counted = 0
        var provisional = false
        var skipped: [SkippedDay] = []
        while counted < n {
            d = d.adding(days: 1)
            provisional = provisional || isProvisional(d)
            if isWorkingDay(d) { counted += 1 } else { skipped.append(skippedDay(d)) }
        }
        return DueDate(due: d, provisional: provisional, skipped: skipped)
    }

    /// The holidays strictly between two days: inside a calendar-day period they are
    /// not deducted, only shown to the clerk.
    package func holidays(after start: Day, before end: Day) -> [SkippedDay] {
        var result: [SkippedDay] = []
        var d = start.adding(days: 1)
        while d < end {
            if case .holiday = kind(of: d) { result.append(skippedDay(d)) }
            d = d.adding(days: 1)
        }
        return result
    }

    private func skippedDay(_ d: Day) -> SkippedDay {
        switch kind(of: d) {
        case .holiday(let zh, let en): SkippedDay(day: d, reason: zh, reasonEn: en)
        default: SkippedDay(day: d, reason: "周末", reasonEn: "weekend")
        }
    }
}
