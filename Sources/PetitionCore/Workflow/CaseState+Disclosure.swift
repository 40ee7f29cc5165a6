extension CaseState {
    /// Whether this user may read the matter's content and the petitioner's identity.
    ///
    /// Art 30: an accusation and the accuser's identity are never disclosed to the
    /// accused person or unit, and only permitted roles see the content: the
    /// handler and head of the organ holding it, supervisors and administrators.
    package func contentVisible(to actor: Actor) -> Bool {
        guard matterType == .accusation else { return true }
        if let accused = petition?.accusedOrgan, actor.organ == accused { return false }
        switch actor.role {
        case .supervisor, .administrator: return true
        case .handler, .organHead: return actor.organ == holder || actor.organ == handlerOrgan
        case .clerk, .trainee: return false
        }
    }
}
