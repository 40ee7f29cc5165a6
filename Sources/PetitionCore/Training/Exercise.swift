/// A guided exercise, as data (`data/exercises/*.json`; the format is docs/training.md):
/// a short story, the seed records it starts from, and ordered steps, each with the moves
/// that count as right and the expected wrong moves with the feedback they earn
/// (docs/decisions/0026-training.md).
package struct Exercise: Codable, Sendable, Equatable {
    /// A stable id (the file's name without `.json`), as notes and reports name it.
    package var id: String
    /// The order the exercise list shows it in.
    package var order: Int
    /// The regulation's chapter it practises (3, 4 or 5).
    package var chapter: Int
    package var title: Localized
    package var story: Localized
    /// The day the exercise is set on, for a lesson that needs the real calendar (a holiday,
    /// a window's last day rolled forward): `YYYY-MM-DD`. Its seed's `day`s count from it and
    /// its `date`s are absolute; a start on an earlier simulated day moves the clock to it
    /// first. Nil: the exercise is set on the day it starts.
    package var today: String?
    /// What the exercise writes before the trainee starts: registrations and actions,
    /// each on a day relative to the start (`day` 0 is the day it starts, −31 a month before)
    /// or on an absolute `date`.
    package var seed: [SeedStep]
    package var steps: [Step]

    package init(id: String, order: Int, chapter: Int, title: Localized, story: Localized, today: String? = nil,
                 seed: [SeedStep], steps: [Step]) {
        (self.id, self.order, self.chapter, self.title, self.story, self.today, self.seed, self.steps) =
            (id, order, chapter, title, story, today, seed, steps)
    }

    /// The day `today` names, if it names one.
    package var setOn: Day? { today.flatMap { Day(iso: $0) } }

    /// The day a seed step is on, the exercise starting on `start`: its absolute `date`, or
    /// its `day` counted from the exercise's own `today`, else from `start`.
    package func day(of step: SeedStep, startingOn start: Day) -> Day? {
        if let date = step.date { return Day(iso: date) }
        return step.day.map { (setOn ?? start).adding(days: $0) }
    }

    /// One seed record: a registration (its petition JSON is read by the executable from
    /// the file's `register` object) or an action on a seeded case.
    package struct SeedStep: Codable, Sendable, Equatable {
        /// Days from the exercise's day 0 (one of `day` and `date`).
        package var day: Int?
        /// An absolute day, `YYYY-MM-DD` (one of `day` and `date`).
        package var date: String?
        /// `$1`, `$2`, …: the seeded cases in the order registered. Nil for a registration.
        package var `case`: String?
        /// The action (`ActionKind` raw value); nil for a registration.
        package var action: String?
        /// The action's fields as `xinfang act` takes them; `{day}` in a value is the seed
        /// step's day, `$N` a seeded case's number.
        package var fields: [String: String]?
    }

    /// One step: what the trainee is asked to do, and how their moves are judged.
    package struct Step: Codable, Sendable, Equatable {
        package var task: Localized
        package var hint: Localized
        /// The rule the step practises; its article is named in the feedback.
        package var rule: RuleID
        /// One sentence of why, shown when the step is done right.
        package var why: Localized
        /// The moves that count as right (any one of them).
        package var expect: [Move]
        /// Expected wrong moves, each with its feedback and the rule it breaks.
        package var wrong: [WrongMove]

        package init(task: Localized, hint: Localized, rule: RuleID, why: Localized, expect: [Move], wrong: [WrongMove]) {
            (self.task, self.hint, self.rule, self.why, self.expect, self.wrong) = (task, hint, rule, why, expect, wrong)
        }
    }

    /// A move the log can show: an event of a kind (`EventBody` case name) on a case
    /// (`$N`, `new` for a case the trainee registered, nil for any of the exercise's), with
    /// fields (`where`: paths into the event's fields → values; `$N` is a seeded case's
    /// number, `<=N` and `>=N` compare numbers, a path ending `#` counts a list); or a
    /// refusal (`Rejection` id) of an attempt.
    package struct Move: Codable, Sendable, Equatable {
        package var event: String?
        package var `case`: String?
        package var `where`: [String: String]?
        package var refusal: String?

        package init(event: String? = nil, case number: String? = nil, where fields: [String: String]? = nil, refusal: String? = nil) {
            (self.event, self.case, self.where, self.refusal) = (event, number, fields, refusal)
        }
    }

    /// An expected wrong move and what it earns.
    package struct WrongMove: Codable, Sendable, Equatable {
        package var move: Move
        package var rule: RuleID
        package var feedback: Localized

        package init(move: Move, rule: RuleID, feedback: Localized) {
            (self.move, self.rule, self.feedback) = (move, rule, feedback)
        }
    }
}
