/// Something that happened to a case. Named in the past tense; one log record each
/// (a command's events are committed together).
package struct CaseEvent: Codable, Sendable, Equatable {
    /// The record's sequence number in the log; 0 until the store appends it.
    package var seq: Int
    package var caseNumber: CaseNumber
    package var at: Instant
    package var actor: Actor
    /// The rule the step acted under (`data/regulation.json`).
    package var rule: RuleID
    package var body: EventBody

    package init(seq: Int = 0, caseNumber: CaseNumber, at: Instant, actor: Actor, rule: RuleID, body: EventBody) {
        self.seq = seq
        self.caseNumber = caseNumber
        self.at = at
        self.actor = actor
        self.rule = rule
        self.body = body
    }

    /// The Beijing-time day the event was recorded.
    package var day: Day { Day(at) }
}

/// What happened, with its own fields.
package enum EventBody: Codable, Sendable, Equatable {
    // Boxed: a petition is ten times the size of any other event's fields, and every
    // event in memory would otherwise be as large as a registration.
    indirect case registered(petition: Petition)
    case transferred(to: OrganCode, note: String?)
    case assigned(to: OrganCode, due: Day, note: String?)
    case referred(kind: ReferralKind, to: OrganCode, note: String?)
    case escalated(proposal: String)
    case redirected(to: String, note: String?)
    case notAccepted(reason: NonAcceptance, ref: CaseNumber, note: String?)
    case received(on: Day)
    case accepted(route: String, on: Day)
    /// `on`: the day the objection was made, when it was entered later (nil: the day it was recorded).
    case objected(reason: String, on: Day? = nil)
    case objectionDecided(upheld: Bool, note: String?)
    case classified(type: MatterType, track: Int?)
    case handlerAssigned(user: String, recusalChecked: Bool)
    case hearingStarted(on: Day)
    case hearingEnded(on: Day)
    case mediationStarted
    case agreementRecorded(kind: AgreementKind, text: String)
    case mediationEnded(note: String?)
    case deadlineExtended(days: Int, reason: String, newDue: Day)
    case opinionIssued(outcome: Outcome, opinion: String, basis: String, measures: [Measure])
    case replyDelivered(on: Day)
    case completionReported(note: String?)
    case reviewRequested(on: Day, organ: OrganCode)
    case reviewOpinionIssued(outcome: ReviewOutcome, opinion: String)
    case rereviewRequested(on: Day, organ: OrganCode)
    case rereviewHearingStarted(on: Day)
    case rereviewHearingEnded(on: Day)
    case rereviewOpinionIssued(outcome: ReviewOutcome, opinion: String)
    case withdrawn(note: String)
    case incidentRecorded(kind: Conduct, note: String?)
    case followUpRecorded(kind: FollowUpKind, note: String)
    case supervisionOrdered(organ: OrganCode, suggestion: Suggestion, reason: String, due: Day)
    case feedbackRecorded(order: Int, adoption: Adoption, note: String)
    case supervisionListed(due: Day, note: String)
    case leaderAssigned(name: String)
    case corrected(field: CorrectableField, old: String?, new: String, reason: String)
    case voided(seq: Int, reason: String)
    case linked(to: CaseNumber, kind: LinkKind)
    /// A log recovery could not keep some of the case's records (damaged bytes): the case
    /// is incomplete until a supervisor reviews it. `seqs` are the lost records' sequence
    /// numbers in the log they were lost from (docs/decisions/0013-salvage.md).
    case recordsLost(seqs: [Int], note: String)
    /// A supervisor reviewed a case recovery left incomplete (against the paper file),
    /// and it may be worked on again.
    case recoveryReviewed(note: String)
    /// What registration found: an earlier case of the person (Art 19 para 3, Art 36 para 3,
    /// 重复访) or a visit that skipped a level (Art 20 para 1). Recorded in the registration's
    /// batch, one event a flag (docs/decisions/0017-earlier-cases-in-the-core.md).
    case earlierCaseFlagged(kind: EarlierCaseKind, ref: CaseNumber?)
    /// The clerk found the matter not the same as the earlier case `ref` (不属同一事项，另案办理):
    /// the flag naming it is settled (decision 0007).
    case differentMatterRecorded(ref: CaseNumber, reason: String)
    /// The petitioner was asked to supplement the petition (补正), by `due` (a practice term).
    case supplementRequested(due: Day, note: String)
    /// The petitioner's supplement: the parts given fill the petition's missing content.
    case supplementReceived(facts: String?, reasons: String?, phone: String?, note: String?)
    /// A review revoked the handling opinion; the original organ handles the matter again (Art 35).
    case rehandlingOrdered(note: String)
    /// The petitioner rated the handling (Art 21 para 2), after the reply was delivered.
    case rated(satisfaction: Satisfaction, note: String?)
    /// A supporting opinion was carried out (Art 32 para 2).
    case executionRecorded(note: String)
    /// A written document was issued (issue 15): which, rendered from the case as it stood
    /// after record `asOf`, to whom, how it is delivered, and the SHA-256 of its canonical
    /// text (hex), from which its verification code is taken (decision 0025).
    case documentIssued(kind: DocumentKind, asOf: Int, to: String, delivery: DeliveryMethod, digest: String)

    /// The event's name as written in the log and the timeline.
    package var name: String {
        switch self {
        case .registered: "registered"
        case .transferred: "transferred"
        case .assigned: "assigned"
        case .referred: "referred"
        case .escalated: "escalated"
        case .redirected: "redirected"
        case .notAccepted: "notAccepted"
        case .received: "received"
        case .accepted: "accepted"
        case .objected: "objected"
        case .objectionDecided: "objectionDecided"
        case .classified: "classified"
        case .handlerAssigned: "handlerAssigned"
        case .hearingStarted: "hearingStarted"
        case .hearingEnded: "hearingEnded"
        case .mediationStarted: "mediationStarted"
        case .agreementRecorded: "agreementRecorded"
        case .mediationEnded: "mediationEnded"
        case .deadlineExtended: "deadlineExtended"
        case .opinionIssued: "opinionIssued"
        case .replyDelivered: "replyDelivered"
        case .completionReported: "completionReported"
        case .reviewRequested: "reviewRequested"
        case .reviewOpinionIssued: "reviewOpinionIssued"
        case .rereviewRequested: "rereviewRequested"
        case .rereviewHearingStarted: "rereviewHearingStarted"
        case .rereviewHearingEnded: "rereviewHearingEnded"
        case .rereviewOpinionIssued: "rereviewOpinionIssued"
        case .withdrawn: "withdrawn"
        case .incidentRecorded: "incidentRecorded"
        case .followUpRecorded: "followUpRecorded"
        case .supervisionOrdered: "supervisionOrdered"
        case .feedbackRecorded: "feedbackRecorded"
        case .supervisionListed: "supervisionListed"
        case .leaderAssigned: "leaderAssigned"
        case .corrected: "corrected"
        case .voided: "voided"
        case .linked: "linked"
        case .recordsLost: "recordsLost"
        case .recoveryReviewed: "recoveryReviewed"
        case .earlierCaseFlagged: "earlierCaseFlagged"
        case .differentMatterRecorded: "differentMatterRecorded"
        case .supplementRequested: "supplementRequested"
        case .supplementReceived: "supplementReceived"
        case .rehandlingOrdered: "rehandlingOrdered"
        case .rated: "rated"
        case .executionRecorded: "executionRecorded"
        case .documentIssued: "documentIssued"
        }
    }
}
