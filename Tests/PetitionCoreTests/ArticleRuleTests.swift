import PetitionCore
import TestSupport
import Testing

/// Given a case at a phase, when a user gives a command, then exactly this happens:
/// the one event (its body whole, and its rule) and the phase it leaves, or the
/// rejection's code and the rule it cites. One row per rule; the rows name their article.
struct RuleCase: CustomTestStringConvertible, Sendable {
    enum Then: Sendable, Equatable {
        /// Refused with this code, citing this rule (nil: a check that no article makes).
        case refused(Rejection.Code, under: RuleID?)
        /// Accepted: exactly this one event, under this rule, leaving the case at `phase`.
        case yields(EventBody, under: RuleID, phase: Phase)
    }

    var article: String
    var given: Phase
    var command: CaseCommand
    var actor: Actor
    var time: String
    var then: Then
    var testDescription: String {
        switch then {
        case .refused(let code, _): "\(article): \(command.kind.rawValue) at \(given) → refused: \(code.rawValue)"
        case .yields(let body, _, let phase): "\(article): \(command.kind.rawValue) at \(given) → \(body.name) → \(phase)"
        }
    }

    init(_ article: String, _ given: Phase, _ command: CaseCommand, by actor: Actor, at time: String, _ then: Then) {
        self.article = article
        self.given = given
        self.command = command
        self.actor = actor
        self.time = time
        self.then = then
    }
}

@Suite("Rules, article by article")
struct ArticleRuleTests {
    static let c = Fixtures.clerk, h = Fixtures.housingHandler, head = Fixtures.housingHead
    static let cases: [RuleCase] = [
        // Art 22: triage by the petition department.
        RuleCase("Art 22(1)(1)", .registered, .transfer(to: "S-BJ", note: nil), by: c, at: "2025-04-29T09:00",
                 .yields(.transferred(to: "S-BJ", note: nil), under: .triageTransfer, phase: .transferred)),
        RuleCase("Art 22, Art 5", .registered, .transfer(to: "C-ZJJ", note: nil), by: c, at: "2025-04-29T09:00", .refused(.outOfReach, under: .scopeCompetentOrgan)),
        RuleCase("Art 22(1)(3)", .registered, .assign(to: "D-RSJ", days: 0, note: nil), by: c, at: "2025-04-29T09:00", .refused(.assignDaysInvalid, under: .triageAssign)),
        // A referral to the wrong kind of organ is refused under its own rule (issue 12: it cited discipline's).
        RuleCase("Art 22(2)", .registered, .referPoliticalLegal(to: "D-ZJJ", note: nil), by: c, at: "2025-04-29T09:00", .refused(.referralWrongOrganType, under: .triageReferPoliticalLegal)),
        RuleCase("Art 22(2)", .registered, .referDiscipline(to: "D-JW", note: nil), by: c, at: "2025-04-29T09:00", .refused(.notAnAccusation, under: .triageReferDiscipline)),
        RuleCase("Art 22(1)", .registered, .accept(route: "自办", on: nil), by: c, at: "2025-04-29T09:00", .refused(.bureauMustTriage, under: .triageDeadline)),
        RuleCase("Arts 22(1)(1) and 25", .registered, .escalate(proposal: "报区委区政府"), by: c, at: "2025-04-29T09:00",
                 .yields(.escalated(proposal: "报区委区政府"), under: .triageEscalateMajor, phase: .escalated)),
        RuleCase("Arts 22(1)(1) and 25", .escalated, .transfer(to: "D-ZJJ", note: nil), by: c, at: "2025-04-29T10:00",
                 .yields(.transferred(to: "D-ZJJ", note: nil), under: .triageTransfer, phase: .transferred)),
        RuleCase("Art 23(1)", .registered, .redirect(to: "江城市中级人民法院", note: nil), by: c, at: "2025-04-29T09:00",
                 .yields(.redirected(to: "江城市中级人民法院", note: nil), under: .directRouteOrRedirect, phase: .redirected)),
        // Art 23(3): the receiving organ.
        RuleCase("Art 23(3)", .transferred, .receive(on: Fixtures.day("2025-04-29")), by: h, at: "2025-05-06T09:00", .refused(.dateBeforePreviousStep, under: .practiceChronology)),
        RuleCase("Art 23(3)", .received, .object(reason: "不属本局职权"), by: h, at: "2025-05-13T17:00",
                 .yields(.objected(reason: "不属本局职权"), under: .receiptObjection, phase: .objected)),
        RuleCase("Art 23(3)", .received, .object(reason: "不属本局职权"), by: h, at: "2025-05-14T09:00", .refused(.objectionWindowLapsed, under: .receiptObjection)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: true, note: nil), by: c, at: "2025-05-08T09:00",
                 .yields(.objectionDecided(upheld: true, note: nil), under: .receiptObjection, phase: .registered)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: false, note: nil), by: c, at: "2025-05-08T09:00",
                 .yields(.objectionDecided(upheld: false, note: nil), under: .receiptObjection, phase: .received)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: true, note: nil), by: h, at: "2025-05-08T09:00", .refused(.roleNotPermitted, under: .practiceRoles)),
        RuleCase("Art 5", .received, .accept(route: "依法办理", on: nil), by: Fixtures.cityHousingHandler, at: "2025-05-07T09:00", .refused(.wrongOrgan, under: .scopeCompetentOrgan)),
        // Art 28, 29–31: recusal and classification.
        RuleCase("Art 28(3)", .classified, .assignHandler(user: "handler", recusalChecked: false), by: head, at: "2025-05-10T09:00", .refused(.recusalNotChecked, under: .handlingRecusal)),
        RuleCase("Art 31", .accepted, .classify(type: .grievance, track: nil), by: h, at: "2025-05-10T09:00", .refused(.trackRequired, under: .classifyGrievance)),
        RuleCase("Art 31", .accepted, .classify(type: .grievance, track: 1), by: h, at: "2025-05-10T09:00",
                 .yields(.classified(type: .grievance, track: 1), under: .classifyGrievance, phase: .routed)),
        RuleCase("Art 29", .accepted, .classify(type: .suggestion, track: 2), by: h, at: "2025-05-10T09:00", .refused(.trackOnlyForGrievance, under: .classifyGrievance)),
        RuleCase("Art 31(6)", .handling, .startHearing(on: nil), by: h, at: "2025-05-20T09:00",
                 .yields(.hearingStarted(on: Fixtures.day("2025-05-20")), under: .handlingHearing, phase: .hearing)),
        // Art 32, 27: the handling opinion.
        RuleCase("Art 32", .handling, .issueOpinion(outcome: .adopted, opinion: "采纳", basis: "依据", measures: [.solved]), by: h, at: "2025-06-01T09:00", .refused(.outcomeNotForType, under: .handlingOpinion)),
        RuleCase("Art 27", .handling, .issueOpinion(outcome: .support, opinion: "支持", basis: "依据", measures: []), by: h, at: "2025-06-01T09:00", .refused(.measuresRequired, under: .handlingPrinciple)),
        // Art 33: mediation.
        RuleCase("Art 33", .mediation, .recordAgreement(kind: .settlement, text: "和解协议"), by: h, at: "2025-06-20T09:00",
                 .yields(.agreementRecorded(kind: .settlement, text: "和解协议"), under: .handlingMediation, phase: .mediated)),
        RuleCase("Art 33", .mediation, .endMediation(note: "未达成"), by: h, at: "2025-06-20T09:00",
                 .yields(.mediationEnded(note: "未达成"), under: .handlingMediation, phase: .handling)),
        // Art 34: deadline and extension.
        RuleCase("Art 34", .handling, .extend(days: 31, reason: "复杂"), by: head, at: "2025-06-01T09:00", .refused(.extensionTooLong, under: .handlingExtension)),
        RuleCase("Art 34", .handling, .extend(days: 10, reason: "复杂"), by: h, at: "2025-06-01T09:00", .refused(.extensionNeedsOrganHead, under: .handlingExtension)),
        RuleCase("Art 34", .handling, .extend(days: 10, reason: "复杂"), by: head, at: "2025-07-09T09:00", .refused(.extensionAfterDeadline, under: .handlingExtension)),
        RuleCase("Art 34", .handling, .extend(days: 30, reason: "复杂"), by: head, at: "2025-07-08T09:00",
                 .yields(.deadlineExtended(days: 30, reason: "复杂", newDue: Fixtures.day("2025-08-07")), under: .handlingExtension, phase: .handling)),
        RuleCase("Art 34", .opinionIssued, .deliver(on: Fixtures.day("2025-08-05")), by: h, at: "2025-08-04T09:00", .refused(.dateInFuture, under: .practiceChronology)),
        // Art 35: review.
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: Fixtures.cityHousingClerk, at: "2025-09-03T17:00",
                 .yields(.reviewRequested(on: Fixtures.day("2025-09-03"), organ: Fixtures.cityHousingClerk.organ), under: .reviewRequest, phase: .reviewRequested)),
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: Fixtures.cityHousingClerk, at: "2025-09-04T09:00", .refused(.reviewWindowLapsed, under: .reviewRequest)),
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: c, at: "2025-08-20T09:00", .refused(.wrongOrgan, under: .scopeCompetentOrgan)),
        // Art 36: re-review and finality.
        RuleCase("Art 36(1)", .reviewed, .requestRereview(on: nil), by: Fixtures.cityGovClerk, at: "2025-10-23T09:00", .refused(.rereviewWindowLapsed, under: .rereviewRequest)),
        RuleCase("Art 36(3)", .final, .withdraw(note: "撤回"), by: c, at: "2025-11-05T09:00", .refused(.actionNotAllowedNow, under: .practiceWithdrawal)),
        RuleCase("Art 37", .final, .recordFollowUp(kind: .education, note: "疏导"), by: h, at: "2025-11-05T09:00",
                 .yields(.followUpRecorded(kind: .education, note: "疏导"), under: .followUp, phase: .final)),
        RuleCase("Art 37", .handling, .recordFollowUp(kind: .education, note: "疏导"), by: h, at: "2025-06-01T09:00", .refused(.actionNotAllowedNow, under: .followUp)),
        // Art 26: prohibited conduct never blocks; it is recorded against a visit.
        RuleCase("Art 26", .handling, .recordIncident(kind: .illegalGathering, note: "堵门"), by: c, at: "2025-06-01T09:00",
                 .yields(.incidentRecorded(kind: .illegalGathering, note: "堵门"), under: .intakeProhibitedConduct, phase: .handling)),
        // Art 40: supervision.
        RuleCase("Art 40", .handling, .orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延", days: 91), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.supervisionDaysInvalid, under: .supervisionOrder)),
        RuleCase("Art 40", .handling, .orderSupervision(organ: "D-ZJJ", suggestion: .pursueAccountability, reason: "推诿", days: 30), by: c, at: "2025-06-01T09:00", .refused(.roleNotPermitted, under: .practiceRoles)),
        RuleCase("Art 40", .handling, .recordFeedback(order: 1, adoption: .adopted, note: "已采纳"), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.noOpenSupervisionOrder, under: .supervisionFeedback)),
        // Practice.
        RuleCase("practice", .handling, .void(seq: 1, reason: "误"), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.voidNotVoidable, under: .practiceVoiding)),
        RuleCase("practice", .handling, .void(seq: 6, reason: "误"), by: c, at: "2025-06-01T09:00", .refused(.roleNotPermitted, under: .practiceRoles)),
        RuleCase("practice", .handling, .void(seq: 6, reason: "承办人确定有误"), by: Fixtures.supervisor, at: "2025-06-01T09:00",
                 .yields(.voided(seq: 6, reason: "承办人确定有误"), under: .practiceVoiding, phase: .classified)),
        RuleCase("practice", .handling, .correct(field: .idNumber, value: "110105194912310021", reason: "笔误"), by: c, at: "2025-06-01T09:00", .refused(.invalidResidentID, under: nil)),
        RuleCase("practice", .handling, .correct(field: .name, value: "张玮", reason: "笔误"), by: c, at: "2025-06-01T09:00",
                 .yields(.corrected(field: .name, old: "张伟", new: "张玮", reason: "笔误"), under: .practiceCorrection, phase: .handling)),
        RuleCase("practice", .registered, .withdraw(note: "信访人书面撤回"), by: c, at: "2025-04-29T09:00",
                 .yields(.withdrawn(note: "信访人书面撤回"), under: .practiceWithdrawal, phase: .withdrawn)),
    ]

    @Test(arguments: cases)
    func rule(_ row: RuleCase) throws {
        var s = Scenario.at(row.given)
        switch row.then {
        case .refused(let code, let rule):
            let rejection = try #require(s.attempt(row.command, as: row.actor, at: row.time), "accepted, not refused")
            #expect(rejection.code == code)
            #expect(rejection.rule == rule)
            if let rule { #expect(Fixtures.reference.articles.articles[rule] != nil) }
        case .yields(let body, let rule, let phase):
            let before = s.state
            let events = try s.run(row.command, as: row.actor, at: row.time)
            #expect(events.map(\.body) == [body])
            #expect(events.map(\.rule) == [rule])
            #expect(events.allSatisfy { $0.caseNumber == before.number && $0.actor == row.actor })
            #expect(s.state.phase == phase)
        }
    }
}
