/// The written documents the regulation requires at its steps (issue 15): notices and
/// opinions to the petitioner, letters to organs. Each is issued from one recorded step of
/// the case (`source`), under that step's article, and its issue is itself a record
/// (`EventBody.documentIssued`). Named on the command line by the raw value
/// (`xinfang doc CASE receipt`). docs/documents.md lists them; decision 0025.
package enum DocumentKind: String, Codable, Sendable, CaseIterable {
    /// 回执: the matter was received and registered, with its number and how to query it.
    case receipt
    /// 受理告知书 (Art 23 paras 2–3): accepted, and the route it will follow.
    case acceptanceNotice = "acceptance-notice"
    /// 不予受理告知书 (Art 19 para 3): pending at a lower organ, not accepted here.
    case nonAcceptanceNotice = "non-acceptance-notice"
    /// 不再受理告知书 (Art 36 para 3): final after re-review, not accepted again.
    case notAgainNotice = "not-again-notice"
    /// 告知书 (Art 23 para 1): which competent organ to approach instead.
    case redirectNotice = "redirect-notice"
    /// 转送函 (Art 22 para 1 items 1–2, para 2): to the competent organ.
    case transferLetter = "transfer-letter"
    /// 交办函 (Art 22 para 1 item 3): with its deadline and the completion report it requires.
    case assignmentLetter = "assignment-letter"
    /// 延期告知书 (Art 34): the reason and the new due date.
    case extensionNotice = "extension-notice"
    /// 信访处理意见书 (Arts 31 item 6, 32): the opinion, its basis, and how to ask for review.
    case handlingOpinion = "handling-opinion"
    /// 复查意见书 (Art 35).
    case reviewOpinion = "review-opinion"
    /// 复核意见书 (Art 36).
    case rereviewOpinion = "rereview-opinion"
    /// 调解协议书 (Art 33).
    case mediationAgreement = "mediation-agreement"
    /// 和解协议书 (Art 33).
    case settlementAgreement = "settlement-agreement"
    /// 督办函 (Art 40): the suggestion, and by when the organ answers in writing.
    case supervisionLetter = "supervision-letter"

    /// The document's title as printed.
    package var title: Localized {
        switch self {
        case .receipt: Localized("信访事项登记回执", "Receipt of a petition")
        case .acceptanceNotice: Localized("信访事项受理告知书", "Notice of acceptance")
        case .nonAcceptanceNotice: Localized("信访事项不予受理告知书", "Notice of non-acceptance")
        case .notAgainNotice: Localized("信访事项不再受理告知书", "Notice that the matter will not be accepted again")
        case .redirectNotice: Localized("信访事项告知书", "Notice of the competent organ")
        case .transferLetter: Localized("信访事项转送函", "Letter of transfer")
        case .assignmentLetter: Localized("信访事项交办函", "Letter of assignment")
        case .extensionNotice: Localized("信访事项延期办理告知书", "Notice of extension")
        case .handlingOpinion: Localized("信访事项处理意见书", "Handling opinion")
        case .reviewOpinion: Localized("信访事项复查意见书", "Review opinion")
        case .rereviewOpinion: Localized("信访事项复核意见书", "Re-review opinion")
        case .mediationAgreement: Localized("调解协议书", "Mediation agreement")
        case .settlementAgreement: Localized("和解协议书", "Settlement agreement")
        case .supervisionLetter: Localized("信访事项督办函", "Letter of supervision")
        }
    }

    /// Who the document is addressed to: the petitioner, or an organ.
    package var toOrgan: Bool {
        switch self {
        case .transferLetter, .assignmentLetter, .supervisionLetter: true
        case .receipt, .acceptanceNotice, .nonAcceptanceNotice, .notAgainNotice, .redirectNotice, .extensionNotice,
             .handlingOpinion, .reviewOpinion, .rereviewOpinion, .mediationAgreement, .settlementAgreement:
            false
        }
    }

    /// The rule the issue record is filed under; the document itself cites the article of
    /// the step it puts in writing (`source`), which may be more precise.
    package var rule: RuleID {
        switch self {
        case .receipt: .intakeRegisterAll
        case .acceptanceNotice: .receiptNotice
        case .nonAcceptanceNotice: .intakePendingElsewhere
        case .notAgainNotice: .finality
        case .redirectNotice: .directRouteOrRedirect
        case .transferLetter: .triageTransfer
        case .assignmentLetter: .triageAssign
        case .extensionNotice: .handlingExtension
        case .handlingOpinion: .handlingOpinion
        case .reviewOpinion: .reviewDeadline
        case .rereviewOpinion: .finality
        case .mediationAgreement, .settlementAgreement: .handlingMediation
        case .supervisionLetter: .supervisionOrder
        }
    }

    /// Whether `body` is the step this document puts in writing.
    package func isSource(_ body: EventBody) -> Bool {
        switch self {
        case .receipt: if case .registered = body { true } else { false }
        case .acceptanceNotice: if case .accepted = body { true } else { false }
        case .nonAcceptanceNotice: if case .notAccepted(.pendingElsewhere, _, _) = body { true } else { false }
        case .notAgainNotice: if case .notAccepted(.alreadyFinal, _, _) = body { true } else { false }
        case .redirectNotice: if case .redirected = body { true } else { false }
        case .transferLetter:
            if case .transferred = body { true } else if case .referred = body { true } else { false }
        case .assignmentLetter: if case .assigned = body { true } else { false }
        case .extensionNotice: if case .deadlineExtended = body { true } else { false }
        case .handlingOpinion: if case .opinionIssued = body { true } else { false }
        case .reviewOpinion: if case .reviewOpinionIssued = body { true } else { false }
        case .rereviewOpinion: if case .rereviewOpinionIssued = body { true } else { false }
        case .mediationAgreement: if case .agreementRecorded(.mediation, _) = body { true } else { false }
        case .settlementAgreement: if case .agreementRecorded(.settlement, _) = body { true } else { false }
        case .supervisionLetter: if case .supervisionOrdered = body { true } else { false }
        }
    }

    /// Whether delivering this document starts a window the petitioner has (review after a
    /// handling opinion, Art 35; re-review after a review opinion, Art 36).
    package var startsWindow: Localized? {
        switch self {
        case .handlingOpinion: Localized("复查申请期限（第35条）", "the review window (Art 35)")
        case .reviewOpinion: Localized("复核申请期限（第36条）", "the re-review window (Art 36)")
        case .receipt, .acceptanceNotice, .nonAcceptanceNotice, .notAgainNotice, .redirectNotice, .transferLetter,
             .assignmentLetter, .extensionNotice, .rereviewOpinion, .mediationAgreement, .settlementAgreement,
             .supervisionLetter:
            nil
        }
    }
}

/// How an issued document reaches its recipient.
package enum DeliveryMethod: String, Codable, Sendable, CaseIterable {
    /// 当面送达: handed over at the window; delivered the day it is issued.
    case handedOver = "handed-over"
    /// 邮寄送达: by post, to the petitioner's address.
    case post
    /// 网上送达: through the online petition system (Art 21 para 2), or to an organ's system.
    case online

    package var label: Localized {
        switch self {
        case .handedOver: Localized("当面送达", "handed over")
        case .post: Localized("邮寄送达", "by post")
        case .online: Localized("网上送达", "online")
        }
    }
}
