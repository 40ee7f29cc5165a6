/// What registration found about a petition: the person's earlier cases, and the level a
/// visit was brought to (docs/decisions/0017-earlier-cases-in-the-core.md).
///
/// Computed by `Workflow.decide` for every registration, whatever the door (the CLI, the
/// console, a batch import), and recorded as `earlierCaseFlagged` events in the same batch
/// as the registration. The same person is not always the same matter (decision 0007): a
/// flag naming an earlier case stays until the clerk records not-accept (Art 19 para 3,
/// Art 36 para 3) or "a different matter".
package enum EarlierCaseKind: String, Codable, Sendable, CaseIterable {
    /// An earlier case of the person is final after re-review: the same matter on the same
    /// facts and reasons is not accepted again (Art 36 para 3).
    case final
    /// An earlier case of the person is accepted or in handling at a lower organ: the
    /// superior does not accept the same matter (Art 19 para 3).
    case pendingBelow
    /// An earlier case of the person is open at this level or above: a repeat petition
    /// (重复访, practice), to be linked to it.
    case repeatPetition
    /// A visit brought more than one level above the level that should handle it (越级访):
    /// visits go to the competent organ at its level or one level up (Art 20 para 1).
    case leapfrog

    package var rule: RuleID {
        switch self {
        case .final: .finality
        case .pendingBelow: .intakePendingElsewhere
        case .repeatPetition: .practiceLinks
        case .leapfrog: .intakeVisitLevel
        }
    }

    /// A short marker for queues and narrow columns; the article follows it on screen.
    package var marker: Localized {
        switch self {
        case .final: Localized("已终结", "final")
        case .pendingBelow: Localized("下级在办", "pending below")
        case .repeatPetition: Localized("重复访", "repeat")
        case .leapfrog: Localized("越级访", "leapfrog")
        }
    }

    /// What follows if it is the same matter.
    package var title: Localized {
        switch self {
        case .final: Localized("已终结：同一事项不再受理", "final: not accepted again")
        case .pendingBelow: Localized("下级在办：不予受理", "pending below: not accepted")
        case .repeatPetition: Localized("重复访：应与此案关联", "repeat: link to it")
        case .leapfrog: Localized("越级访：应向有权处理的本级或上一级机关走访", "leapfrog visit: skipped a level")
        }
    }

    /// Whether the flag names an earlier case that the clerk may find to be a different
    /// matter. A leapfrog visit is a fact about the visit, not a judgement about sameness.
    package var isAboutSameness: Bool { self != .leapfrog }
}

/// One flag on a case, as its events left it.
package struct EarlierCaseFlag: Sendable, Equatable, Hashable {
    package var kind: EarlierCaseKind
    /// The earlier case: the one the flag is about; for a leapfrog visit, the case that
    /// shows the level that should handle it, if one does.
    package var ref: CaseNumber?
    /// How the clerk settled it: not nil once not-accept or "a different matter" named `ref`
    /// (or, for a repeat petition, a link to it as the case it repeats).
    package var settled: Settlement?

    package enum Settlement: String, Sendable, Equatable, Hashable, Codable {
        case notAccepted, differentMatter
        /// A repeat petition linked to the case it repeats (重复访: the same matter, practice).
        case linked
    }

    package init(kind: EarlierCaseKind, ref: CaseNumber?, settled: Settlement? = nil) {
        self.kind = kind
        self.ref = ref
        self.settled = settled
    }

    /// Whether the flag still asks for the clerk's decision.
    package var isOpen: Bool { settled == nil }

    /// 已终结·第36条第3款 → 1 earlier case: the marker, the article, the case.
    package func marker(_ language: Language, articles: ArticleCatalog) -> String {
        let text = kind.marker.text(language) + (language == .zh ? "（" : " (") + articles.short(kind.rule, language)
            + (language == .zh ? "）" : ")")
        return text
    }
}

extension Petition {
    /// The flags a registration of this petition carries: the earlier cases of anyone in it
    /// (`priorCases`), and whether a visit skips a level (Art 20 para 1).
    ///
    /// The level that should handle the matter is the level of the organ holding (or that
    /// handled) the earlier case found to be about it, the lowest of them; without one, the
    /// level of the jurisdiction's own petition department (属地管理, Art 5). A visit at that
    /// level or one above is in order; higher is a leapfrog visit.
    package func earlierCaseFlags(among earlier: some Sequence<CaseState>, asOf today: Day,
                                  calendar: HolidayCalendar, directory: Directory) -> [EarlierCaseFlag] {
        let prior = earlier.priorCases(of: self, asOf: today, calendar: calendar, directory: directory,
                                       withClocks: false)
        // The newest earlier case of each finding (`priorCases` lists the newest first): a
        // person's twentieth letter names the case before it, not all nineteen.
        var flags: [EarlierCaseFlag] = []
        for p in prior {
            guard let kind = p.finding?.kind, !flags.contains(where: { $0.kind == kind }) else { continue }
            flags.append(EarlierCaseFlag(kind: kind, ref: p.number))
        }
        if channel == .visit, let here = directory[organ] {
            let candidates: [(CaseNumber?, Organ.Level)] = prior.filter { $0.finding != nil }
                .compactMap { p in (p.handlerOrgan ?? p.holder).flatMap { directory[$0] }.map { (p.number, $0.level) } }
            let home = directory[directory.jurisdiction].map { [(CaseNumber?.none, $0.level)] } ?? []
            if let competent = (candidates.isEmpty ? home : candidates).max(by: { $0.1.rank < $1.1.rank }),
               competent.1.rank - here.level.rank > 1 {
                flags.append(EarlierCaseFlag(kind: .leapfrog, ref: competent.0))
            }
        }
        return flags
    }
}

extension PriorCase.Finding {
    /// The flag a registration records for this finding.
    package var kind: EarlierCaseKind {
        switch self {
        case .final: .final
        case .pendingBelow: .pendingBelow
        case .repeatPetition: .repeatPetition
        }
    }
}

extension CaseState {
    /// The earlier-case flags still awaiting the clerk's decision (Art 19 para 3, Art 36 para 3,
    /// Art 20 para 1, 重复访): shown on every screen until settled. A leapfrog visit stays
    /// while the case is open.
    /// The flags still awaiting the clerk's decision: none once the case is closed (not
    /// accepted, withdrawn, finished), when no decision can be recorded any more.
    package var openEarlierFlags: [EarlierCaseFlag] { phase.isTerminal ? [] : earlierFlags.filter(\.isOpen) }

    /// Whether the case is a repeat petition (重复访): flagged as one at registration and
    /// not found a different matter, or linked as repeating an earlier case.
    package var isRepeat: Bool {
        earlierFlags.contains { $0.kind == .repeatPetition && $0.settled != .differentMatter }
            || links.contains { $0.kind == .repeats }
    }
}

extension MissingContent {
    /// What a petition states (Art 19 para 1).
    package var rule: RuleID { .intakeContent }
}

extension CaseState {
    /// What a clerk must not miss about this case, as short markers with their articles, for
    /// queues, lists and the case screen: the open earlier-case flags (已终结（第36条第3款）
    /// D-XFJ-2025-00001) and the content still missing (缺理由（第19条第1款）).
    package func attentionMarks(_ language: Language, articles: ArticleCatalog, withCase: Bool = true) -> [String] {
        let flags = openEarlierFlags.map { f in
            f.marker(language, articles: articles) + (withCase ? f.ref.map { " \($0)" } ?? "" : "")
        }
        let missing = (petition?.missingContent ?? []).map { m in
            m.title.text(language) + (language == .zh ? "（" : " (") + articles.short(m.rule, language)
                + (language == .zh ? "）" : ")")
        }
        return flags + missing
    }
}
