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
    /// go forward (`clock-not-forward`, practice: a step is never dated before the last).
    package static func decide(_ move: ClockMove, current: Instant, training: Bool) throws(Rejection) {
        guard training else { throw Rejection(.clockTrainingOnly) }
        guard move.to > current else {
            throw Rejection(.clockNotForward, field: "to", ["now": "\(Day(current))", "to": "\(Day(move.to))"])
        }
    }

    /// The time a step leads to from `now`; nil when there is no running deadline after
    /// today (`nextDeadline`). `rows` are the queue's rows as of today.
    package static func target(_ step: Step, from now: Instant, rows: [QueueRow]) -> Instant? {
        let day = 86_400_000 as Int64
        let timeOfDay = now.millisecondsSince1970 - Day(now).start.millisecondsSince1970
        func at(_ d: Day) -> Instant { Instant(millisecondsSince1970: d.start.millisecondsSince1970 + timeOfDay) }
        switch step {
        case .day: return Instant(millisecondsSince1970: now.millisecondsSince1970 + day)
        case .week: return Instant(millisecondsSince1970: now.millisecondsSince1970 + 7 * day)
        case .date(let d): return at(d)
        case .nextDeadline: return nextDeadline(after: Day(now), rows: rows).map(at)
        }
    }

    /// The soonest due day after `today` among the cases' running clocks (paused ones wait).
    package static func nextDeadline(after today: Day, rows: [QueueRow]) -> Day? {
        rows.compactMap { row in row.next.flatMap { !$0.paused && $0.due > today ? $0.due : nil } }.min()
    }
}
