/// A training log's simulated clock moved forward: a record of no case (docs/decisions/0026-training.md).
///
/// The time a training log's console and subcommands use is the latest move's `to`, so
/// the simulated time survives a restart and every later record carries it. A
/// production log never takes one: `TrainingClock.decide` refuses it, and the store
/// asks it before anything is written.
package struct ClockMove: Codable, Sendable, Equatable {
    /// The simulated time from this record on.
    package var to: Instant
    /// The account that moved it.
    package var by: String

    package init(to: Instant, by: String) {
        self.to = to
        self.by = by
    }
}

/// The clock a trainee moves: forward only, on a training log only.
package enum TrainingClock {
    /// Where the trainee asks the clock to go.
    package enum Step: Equatable, Sendable {
        /// One day later, the same time of day.
        case day
        /// Seven days later.
        case week
        /// To the soonest running deadline after today (that day, the same time of day):
        /// one more day and it has lapsed.
        case nextDeadline
        /// To this day, the same time of day.
        case date(Day)
    }

    /// Refuses a move on a production log (`clock-training-only`) or one that does not
    /// go forward (`clock-not-forward`, practice: a step is never dated before the last), or
    /// one outside the times this product records (`invalid-value`, `Day.supported`).
    package static func decide(_ move: ClockMove, current: Instant, training: Bool) throws(Rejection) {
        guard training else { throw Rejection(.clockTrainingOnly) }
        // Only to a time the log can hold (Day.supported): a clock at 9999 wrote records
        // that read back as damaged.
        try Instant.checkSupported(move.to, field: "clock")
        guard move.to > current else {
            throw Rejection(.clockNotForward, field: "to", ["now": "\(Day(current))", "to": "\(Day(move.to))"])
        }
    }

    /// The time a step leads to from `now`; nil when there is no running deadline after
    /// today. `nextDeadline` is asked only for that step (`nextDeadline(after:in:…)`).
    package static func target(_ step: Step, from now: Instant, nextDeadline: @autoclosure () -> Day?) -> Instant? {
        let day = 86_400_000 as Int64
        let timeOfDay = now.millisecondsSince1970 - Day(now).start.millisecondsSince1970
        func at(_ d: Day) -> Instant { Instant(millisecondsSince1970: d.start.millisecondsSince1970 + timeOfDay) }
        switch step {
        case .day: return Instant(millisecondsSince1970: now.millisecondsSince1970 + day)
        case .week: return Instant(millisecondsSince1970: now.millisecondsSince1970 + 7 * day)
        case .date(let d): return at(d)
        case .nextDeadline: return nextDeadline().map(at)
        }
    }

    /// The soonest due day after `today` among every running duty clock of the cases —
    /// not only each case's soonest clock, which may be overdue and hide a later one;
    /// paused clocks wait, and the petitioner's own windows are not duties.
    package static func nextDeadline(after today: Day, in states: [CaseState], calendar: HolidayCalendar,
                                     directory: Directory) -> Day? {
        var soonest: Day?
        for state in states {
            for clock in state.clocks(asOf: today, calendar: calendar, directory: directory)
            where !clock.paused && !clock.kind.isPetitionerWindow && clock.due > today && soonest.map({ clock.due < $0 }) ?? true {
                soonest = clock.due
            }
        }
        return soonest
    }
}
