/// The id of one rule the software enforces or records, keyed into `data/regulation.json`.
///
/// Every command, event, rejection and clock names one of these; the article number,
/// paragraph and title live only in the data file, so a wrong number is fixed in one place.
package enum RuleID: String, CaseIterable, Codable, Sendable, Comparable {
    // Chapter 1
    case scopeCompetentOrgan = "scope.competent-organ"
    // Chapter 3: submission and acceptance
    case intakeChannels = "intake.channels"
    case intakeContent = "intake.content"
    case intakeGroupVisit = "intake.group-visit"
    case intakeRegisterAll = "intake.register-all"
    case intakeForeign = "intake.foreign"
    case intakePendingElsewhere = "intake.pending-elsewhere"
    case intakeProhibitedConduct = "intake.prohibited-conduct"
    case leaderInCharge = "leaders.in-charge"
    case intakeVisitLevel = "intake.visit-level"
    case triageDeadline = "triage.deadline"
    case triageTransfer = "triage.transfer"
    case triageAssign = "triage.assign"
    case triageReferPoliticalLegal = "triage.refer-political-legal"
    case triageReferDiscipline = "triage.refer-discipline"
    case triageEscalateMajor = "triage.escalate-major"
    case directNotice = "direct.notice"
    case directRouteOrRedirect = "direct.route-or-redirect"
    case receiptNotice = "receipt.notice"
    case receiptObjection = "receipt.objection"
    // Chapter 4: handling
    case handlingPrinciple = "handling.principle"
    case handlingRecusal = "handling.recusal"
    case classifySuggestion = "classify.suggestion"
    case classifyAccusation = "classify.accusation"
    case classifyGrievance = "classify.grievance"
    case handlingHearing = "handling.hearing"
    case handlingOpinion = "handling.opinion"
    case handlingMediation = "handling.mediation"
    case handlingDeadline = "handling.deadline"
    case handlingExtension = "handling.extension"
    case handlingDelivery = "handling.delivery"
    case reviewRequest = "review.request"
    case reviewDeadline = "review.deadline"
    case practiceRehandling = "practice.rehandling"
    case rereviewRequest = "rereview.request"
    case rereviewDeadline = "rereview.deadline"
    case rereviewHearing = "rereview.hearing"
    case finality = "rereview.finality"
    case followUp = "followup.tasks"
    // Chapter 5: supervision and accountability
    case supervisionListed = "supervision.listed"
    case supervisionOrder = "supervision.order"
    case supervisionFeedback = "supervision.feedback"
    case accountabilityOverdue = "accountability.overdue"
    case accountabilityNoticeOverdue = "accountability.notice-overdue"
    case accountabilityTriageOverdue = "accountability.triage-overdue"
    case accountabilitySuggestionsNeglected = "accountability.suggestions-neglected"
    case accountabilityNotSupervising = "accountability.not-supervising"
    case accountabilityNotRegistered = "accountability.not-registered"
    // Chapter 6
    case inForce = "scope.in-force"
    // Practice the regulation does not number
    case practiceRoles = "practice.roles"
    case practiceChronology = "practice.chronology"
    case practiceCorrection = "practice.correction"
    case practiceVoiding = "practice.voiding"
    case practiceLinks = "practice.links"
    case practiceWithdrawal = "practice.withdrawal"
    case practiceRecovery = "practice.recovery"
    case practiceStaff = "practice.staff"
    case practiceSameMatter = "practice.same-matter"
    case practiceSupplement = "practice.supplement"
    case practiceReceipt = "practice.receipt"

    package static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}
