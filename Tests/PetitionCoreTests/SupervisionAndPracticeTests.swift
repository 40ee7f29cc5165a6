import PetitionCore
import TestSupport
import Testing

@Suite("Supervision (Arts 39, 40, 44) and practice rules")
struct SupervisionAndPracticeTests {
    @Test func aSupervisionOrderRunsA30DayFeedbackClockUntilTheWrittenAnswer() throws {
        var s = Scenario.at(.handling)
        let events = try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延办理", days: 30),
                               as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(events.first?.rule == .supervisionOrder)
        #expect(s.state.flags.contains(.underSupervision))
        let clock = try #require(s.clocks(asOf: "2025-06-03").first { $0.kind == .supervisionFeedback })
        #expect(clock.due == Fixtures.day("2025-07-03") && clock.order == 1)
        try s.run(.recordFeedback(order: 1, adoption: .adopted, note: "已整改"), as: Fixtures.supervisor, at: "2025-06-20T09:00")
        #expect(!s.state.flags.contains(.underSupervision))
        // With no order awaiting feedback, none is offered or taken (Art 40 para 4).
        #expect(s.attempt(.recordFeedback(order: 1, adoption: .notAdopted, note: "再次"), as: Fixtures.supervisor,
                          at: "2025-06-21T09:00")?.code == .noOpenSupervisionOrder)
        try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "再次拖延", days: 30),
                  as: Fixtures.supervisor, at: "2025-06-22T09:00")
        #expect(s.attempt(.recordFeedback(order: 1, adoption: .notAdopted, note: "再次"), as: Fixtures.supervisor,
                          at: "2025-06-23T09:00")?.code == .feedbackAlreadyRecorded)
    }

    @Test func aSupervisionOrderLeftUnansweredIsABreachUnderArticle45Item3() throws {
        var s = Scenario.at(.handling)
        try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延办理", days: 10),
                  as: Fixtures.supervisor, at: "2025-06-03T09:00")
        let breaches = s.state.breaches(asOf: Fixtures.day("2025-06-20"), calendar: Fixtures.calendar,
                                          directory: Fixtures.directory)
        #expect(breaches.map(\.kind.rule) == [.accountabilitySuggestionsNeglected])
    }

    @Test func listedSupervisionUnderArticle39SetsARectificationDeadline() throws {
        var s = Scenario.at(.handling)
        let events = try s.run(.listSupervision(days: 15, note: "挂牌督办"), as: Fixtures.supervisor, at: "2025-06-03T09:00")
        #expect(events.first?.rule == .supervisionListed)
        #expect(s.state.flags.contains(.listedSupervision))
        #expect(s.due(.listedSupervision, asOf: "2025-06-03") == Fixtures.day("2025-06-18"))
    }

    @Test func anOverdueNoticeIsABreachAgainstTheHoldingOrganUnderArticle44Item3() {
        let s = Scenario.at(.received)
        let breaches = s.state.breaches(asOf: Fixtures.day("2025-05-22"), calendar: Fixtures.calendar,
                                          directory: Fixtures.directory)
        // The notice is a duty; the objection window was the receiver's option, no breach once passed.
        #expect(breaches.map(\.kind) == [.noticeLate])
        #expect(breaches.allSatisfy { $0.organ == "D-ZJJ" && $0.kind.rule == .accountabilityNoticeOverdue })
        // A petitioner's window that lapses is no organ's breach.
        let replied = Scenario.at(.replied)
        #expect(replied.state.breaches(asOf: Fixtures.day("2025-12-01"), calendar: Fixtures.calendar,
                                         directory: Fixtures.directory).isEmpty)
    }

    @Test func handlingNotFinishedInTimeIsABreachUnderArticle45Item1() {
        let s = Scenario.at(.handling)
        let breaches = s.state.breaches(asOf: Fixtures.day("2025-07-09"), calendar: Fixtures.calendar,
                                          directory: Fixtures.directory)
        #expect(breaches.map(\.kind) == [.handlingLate])
        #expect(breaches.map(\.kind.rule) == [.accountabilityOverdue])
        #expect(Fixtures.reference.articles.citation(.accountabilityOverdue, .zh) == "《信访工作条例》第45条第1项")
    }

    @Test func aTriageLetPassIsAPetitionDepartmentsBreachUnderArticle43() {
        let s = Scenario.at(.registered)
        let breaches = s.state.breaches(asOf: Fixtures.day("2025-05-14"), calendar: Fixtures.calendar,
                                          directory: Fixtures.directory)
        #expect(breaches.map(\.kind.rule) == [.accountabilityTriageOverdue])
    }

    @Test func aCallWithoutTheCallersNumberIsRegisteredAndFlagged() throws {
        var p = Fixtures.letter()
        p.channel = .phone
        p.petitioner.phone = nil
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T10:00")
        #expect(s.state.phase == .registered && s.state.flags.contains(.missingPhone))
    }

    @Test func aRuleFromBeforeArticle50TookEffectIsCitedAsInForce() {
        let r = Scenario().attempt(.register(Fixtures.letter(received: "2022-04-01")), as: Fixtures.clerk,
                                   at: "2025-04-28T10:00")
        #expect(r?.rule == .inForce)
    }

    @Test func aCorrectionKeepsTheOriginalInTheTimeline() throws {
        var s = Scenario.at(.registered)
        let events = try s.run(.correct(field: .phone, value: "13700137000", reason: "登记笔误"), as: Fixtures.clerk,
                               at: "2025-04-28T11:00")
        #expect(events.first?.body == .corrected(field: .phone, old: "13800138000", new: "13700137000", reason: "登记笔误"))
        #expect(events.first?.rule == .practiceCorrection)
        #expect(s.state.petition?.petitioner.phone == "13700137000")
        #expect(s.state.events.count == 2)
    }

    @Test func onlyTheHoldingOrRegisteringOrganCorrectsOrLinksACaseUnderArticle5() throws {
        // Held by the bureau that registered it: a handler of the housing bureau may not touch it.
        let registered = Scenario.at(.registered)
        let other = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)
        for command in [CaseCommand.correct(field: .request, value: "要求改成别的", reason: "x"),
                        .link(to: other, kind: .repeats)] {
            #expect(registered.attempt(command, as: Fixtures.housingHandler, at: "2025-04-28T11:00")?.code == .wrongOrgan)
        }
        // Sent on to the housing bureau, the registering clerk still corrects the registration.
        var sent = Scenario.at(.transferred)
        try sent.run(.correct(field: .phone, value: "13700137000", reason: "登记笔误"), as: Fixtures.clerk,
                     at: "2025-05-01T09:00")
        #expect(sent.state.petition?.petitioner.phone == "13700137000")
    }

    @Test func voidingReplaysTheCaseWithoutTheVoidedStepAndKeepsItInTheTimeline() throws {
        var s = Scenario.at(.transferred)
        try s.run(.void(seq: 2, reason: "转错机关"), as: Fixtures.supervisor, at: "2025-04-30T11:00")
        #expect(s.state.phase == .registered)
        #expect(s.state.holder == "D-XFJ")
        #expect(s.state.voided == [2])
        #expect(s.state.events.map(\.seq) == [1, 2, 3])
        #expect(s.due(.triage, asOf: "2025-04-30") == Fixtures.day("2025-05-13"))
        try s.run(.transfer(to: "D-RSJ", note: nil), as: Fixtures.clerk, at: "2025-04-30T12:00")
        #expect(s.state.holder == "D-RSJ")
        #expect(Workflow.replay(s.state.number, s.log) == s.state)
        // Only the latest step can be voided: the registration and older steps cannot.
        #expect(s.attempt(.void(seq: 1, reason: "x"), as: Fixtures.supervisor, at: "2025-04-30T13:00")?.code == .voidNotVoidable)
    }

    @Test func stepsAreNeverDatedBeforeTheLastStepOrAfterToday() {
        let s = Scenario.at(.opinionIssued)
        #expect(s.attempt(.deliver(on: Fixtures.day("2025-07-31")), as: Fixtures.housingHandler,
                          at: "2025-08-04T09:00")?.code == .dateBeforePreviousStep)
        let future = s.attempt(.deliver(on: Fixtures.day("2025-08-05")), as: Fixtures.housingHandler, at: "2025-08-04T09:00")
        #expect(future?.code == .dateInFuture && future?.rule == .practiceChronology)
    }

    @Test func linksNeverMergeCases() throws {
        var s = Scenario.at(.registered)
        let other = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)
        let linked = try s.run(.link(to: other, kind: .repeats), as: Fixtures.clerk, at: "2025-04-28T11:00")
        #expect(linked.first?.rule == .practiceLinks)
        #expect(s.state.links.map(\.to) == [other] && s.state.links.map(\.kind) == [.repeats])
        #expect(s.state.phase == .registered)
        #expect(s.attempt(.link(to: s.state.number, kind: .related), as: Fixtures.clerk, at: "2025-04-28T11:00")?.code == .linkToSelf)
    }

    @Test func aNoteOfZeroWidthCharactersIsNoNote() {
        let s = Scenario.at(.registered)
        #expect(s.attempt(.withdraw(note: "\u{200B}\u{FEFF} "), as: Fixtures.clerk, at: "2025-04-28T11:00")?.field == "note")
    }

    @Test func aWrittenWithdrawalEndsTheCaseAndItsClocks() throws {
        var s = Scenario.at(.handling)
        let events = try s.run(.withdraw(note: "信访人递交书面撤回申请"), as: Fixtures.housingHandler, at: "2025-06-01T09:00")
        #expect(events.first?.rule == .practiceWithdrawal)
        #expect(s.state.phase == .withdrawn)
        #expect(s.clocks(asOf: "2025-06-01").isEmpty)
    }

    @Test func aLeaderInChargeIsNamedByASupervisor() throws {
        var s = Scenario.at(.handling)
        let refused = s.attempt(.assignLeader(name: "王区长"), as: Fixtures.clerk, at: "2025-06-01T09:00")
        #expect(refused?.code == .roleNotPermitted && refused?.rule == .practiceRoles)
        let events = try s.run(.assignLeader(name: "王区长"), as: Fixtures.supervisor, at: "2025-06-01T09:00")
        #expect(events.first?.rule == .leaderInCharge)
        #expect(s.state.leader == "王区长" && s.state.flags.contains(.leaderInCharge))
    }

    @Test func anAccusationIsNeverRoutedToTheAccusedOrShownToItUnderArticle30() throws {
        var p = Fixtures.letter(type: .accusation)
        p.accusedOrgan = "D-ZJJ"
        p.category = "DISCIPLINE"
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T09:00")
        #expect(s.state.flags.contains(.confidentialAccusation))
        #expect(s.attempt(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.clerk, at: "2025-04-28T10:00")?.code == .routeToAccused)
        #expect(!s.state.contentVisible(to: Fixtures.housingHead))
        // The bureau's clerk triages it while the bureau holds it (decision 0015).
        #expect(s.state.contentVisible(to: Fixtures.clerk))
        #expect(!s.state.contentVisible(to: Fixtures.cityHousingClerk))
        #expect(s.state.contentVisible(to: Fixtures.supervisor))
        let events = try s.run(.referDiscipline(to: "D-JW", note: nil), as: Fixtures.clerk, at: "2025-04-28T10:00")
        #expect(events.first?.rule == .triageReferDiscipline)
        #expect(s.state.phase == .referred)
    }

    @Test func anAssignmentRunsItsOwnDeadlineUntilTheCompletionReport() throws {
        var s = Scenario.at(.registered)
        try s.run(.assign(to: "D-RSJ", days: 20, note: nil), as: Fixtures.clerk, at: "2025-04-29T09:00")
        #expect(s.due(.assignment, asOf: "2025-04-29") == Fixtures.day("2025-05-19"))
        #expect(s.state.assignment?.assigner == "D-XFJ")
    }
}
