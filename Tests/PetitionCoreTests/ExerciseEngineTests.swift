import PetitionCore
import TestSupport
import Testing

/// The exercise engine (decision 0026): a trainee's moves after an exercise's start,
/// judged against its steps — right, an expected wrong move with its feedback and
/// article, or anything else on the exercise's cases — and scored.
@Suite("Exercise engine")
struct ExerciseEngineTests {
    let earlier = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)
    let new = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 2)
    let trainee = Fixtures.trainee

    var exercise: Exercise {
        Exercise(id: "final", order: 1, chapter: 4, title: Localized("终结", "final"), story: Localized("", ""), seed: [],
                 steps: [Exercise.Step(task: Localized("不予受理", "not accept"), hint: Localized("按 a", "press a"),
                                       rule: .finality, why: Localized("不再受理", "not accepted again"),
                                       expect: [Exercise.Move(event: "notAccepted", case: "$2", where: ["reason": "alreadyFinal", "ref": "$1"])],
                                       wrong: [Exercise.WrongMove(move: Exercise.Move(refusal: "earlier-case-undecided"),
                                                                  rule: .finality, feedback: Localized("先判断", "decide first"))])])
    }

    func run(_ events: [CaseEvent], _ notes: [NumberedNote] = []) -> ExerciseRun {
        ExerciseRun(start: ExerciseStart(exercise: "final", by: "trainee", cases: [earlier, new], at: Fixtures.instant("2025-06-03")),
                    startSeq: 10, events: events, notes: notes)
    }

    func event(_ seq: Int, _ body: EventBody, on number: CaseNumber? = nil) -> CaseEvent {
        CaseEvent(seq: seq, caseNumber: number ?? new, at: Fixtures.instant("2025-06-03T10:00"), actor: trainee, rule: .finality, body: body)
    }

    func refused(_ seq: Int, _ code: Rejection.Code) -> NumberedNote {
        NumberedNote(seq: seq, note: .refused(TrainingAttempt(Rejection(code), action: "transfer", caseNumber: new, by: "trainee",
                                                               at: Fixtures.instant("2025-06-03T10:00"))))
    }

    @Test func theRightMoveFirstTimeCompletesTheExerciseWithFullMarks() {
        let result = ExerciseEngine.evaluate(exercise, run([event(11, .notAccepted(reason: .alreadyFinal, ref: earlier, note: nil))]))
        #expect(result.complete && result.passed && result.rightFirstTime == 1 && result.mistakeCount == 0)
        #expect(result.feedback == [Feedback(seq: 11, step: 0, right: true, rule: .finality, text: Localized("不再受理", "not accepted again"))])
    }

    @Test func anExpectedWrongMoveEarnsItsFeedbackAndArticleThenTheRightOneStillCounts() {
        let result = ExerciseEngine.evaluate(exercise, run([event(12, .notAccepted(reason: .alreadyFinal, ref: earlier, note: nil))],
                                                           [refused(11, .earlierCaseUndecided)]))
        #expect(result.feedback.map(\.right) == [false, true])
        #expect(result.feedback[0].text == Localized("先判断", "decide first") && result.feedback[0].rule == .finality)
        #expect(result.complete && result.rightFirstTime == 0 && result.mistakes == [.finality: 1])
    }

    @Test func anotherMoveOnTheExercisesCaseIsAMistakeUnderTheStepsRule() {
        let result = ExerciseEngine.evaluate(exercise, run([event(11, .linked(to: earlier, kind: .repeats))]))
        #expect(!result.complete && result.current == 0 && result.mistakes == [.finality: 1])
    }

    @Test func movesOnCasesNotTheExercisesAreNoMistakeOfIt() {
        let other = CaseNumber(organ: "D-XFJ", year: 2023, sequence: 16)
        let elsewhere = NumberedNote(seq: 12, note: .refused(TrainingAttempt(Rejection(.reviewWindowLapsed), action: "request-review",
                                                                             caseNumber: other, by: "trainee", at: Fixtures.instant("2025-06-03T10:00"))))
        let registered = NumberedNote(seq: 13, note: .refused(TrainingAttempt(Rejection(.groupTooManyRepresentatives), action: "register",
                                                                              caseNumber: nil, by: "trainee", at: Fixtures.instant("2025-06-03T10:00"))))
        let result = ExerciseEngine.evaluate(exercise, run([event(11, .linked(to: earlier, kind: .repeats), on: other)], [elsewhere, registered]))
        #expect(result.feedback.isEmpty && result.mistakeCount == 0)
    }

    @Test func aWrongMoveUndoneIsOneMistakeNotTwo() {
        let result = ExerciseEngine.evaluate(exercise, run([event(11, .linked(to: earlier, kind: .repeats)),
                                                            event(12, .voided(seq: 11, reason: "选错了")),
                                                            event(13, .notAccepted(reason: .alreadyFinal, ref: earlier, note: nil))]))
        #expect(result.complete && result.passed && result.mistakeCount == 1)
    }

    @Test func aSlipOfTheFormNoArticleForbidsIsNoMistakeUnlessTheStepListsIt() {
        let result = ExerciseEngine.evaluate(exercise, run([], [refused(11, .missingField)]))
        #expect(result.feedback.isEmpty && result.mistakeCount == 0)
    }

    @Test func aNotAcceptanceNamingAnotherCaseIsNotTheRightMove() {
        let other = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)
        let result = ExerciseEngine.evaluate(exercise, run([event(11, .notAccepted(reason: .alreadyFinal, ref: other, note: nil))]))
        #expect(!result.complete)
    }

    @Test func aListOfFieldsIsCountedAndNumbersCompared() {
        let petition = Fixtures.groupVisit(representatives: 5)
        let move = Exercise.Move(event: "registered", case: "new", where: ["petition.group.representatives#": "5", "petition.group.people": ">=2"])
        let ev = CaseEvent(seq: 11, caseNumber: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 7), at: Fixtures.instant("2025-06-03"),
                           actor: trainee, rule: .intakeGroupVisit, body: .registered(petition: petition))
        #expect(ExerciseEngine.matches(move, ev, run([])))
        #expect(!ExerciseEngine.matches(Exercise.Move(event: "registered", case: "new", where: ["petition.group.representatives#": "<=4"]),
                                        ev, run([])))
    }
}
