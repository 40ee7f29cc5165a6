import PetitionCore
import TestSupport
import Testing

/// Given a case at a phase, when a user gives a command, then exactly this happens.
/// One row per rule; the rows name their article.
struct RuleCase: CustomTestStringConvertible, Sendable {
    enum Then: Sendable, Equatable {
        case refused(Rejection.Code)
        case moves(to: Phase)
    }

    var article: String
    var given: Phase
    var command: CaseCommand
    var actor: Actor
    var time: String
    var then: Then
    var testDescription: String { "\(article): \(command.kind.rawValue) at \(given) → \(then)" }

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
        RuleCase("Art 22(1)(1)", .registered, .transfer(to: "S-BJ", note: nil), by: c, at: "2025-04-29T09:00", .moves(to: .transferred)),
        RuleCase("Art 22, Art 5", .registered, .transfer(to: "C-ZJJ", note: nil), by: c, at: "2025-04-29T09:00", .refused(.outOfReach)),
        RuleCase("Art 22(1)(2)", .registered, .assign(to: "D-RSJ", days: 0, note: nil), by: c, at: "2025-04-29T09:00", .refused(.assignDaysInvalid)),
        RuleCase("Art 22(1)(3)", .registered, .referPoliticalLegal(to: "D-ZJJ", note: nil), by: c, at: "2025-04-29T09:00", .refused(.referralWrongOrganType)),
        RuleCase("Art 22(1)(4)", .registered, .referDiscipline(to: "D-JW", note: nil), by: c, at: "2025-04-29T09:00", .refused(.notAnAccusation)),
        RuleCase("Art 22", .registered, .accept(route: "自办", on: nil), by: c, at: "2025-04-29T09:00", .refused(.bureauMustTriage)),
        RuleCase("Art 25", .registered, .escalate(proposal: "报区委区政府"), by: c, at: "2025-04-29T09:00", .moves(to: .escalated)),
        RuleCase("Art 25", .escalated, .transfer(to: "D-ZJJ", note: nil), by: c, at: "2025-04-29T10:00", .moves(to: .transferred)),
        RuleCase("Art 23(2)", .registered, .redirect(to: "江城市中级人民法院", note: nil), by: c, at: "2025-04-29T09:00", .moves(to: .redirected)),
        // Art 23(3): the receiving organ.
        RuleCase("Art 23(3)", .transferred, .receive(on: Fixtures.day("2025-04-29")), by: h, at: "2025-05-06T09:00", .refused(.dateBeforePreviousStep)),
        RuleCase("Art 23(3)", .received, .object(reason: "不属本局职权"), by: h, at: "2025-05-13T17:00", .moves(to: .objected)),
        RuleCase("Art 23(3)", .received, .object(reason: "不属本局职权"), by: h, at: "2025-05-14T09:00", .refused(.objectionWindowLapsed)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: true, note: nil), by: c, at: "2025-05-08T09:00", .moves(to: .registered)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: false, note: nil), by: c, at: "2025-05-08T09:00", .moves(to: .received)),
        RuleCase("Art 23(3)", .objected, .decideObjection(upheld: true, note: nil), by: h, at: "2025-05-08T09:00", .refused(.roleNotPermitted)),
        RuleCase("Art 5", .received, .accept(route: "依法办理", on: nil), by: Fixtures.cityHousingHandler, at: "2025-05-07T09:00", .refused(.wrongOrgan)),
        // Art 28, 29–31: recusal and classification.
        RuleCase("Art 28", .classified, .assignHandler(user: "handler", recusalChecked: false), by: head, at: "2025-05-10T09:00", .refused(.recusalNotChecked)),
        RuleCase("Art 31", .accepted, .classify(type: .grievance, track: nil), by: h, at: "2025-05-10T09:00", .refused(.trackRequired)),
        RuleCase("Art 31", .accepted, .classify(type: .grievance, track: 1), by: h, at: "2025-05-10T09:00", .moves(to: .routed)),
        RuleCase("Art 29", .accepted, .classify(type: .suggestion, track: 2), by: h, at: "2025-05-10T09:00", .refused(.trackOnlyForGrievance)),
        RuleCase("Art 31(1)(6)", .handling, .startHearing(on: nil), by: h, at: "2025-05-20T09:00", .moves(to: .hearing)),
        // Art 32, 27: the handling opinion.
        RuleCase("Art 32", .handling, .issueOpinion(outcome: .adopted, opinion: "采纳", basis: "依据", measures: [.solved]), by: h, at: "2025-06-01T09:00", .refused(.outcomeNotForType)),
        RuleCase("Art 27", .handling, .issueOpinion(outcome: .support, opinion: "支持", basis: "依据", measures: []), by: h, at: "2025-06-01T09:00", .refused(.measuresRequired)),
        // Art 33: mediation.
        RuleCase("Art 33", .mediation, .recordAgreement(kind: .settlement, text: "和解协议"), by: h, at: "2025-06-20T09:00", .moves(to: .mediated)),
        RuleCase("Art 33", .mediation, .endMediation(note: "未达成"), by: h, at: "2025-06-20T09:00", .moves(to: .handling)),
        // Art 34: deadline and extension.
        RuleCase("Art 34", .handling, .extend(days: 31, reason: "复杂"), by: head, at: "2025-06-01T09:00", .refused(.extensionTooLong)),
        RuleCase("Art 34", .handling, .extend(days: 10, reason: "复杂"), by: h, at: "2025-06-01T09:00", .refused(.extensionNeedsOrganHead)),
        RuleCase("Art 34", .handling, .extend(days: 10, reason: "复杂"), by: head, at: "2025-07-09T09:00", .refused(.extensionAfterDeadline)),
        RuleCase("Art 34", .handling, .extend(days: 30, reason: "复杂"), by: head, at: "2025-07-08T09:00", .moves(to: .handling)),
        RuleCase("Art 34", .opinionIssued, .deliver(on: Fixtures.day("2025-08-05")), by: h, at: "2025-08-04T09:00", .refused(.dateInFuture)),
        // Art 35: review.
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: Fixtures.cityHousingClerk, at: "2025-09-03T17:00", .moves(to: .reviewRequested)),
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: Fixtures.cityHousingClerk, at: "2025-09-04T09:00", .refused(.reviewWindowLapsed)),
        RuleCase("Art 35", .replied, .requestReview(on: nil), by: c, at: "2025-08-20T09:00", .refused(.wrongOrgan)),
        // Art 36: re-review and finality.
        RuleCase("Art 36(1)", .reviewed, .requestRereview(on: nil), by: Fixtures.cityGovClerk, at: "2025-10-23T09:00", .refused(.rereviewWindowLapsed)),
        RuleCase("Art 36(3)", .final, .withdraw(note: "撤回"), by: c, at: "2025-11-05T09:00", .refused(.actionNotAllowedNow)),
        RuleCase("Art 37", .final, .recordFollowUp(kind: .education, note: "疏导"), by: h, at: "2025-11-05T09:00", .moves(to: .final)),
        RuleCase("Art 37", .handling, .recordFollowUp(kind: .education, note: "疏导"), by: h, at: "2025-06-01T09:00", .refused(.actionNotAllowedNow)),
        // Art 26: prohibited conduct never blocks; it is recorded against a visit.
        RuleCase("Art 26", .handling, .recordIncident(kind: .illegalGathering, note: "堵门"), by: c, at: "2025-06-01T09:00", .moves(to: .handling)),
        // Art 40: supervision.
        RuleCase("Art 40", .handling, .orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延", days: 91), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.supervisionDaysInvalid)),
        RuleCase("Art 40", .handling, .orderSupervision(organ: "D-ZJJ", suggestion: .pursueAccountability, reason: "推诿", days: 30), by: c, at: "2025-06-01T09:00", .refused(.roleNotPermitted)),
        RuleCase("Art 40", .handling, .recordFeedback(order: 1, adopted: true, note: "已采纳"), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.unknownSupervisionOrder)),
        // Practice.
        RuleCase("practice", .handling, .void(seq: 1, reason: "误"), by: Fixtures.supervisor, at: "2025-06-01T09:00", .refused(.voidNotVoidable)),
        RuleCase("practice", .handling, .void(seq: 6, reason: "误"), by: c, at: "2025-06-01T09:00", .refused(.roleNotPermitted)),
        RuleCase("practice", .handling, .void(seq: 6, reason: "承办人确定有误"), by: Fixtures.supervisor, at: "2025-06-01T09:00", .moves(to: .classified)),
        RuleCase("practice", .handling, .correct(field: .idNumber, value: "110105194912310021", reason: "笔误"), by: c, at: "2025-06-01T09:00", .refused(.invalidResidentID)),
        RuleCase("practice", .handling, .correct(field: .name, value: "张玮", reason: "笔误"), by: c, at: "2025-06-01T09:00", .moves(to: .handling)),
        RuleCase("practice", .registered, .withdraw(note: "信访人书面撤回"), by: c, at: "2025-04-29T09:00", .moves(to: .withdrawn)),
    ]

    @Test(arguments: cases)
    func rule(_ row: RuleCase) throws {
        var s = Scenario.at(row.given)
        switch row.then {
        case .refused(let code):
            let rejection = s.attempt(row.command, as: row.actor, at: row.time)
            #expect(rejection?.code == code)
            if let rule = rejection?.rule { #expect(Fixtures.reference.articles.articles[rule] != nil) }
        case .moves(let phase):
            let events = try s.run(row.command, as: row.actor, at: row.time)
            #expect(s.state.phase == phase)
            #expect(!events.isEmpty)
        }
    }
}
