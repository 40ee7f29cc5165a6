import PetitionCore
import PetitionDocuments
import TestSupport

/// A case that reaches each kind of document, from the worked example's paths; the steps the
/// paths do not take (a non-acceptance below, agreements, a supervision order) are appended
/// as the records the workflow would write.
enum DocumentFixtures {
    static let issuedOn = Fixtures.day("2025-11-03")
    static let reference = DocumentReference(directory: Fixtures.directory, articles: Fixtures.reference.articles,
                                             templates: Fixtures.reference.templates)
    static let renderer: DocumentRenderer = {
        do throws(DocumentError) { return try DocumentRenderer(reference) } catch { preconditionFailure(error.text(.en)) }
    }()

    static func events(for kind: DocumentKind) -> [CaseEvent] {
        switch kind {
        case .receipt: Scenario.at(.registered).log
        case .acceptanceNotice, .transferLetter, .extensionNotice, .handlingOpinion, .reviewOpinion, .rereviewOpinion:
            workedExample
        case .assignmentLetter: Scenario.at(.assigned).log
        case .redirectNotice: Scenario.at(.redirected).log
        case .notAgainNotice: Scenario.at(.notAccepted).log
        case .nonAcceptanceNotice:
            appending(.notAccepted(reason: .pendingElsewhere, ref: CaseNumber(organ: "D-ZJJ", year: 2025, sequence: 3),
                                   note: "区住建局已于2025年4月20日受理，正在办理"),
                      to: Scenario.at(.registered).log, by: Fixtures.clerk, rule: .intakePendingElsewhere)
        case .mediationAgreement: Scenario.at(.mediated).log
        case .settlementAgreement:
            appending(.agreementRecorded(kind: .settlement, text: "开发商于2025年7月31日前交付房屋并支付逾期违约金2万元"),
                      to: Scenario.at(.mediation).log, by: Fixtures.housingHandler, rule: .handlingMediation)
        case .supervisionLetter:
            appending(.supervisionOrdered(organ: "D-ZJJ", suggestion: .improveWork, reason: "收到转送事项后逾期未告知信访人是否受理",
                                          due: Fixtures.day("2025-06-13")),
                      to: Scenario.at(.transferred).log, by: Fixtures.supervisor, rule: .supervisionOrder)
        }
    }

    /// REGULATION.md's worked example, from the visit to finality (its extension included).
    static let workedExample: [CaseEvent] = {
        var s = Scenario()
        for step in Scenario.workedExample {
            do throws(Rejection) { try s.run(step.command, as: step.actor, at: step.time) } catch {
                preconditionFailure("the worked example refused \(step.command.kind): \(error.code.rawValue)")
            }
        }
        return s.log
    }()

    static func appending(_ body: EventBody, to log: [CaseEvent], by actor: Actor, rule: RuleID) -> [CaseEvent] {
        let last = log.last
        let event = CaseEvent(seq: (last?.seq ?? 0) + 1, caseNumber: last?.caseNumber ?? Scenario().state.number,
                              at: Fixtures.instant("2025-05-14T10:00"), actor: actor, rule: rule, body: body)
        return log + [event]
    }

    static func request(_ kind: DocumentKind, _ language: Language = .zh, events: [CaseEvent]? = nil,
                        delivery: DeliveryMethod = .handedOver, actor: Actor = Fixtures.supervisor) -> DocumentRequest {
        let events = events ?? self.events(for: kind)
        return DocumentRequest(kind: kind, number: events[0].caseNumber, events: events, issuedOn: issuedOn,
                               delivery: delivery, language: language, actor: actor)
    }

    static func render(_ kind: DocumentKind, _ language: Language = .zh) throws(DocumentError) -> RenderedDocument {
        try renderer.render(request(kind, language))
    }
}
