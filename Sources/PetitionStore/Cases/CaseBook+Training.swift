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

extension CaseBook {
    /// Every run of an exercise by `user`, in the order started: from each start note to
    /// the next, their events on the exercise's seeded cases and on the cases they
    /// registered, and their training notes (decision 0026).
    package func exerciseRuns(of user: String) -> [ExerciseRun] {
        let notes = trainingNotes.filter { $0.note.by == user }
        let starts: [(seq: Int, start: ExerciseStart)] = notes.compactMap {
            if case .exerciseStarted(let start) = $0.note { return ($0.seq, start) }
            return nil
        }
        guard !starts.isEmpty else { return [] }
        // Cases the user registered after the first start, by the record that registered them —
        // not a later start's seed, written before its start note (in the run before's range).
        let seeded = Set(starts.flatMap(\.start.cases))
        let registered: [(seq: Int, number: CaseNumber)] = states.compactMap { state in
            guard let first = state.steps.first, first.seq > starts[0].seq, first.actor.user == user,
                  !seeded.contains(state.number) else { return nil }
            return (first.seq, state.number)
        }
        return starts.enumerated().map { i, started in
            let end = i + 1 < starts.count ? starts[i + 1].seq : Int.max
            let range = (started.seq + 1)..<end
            let cases = started.start.cases + registered.filter { range.contains($0.seq) }.map(\.number)
            let events = cases.flatMap { (try? history(of: $0)) ?? [] }
                .filter { range.contains($0.seq) && $0.actor.user == user }
                .sorted { $0.seq < $1.seq }
            return ExerciseRun(start: started.start, startSeq: started.seq, events: events,
                               notes: notes.filter { range.contains($0.seq) })
        }
    }
}

extension CaseBook {
    /// Where `user` stands on each exercise (decision 0029): the one standing the console,
    /// `training status` and `training report` show, with the time each completed run took
    /// read from its records' frames.
    package func standings(of user: String, in exercises: [Exercise]) -> [ExerciseStanding] {
        let runs = exerciseRuns(of: user)
        let written = log.writtenAt(records: exercises.flatMap { ExerciseStanding.timedRecords($0, runs) })
        return exercises.map { ExerciseStanding($0, runs: runs, written: written) }
    }
}
