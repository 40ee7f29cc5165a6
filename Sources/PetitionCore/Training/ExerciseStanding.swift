/// Where a trainee stands on one exercise, over every run of it: the one computation the
/// console's exercise list, `xinfang training status` and `xinfang training report` all
/// show, so that they cannot disagree (decision 0029).
///
/// - status: under way (the latest run is not complete: the step it is at), else the best
///   completed run passed or not, else not started;
/// - the figures (steps right first time, mistakes, hints) are of the run the status
///   describes: the latest while it is under way, else the best completed one — most steps
///   right first time, then fewest mistakes, then the latest;
/// - mistakes by rule are counted over every run;
/// - time: minutes from that run's start note to the move that completed it, by the times
///   the records were written (the wall clock: the simulated clock is the trainee's to move).
package struct ExerciseStanding: Sendable, Equatable {
    package enum Status: Sendable, Equatable {
        case notStarted
        /// The latest run is at this step (from 0).
        case underWay(step: Int)
        /// The best completed run, passed or not.
        case complete(passed: Bool)
    }

    package var exercise: String
    package var steps: Int
    package var runs: Int
    package var status: Status
    /// Whether any run passed (a later run under way does not take it away).
    package var passed: Bool
    /// The run the figures are of, and its judgement.
    package var run: ExerciseRun?
    package var result: ExerciseResult?
    /// Mistakes by the rule they broke, over every run (nil: a refusal no article forbids).
    package var mistakes: [RuleID?: Int]
    package var minutes: Int?

    /// The records whose written times the standing's time needs: each run's start note and
    /// the move that completed it.
    package static func timedRecords(_ exercise: Exercise, _ runs: [ExerciseRun]) -> [Int] {
        runs.filter { $0.start.exercise == exercise.id }.flatMap { run -> [Int] in
            let result = ExerciseEngine.evaluate(exercise, run)
            return result.complete ? [run.startSeq] + (result.feedback.last.map { [$0.seq] } ?? []) : []
        }
    }

    /// The standing from the trainee's runs (of every exercise: those of this one are picked
    /// out) and the written times of the records `timedRecords` names (empty: no time).
    package init(_ exercise: Exercise, runs all: [ExerciseRun], written: [Int: Instant] = [:]) {
        let runs = all.filter { $0.start.exercise == exercise.id }
        let results = runs.map { ExerciseEngine.evaluate(exercise, $0) }
        self.exercise = exercise.id
        steps = exercise.steps.count
        self.runs = runs.count
        mistakes = results.reduce(into: [:]) { $0.merge($1.mistakes, uniquingKeysWith: +) }
        passed = results.contains { $0.passed }
        let best = results.indices.filter { results[$0].complete }.max { a, b in
            let (x, y) = (results[a], results[b])
            return (x.passed ? 1 : 0, x.rightFirstTime, -x.mistakeCount, a) < (y.passed ? 1 : 0, y.rightFirstTime, -y.mistakeCount, b)
        }
        let shown: Int?
        if let last = results.indices.last, let step = results[last].current {
            status = .underWay(step: step)
            shown = last
        } else if let best {
            status = .complete(passed: results[best].passed)
            shown = best
        } else {
            status = .notStarted
            shown = nil
        }
        run = shown.map { runs[$0] }
        result = shown.map { results[$0] }
        minutes = nil
        if let run, let result, result.complete, let end = result.feedback.last.flatMap({ written[$0.seq] }),
           let start = written[run.startSeq] {
            minutes = Int(max(0, (end.millisecondsSince1970 - start.millisecondsSince1970) / 60_000))
        }
    }

    /// 通过 / 完成未通过 / 进行中 / 未开始: the status in a word (the report's column).
    package func statusWord(_ language: Language) -> String {
        let zh = language == .zh
        switch status {
        case .notStarted: return zh ? "未开始" : "not started"
        case .underWay: return zh ? "进行中" : "under way"
        case .complete(let passed): return passed ? (zh ? "通过" : "passed") : (zh ? "完成未通过" : "done, not passed")
        }
    }

    /// Steps right first time of the run shown, "2/3"; empty when not started.
    package var score: String { result.map { "\($0.rightFirstTime)/\($0.steps)" } ?? "" }

    /// The status with its figure, as the exercise list and `training status` show it:
    /// "通过 1/1", "完成未通过 0/2", "进行中 第2/3步", "未开始".
    package func label(_ language: Language) -> String {
        let zh = language == .zh
        switch status {
        case .notStarted: return statusWord(language)
        case .underWay(let step):
            let again = passed ? (zh ? "（已通过）" : " (passed before)") : ""
            return (zh ? "进行中 第\(step + 1)/\(steps)步" : "under way, step \(step + 1)/\(steps)") + again
        case .complete: return statusWord(language) + " " + score
        }
    }
}
