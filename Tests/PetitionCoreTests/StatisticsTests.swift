import PetitionCore
import Testing
import TestSupport

/// Statistics on the fixture of `StatisticsFixture`, every number counted by hand below
/// (docs/statistics.md defines each figure). Period 2025-03-01..06-30, as of 2025-12-31.
@Suite("Statistics (Art 41 para 1 item 1)")
struct StatisticsTests {
    static func stats(organ: OrganCode? = nil, by: StatisticsQuery.Dimension? = nil) -> Statistics {
        let (from, to) = StatisticsFixture.period
        return StatisticsFixture.cases.statistics(
            StatisticsQuery(from: from, to: to, organ: organ, by: by, asOf: StatisticsFixture.asOf),
            directory: Fixtures.directory, calendar: Fixtures.calendar)
    }

    /// Received in the period: A 04-28, B 03-20, C 04-28, D 05-10, F 04-28 = 5; E (07-05) is not.
    /// By month Mar..Jun: B | A C F | D | none = 1, 3, 1, 0.
    @Test func theCohortIsTheCasesReceivedInThePeriod() {
        let t = Self.stats().total
        #expect(t.received == 5)
        #expect(t.monthly == [1, 3, 1, 0])
    }

    /// Accepted 05-09: A (04-28 → 11 days), B (03-20 → 11 to 03-31, 30 in April, 9 in May = 50), F (11).
    /// Sorted 11, 11, 50: median at rank ⌈0.5·3⌉ = 2 → 11; 90th at rank ⌈0.9·3⌉ = 3 → 50.
    @Test func daysToAcceptanceHaveTheirMedianAndNinetiethPercentile() {
        let t = Self.stats().total
        #expect(t.accepted == 3)
        #expect(percentile(50, of: t.daysToAcceptance) == 11)
        #expect(percentile(90, of: t.daysToAcceptance) == 50)
    }

    /// Replies delivered: A 08-04 (04-28 → 2 + 31 + 30 + 31 + 4 = 98), F 08-04 (98), B 06-02
    /// (03-20 → 11 + 30 + 31 + 2 = 74). Sorted 74, 98, 98: median rank 2 → 98.
    @Test func daysToReplyCountFromReceiptToDelivery() {
        let t = Self.stats().total
        #expect(t.replied == 3)
        #expect(percentile(50, of: t.daysToReply) == 98)
        #expect(percentile(90, of: t.daysToReply) == 98)
    }

    /// Triage (15 days from receipt): A, C, F disposed 04-30 in time; B (due 04-07 after Qingming)
    /// transferred 04-30 late; D never triaged, due 05-26, past due by 12-31: late. 3 of 5.
    /// Notice after receipt: A, B, F received 05-06, accepted 05-09: 3 of 3.
    /// Handling (60 days from 05-09 = 07-08): A and F issued 08-01, late: 0 of 2 (B is a suggestion: no term).
    /// Review (30 days from 08-26 = 09-25): F's opinion 09-22: 1 of 1.
    /// Re-review (30 days from 09-29 = 10-29, no hearing): F's opinion 10-31: 0 of 1.
    @Test func onTimeRatesCountSettledClocksByTheirDueDay() {
        let t = Self.stats().total
        #expect(t.onTime[.triage] == Ratio(3, of: 5))
        #expect(t.onTime[.receiverNotice] == Ratio(3, of: 3))
        #expect(t.onTime[.handling] == Ratio(0, of: 2))
        #expect(t.onTime[.review] == Ratio(1, of: 1))
        #expect(t.onTime[.rereview] == Ratio(0, of: 1))
        #expect(t.onTime[.directNotice] == nil, "every case was registered at the petition bureau")
    }

    /// Repeat: D (linked as repeating A): 1 of 5. First contact: A and B replied with no review,
    /// not repeats; F was reviewed: 2 of 5. Opinions on grievances: A and F not supported: 2 of 2.
    /// Review asked of reviewable replies: F of A and F: 1 of 2; re-review of review replies: F: 1 of 1.
    @Test func repeatFirstContactOutcomeAndReviewShares() {
        let t = Self.stats().total
        #expect(t.repeats == Ratio(1, of: 5))
        #expect(t.firstContact == Ratio(2, of: 5))
        #expect(t.notSupport == Ratio(2, of: 2) && t.support == Ratio(0, of: 2) && t.explain == Ratio(0, of: 2))
        #expect(t.review == Ratio(1, of: 2))
        #expect(t.rereview == Ratio(1, of: 1))
    }

    /// Ratings (Art 21 para 2): A 不满意, B 满意, F 基本满意: satisfied or basically, 2 of 3.
    @Test func satisfactionCountsThePetitionersRatings() {
        let t = Self.stats().total
        #expect(t.ratings == [.dissatisfied: 1, .satisfied: 1, .basicallySatisfied: 1])
        #expect(t.satisfaction == Ratio(2, of: 3))
    }

    /// Transferred: A, B, F; assigned: C. Orders: C pursue accountability (unanswered), D improve
    /// work (adopted). Breaches on 12-31: D's triage, C's assignment report, C's order feedback and
    /// C's receipt (assigned 04-30, never received: the practice receipt term, Art 44 item 1) = 4.
    @Test func transfersAssignmentsOrdersAndBreaches() {
        let t = Self.stats().total
        #expect(t.transferred == 3 && t.assigned == 1)
        #expect(t.orders == [.pursueAccountability: 1, .improveWork: 1])
        #expect(t.ordersAnswered == [.improveWork: 1] && t.ordersAdopted == [.improveWork: 1])
        #expect(t.breaches == 4)
    }

    /// By organ answerable: 区住建局 handles A, B, F and holds C (4); the bureau holds D (1);
    /// 市政府 and 市住建局 received none — they owe only F's re-review and review clocks.
    /// Breaches: 区住建局 C's report, feedback and receipt (3); the bureau D's triage (1).
    @Test func byOrganGroupsByTheOrganAnswerableLargestFirst() {
        let groups = Self.stats(by: .organ).groups
        #expect(groups.map(\.key) == ["D-ZJJ", "D-XFJ", "C-GOV", "C-ZJJ"])
        #expect(groups.map(\.figures.received) == [4, 1, 0, 0])
        #expect(groups[1].figures.breaches == 1 && groups[0].figures.breaches == 3)
    }

    /// By organ, each duty clock is the organ's that owes it, as the desk counts it (tester,
    /// issue 14): the five triage clocks (3 of 5 kept) are the bureau's, which registered every
    /// case, though 区住建局 answers for four of them.
    @Test func byOrganTheTriageClockIsTheRegisteringBureaus() {
        let groups = Dictionary(uniqueKeysWithValues: Self.stats(by: .organ).groups.map { ($0.key, $0.figures) })
        #expect(groups["D-XFJ"]?.onTime[.triage] == Ratio(3, of: 5))
        #expect(groups["D-ZJJ"]?.onTime[.triage] == nil, "\(groups["D-ZJJ"]?.onTime ?? [:])")
    }

    /// The notice after receipt is owed by the organ that received the transfer: 区住建局's 3 of 3.
    @Test func byOrganTheNoticeAfterReceiptIsTheReceivingOrgans() {
        let groups = Dictionary(uniqueKeysWithValues: Self.stats(by: .organ).groups.map { ($0.key, $0.figures) })
        #expect(groups["D-ZJJ"]?.onTime[.receiverNotice] == Ratio(3, of: 3))
        #expect(groups["D-XFJ"]?.onTime[.receiverNotice] == nil)
    }

    /// Each clock is in one group: by organ, the groups' on-time figures add up to the total's.
    @Test func byOrganTheGroupsClocksAddUpToTheTotal() {
        let stats = Self.stats(by: .organ)
        for clock in MeasuredClock.allCases {
            let sum = stats.groups.compactMap { $0.figures.onTime[clock] }
                .reduce(Ratio()) { Ratio($0.count + $1.count, of: $0.of + $1.of) }
            #expect(sum == (stats.total.onTime[clock] ?? Ratio()), "\(clock)")
        }
    }

    /// By month, in calendar order; a month with no case received is a group only for the
    /// supervision done in it: June's two orders (C's and D's, both 06-01).
    @Test func byMonthReadsInOrder() {
        let groups = Self.stats(by: .month).groups
        #expect(groups.map(\.key) == ["2025-03", "2025-04", "2025-05", "2025-06"])
        #expect(groups.map(\.figures.received) == [1, 3, 1, 0])
        #expect(groups.map(\.figures.ordersTotal) == [0, 0, 0, 2])
    }

    /// Case C's path (received 2025-04-28, assigned) with a 督办 issued 2026-12-02.
    static func oldCaseOrderedIn2026() throws -> CaseState {
        var s = Scenario(number: StatisticsFixture.number(7))
        for step in Scenario.path(to: .assigned) { try s.run(step.command, as: step.actor, at: step.time) }
        try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "交办逾期未报告", days: 30),
                  as: Fixtures.supervisor, at: "2026-12-02T09:00")
        return s.state
    }

    static func year(_ y: Int, of cases: [CaseState]) -> Figures {
        cases.statistics(StatisticsQuery(from: Fixtures.day("\(y)-01-01"), to: Fixtures.day("\(y)-12-31"),
                                         asOf: Fixtures.day("2026-12-31")),
                         directory: Fixtures.directory, calendar: Fixtures.calendar).total
    }

    /// Art 41 item 3: a 督办 counts in the year it was issued, though its case was received earlier.
    @Test func anOrderIssuedThisYearOnAnOldCaseCountsThisYear() throws {
        let figures = Self.year(2026, of: [try Self.oldCaseOrderedIn2026()])
        #expect(figures.orders == [.improveWork: 1] && figures.received == 0)
    }

    /// …and the year the case was received does not change when it is issued.
    @Test func anOrderIssuedThisYearDoesNotChangeTheOldYear() throws {
        let figures = Self.year(2025, of: [try Self.oldCaseOrderedIn2026()])
        #expect(figures.orders.isEmpty && figures.received == 1)
    }

    /// Feedback counts by the day it was recorded: 06-15..06-30 holds D's adopted feedback of
    /// 06-20 on an order of 06-01, which is not an order of that period.
    @Test func feedbackCountsByTheDayItWasRecorded() {
        let figures = StatisticsFixture.cases.statistics(
            StatisticsQuery(from: Fixtures.day("2025-06-15"), to: Fixtures.day("2025-06-30"), asOf: StatisticsFixture.asOf),
            directory: Fixtures.directory, calendar: Fixtures.calendar).total
        #expect(figures.ordersAnswered == [.improveWork: 1] && figures.ordersAdopted == [.improveWork: 1] && figures.orders.isEmpty)
    }

    /// Jurisdiction 市住建局 (C-ZJJ): 区住建局's superior is 市住建局, so A, B, C, F are in it;
    /// D, registered and held by the bureau (superior 市信访局), is not.
    @Test func aJurisdictionIsTheOrganAndThoseBelowItBySuperior() {
        #expect(Self.stats(organ: "C-ZJJ").total.received == 4)
        #expect(Self.stats(organ: "D-GOV").total.received == 0, "区住建局 answers to 市住建局, not 区政府")
        #expect(Self.stats(organ: "D-XFJ").total.received == 5, "every case was registered at the bureau")
    }

    /// The nearest-rank percentile of an even count is the lower middle for the median.
    @Test func percentileIsNearestRank() {
        #expect(percentile(50, of: [4, 1, 3, 2]) == 2)
        #expect(percentile(90, of: [4, 1, 3, 2]) == 4)
        #expect(percentile(50, of: []) == nil)
    }
}

/// The petitioner's rating of the handling (Art 21 para 2).
@Suite("Rating the handling (Art 21 para 2)")
struct RatingTests {
    @Test func aRatingIsRecordedOnceTheReplyIsDelivered() throws {
        var s = Scenario.at(.replied)
        try s.run(.rate(satisfaction: .basicallySatisfied, note: nil), as: Fixtures.clerk, at: "2025-08-05T09:00")
        #expect(s.state.rating == .basicallySatisfied)
        #expect(s.log.last?.body == .rated(satisfaction: .basicallySatisfied, note: nil))
        #expect(s.log.last?.rule == .intakeRating)
    }

    @Test func aRatingBeforeDeliveryIsRefused() {
        let s = Scenario.at(.opinionIssued)
        #expect(s.attempt(.rate(satisfaction: .satisfied, note: nil), as: Fixtures.clerk, at: "2025-08-02T09:00")?.code
            == .notYetReplied)
    }

    @Test func aSecondRatingIsRefused() throws {
        var s = Scenario.at(.closed)
        try s.run(.rate(satisfaction: .satisfied, note: nil), as: Fixtures.clerk, at: "2025-06-03T09:00")
        #expect(s.attempt(.rate(satisfaction: .dissatisfied, note: nil), as: Fixtures.clerk, at: "2025-06-04T09:00")?.code
            == .alreadyRated)
    }

    @Test func theRatingIsGivenByItsChineseName() throws {
        let command = try ActionCatalog.command(.rate, ["satisfaction": "不满意"])
        #expect(command == .rate(satisfaction: .dissatisfied, note: nil))
    }
}
