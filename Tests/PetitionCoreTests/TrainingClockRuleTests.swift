import PetitionCore
import TestSupport
import Testing

/// The training clock's rule in the core (decision 0026): forward only, training logs only.
@Suite("Training clock rule")
struct TrainingClockRuleTests {
    let now = Fixtures.instant("2025-05-12T10:00")

    @Test func aMoveOnAProductionLogIsRefused() {
        #expect(throws: Rejection(.clockTrainingOnly)) {
            try TrainingClock.decide(ClockMove(to: Fixtures.instant("2025-05-13T10:00"), by: "clerk"), current: now,
                                     training: false)
        }
    }

    @Test func aMoveBackIsRefusedWithTheDaysNamed() {
        #expect(throws: Rejection(.clockNotForward, field: "to", ["now": "2025-05-12", "to": "2025-05-11"])) {
            try TrainingClock.decide(ClockMove(to: Fixtures.instant("2025-05-11T10:00"), by: "trainee"), current: now,
                                     training: true)
        }
    }

    @Test(arguments: [(TrainingClock.Step.day, "2025-05-13T10:00"), (.week, "2025-05-19T10:00"),
                      (.date(Fixtures.day("2025-06-30")), "2025-06-30T10:00")])
    func aStepKeepsTheTimeOfDay(step: TrainingClock.Step, expected: String) {
        #expect(TrainingClock.target(step, from: now, nextDeadline: nil) == Fixtures.instant(expected))
    }

    @Test func withNoRunningDeadlineThereIsNoNextOne() {
        #expect(TrainingClock.target(.nextDeadline, from: now, nextDeadline: nil) == nil)
    }
}
