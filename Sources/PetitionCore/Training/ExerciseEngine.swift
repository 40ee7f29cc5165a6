import Foundation

/// What a trainee did in one run of an exercise, as the log holds it: the start note (and
/// its record's number), their case events after it on the exercise's cases and on cases
/// they registered, and their training notes after it — up to the next start.
package struct ExerciseRun: Sendable, Equatable {
    package var start: ExerciseStart
    package var startSeq: Int
    package var events: [CaseEvent]
    package var notes: [NumberedNote]

    package init(start: ExerciseStart, startSeq: Int, events: [CaseEvent], notes: [NumberedNote]) {
        self.start = start
        self.startSeq = startSeq
        self.events = events
        self.notes = notes
    }
}

/// One judgement of a move: right or wrong, for which step, under which rule, and why.
package struct Feedback: Sendable, Equatable {
    package var seq: Int
    package var step: Int
    package var right: Bool
    package var rule: RuleID?
    package var text: Localized

    package init(seq: Int, step: Int, right: Bool, rule: RuleID?, text: Localized) {
        (self.seq, self.step, self.right, self.rule, self.text) = (seq, step, right, rule, text)
    }
}

/// How a run stands: the feedback on each move, in order, the step it is at (nil when
/// every step is done), and its score.
package struct ExerciseResult: Sendable, Equatable {
    package var feedback: [Feedback] = []
    /// The next step to do; nil when the exercise is complete.
    package var current: Int? = 0
    /// Steps done right with no mistake before them.
    package var rightFirstTime = 0
    package var steps = 0
    package var hints = 0
    /// Mistakes by the rule they broke (nil: a refusal no article forbids, such as a missing field).
    package var mistakes: [RuleID?: Int] = [:]

    package var complete: Bool { current == nil }
    package var mistakeCount: Int { mistakes.values.reduce(0, +) }
    /// Passed: complete, with every step right first time or at most one mistake in all.
    package var passed: Bool { complete && mistakeCount <= 1 }
}

/// Checks what a trainee did against an exercise: pure, over the records of a run.
package enum ExerciseEngine {
    package static func evaluate(_ exercise: Exercise, _ run: ExerciseRun) -> ExerciseResult {
        var result = ExerciseResult(steps: exercise.steps.count)
        if exercise.steps.isEmpty { result.current = nil }
        var mistakesInStep = 0
        // The moves in log order: one command's events together (one record), or one note.
        enum Move { case events([CaseEvent]), refused(TrainingAttempt), hint }
        var moves: [(seq: Int, move: Move)] = []
        // What the run is scored on (decision 0029's addendum): moves on the exercise's own
        // cases — and registrations only in an exercise that asks for one — so that free play
        // beside an unfinished run is no mistake of it; hints of this exercise; and no void: a
        // wrong move undone (作废) is one mistake, not two.
        let named = exercise.steps.flatMap { $0.expect + $0.wrong.map(\.move) }
        let takesRegistrations = named.contains { $0.case == "new" || $0.event == "registered" }
        let voidsScored = named.contains { $0.event == "voided" }
        let own = Set(run.start.cases)
        let registered = Set(run.events.map(\.caseNumber)).subtracting(own)
        func scored(_ number: CaseNumber?) -> Bool {
            guard let number else { return takesRegistrations }
            return own.contains(number) || (takesRegistrations && registered.contains(number))
        }
        for event in run.events where scored(event.caseNumber) {
            if case .voided = event.body, !voidsScored { continue }
            if let last = moves.last, last.seq == event.seq, case .events(let earlier) = last.move {
                moves[moves.count - 1].move = .events(earlier + [event])
            } else {
                moves.append((event.seq, .events([event])))
            }
        }
        for numbered in run.notes {
            switch numbered.note {
            case .refused(let attempt):
                if scored(attempt.caseNumber) { moves.append((numbered.seq, .refused(attempt))) }
            case .hintShown(let hint):
                if hint.exercise == exercise.id { moves.append((numbered.seq, .hint)) }
            case .exerciseStarted: break
            }
        }
        moves.sort { $0.seq < $1.seq }
        for (seq, move) in moves {
            guard let s = result.current else { break }
            let step = exercise.steps[s]
            switch move {
            case .hint:
                result.hints += 1
                continue
            case .events(let events):
                if step.expect.contains(where: { expected in events.contains { matches(expected, $0, run) } }) {
                    if mistakesInStep == 0 { result.rightFirstTime += 1 }
                    result.feedback.append(Feedback(seq: seq, step: s, right: true, rule: step.rule, text: step.why))
                    mistakesInStep = 0
                    result.current = s + 1 < exercise.steps.count ? s + 1 : nil
                    continue
                }
                if let wrong = step.wrong.first(where: { w in events.contains { matches(w.move, $0, run) } }) {
                    mistake(&result, &mistakesInStep, seq, s, wrong.rule, wrong.feedback)
                } else {
                    mistake(&result, &mistakesInStep, seq, s, step.rule,
                            Localized("这不是这一步要做的：" + step.task.zh, "Not what this step asks: " + step.task.en))
                }
            case .refused(let attempt):
                if step.expect.contains(where: { matches($0, attempt, run) }) {
                    // The step asks for an attempt the law refuses (a request one day late,
                    // entered as it came): the refusal is the right outcome.
                    if mistakesInStep == 0 { result.rightFirstTime += 1 }
                    result.feedback.append(Feedback(seq: seq, step: s, right: true, rule: step.rule, text: step.why))
                    mistakesInStep = 0
                    result.current = s + 1 < exercise.steps.count ? s + 1 : nil
                    continue
                }
                if let wrong = step.wrong.first(where: { matches($0.move, attempt, run) }) {
                    mistake(&result, &mistakesInStep, seq, s, wrong.rule, wrong.feedback)
                } else if attempt.rule == nil {
                    // A slip of the form (a field left empty, a value mistyped) that no article
                    // forbids and the step does not list: the form says what is wrong; no mistake of law.
                    continue
                } else {
                    mistake(&result, &mistakesInStep, seq, s, attempt.rule,
                            Localized("这样办理不符合该条规定，已被拒绝：按拒绝时显示的说明改正后再试",
                                      "Refused under this article: correct it as the refusal said and try again"))
                }
            }
        }
        return result
    }

    private static func mistake(_ result: inout ExerciseResult, _ inStep: inout Int, _ seq: Int, _ step: Int, _ rule: RuleID?,
                                _ text: Localized) {
        inStep += 1
        result.mistakes[rule, default: 0] += 1
        result.feedback.append(Feedback(seq: seq, step: step, right: false, rule: rule, text: text))
    }

    /// Whether an event is the move described: its kind, its case, its fields.
    package static func matches(_ move: Exercise.Move, _ event: CaseEvent, _ run: ExerciseRun) -> Bool {
        guard let kind = move.event else { return false }
        let (name, fields) = flattened(event.body)
        guard name == kind else { return false }
        switch move.case {
        case nil: break
        case "new"?: if run.start.cases.contains(event.caseNumber) { return false }
        case let ref?: if resolve(ref, run) != "\(event.caseNumber)" { return false }
        }
        for (path, wanted) in move.where ?? [:] {
            guard let value = fields[path] else { return false }
            let want = resolve(wanted, run)
            if want.hasPrefix("<="), let limit = Double(want.dropFirst(2)), let v = Double(value) {
                if v > limit { return false }
            } else if want.hasPrefix(">="), let limit = Double(want.dropFirst(2)), let v = Double(value) {
                if v < limit { return false }
            } else if value != want {
                return false
            }
        }
        return true
    }

    /// Whether a refused attempt is the move described: its refusal id and, if the move
    /// names one, its case.
    package static func matches(_ move: Exercise.Move, _ attempt: TrainingAttempt, _ run: ExerciseRun) -> Bool {
        guard let refusal = move.refusal, refusal == attempt.refusal else { return false }
        switch move.case {
        case nil: return true
        case "new"?: return attempt.caseNumber == nil
        case let ref?: return attempt.caseNumber.map { "\($0)" } == resolve(ref, run)
        }
    }

    /// `$N` as the Nth seeded case's number; anything else as written.
    package static func resolve(_ text: String, _ run: ExerciseRun) -> String {
        guard text.hasPrefix("$"), let n = Int(text.dropFirst()), run.start.cases.indices.contains(n - 1) else { return text }
        return "\(run.start.cases[n - 1])"
    }

    /// An event body's case name and its fields as paths (`petition.group.people`, a list's
    /// count as `petition.group.representatives#`), each value as text.
    static func flattened(_ body: EventBody) -> (String, [String: String]) {
        guard let data = try? JSONEncoder().encode(body), let value = try? StrictJSON.parse(Array(data)),
              case .object(let members) = value, let (name, inner) = members.first.map({ ($0.key, $0.value) })
        else { return ("", [:]) }
        var fields: [String: String] = [:]
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                for (key, v) in members { walk(v, path.isEmpty ? key : path + "." + key) }
            case .array(let list):
                fields[path + "#"] = String(list.count)
                for (i, v) in list.enumerated() { walk(v, path + ".\(i)") }
            case .number(let text), .string(let text): fields[path] = text
            case .bool(let b): fields[path] = b ? "true" : "false"
            case .null: break
            }
        }
        walk(inner, "")
        return (name, fields)
    }
}
