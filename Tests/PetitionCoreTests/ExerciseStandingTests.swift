import PetitionCore
import TestSupport
import Testing

/// Where a trainee stands on an exercise over its runs (decision 0029), and a refusal the
/// step expects (a request a day late, entered as it came) counted as its right outcome.
@Suite("Exercise standing")
struct ExerciseStandingTests {
    let late = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 7)

    /// One step: the late request entered, refused under Art 35 — on the exercise's own case only.
    var exercise: Exercise {
        Exercise(id: "late", order: 1, chapter: 4, title: Localized("晚一天", "a day late"), story: Localized("", ""), seed: [],
                 steps: [Exercise.Step(task: Localized("登记", "enter it"), hint: Localized("", ""), rule: .reviewRequest,
                                       why: Localized("超期不予受理", "late, not taken"),
                                       expect: [Exercise.Move(case: "$1", refusal: "review-window-lapsed")],
                                       wrong: [Exercise.WrongMove(move: Exercise.Move(event: "reviewRequested", case: "$1"),
                                                                  rule: .reviewRequest, feedback: Localized("倒签", "backdated"))])])
    }

    func run(_ startSeq: Int, _ notes: [(Int, CaseNumber, Rejection.Code)]) -> ExerciseRun {
        ExerciseRun(start: ExerciseStart(exercise: "late", by: "trainee", cases: [late], at: Fixtures.instant("2025-10-10")),
                    startSeq: startSeq, events: [],
                    notes: notes.map { seq, number, code in
                        NumberedNote(seq: seq, note: .refused(TrainingAttempt(Rejection(code), action: "request-review", caseNumber: number,
                                                                               by: "trainee", at: Fixtures.instant("2025-10-10T10:00"))))
                    })
    }

    @Test func theExpectedRefusalOnTheExercisesCaseCompletesTheStepAndOnAnotherCaseDoesNot() {
        let other = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 8)
        #expect(ExerciseEngine.evaluate(exercise, run(1, [(2, late, .reviewWindowLapsed)])).passed)
        let elsewhere = ExerciseEngine.evaluate(exercise, run(1, [(2, other, .reviewWindowLapsed)]))
        // Nor is it a mistake of this exercise: a case not the exercise's is free play (decision 0029's addendum).
        #expect(!elsewhere.complete && elsewhere.mistakes.isEmpty)
    }

    @Test func aPassedExerciseStartedAgainIsUnderWayAndStillPassed() {
        let passed = run(1, [(2, late, .reviewWindowLapsed)])
        let again = run(3, [(4, late, .missingField)])
        let standing = ExerciseStanding(exercise, runs: [passed, again],
                                        written: [1: Fixtures.instant("2025-10-10T10:00"), 2: Fixtures.instant("2025-10-10T10:07")])
        #expect(standing.label(.zh) == "进行中 第1/1步（已通过）" && standing.statusWord(.zh) == "进行中")
        #expect(standing.passed && standing.runs == 2 && standing.run == again)
        // A field left empty is a slip no article forbids: no mistake in either run.
        #expect(standing.mistakes.isEmpty && standing.minutes == nil)
        let done = ExerciseStanding(exercise, runs: [passed],
                                    written: [1: Fixtures.instant("2025-10-10T10:00"), 2: Fixtures.instant("2025-10-10T10:07")])
        #expect(done.label(.zh) == "通过 1/1" && done.minutes == 7)
        #expect(ExerciseStanding(exercise, runs: []).label(.zh) == "未开始")
    }
}
