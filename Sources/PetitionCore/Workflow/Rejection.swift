/// Why a command was refused: an expected outcome of `decide`, never a crash.
///
/// A rejection writes nothing. It has a stable id (`Code.rawValue`), the field it
/// concerns where there is one, the values its message needs, and the rule —
/// with its article — that forbids the command.
package struct Rejection: Error, Equatable, Sendable {
    package enum Code: String, CaseIterable, Sendable {
        case actionNotAllowedNow = "action-not-allowed-now"
        case roleNotPermitted = "role-not-permitted"
        case extensionNeedsOrganHead = "extension-needs-organ-head"
        case wrongOrgan = "wrong-organ"
        case dateInFuture = "date-in-future"
        case dateBeforePreviousStep = "date-before-previous-step"
        case beforeInForce = "before-in-force"
        case missingField = "missing-field"
        case invalidValue = "invalid-value"
        case invalidResidentID = "invalid-resident-id"
        case invalidCreditCode = "invalid-credit-code"
        case invalidPhone = "invalid-phone"
        case unknownOrgan = "unknown-organ"
        case unknownCategory = "unknown-category"
        case unknownCase = "unknown-case"
        case groupTooManyRepresentatives = "group-visit-too-many-representatives"
        case groupTooFewPeople = "group-visit-too-few-people"
        case outOfReach = "organ-out-of-reach"
        case routeToAccused = "route-to-accused"
        case notAnAccusation = "not-an-accusation"
        case referralWrongOrganType = "referral-wrong-organ-type"
        case assignDaysInvalid = "assign-days-invalid"
        case bureauMustTriage = "bureau-must-triage"
        case notPendingBelow = "not-pending-below"
        case notSamePetitioner = "not-same-petitioner"
        case notFinal = "not-final"
        case objectionWindowLapsed = "objection-window-lapsed"
        case trackRequired = "track-required"
        case trackOnlyForGrievance = "track-only-for-grievance"
        case recusalNotChecked = "recusal-not-checked"
        case extensionOnlyOnce = "extension-only-once"
        case extensionTooLong = "extension-too-long"
        case extensionAfterDeadline = "extension-after-deadline"
        case outcomeNotForType = "outcome-not-for-type"
        case measuresRequired = "measures-required"
        case notAssigned = "not-assigned"
        case completionAlreadyReported = "completion-already-reported"
        case noSuperior = "no-superior"
        case reviewWindowLapsed = "review-window-lapsed"
        case rereviewWindowLapsed = "rereview-window-lapsed"
        case incidentNeedsVisit = "incident-needs-visit"
        case supervisionDaysInvalid = "supervision-days-invalid"
        case unknownSupervisionOrder = "unknown-supervision-order"
        case feedbackAlreadyRecorded = "feedback-already-recorded"
        /// Feedback recorded on a case with no supervision order awaiting it (Art 40 para 4).
        case noOpenSupervisionOrder = "no-open-supervision-order"
        /// A suggestion with nobody the directory names to receive it (Art 40 paras 2–3).
        case suggestionNoAddressee = "suggestion-no-addressee"
        /// Execution recorded where no supporting opinion awaits it (Art 32 para 2).
        case nothingToExecute = "nothing-to-execute"
        /// A document rendered before another record of the case was written (issue 15).
        case documentOutdated = "document-outdated"
        case voidUnknownRecord = "void-unknown-record"
        case voidNotVoidable = "void-not-voidable"
        case linkToSelf = "link-to-self"
        case caseIncomplete = "case-incomplete"
        case caseNotIncomplete = "case-not-incomplete"
        /// A registration entered again under the number a lost one had: the organ and year
        /// the number carries must be the petition's.
        case numberNotThePetitions = "number-not-the-petitions"
        /// Staff records (docs/decisions/0016-staff.md).
        case staffByAdministrator = "staff-by-administrator"
        case staffExists = "staff-exists"
        case staffUnknown = "staff-unknown"
        case staffTraineeInProduction = "staff-trainee-in-production"
        case staffLastAdministrator = "staff-last-administrator"
        case notStaff = "not-staff"
        /// A control, bidi or zero-width character where the field cannot hold one (`InputText`).
        case forbiddenCharacter = "forbidden-character"
        /// A text longer than its field's documented limit (`InputText.rules`).
        case fieldTooLong = "field-too-long"
        /// An accusation held by an organ it accuses: only moving it away is allowed there (Art 30).
        case heldByAccused = "accusation-held-by-accused"
        /// Someone of an accused organ (or the accused person) acting on the accusation (Art 30).
        case accusedMayNotAct = "accused-may-not-act"
        /// A handler assigned who is not staff of the holding organ (Art 5: the competent organ handles).
        case handlerNotStaff = "handler-not-staff"
        /// A handler assigned who is the accused person (Art 30).
        case handlerIsAccused = "handler-is-accused"
        /// An organ other than a petition department sending a petition outside its own
        /// system's lower organs (Art 23 para 1: it tells the petitioner where to go instead).
        case notOwnSystem = "not-own-system"
        /// A second objection to the same receipt (Art 23 para 3).
        case objectionAlreadyMade = "objection-already-made"
        /// An extension asked for a matter Art 34's term does not bind (not an Art 31 item 6 matter).
        case noHandlingTerm = "no-handling-term"
        /// "A different matter" names a case no open flag of this case names (decision 0007).
        case notFlaggedAgainst = "not-flagged-against"
        /// "A different matter" on a case with no open earlier-case flag.
        case noEarlierFlag = "no-earlier-flag"
        /// A second request for a supplement while one is awaited (补正).
        case supplementAlreadyRequested = "supplement-already-requested"
        /// A supplement recorded on a case that neither asked for one nor lacks content.
        case nothingToSupplement = "nothing-to-supplement"
        /// Handling again is ordered only by a review that revoked the opinion (Art 35).
        case reviewNotRevoked = "review-not-revoked"
        /// A rating before any reply was delivered: the petitioner rates the handling (Art 21 para 2).
        case notYetReplied = "not-yet-replied"
        /// A second rating of the same reply.
        case alreadyRated = "already-rated"
        /// Not a petition at all: no request, or nobody to reply to and nothing to act on
        /// (everything else is registered, Art 22 para 1, Art 23 para 1).
        case notAPetition = "not-a-petition"
        /// A supplement giving a part the petition does not lack: that is a correction.
        case notMissing = "not-missing"
        /// The matter taken forward while registration's finding that it may be final (Art 36
        /// para 3) or pending below (Art 19 para 3) awaits the clerk's decision (decision 0017).
        case earlierCaseUndecided = "earlier-case-undecided"
        /// The simulated clock moved on a production log (docs/decisions/0026-training.md).
        case clockTrainingOnly = "clock-training-only"
        /// The simulated clock moved back, or not at all: it only goes forward.
        case clockNotForward = "clock-not-forward"
        /// A supervision act of an organ outside the supervisor's own organ, level and territory.
        case organActOutOfReach = "organ-act-out-of-reach"
        /// A case cited by an act of an organ that the organ never held, handled, received,
        /// reviewed or sent (decision 0030).
        case caseNotOfOrgan = "case-not-of-organ"
        /// A 督办 of an organ the case is not with and never was (Art 40 para 1; decision 0030).
        case organNotOfCase = "organ-not-of-case"
        /// A lift (解除) of an act that is no Art 39 para 3 measure in force (decision 0030).
        case actNotLiftable = "act-not-liftable"
        /// A 督办 of the issuing organ itself (Art 40 para 1: a petition department supervises
        /// other organs; its own lateness is for the organ above, Art 43; decision 0030, addendum).
        case organIsIssuer = "organ-is-issuer"
        /// A 督办 on a case with no organ the issuer may supervise: none it concerns but the
        /// issuer itself or organs beyond its reach (decision 0030, addendum).
        case noOrganToSupervise = "no-organ-to-supervise"
        /// 挂牌督办 of a case the issuer's own organ holds: the listing is of the organ handling
        /// it (Art 39 para 3), and the issuer's own lateness is for the organ above (Art 43).
        case listedOwnOrgan = "listed-own-organ"

        /// The rule behind the refusal; nil for checks that do not come from the
        /// regulation (an ID number's check digit, an unknown code).
        package var rule: RuleID? {
            switch self {
            case .actionNotAllowedNow, .wrongOrgan, .outOfReach, .handlerNotStaff, .organActOutOfReach: .scopeCompetentOrgan
            case .roleNotPermitted: .practiceRoles
            case .extensionNeedsOrganHead, .extensionOnlyOnce, .extensionTooLong, .extensionAfterDeadline:
                .handlingExtension
            case .dateInFuture, .dateBeforePreviousStep, .clockNotForward: .practiceChronology
            case .clockTrainingOnly: nil
            case .beforeInForce: .inForce
            case .missingField, .invalidValue, .invalidResidentID, .invalidCreditCode, .invalidPhone, .unknownOrgan,
                 .unknownCategory, .unknownCase, .forbiddenCharacter, .fieldTooLong:
                nil
            case .groupTooManyRepresentatives, .groupTooFewPeople: .intakeGroupVisit
            case .routeToAccused, .heldByAccused, .accusedMayNotAct, .handlerIsAccused: .classifyAccusation
            case .notAnAccusation, .referralWrongOrganType: .triageReferDiscipline
            case .assignDaysInvalid, .notAssigned, .completionAlreadyReported: .triageAssign
            case .bureauMustTriage: .triageDeadline
            case .notOwnSystem: .directRouteOrRedirect
            case .objectionAlreadyMade: .receiptObjection
            case .noHandlingTerm: .handlingDeadline
            case .notFlaggedAgainst, .noEarlierFlag: .practiceSameMatter
            case .supplementAlreadyRequested, .nothingToSupplement, .notMissing: .practiceSupplement
            // The rejection names the flag's own rule (Art 36 para 3 or Art 19 para 3).
            case .earlierCaseUndecided: .finality
            case .reviewNotRevoked: .practiceRehandling
            case .notYetReplied, .alreadyRated: .intakeRating
            case .notAPetition: .intakeContent
            case .notPendingBelow, .notSamePetitioner: .intakePendingElsewhere
            case .notFinal: .finality
            case .objectionWindowLapsed: .receiptObjection
            case .trackRequired, .trackOnlyForGrievance: .classifyGrievance
            case .recusalNotChecked: .handlingRecusal
            case .outcomeNotForType: .handlingOpinion
            case .measuresRequired: .handlingPrinciple
            case .noSuperior, .reviewWindowLapsed: .reviewRequest
            case .rereviewWindowLapsed: .rereviewRequest
            case .incidentNeedsVisit: .intakeProhibitedConduct
            case .supervisionDaysInvalid, .suggestionNoAddressee, .organNotOfCase, .organIsIssuer, .noOrganToSupervise:
                .supervisionOrder
            case .caseNotOfOrgan, .actNotLiftable, .listedOwnOrgan: .supervisionListed
            case .unknownSupervisionOrder, .feedbackAlreadyRecorded, .noOpenSupervisionOrder: .supervisionFeedback
            case .nothingToExecute: .handlingExecution
            case .documentOutdated: .practiceDocuments
            case .voidUnknownRecord, .voidNotVoidable: .practiceVoiding
            case .linkToSelf: .practiceLinks
            case .caseIncomplete, .caseNotIncomplete, .numberNotThePetitions: .practiceRecovery
            case .staffByAdministrator, .staffExists, .staffUnknown, .staffTraineeInProduction, .staffLastAdministrator,
                 .notStaff: .practiceStaff
            }
        }
    }

    package var code: Code
    /// The rule cited; usually the code's own, but a refusal of an action not allowed
    /// now cites the action's rule.
    package var rule: RuleID?
    /// The input field concerned, as a path (`petitioner.idNumber`), where there is one.
    package var field: String?
    /// Values the message needs (`due`, `allowed`, `organ`, …).
    package var details: [String: String]

    package init(_ code: Code, field: String? = nil, rule: RuleID? = nil, _ details: [String: String] = [:]) {
        self.code = code
        self.rule = rule ?? code.rule
        self.field = field
        self.details = details
    }
}
