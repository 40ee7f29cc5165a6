import PetitionCore
import TestSupport
import Testing

/// REGULATION.md's worked example (2025 calendar), step by step, to the day.
@Suite("The worked example")
struct WorkedExampleTests {
    @Test func everyClockOfTheWorkedExampleFallsDueOnTheDayTheRegulationSays() throws {
        var s = Scenario()
        let steps = Scenario.workedExample
        func run(_ i: Int) throws { try s.run(steps[i].command, as: steps[i].actor, at: steps[i].time) }

        try run(0)  // registered at the district petition bureau
        #expect(s.due(.triage, asOf: "2025-04-28") == Fixtures.day("2025-05-13"))
        #expect(s.state.flags.contains(.groupVisit))
        try run(1)  // transferred to the housing bureau: triage stops; the receipt clock (practice) runs
        #expect(s.clocks(asOf: "2025-04-30").map(\.kind) == [.receipt])
        try run(2)  // received after the May Day holiday
        #expect(s.due(.receiverNotice, asOf: "2025-05-06") == Fixtures.day("2025-05-21"))
        #expect(s.due(.objection, asOf: "2025-05-06") == Fixtures.day("2025-05-13"))
        try run(3)  // notice sent: accepted
        #expect(s.state.acceptedOn == Fixtures.day("2025-05-09"))
        #expect(s.due(.handling, asOf: "2025-05-09") == Fixtures.day("2025-07-08"))
        try run(4)
        try run(5)
        try run(6)  // 30-day extension approved by the organ head
        #expect(s.due(.handling, asOf: "2025-06-30") == Fixtures.day("2025-08-07"))
        #expect(s.state.flags.contains(.extended))
        try run(7)  // opinion: not supported
        #expect(s.clocks(asOf: "2025-08-01").isEmpty)
        try run(8)  // delivered
        #expect(s.state.phase == .replied)
        #expect(s.due(.reviewWindow, asOf: "2025-08-04") == Fixtures.day("2025-09-03"))
        try run(9)  // the city housing bureau receives the review request
        #expect(s.state.holder == "C-ZJJ")
        #expect(s.due(.review, asOf: "2025-08-26") == Fixtures.day("2025-09-25"))
        try run(10)
        try run(11)  // review opinion delivered
        #expect(s.due(.rereviewWindow, asOf: "2025-09-22") == Fixtures.day("2025-10-22"))
        try run(12)  // the city government receives the re-review request
        #expect(s.state.holder == "C-GOV")
        #expect(s.due(.rereview, asOf: "2025-09-29") == Fixtures.day("2025-10-29"))
        try run(13)  // hearing 10-13 → 10-17: paused
        let paused = try #require(s.clocks(asOf: "2025-10-15").first)
        #expect(paused.paused)
        #expect(paused.daysLeft == s.clocks(asOf: "2025-10-14").first?.daysLeft, "a paused clock does not run down")
        try run(14)
        #expect(s.due(.rereview, asOf: "2025-10-17") == Fixtures.day("2025-11-03"), "Sun 11-02 rolls to Mon 11-03")
        try run(15)
        try run(16)
        #expect(s.state.phase == .final)
        #expect(s.clocks(asOf: "2025-11-01").isEmpty)
    }

    @Test func everyEventOfTheWorkedExampleCarriesItsArticle() throws {
        var s = Scenario()
        for step in Scenario.workedExample { try s.run(step.command, as: step.actor, at: step.time) }
        let rules = s.log.map(\.rule)
        #expect(rules == [.intakeRegisterAll, .triageTransfer, .receiptNotice, .receiptNotice, .classifyGrievance,
                          .handlingRecusal, .handlingExtension, .handlingOpinion, .handlingDelivery, .reviewRequest,
                          .reviewDeadline, .reviewDeadline, .rereviewRequest, .rereviewHearing, .rereviewHearing,
                          .finality, .finality])
        for rule in rules { #expect(Fixtures.reference.articles.articles[rule] != nil) }
    }

    @Test func aReplyWhoseReviewWindowLapsesClosesTheCaseInTheQueues() {
        let s = Scenario.at(.replied)
        let calendar = Fixtures.calendar
        #expect(s.state.effectivePhase(asOf: Fixtures.day("2025-09-03"), calendar: calendar) == .replied)
        #expect(s.state.effectivePhase(asOf: Fixtures.day("2025-09-04"), calendar: calendar) == .closed)
    }
}
