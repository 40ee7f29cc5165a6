import PetitionCore

/// The exercises of a training log (decision 0026): `e` lists them, Enter starts one (its
/// seed is written) or returns to it, Enter on an exercise opens its step's case, `i`
/// shows the step's hint (and notes it). After each save the step's feedback is shown.
extension Update {
    /// A key training took, and the write it asks for, if any.
    struct Handled {
        var effect: Effect?
    }

    /// The keys of training: `e` and `i` anywhere, Enter on the exercise screens. Nil when
    /// the key is not one of them (the ordinary keys then apply).
    static func trainingKey(_ key: Key, _ state: inout AppState, _ data: ConsoleData) -> Handled? {
        let intent = KeyMap.intent(for: key)
        let zh = state.language == .zh
        switch (intent, state.screen) {
        case (.exercises?, _):
            guard data.training else {
                state.flash = Flash(text: zh ? "练习只在培训日志中提供" : "Exercises are on training logs only", style: .overdue)
                return Handled(effect: nil)
            }
            if state.screen != .exercises { go(.exercises, &state) }
            return Handled(effect: nil)
        case (.hint?, _):
            return Handled(effect: showHint(&state, data))
        case (.open?, .exercises):
            guard data.exercises.indices.contains(state.exerciseSelected) else { return Handled(effect: nil) }
            let exercise = data.exercises[state.exerciseSelected]
            // The exercise under way is returned to; any other starts afresh (its seed is written).
            if let run = data.activeRun, run.start.exercise == exercise.id {
                go(.exercise(exercise.id), &state)
                return Handled(effect: nil)
            }
            return Handled(effect: .startExercise(exercise.id))
        case (_, .exercise(let id)) where key == .character("x"):
            // Start again (decision 0029's addendum): a fresh situation, the run under way left
            // as it is — the way out of a run whose case was sent away and cannot be finished.
            return Handled(effect: .startExercise(id))
        case (_, .exercises) where key == .character("x"):
            guard data.exercises.indices.contains(state.exerciseSelected) else { return Handled(effect: nil) }
            return Handled(effect: .startExercise(data.exercises[state.exerciseSelected].id))
        case (.open?, .exercise(let id)):
            guard let run = data.activeRun, run.start.exercise == id, let exercise = data.exercise(id),
                  let s = data.latestRuns[id]?.result.current else { return Handled(effect: nil) }
            let target = exercise.steps[s].expect.compactMap(\.case).first
            if target == "new" || target == nil && exercise.steps[s].expect.contains(where: { $0.event == "registered" }) {
                // A registration: the register form, as `r` opens it.
                browseKey(.character("r"), &state, data, pageSize: 10)
            } else if let number = CaseNumber(ExerciseEngine.resolve(target ?? "$1", run)) {
                state.detailScroll = 0
                go(.detail(number), &state)
            }
            return Handled(effect: nil)
        default:
            return nil
        }
    }

    /// The hint of the step the trainee is at, on the message line; noted in the log.
    static func showHint(_ state: inout AppState, _ data: ConsoleData) -> Effect? {
        let zh = state.language == .zh
        guard let run = data.activeRun, let exercise = data.exercise(run.start.exercise),
              let s = data.latestRuns[exercise.id]?.result.current else {
            state.flash = Flash(text: zh ? "没有进行中的练习：按 e 选一个" : "No exercise under way: e lists them", style: .hint)
            return nil
        }
        state.flash = Flash(text: (zh ? "提示：" : "Hint: ") + exercise.steps[s].hint.text(state.language), style: .hint)
        return .recordNote(.hintShown(HintShown(exercise: exercise.id, step: s, by: data.actor.user, at: data.now)))
    }

    /// After a save, the feedback on the trainee's latest move in the exercise under way:
    /// right or wrong, the article, one sentence why. `before`: how many judgements the run
    /// had before the save.
    package static func exerciseFeedback(_ state: inout AppState, data: ConsoleData, before: (exercise: String, count: Int)?) {
        guard let run = data.runs.last, let exercise = data.exercise(run.start.exercise),
              let result = data.latestRuns[exercise.id]?.result else { return }
        let earlier = before?.exercise == exercise.id ? before?.count ?? 0 : 0
        guard result.feedback.count > earlier, let last = result.feedback.last else { return }
        state.flash = Flash(text: feedbackLine(last, result, exercise, data, state.language), style: last.right ? .title : .overdue)
    }

    /// "✓ 第1步：… （第36条第3款）" — the judgement, the article, and, when the exercise is
    /// complete, the score.
    static func feedbackLine(_ f: Feedback, _ result: ExerciseResult, _ exercise: Exercise, _ data: ConsoleData,
                             _ language: Language) -> String {
        let zh = language == .zh
        // The article first, so that a line cut at the screen's edge still names it.
        let article = f.rule.map { (zh ? "（" : " (") + data.articles.short($0, language) + (zh ? "）" : ")") } ?? ""
        let done = result.complete && f.right
            ? (zh ? "练习完成，一次做对\(result.rightFirstTime)/\(result.steps)。" : "Done, \(result.rightFirstTime)/\(result.steps) right first time. ")
            : ""
        return (f.right ? "✓ " : "✗ ") + done + (zh ? "第\(f.step + 1)步" : "Step \(f.step + 1)") + article + (zh ? "：" : ": ")
            + f.text.text(language)
    }
}

extension ConsoleData {
    package func exercise(_ id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// The run under way: the latest started, if not yet complete.
    package var activeRun: ExerciseRun? {
        guard let run = runs.last, let judged = latestRuns[run.start.exercise], !judged.result.complete else { return nil }
        return run
    }

    /// How many judgements the latest run holds now (to tell a save's new one).
    package var feedbackMark: (exercise: String, count: Int)? {
        guard let run = runs.last, let judged = latestRuns[run.start.exercise] else { return nil }
        return (run.start.exercise, judged.result.feedback.count)
    }
}
