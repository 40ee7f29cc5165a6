/// What a training log records about the trainee's practice, beside the cases: a record
/// of no case (kind 7, docs/decisions/0026-training.md). Production logs hold none.
package enum TrainingNote: Codable, Sendable, Equatable {
    /// A command the workflow refused, kept so that the mistake can be scored.
    case refused(TrainingAttempt)
    /// An exercise began: its seeded cases were written in the records just before.
    case exerciseStarted(ExerciseStart)
    /// The trainee asked for the hint of an exercise's step.
    case hintShown(HintShown)

    /// The account the note is about.
    package var by: String {
        switch self {
        case .refused(let a): a.by
        case .exerciseStarted(let s): s.by
        case .hintShown(let h): h.by
        }
    }
}

/// An exercise's start: which one, for whom, the cases its seed registered (in order:
/// `$1`, `$2`, … in the exercise's file) and the simulated time it began at.
package struct ExerciseStart: Codable, Sendable, Equatable {
    package var exercise: String
    package var by: String
    package var cases: [CaseNumber]
    package var at: Instant

    package init(exercise: String, by: String, cases: [CaseNumber], at: Instant) {
        self.exercise = exercise
        self.by = by
        self.cases = cases
        self.at = at
    }
}

/// A hint shown for an exercise's step (counted in its score).
package struct HintShown: Codable, Sendable, Equatable {
    package var exercise: String
    package var step: Int
    package var by: String
    package var at: Instant

    package init(exercise: String, step: Int, by: String, at: Instant) {
        self.exercise = exercise
        self.step = step
        self.by = by
        self.at = at
    }
}

/// A note with the sequence number of the record that holds it: its place among the
/// trainee's moves (a case event's `seq` is its record's too).
package struct NumberedNote: Codable, Sendable, Equatable {
    package var seq: Int
    package var note: TrainingNote

    package init(seq: Int, note: TrainingNote) {
        self.seq = seq
        self.note = note
    }
}
