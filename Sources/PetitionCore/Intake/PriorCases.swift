extension Petitioner {
    /// The same person: identity numbers agree where both are known, else names and phones agree.
    package func isSamePerson(as other: Petitioner) -> Bool {
        if let x = identity, let y = other.identity { return x == y }
        guard let mine = namePhone else { return false }
        return mine == other.namePhone
    }

    /// The identity number as compared: as stored (`InputText.number`: full-width folded,
    /// upper case, no spaces or dashes), whatever form an older record holds; nil when there is none.
    var identity: String? {
        guard let id = idNumber.map(InputText.number), !id.isEmpty else { return nil }
        return id
    }

    /// Name and phone together, as compared when an identity number is missing; nil
    /// unless both are known.
    var namePhone: String? {
        guard let n = name.map(InputText.normalise), !n.isEmpty, let p = phone.map(InputText.phone), !p.isEmpty else {
            return nil
        }
        return n + "\u{1}" + p
    }

    /// Whether enough is known to look the person up: an identity number, or a name and a phone.
    package var isIdentifiable: Bool { identity != nil || namePhone != nil }
}

extension Petition {
    /// Everyone who petitions: the petitioner and a group's representatives.
    package var people: [Petitioner] { [petitioner] + (group?.representatives ?? []) }
}

/// An earlier case of the person at the window, and what the regulation says about
/// registering the same matter again. Whether it *is* the same matter is the clerk's
/// judgement; the console says what follows if it is.
package struct PriorCase: Sendable, Equatable {
    package enum Finding: String, Sendable, Equatable {
        /// Closed by re-review: the same matter on the same facts is not accepted again (Art 36 para 3).
        case final
        /// Accepted or in handling at a lower organ: the superior does not accept it (Art 19 para 3).
        case pendingBelow
        /// Still open at this level or above: a repeat petition (重复访), to be linked to it.
        case repeatPetition

        package var rule: RuleID {
            switch self {
            case .final: .finality
            case .pendingBelow: .intakePendingElsewhere
            case .repeatPetition: .practiceLinks
            }
        }

        package var title: Localized {
            switch self {
            case .final: Localized("已终结：同一事项不再受理", "final: not accepted again")
            case .pendingBelow: Localized("下级在办：不予受理", "pending below: not accepted")
            case .repeatPetition: Localized("重复访：应与此案关联", "repeat: link to it")
            }
        }
    }

    package var number: CaseNumber
    package var phase: Phase
    package var category: String
    package var holder: OrganCode?
    /// The organ that accepted and handles (or handled) it, once one has.
    package var handlerOrgan: OrganCode?
    /// The soonest running duty clock.
    package var next: ClockStatus?
    package var finding: Finding?
}

extension Sequence where Element == CaseState {
    /// The earlier cases of anyone in `petition` (the petitioner or a representative),
    /// newest first, each with what the regulation says about registering the matter
    /// again at `petition.organ`.
    /// `withClocks` false leaves `next` empty (registration's flags need no clock).
    package func priorCases(of petition: Petition, asOf today: Day, calendar: HolidayCalendar,
                            directory: Directory, withClocks: Bool = true) -> [PriorCase] {
        let people = petition.people.filter(\.isIdentifiable)
        guard !people.isEmpty else { return [] }
        // `isSamePerson` against every earlier person, with the draft's keys made once:
        // identity numbers where both sides have one, else name and phone.
        let ids = Set(people.compactMap(\.identity))
        let withoutID = Set(people.filter { $0.identity == nil }.compactMap(\.namePhone))
        let anyone = Set(people.compactMap(\.namePhone))
        func matches(_ e: Petitioner) -> Bool {
            if let id = e.identity {
                if ids.contains(id) { return true }
                return !withoutID.isEmpty && e.namePhone.map(withoutID.contains) == true
            }
            return !anyone.isEmpty && e.namePhone.map(anyone.contains) == true
        }
        let here = directory[petition.organ]
        var found: [PriorCase] = []
        for state in self {
            guard let earlier = state.petition,
                  matches(earlier.petitioner) || (earlier.group?.representatives.contains(where: matches) ?? false)
            else { continue }
            let phase = state.effectivePhase(asOf: today, calendar: calendar)
            let finding: PriorCase.Finding?
            if phase == .final {
                finding = .final
            } else if phase.isTerminal || phase == .new {
                finding = nil
            } else if let there = (state.handlerOrgan ?? state.holder).flatMap({ directory[$0] }), let here,
                      there.level.rank > here.level.rank {
                finding = .pendingBelow
            } else {
                finding = .repeatPetition
            }
            let clocks = withClocks && phase == state.phase ? state.clocks(asOf: today, calendar: calendar, directory: directory) : []
            found.append(PriorCase(number: state.number, phase: phase, category: earlier.category, holder: state.holder,
                                   handlerOrgan: state.handlerOrgan,
                                   next: clocks.filter { !$0.kind.isPetitionerWindow }.min { $0.due < $1.due },
                                   finding: finding))
        }
        return found.sorted { $0.number > $1.number }
    }
}

extension Petitioner {
    /// Why the identity number cannot be this person's, if it cannot (a resident ID with a
    /// bad check digit, a malformed credit code): a panel of earlier cases says so rather than
    /// "first petition" (初信初访), since no lookup by it can find anyone. Nil when the number
    /// is valid, or there is none.
    package func identityProblem(today: Day) -> Rejection? {
        let id = InputText.number(idNumber ?? "")
        guard !id.isEmpty else { return nil }
        do throws(Rejection) {
            try PetitionValidation.check(Petitioner(kind: kind, idNumber: id), path: "petitioner", requireIdentity: false,
                                         today: today)
            return nil
        } catch {
            return error
        }
    }
}
