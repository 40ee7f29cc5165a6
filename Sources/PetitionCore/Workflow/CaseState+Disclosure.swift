/// Art 30: what of an accusation each user may see, and whom it may never reach.
///
/// Para 3: the accuser's materials and the circumstances of the accusation are never
/// disclosed or passed to the accused persons or organs. Every place that shows a case
/// (queue, search, `show`, the console, `log dump`) asks `contentVisible`; every route
/// asks `accusedOrgans`. docs/decisions/0015-art30.md.
extension CaseState {
    /// The organs this case may never be routed to nor shown to: for an accusation, the
    /// accused organ and the accused person's organ (Art 30 para 3); none otherwise.
    package var accusedOrgans: [OrganCode] {
        guard matterType == .accusation, let petition else { return [] }
        return petition.accusedOrgans
    }

    /// Whether this user is accused by this case: of an accused organ, or — where the
    /// staff directory knows the person's name — the accused person themself (Art 30).
    package func isAccused(_ actor: Actor, name: String? = nil) -> Bool {
        guard matterType == .accusation, let petition else { return false }
        if petition.accusedOrgans.contains(actor.organ) { return true }
        if let accused = petition.accusedPerson?.name.trimmed, !accused.isEmpty, let name, name.trimmed == accused {
            return true
        }
        return false
    }

    /// Whether the case is an accusation held by an organ it accuses: it must move
    /// (transfer, or referral to the discipline organ) before anything else happens there (Art 30).
    package var heldByAccused: Bool {
        guard let holder else { return false }
        return accusedOrgans.contains(holder)
    }

    /// Whether this user may read the matter's content and the petitioner's identity.
    ///
    /// Art 30: an accusation and the accuser's identity are never disclosed to the
    /// accused person or organ, and only those who work on it see the content: the
    /// clerk, handler and head of the organ holding or handling it (the petition bureau
    /// while it triages), supervisors and administrators. `name` is the user's own name
    /// where the staff directory has it, to recognise the accused person.
    package func contentVisible(to actor: Actor, name: String? = nil) -> Bool {
        guard matterType == .accusation else { return true }
        if isAccused(actor, name: name) { return false }
        switch actor.role {
        case .supervisor, .administrator: return true
        case .clerk, .handler, .organHead: return actor.organ == holder || actor.organ == handlerOrgan
        case .trainee: return false
        }
    }
}
