/// What a supervisor looks for across the cases besides the clocks (issue 14, item 1): each a
/// fact of one case on a day, so a count and the list behind it come from the same rule.
package enum DeskFlag: String, CaseIterable, Sendable {
    /// Under a supervision order still awaiting written feedback (督办中, Art 40).
    case underSupervision
    /// A repeat petition (重复访, practice): registration found the person's same matter open,
    /// and the clerk has not found it a different matter.
    case repeatPetition
    /// A visit brought above the level that should handle it (越级访, Art 20 para 1).
    case leapfrog
    /// Open longer than the backlog days (积案, practice; `StatutoryTerms.backlog`).
    case backlog
    /// A major or urgent matter (Art 25).
    case majorUrgent
    /// A leader in charge of the case (领导包案, Art 18 para 2).
    case leaderInCharge
    /// Sent by transfer or assignment and not received (Art 44 item 1 once late).
    case notReceived

    package var title: Localized {
        switch self {
        case .underSupervision: Localized("督办中", "under supervision")
        case .repeatPetition: Localized("重复访", "repeat")
        case .leapfrog: Localized("越级访", "leapfrog")
        case .backlog: Localized("积案", "backlog")
        case .majorUrgent: Localized("重大紧急", "major/urgent")
        case .leaderInCharge: Localized("领导包案", "leader in charge")
        case .notReceived: Localized("转送未签收", "not received")
        }
    }

    /// The flag named by a word, in either language or by its code (`backlog`, `积案`).
    package init?(named text: String) {
        let t = text.lowercased()
        guard let flag = Self.allCases.first(where: {
            $0.rawValue.lowercased() == t || $0.title.zh == text || $0.title.en.lowercased() == t
        }) else { return nil }
        self = flag
    }

    /// Whether the case carries the flag on `asOf` (an open case only, but for 督办中 and
    /// 领导包案, which follow the case to its end).
    package func holds(_ state: CaseState, asOf: Day, calendar: HolidayCalendar,
                       terms: StatutoryTerms = .regulation) -> Bool {
        holds(state, asOf: asOf, terms: terms) { state.effectivePhase(asOf: asOf, calendar: calendar, terms: terms) }
    }

    /// The same, for a caller that knows the case's phase on `asOf` already (the desk asks
    /// every flag of a case, and derives that phase once).
    package func holds(_ state: CaseState, asOf: Day, terms: StatutoryTerms = .regulation,
                       effectivePhase: () -> Phase) -> Bool {
        switch self {
        case .underSupervision: return !state.openSupervisionOrders.isEmpty
        case .leaderInCharge: return state.leader != nil
        case .repeatPetition, .leapfrog, .backlog, .majorUrgent, .notReceived: break
        }
        guard state.phase != .new, !effectivePhase().isTerminal else { return false }
        switch self {
        case .repeatPetition:
            return state.isRepeat
        case .leapfrog: return state.earlierFlags.contains { $0.kind == .leapfrog }
        case .backlog:
            guard let received = state.petition?.receivedOn else { return false }
            return received.days(to: asOf) > terms.backlog
        case .majorUrgent: return state.flags.contains(.majorUrgent)
        case .notReceived: return state.phase == .transferred || state.phase == .assigned
        case .underSupervision, .leaderInCharge: return false
        }
    }
}

extension Directory {
    /// The organs a text names, as the pickers match them: any part of the name, the short
    /// name (either language) or the code, case aside (`区住建局`, `D-ZJJ`, `zjj`).
    package func organs(matching text: String) -> Set<OrganCode> {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return [] }
        return Set(organs.filter { o in
            [o.code, o.name, o.nameEn, o.short ?? "", o.shortEn ?? ""].contains { $0.lowercased().contains(needle) }
        }.map(\.code))
    }
}
