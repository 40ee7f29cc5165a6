import PetitionCore
import TestSupport
import Testing

/// Registration flags earlier cases in the core, whatever the door (decision 0017); the
/// clerk settles them; incomplete petitions are registered and supplemented; a revoked
/// review sends the matter back to handling.
@Suite("Earlier cases, supplements and re-handling")
struct EarlierCaseFlagTests {
    static let earlier = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)

    /// A scenario whose registration sees `other` as the petitioner's earlier case.
    static func registering(_ p: Petition, besides other: CaseState, at time: String = "2025-05-20T09:00") throws -> Scenario {
        var s = Scenario()
        s.others[other.number] = other
        s.earlierCasesFromOthers = true
        try s.run(.register(p), as: Fixtures.trainee, at: time)
        return s
    }

    /// Li Na's earlier case, open at `organ` (accepted there).
    static func pending(at organ: OrganCode) -> CaseState {
        var other = Scenario.finalCase(of: Fixtures.letter().petitioner)
        other.phase = .accepted
        other.holder = organ
        other.handlerOrgan = organ
        return other
    }

    @Test func aFinalMatterRegisteredAgainIsFlaggedUnderArticle36() throws {
        let s = try Self.registering(Fixtures.letter(received: "2025-05-20"),
                                     besides: Scenario.finalCase(of: Fixtures.letter().petitioner))
        #expect(s.log.map(\.body) == [.registered(petition: s.state.petition!),
                                      .earlierCaseFlagged(kind: .final, ref: Self.earlier)])
        #expect(s.log.last?.rule == .finality)
        #expect(s.state.openEarlierFlags == [EarlierCaseFlag(kind: .final, ref: Self.earlier)])
    }

    @Test func theSameMatterAtTheCityBureauWhilePendingAtTheDistrictHousingBureauIsFlaggedUnderArticle19() throws {
        let s = try Self.registering(Fixtures.letter(received: "2025-05-20", organ: "C-XFJ"), besides: Self.pending(at: "D-ZJJ"))
        #expect(s.state.openEarlierFlags.map(\.kind) == [.pendingBelow])
        #expect(s.log.last?.rule == .intakePendingElsewhere)
    }

    @Test func aVisitTwoLevelsAboveTheMattersLevelIsALeapfrogVisit() throws {
        var visit = Fixtures.groupVisit(received: "2025-05-20")
        visit.organ = "P-XFJ"
        var s = Scenario()
        try s.run(.register(visit), as: Fixtures.trainee, at: "2025-05-20T09:00")
        #expect(s.state.openEarlierFlags == [EarlierCaseFlag(kind: .leapfrog, ref: nil)])
        #expect(s.log.last?.rule == .intakeVisitLevel)
    }

    @Test func aVisitOneLevelUpIsNoLeapfrog() throws {
        var visit = Fixtures.groupVisit(received: "2025-05-20")
        visit.organ = "C-XFJ"
        var s = Scenario()
        try s.run(.register(visit), as: Fixtures.trainee, at: "2025-05-20T09:00")
        #expect(s.state.earlierFlags.isEmpty)
    }

    @Test func aDifferentMatterNamesTheFlaggedCaseAndAReasonAndSettlesTheFlag() throws {
        var s = try Self.registering(Fixtures.letter(received: "2025-05-20"),
                                     besides: Scenario.finalCase(of: Fixtures.letter().petitioner))
        let other = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 8)
        #expect(s.attempt(.recordDifferentMatter(ref: other, reason: "不同"), as: Fixtures.clerk,
                          at: "2025-05-20T10:00")?.code == .notFlaggedAgainst)
        #expect(s.attempt(.recordDifferentMatter(ref: Self.earlier, reason: " "), as: Fixtures.clerk,
                          at: "2025-05-20T10:00")?.field == "reason")
        try s.run(.recordDifferentMatter(ref: Self.earlier, reason: "反映的是物业问题"), as: Fixtures.clerk, at: "2025-05-20T10:00")
        #expect(s.state.openEarlierFlags.isEmpty)
        #expect(s.state.earlierFlags.first?.settled == .differentMatter)
        // The triage clock runs as before: the flag never stopped it.
        #expect(s.due(.triage, asOf: "2025-05-20") == Fixtures.day("2025-06-04"))
    }

    @Test func notAcceptingNamingTheEarlierCaseSettlesItsFlag() throws {
        var s = try Self.registering(Fixtures.letter(received: "2025-05-20"),
                                     besides: Scenario.finalCase(of: Fixtures.letter().petitioner))
        try s.run(.notAccept(reason: .alreadyFinal, ref: Self.earlier, note: nil), as: Fixtures.clerk, at: "2025-05-20T10:00")
        #expect(s.state.earlierFlags.first?.settled == .notAccepted)
    }

    @Test func aMatterFlaggedFinalGoesNowhereUntilTheClerkDecides() throws {
        var s = try Self.registering(Fixtures.letter(received: "2025-05-20"),
                                     besides: Scenario.finalCase(of: Fixtures.letter().petitioner))
        let transfer = s.attempt(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.clerk, at: "2025-05-20T10:00")
        #expect(transfer?.code == .earlierCaseUndecided && transfer?.rule == .finality)
        #expect(!Workflow.actions(for: s.state).contains(.transfer) && Workflow.actions(for: s.state).contains(.notAccept))
        try s.run(.recordDifferentMatter(ref: Self.earlier, reason: "反映的是物业问题"), as: Fixtures.clerk, at: "2025-05-20T10:00")
        try s.run(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.clerk, at: "2025-05-20T11:00")
        #expect(s.state.phase == .transferred)
    }

    @Test func aMatterPendingBelowIsNotTakenForwardAtTheCityBureauUntilDecided() throws {
        let s = try Self.registering(Fixtures.letter(received: "2025-05-20", organ: "C-XFJ"), besides: Self.pending(at: "D-ZJJ"))
        #expect(s.attempt(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.trainee, at: "2025-05-20T10:00")?.rule
                == .intakePendingElsewhere)
    }

    @Test func aClosedCaseHasNoFlagAwaitingADecision() throws {
        var s = try Self.registering(Fixtures.letter(received: "2025-05-20"),
                                     besides: Scenario.finalCase(of: Fixtures.letter().petitioner))
        #expect(!s.state.openEarlierFlags.isEmpty)
        try s.run(.withdraw(note: "信访人书面撤回"), as: Fixtures.clerk, at: "2025-05-20T10:00")
        #expect(s.state.openEarlierFlags.isEmpty && s.state.earlierFlags.count == 1)
    }

    @Test func aSupplementIsAskedOnlyForWhatIsMissingAndFillsOnlyThat() throws {
        var complete = Scenario.at(.registered)
        #expect(complete.attempt(.requestSupplement(note: "请补充"), as: Fixtures.clerk, at: "2025-04-29T09:00")?.code
                == .nothingToSupplement)
        var p = Fixtures.letter()
        p.reasons = ""
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T10:00")
        let facts = s.state.petition?.facts
        let overwrite = s.attempt(.recordSupplement(facts: "新事实", reasons: "补充理由", phone: nil, note: nil),
                                  as: Fixtures.clerk, at: "2025-04-29T10:00")
        #expect(overwrite?.code == .notMissing && overwrite?.field == "facts")
        #expect(s.state.petition?.facts == facts)
        complete = s
        try complete.run(.recordSupplement(facts: nil, reasons: "补充理由", phone: nil, note: nil), as: Fixtures.clerk,
                         at: "2025-04-29T10:00")
        #expect(complete.state.petition?.reasons == "补充理由" && complete.state.petition?.facts == facts)
    }

    @Test func aCorrectedNumberIsStoredAsRegistrationStoresIt() throws {
        var s = Scenario.at(.registered)
        try s.run(.correct(field: .phone, value: "0086 138 0013 8000", reason: "笔误"), as: Fixtures.clerk,
                  at: "2025-04-28T11:00")
        try s.run(.correct(field: .idNumber, value: "１１０１０５ １９４９１２３１ ００２ｘ", reason: "笔误"), as: Fixtures.clerk,
                  at: "2025-04-28T11:05")
        #expect(s.state.petition?.petitioner.phone == "13800138000")
        #expect(s.state.petition?.petitioner.idNumber == "11010519491231002X")
    }

    /// The desk's 重复访 counts what statistics count: a case linked as repeating one, flagged or not.
    @Test func aCaseLinkedAsARepeatIsOnTheDesksRepeatList() throws {
        var s = Scenario.at(.registered)
        let earlier = Scenario.finalCase(of: Fixtures.letter().petitioner)
        s.others[earlier.number] = earlier
        #expect(!DeskFlag.repeatPetition.holds(s.state, asOf: Fixtures.day("2025-04-28"), calendar: Fixtures.calendar))
        try s.run(.link(to: earlier.number, kind: .repeats), as: Fixtures.clerk, at: "2025-04-28T11:00")
        #expect(s.state.isRepeat)
        #expect(DeskFlag.repeatPetition.holds(s.state, asOf: Fixtures.day("2025-04-28"), calendar: Fixtures.calendar))
    }

    @Test func differentMatterIsNotOfferedWithoutAFlag() {
        let s = Scenario.at(.registered)
        #expect(s.attempt(.recordDifferentMatter(ref: Self.earlier, reason: "x"), as: Fixtures.clerk,
                          at: "2025-04-29T09:00")?.code == .noEarlierFlag)
    }

    @Test func aLetterWithoutFactsOrReasonsIsRegisteredWithBothFlagged() throws {
        var p = Fixtures.letter()
        p.facts = ""
        p.reasons = "\u{200B}"
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T10:00")
        #expect(s.state.flags.isSuperset(of: [.missingFacts, .missingReasons]))
    }

    @Test func nobodyToReplyToAndNothingToActOnIsNoPetition() {
        var p = Fixtures.letter()
        p.facts = ""
        p.petitioner = Petitioner(name: nil)
        #expect(Scenario().attempt(.register(p), as: Fixtures.clerk, at: "2025-04-28T10:00")?.code == .notAPetition)
    }

    @Test func aSupplementRequestedRunsItsPracticeClockAndTheSupplementClearsTheFlag() throws {
        var p = Fixtures.letter()
        p.reasons = ""
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T10:00")
        try s.run(.requestSupplement(note: "请补充理由"), as: Fixtures.clerk, at: "2025-04-29T10:00")
        let clock = try #require(s.clocks(asOf: "2025-04-29").first { $0.kind == .supplement })
        #expect(clock.due == Fixtures.day("2025-05-09") && clock.rule == .practiceSupplement)
        #expect(Fixtures.reference.articles[clock.rule].article == nil, "a practice term, not the regulation's")
        #expect(s.attempt(.requestSupplement(note: "再次"), as: Fixtures.clerk, at: "2025-04-29T11:00")?.code
                == .supplementAlreadyRequested)
        // The triage clock (Art 22) is not paused by the request.
        #expect(s.due(.triage, asOf: "2025-04-29") == Fixtures.day("2025-05-13"))
        try s.run(.recordSupplement(facts: nil, reasons: "劳动合同第5条", phone: nil, note: nil), as: Fixtures.clerk,
                  at: "2025-05-02T10:00")
        #expect(!s.state.flags.contains(.missingReasons) && s.state.petition?.reasons == "劳动合同第5条")
        #expect(s.clocks(asOf: "2025-05-02").allSatisfy { $0.kind != .supplement })
    }

    @Test func aRevokedReviewSendsTheMatterBackToTheOriginalOrganWithANewHandlingClock() throws {
        var s = Scenario.at(.reviewRequested)
        try s.run(.issueReviewOpinion(outcome: .revoked, opinion: "撤销原处理意见"), as: Fixtures.cityHousingHandler,
                  at: "2025-09-22T09:00")
        try s.run(.deliver(on: nil), as: Fixtures.cityHousingHandler, at: "2025-09-22T15:00")
        #expect(s.state.phase == .reviewed)
        try s.run(.rehandle(note: "责成重新办理"), as: Fixtures.cityHousingHandler, at: "2025-09-23T09:00")
        #expect(s.state.phase == .handling && s.state.holder == "D-ZJJ" && s.state.opinion == nil)
        #expect(s.due(.handling, asOf: "2025-09-23") == Fixtures.day("2025-11-24"))
        #expect(s.log.last?.rule == .practiceRehandling)
    }

    @Test func anUpheldReviewDoesNotSendTheMatterBack() {
        let s = Scenario.at(.reviewed)
        #expect(s.attempt(.rehandle(note: "x"), as: Fixtures.cityHousingHandler, at: "2025-09-23T09:00")?.code
                == .reviewNotRevoked)
    }
}
