/// Every clock the regulation sets (REGULATION.md, "Deadlines and day counting").
package enum ClockKind: String, Codable, Sendable, CaseIterable {
    case triage, directNotice, receiverNotice, objection, assignment, handling
    case reviewWindow, review, rereviewWindow, rereview, supervisionFeedback, listedSupervision
    /// The petitioner's time to supplement a petition (补正): a practice term
    /// (`StatutoryTerms.supplement`), not the regulation's.
    case supplement
    /// The receiving organ's time to receive (签收) a transferred or assigned matter: a practice
    /// term (`StatutoryTerms.receipt`), so a matter never received is late somewhere.
    case receipt
    /// A supporting opinion's execution (Art 32 para 2), a practice term (`StatutoryTerms.execution`).
    case execution

    package var rule: RuleID {
        switch self {
        case .triage: .triageDeadline
        case .directNotice: .directNotice
        case .receiverNotice: .receiptNotice
        case .objection: .receiptObjection
        case .assignment: .triageAssign
        case .handling: .handlingDeadline
        case .reviewWindow: .reviewRequest
        case .review: .reviewDeadline
        case .rereviewWindow: .rereviewRequest
        case .rereview: .rereviewDeadline
        case .supervisionFeedback: .supervisionFeedback
        case .listedSupervision: .supervisionListed
        case .supplement: .practiceSupplement
        case .receipt: .practiceReceipt
        case .execution: .handlingExecution
        }
    }

    /// The title without its practice mark, for a narrow column (the queue's next clock),
    /// where the mark would cut the name; the case screen and the desk show `title`.
    package var shortTitle: Localized {
        switch self {
        case .supplement: Localized("补正", "supplement")
        case .receipt: Localized("签收", "receipt")
        case .execution: Localized("执行", "execution")
        case .triage, .directNotice, .receiverNotice, .objection, .assignment, .handling, .reviewWindow, .review,
             .rereviewWindow, .rereview, .supervisionFeedback, .listedSupervision: title
        }
    }

    package var title: Localized {
        switch self {
        case .triage: Localized("信访部门分办", "triage by the petition department")
        case .directNotice: Localized("直接受理告知", "notice of a direct petition")
        case .receiverNotice: Localized("受理告知", "notice of acceptance")
        case .objection: Localized("提出异议", "objection")
        case .assignment: Localized("交办办结报告", "assignment completion report")
        case .handling: Localized("办理", "handling")
        case .reviewWindow: Localized("申请复查期限", "window to request review")
        case .review: Localized("复查", "review")
        case .rereviewWindow: Localized("申请复核期限", "window to request re-review")
        case .rereview: Localized("复核", "re-review")
        case .supervisionFeedback: Localized("督办反馈", "supervision feedback")
        case .listedSupervision: Localized("挂牌督办整改", "listed supervision rectification")
        case .supplement: Localized("补正（工作实践）", "supplement (practice)")
        case .receipt: Localized("签收（工作实践）", "receipt (practice)")
        case .execution: Localized("执行（工作实践）", "execution (practice)")
        }
    }

    /// Whether the clock binds the petitioner (a window to ask) rather than an organ (a duty to act).
    package var isPetitionerWindow: Bool { self == .reviewWindow || self == .rereviewWindow || self == .supplement }
}

/// One running clock of a case as of a day.
package struct ClockStatus: Equatable, Sendable {
    package var kind: ClockKind
    package var start: Day
    package var due: Day
    /// Days from the as-of day to the due day; negative when overdue.
    package var daysLeft: Int
    /// True when the due date depends on a year whose holiday notice is not loaded.
    package var provisional: Bool
    /// True while a re-review hearing pauses the clock (Art 36).
    package var paused: Bool
    /// For supervision feedback: which order.
    package var order: Int?

    package var isOverdue: Bool { daysLeft < 0 }
    /// Due today or within `terms.dueSoon` days (a display choice, not a term).
    package func isDueSoon(_ terms: StatutoryTerms = .regulation) -> Bool { (0...terms.dueSoon).contains(daysLeft) }
    package var rule: RuleID { kind.rule }
}
