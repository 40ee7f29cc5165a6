import PetitionCore

/// A training log's clock and its record of refused attempts (docs/decisions/0026-training.md).
extension CaseBook {
    /// The latest clock record: the simulated time of a training log from then on; nil on
    /// a training log whose clock was never moved, and always on a production log.
    package var clock: ClockMove? {
        guard mode == .training else { return nil }
        return log.clock ?? clockBeforeSnapshot
    }

    /// The time commands on this log are decided at: the latest clock record, else `given`
    /// (the system clock, or `--now`).
    package func now(given: Instant) -> Instant {
        clock?.to ?? given
    }

    /// Moves the simulated clock forward to `to`, under the log's lock: decided against
    /// the latest clock record (another console may have moved it meanwhile), else
    /// against `given`. Refused on a production log and when it does not go forward;
    /// nothing is written then.
    @discardableResult
    package func moveClock(to: Instant, by user: String, given: Instant) throws -> ClockMove {
        let move = ClockMove(to: to, by: user)
        let training = mode == .training
        _ = try log.transact { new in
            try self.fold(new)
            try TrainingClock.decide(move, current: self.clock?.to ?? given, training: training)
            return [.clock(move)]
        }
        return move
    }

    /// Every training note of the log, in log order, with its record's sequence number.
    package var trainingNotes: [NumberedNote] { notesBeforeSnapshot + log.trainingNotes }

    /// Records a training note (a refused attempt, a hint shown); does nothing on a
    /// production log (a refusal writes nothing there) and returns false.
    @discardableResult
    package func record(_ note: TrainingNote) throws -> Bool {
        guard mode == .training else { return false }
        _ = try log.transact { new in
            try self.fold(new)
            return [.training(note)]
        }
        return true
    }
}
