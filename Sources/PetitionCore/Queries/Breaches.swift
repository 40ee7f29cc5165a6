/// What an organ answers for (REGULATION.md, "Supervision and accountability"), each derived
/// from the cases: a duty clock that ran out, or a duty the log shows undone. Only duties
/// count: a window the petitioner or a receiving organ may let lapse (review request,
/// objection) is never one (decision 0022).
package enum BreachKind: String, CaseIterable, Sendable, Comparable {
    /// A petition department not transferring or assigning within its 15 days (Art 43; Art 22 para 1).
    case triageLate
    /// A petition department not supervising an assignment whose report is late: no 督办
    /// issued since the assignment (Art 43).
    case notSupervising
    /// A matter sent to an organ and never received (so never registered there) within the
    /// practice term (Art 44 item 1).
    case notReceived
    /// No written notice in time whether the matter is accepted (Art 44 item 3; Art 23).
    case noticeLate
    /// Handling or an assignment not finished in time (Art 45 item 1; Arts 22, 34).
    case handlingLate
    /// A review not answered in time (Art 45 item 1 with Art 35).
    case reviewLate
    /// A re-review not answered in time (Art 45 item 1 with Art 36).
    case rereviewLate
    /// A supervision order's written feedback late (Art 40 para 4, practice term; answered
    /// under Art 45 item 3).
    case feedbackLate
    /// Listed supervision's rectification late (Art 39 para 3; Art 45 item 1).
    case rectificationLate
    /// A supporting opinion not carried out within the practice term (Art 32 para 2).
    case notExecuted

    package static func < (a: BreachKind, b: BreachKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The article and item the organ answers under.
    package var rule: RuleID {
        switch self {
        case .triageLate: .accountabilityTriageOverdue
        case .notSupervising: .accountabilityNotSupervising
        case .notReceived: .accountabilityNotRegistered
        case .noticeLate: .accountabilityNoticeOverdue
        case .handlingLate, .reviewLate, .rereviewLate, .rectificationLate: .accountabilityOverdue
        // Feedback not given is the petition department's suggestion neglected (Art 45 item 3).
        case .feedbackLate: .accountabilitySuggestionsNeglected
        case .notExecuted: .handlingExecution
        }
    }

    package var title: Localized {
        switch self {
        case .triageLate: Localized("未按规定转送、交办", "not transferred or assigned in time")
        case .notSupervising: Localized("应督办而未督办", "not supervised when due")
        case .notReceived: Localized("转送交办件未签收", "sent and never received")
        case .noticeLate: Localized("未按期书面告知是否受理", "no written notice in time")
        case .handlingLate: Localized("未按期办结", "not finished in time")
        case .reviewLate: Localized("复查逾期", "review late")
        case .rereviewLate: Localized("复核逾期", "re-review late")
        case .feedbackLate: Localized("督办反馈逾期", "supervision feedback late")
        case .rectificationLate: Localized("挂牌督办整改逾期", "listed rectification late")
        case .notExecuted: Localized("支持意见未执行", "supporting opinion not carried out")
        }
    }

    /// A few characters for a narrow column (the desk's breaches).
    package var short: Localized {
        switch self {
        case .triageLate: Localized("分办逾期", "triage")
        case .notSupervising: Localized("未督办", "no 督办")
        case .notReceived: Localized("未签收", "unreceived")
        case .noticeLate: Localized("告知逾期", "notice")
        case .handlingLate: Localized("办结逾期", "handling")
        case .reviewLate: Localized("复查逾期", "review")
        case .rereviewLate: Localized("复核逾期", "re-review")
        case .feedbackLate: Localized("反馈逾期", "feedback")
        case .rectificationLate: Localized("整改逾期", "rectify")
        case .notExecuted: Localized("未执行", "not executed")
        }
    }

    /// The breach an overdue duty clock is; nil for a window that binds no organ: objecting
    /// is the receiver's option (Art 23 para 3), asking for review or supplementing the
    /// petitioner's.
    package init?(_ clock: ClockKind) {
        switch clock {
        case .triage: self = .triageLate
        case .receipt: self = .notReceived
        case .directNotice, .receiverNotice: self = .noticeLate
        case .assignment, .handling: self = .handlingLate
        case .review: self = .reviewLate
        case .rereview: self = .rereviewLate
        case .supervisionFeedback: self = .feedbackLate
        case .listedSupervision: self = .rectificationLate
        case .execution: self = .notExecuted
        case .objection, .reviewWindow, .rereviewWindow, .supplement: return nil
        }
    }
}

/// One breach of one case: the organ that answers for it, and the clock behind it if any.
package struct CaseBreach: Sendable, Equatable {
    package var number: CaseNumber
    package var organ: OrganCode
    package var kind: BreachKind
    /// The days past the due day (0 for a duty the log shows undone without a clock).
    package var daysOverdue: Int
}

/// The breaches of one organ of one kind, with their cases.
package struct OrganBreaches: Sendable, Equatable {
    package var organ: OrganCode
    package var kind: BreachKind
    package var cases: [CaseNumber]

    package init(organ: OrganCode, kind: BreachKind, cases: [CaseNumber]) {
        self.organ = organ
        self.kind = kind
        self.cases = cases
    }
}

extension CaseState {
    /// The organ a duty clock is charged to — the one that answers when it runs late (decision
    /// 0031): an assignment's organ, the reviewing and re-reviewing organs, the organ a 督办 went
    /// to, the handling organ for carrying out its supporting opinion (Art 32 para 2), else the
    /// organ holding the case. The desk's organ lines, `queue --organ X --overdue` and the
    /// breaches all charge a clock here, so their numbers agree.
    package func chargedOrgan(_ clock: ClockStatus) -> OrganCode? {
        switch clock.kind {
        case .assignment: assignment?.to
        case .review: review?.organ
        case .rereview: rereview?.organ
        case .supervisionFeedback: supervision.first { $0.index == clock.order }?.organ
        case .execution: handlerOrgan ?? holder
        default: holder
        }
    }

    /// This case's breaches on `asOf`, each against the organ that answers for it.
    package func breaches(asOf: Day, calendar: HolidayCalendar, directory: Directory,
                          terms: StatutoryTerms = .regulation) -> [CaseBreach] {
        breaches(of: clocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms))
    }

    /// The breaches among `clocks`, this case's clocks on a day (`clocks(asOf:…)`), for a
    /// caller that has derived them already (the desk derives a case's clocks once). One a
    /// case per organ and kind: a case whose handling and assignment report are both late for
    /// the same organ is one case not finished in time, so a breach's number and the list of
    /// cases behind it agree (the longest lateness kept).
    package func breaches(of clocks: [ClockStatus]) -> [CaseBreach] {
        var result: [CaseBreach] = []
        func add(_ b: CaseBreach) {
            if let i = result.firstIndex(where: { $0.organ == b.organ && $0.kind == b.kind }) {
                result[i].daysOverdue = max(result[i].daysOverdue, b.daysOverdue)
            } else {
                result.append(b)
            }
        }
        for clock in clocks where clock.isOverdue {
            guard let kind = BreachKind(clock.kind), let organ = chargedOrgan(clock) else { continue }
            add(CaseBreach(number: number, organ: organ, kind: kind, daysOverdue: -clock.daysLeft))
            // The department that assigned it answers for not supervising a late report (Art 43):
            // no supervision order issued since the assignment.
            if clock.kind == .assignment, let a = assignment,
               !supervision.contains(where: { $0.issuedOn >= a.on }) {
                add(CaseBreach(number: number, organ: a.assigner, kind: .notSupervising, daysOverdue: -clock.daysLeft))
            }
        }
        return result
    }
}

extension Sequence where Element == CaseState {
    /// Every breach on `asOf`, by organ and kind (organs in code order, kinds in the
    /// regulation's order), each with its cases in number order.
    package func breachesByOrgan(asOf: Day, calendar: HolidayCalendar, directory: Directory,
                                 terms: StatutoryTerms = .regulation) -> [OrganBreaches] {
        var groups = BreachGroups()
        for state in self {
            groups.add(state.breaches(asOf: asOf, calendar: calendar, directory: directory, terms: terms))
        }
        return groups.sorted
    }
}

/// Breaches gathered by organ and kind, as `breachesByOrgan` gives them.
struct BreachGroups {
    private struct Key: Hashable {
        var organ: OrganCode
        var kind: BreachKind
    }
    private var groups: [Key: OrganBreaches] = [:]

    mutating func add(_ breaches: [CaseBreach]) {
        for b in breaches {
            groups[Key(organ: b.organ, kind: b.kind), default: OrganBreaches(organ: b.organ, kind: b.kind, cases: [])]
                .cases.append(b.number)
        }
    }

    /// Organs in code order, kinds in the regulation's order, each group's cases in number order.
    var sorted: [OrganBreaches] {
        groups.values
            .map { var g = $0; g.cases.sort(); return g }
            .sorted { $0.organ != $1.organ ? $0.organ < $1.organ : $0.kind < $1.kind }
    }
}
