extension EventBody {
    /// The action that records this event, whose title names it in the timeline.
    package var action: ActionKind {
        switch self {
        case .registered: .register
        case .earlierCaseFlagged: .flagEarlierCase
        case .differentMatterRecorded: .differentMatter
        case .supplementRequested: .requestSupplement
        case .supplementReceived: .recordSupplement
        case .rehandlingOrdered: .rehandle
        case .rated: .rate
        case .executionRecorded: .recordExecution
        case .documentIssued: .issueDocument
        case .transferred: .transfer
        case .assigned: .assign
        case .referred(let kind, _, _): kind == .politicalLegal ? .referPoliticalLegal : .referDiscipline
        case .escalated: .escalate
        case .redirected: .redirect
        case .notAccepted: .notAccept
        case .received: .receive
        case .accepted: .accept
        case .objected: .object
        case .objectionDecided: .decideObjection
        case .classified: .classify
        case .handlerAssigned: .assignHandler
        case .hearingStarted: .startHearing
        case .hearingEnded: .endHearing
        case .mediationStarted: .startMediation
        case .agreementRecorded: .recordAgreement
        case .mediationEnded: .endMediation
        case .deadlineExtended: .extend
        case .opinionIssued: .issueOpinion
        case .replyDelivered: .deliver
        case .completionReported: .reportCompletion
        case .reviewRequested: .requestReview
        case .reviewOpinionIssued: .issueReviewOpinion
        case .rereviewRequested: .requestRereview
        case .rereviewHearingStarted: .startRereviewHearing
        case .rereviewHearingEnded: .endRereviewHearing
        case .rereviewOpinionIssued: .issueRereviewOpinion
        case .withdrawn: .withdraw
        case .incidentRecorded: .recordIncident
        case .followUpRecorded: .recordFollowUp
        case .supervisionOrdered: .orderSupervision
        case .feedbackRecorded: .recordFeedback
        case .supervisionListed: .listSupervision
        case .leaderAssigned: .assignLeader
        case .corrected: .correct
        case .voided: .void
        case .linked: .link
        case .recordsLost: .recordLoss
        case .recoveryReviewed: .reviewRecovery
        }
    }

    /// What happened, in the user's language: the title of the action that recorded it.
    package var title: Localized { ActionCatalog.spec(action).title }
}
