/// What a user wants done to a case. Named imperatively; each becomes events or a rejection.
///
/// Dates (`on`) are the day the step happened, when that is not today: a letter
/// received yesterday, a reply delivered last Friday. They default to today.
package enum CaseCommand: Sendable, Equatable {
    case register(Petition)
    case transfer(to: OrganCode, note: String?)
    case assign(to: OrganCode, days: Int, note: String?)
    case referPoliticalLegal(to: OrganCode, note: String?)
    case referDiscipline(to: OrganCode, note: String?)
    case escalate(proposal: String)
    case redirect(to: String, note: String?)
    case notAccept(reason: NonAcceptance, ref: CaseNumber, note: String?)
    case receive(on: Day?)
    case accept(route: String, on: Day?)
    case object(reason: String, on: Day? = nil)
    case decideObjection(upheld: Bool, note: String?)
    case classify(type: MatterType, track: Int?)
    case assignHandler(user: String, recusalChecked: Bool)
    case startHearing(on: Day?)
    case endHearing(on: Day?)
    case startMediation
    case recordAgreement(kind: AgreementKind, text: String)
    case endMediation(note: String?)
    case extend(days: Int, reason: String)
    case issueOpinion(outcome: Outcome, opinion: String, basis: String, measures: [Measure])
    case deliver(on: Day?)
    case reportCompletion(note: String?)
    case requestReview(on: Day?)
    case issueReviewOpinion(outcome: ReviewOutcome, opinion: String)
    case requestRereview(on: Day?)
    case startRereviewHearing(on: Day?)
    case endRereviewHearing(on: Day?)
    case issueRereviewOpinion(outcome: ReviewOutcome, opinion: String)
    case withdraw(note: String)
    case recordIncident(kind: Conduct, note: String?)
    case recordFollowUp(kind: FollowUpKind, note: String)
    case orderSupervision(organ: OrganCode, suggestion: Suggestion, reason: String, days: Int)
    case recordFeedback(order: Int, adoption: Adoption, note: String)
    case listSupervision(days: Int, note: String)
    case assignLeader(name: String)
    case correct(field: CorrectableField, value: String, reason: String)
    case void(seq: Int, reason: String)
    case link(to: CaseNumber, kind: LinkKind)
    /// A supervisor's review of a case a log recovery left incomplete: allowed only on
    /// such a case, and the one action that is.
    case reviewRecovery(note: String)
    /// The clerk's finding that the matter is not the one of the earlier case `ref` flagged at
    /// registration (不属同一事项，另案办理; decision 0007).
    case recordDifferentMatter(ref: CaseNumber, reason: String)
    /// Ask the petitioner to supplement the petition (补正).
    case requestSupplement(note: String)
    /// Record the petitioner's supplement: the missing parts given.
    case recordSupplement(facts: String?, reasons: String?, phone: String?, note: String?)
    /// After a review revoked the opinion, the original organ handles the matter again (Art 35).
    case rehandle(note: String)
    /// Record the petitioner's rating of the handling (Art 21 para 2), after the reply is delivered.
    case rate(satisfaction: Satisfaction, note: String?)
    /// A supporting opinion carried out (Art 32 para 2): how, in a note.
    case recordExecution(note: String)
    /// Record the issue of a written document rendered from the case after record `asOf`,
    /// with its canonical text's SHA-256 (hex): `xinfang doc` and the console's `p` (issue 15).
    case issueDocument(kind: DocumentKind, asOf: Int, to: String, delivery: DeliveryMethod, digest: String)

    /// The command's kind, for permissions, help and the transition table.
    package var kind: ActionKind {
        switch self {
        case .register: .register
        case .transfer: .transfer
        case .assign: .assign
        case .referPoliticalLegal: .referPoliticalLegal
        case .referDiscipline: .referDiscipline
        case .escalate: .escalate
        case .redirect: .redirect
        case .notAccept: .notAccept
        case .receive: .receive
        case .accept: .accept
        case .object: .object
        case .decideObjection: .decideObjection
        case .classify: .classify
        case .assignHandler: .assignHandler
        case .startHearing: .startHearing
        case .endHearing: .endHearing
        case .startMediation: .startMediation
        case .recordAgreement: .recordAgreement
        case .endMediation: .endMediation
        case .extend: .extend
        case .issueOpinion: .issueOpinion
        case .deliver: .deliver
        case .reportCompletion: .reportCompletion
        case .requestReview: .requestReview
        case .issueReviewOpinion: .issueReviewOpinion
        case .requestRereview: .requestRereview
        case .startRereviewHearing: .startRereviewHearing
        case .endRereviewHearing: .endRereviewHearing
        case .issueRereviewOpinion: .issueRereviewOpinion
        case .withdraw: .withdraw
        case .recordIncident: .recordIncident
        case .recordFollowUp: .recordFollowUp
        case .orderSupervision: .orderSupervision
        case .recordFeedback: .recordFeedback
        case .listSupervision: .listSupervision
        case .assignLeader: .assignLeader
        case .correct: .correct
        case .void: .void
        case .link: .link
        case .reviewRecovery: .reviewRecovery
        case .recordDifferentMatter: .differentMatter
        case .requestSupplement: .requestSupplement
        case .recordSupplement: .recordSupplement
        case .rehandle: .rehandle
        case .rate: .rate
        case .recordExecution: .recordExecution
        case .issueDocument: .issueDocument
        }
    }
}

/// The kinds of command, as named on the command line (`xinfang act CASE transfer`).
package enum ActionKind: String, Codable, Sendable, CaseIterable {
    case register
    case transfer
    case assign
    case referPoliticalLegal = "refer-political-legal"
    case referDiscipline = "refer-discipline"
    case escalate
    case redirect
    case notAccept = "not-accept"
    case receive
    case accept
    case object
    case decideObjection = "decide-objection"
    case classify
    case assignHandler = "assign-handler"
    case startHearing = "start-hearing"
    case endHearing = "end-hearing"
    case startMediation = "start-mediation"
    case recordAgreement = "record-agreement"
    case endMediation = "end-mediation"
    case extend
    case issueOpinion = "issue-opinion"
    case deliver
    case reportCompletion = "report-completion"
    case requestReview = "request-review"
    case issueReviewOpinion = "issue-review-opinion"
    case requestRereview = "request-rereview"
    case startRereviewHearing = "start-rereview-hearing"
    case endRereviewHearing = "end-rereview-hearing"
    case issueRereviewOpinion = "issue-rereview-opinion"
    case withdraw
    case recordIncident = "record-incident"
    case recordFollowUp = "record-follow-up"
    case orderSupervision = "order-supervision"
    case recordFeedback = "record-feedback"
    case listSupervision = "list-supervision"
    case assignLeader = "assign-leader"
    case correct
    case void
    case link
    case reviewRecovery = "review-recovery"
    /// Not a command anyone gives: the kind of the `recordsLost` event `xinfang log recover`
    /// writes (no role holds it, so `decide` refuses it to everyone).
    case recordLoss = "record-loss"
    /// Not a command anyone gives: the kind of the `earlierCaseFlagged` events a registration
    /// writes (no role holds it, so `decide` refuses it to everyone).
    case flagEarlierCase = "flag-earlier-case"
    case differentMatter = "different-matter"
    case requestSupplement = "request-supplement"
    case recordSupplement = "record-supplement"
    case rehandle
    case rate
    case recordExecution = "record-execution"
    /// Issued through `xinfang doc` and the console's print key, not `act`: the document is
    /// rendered first, and the record carries its digest.
    case issueDocument = "issue-document"

    /// The rule the action acts under.
    package var rule: RuleID {
        switch self {
        case .register: .intakeRegisterAll
        case .transfer: .triageTransfer
        case .assign: .triageAssign
        case .referPoliticalLegal: .triageReferPoliticalLegal
        case .referDiscipline: .triageReferDiscipline
        case .escalate: .triageEscalateMajor
        case .redirect: .directRouteOrRedirect
        case .notAccept: .intakePendingElsewhere
        case .receive: .receiptNotice
        case .accept: .receiptNotice
        case .object: .receiptObjection
        case .decideObjection: .receiptObjection
        case .classify: .classifyGrievance
        case .assignHandler: .handlingRecusal
        case .startHearing, .endHearing: .handlingHearing
        case .startMediation, .recordAgreement, .endMediation: .handlingMediation
        case .extend: .handlingExtension
        case .issueOpinion: .handlingOpinion
        case .deliver: .handlingDelivery
        case .reportCompletion: .triageAssign
        case .requestReview: .reviewRequest
        case .issueReviewOpinion: .reviewDeadline
        case .requestRereview: .rereviewRequest
        case .startRereviewHearing, .endRereviewHearing: .rereviewHearing
        case .issueRereviewOpinion: .finality
        case .withdraw: .practiceWithdrawal
        case .recordIncident: .intakeProhibitedConduct
        case .recordFollowUp: .followUp
        case .orderSupervision: .supervisionOrder
        case .recordFeedback: .supervisionFeedback
        case .listSupervision: .supervisionListed
        case .assignLeader: .leaderInCharge
        case .correct: .practiceCorrection
        case .void: .practiceVoiding
        case .link: .practiceLinks
        case .reviewRecovery, .recordLoss: .practiceRecovery
        case .differentMatter: .practiceSameMatter
        case .flagEarlierCase: .intakeRegisterAll
        case .requestSupplement, .recordSupplement: .practiceSupplement
        case .rehandle: .practiceRehandling
        case .rate: .intakeRating
        case .recordExecution: .handlingExecution
        case .issueDocument: .practiceDocuments
        }
    }
}

extension CaseCommand {
    /// The other cases this command reads when it is decided (`DecisionContext.lookup`):
    /// a point query opens these with the case acted on (decision 0021). Exhaustive, with
    /// no default: a new command does not compile until it says what it reads.
    package var otherCases: [CaseNumber] {
        switch self {
        case .link(let to, _): [to]
        case .notAccept(_, let ref, _), .recordDifferentMatter(let ref, _): [ref]
        case .register, .transfer, .assign, .referPoliticalLegal, .referDiscipline, .escalate, .redirect, .receive,
             .accept, .object, .decideObjection, .classify, .assignHandler, .startHearing, .endHearing, .startMediation,
             .recordAgreement, .endMediation, .extend, .issueOpinion, .deliver, .reportCompletion, .requestReview,
             .issueReviewOpinion, .requestRereview, .startRereviewHearing, .endRereviewHearing, .issueRereviewOpinion,
             .withdraw, .recordIncident, .recordFollowUp, .orderSupervision, .recordFeedback, .listSupervision,
             .assignLeader, .correct, .void, .reviewRecovery, .requestSupplement, .recordSupplement, .rehandle, .rate, .recordExecution,
             .issueDocument: []
        }
    }
}
