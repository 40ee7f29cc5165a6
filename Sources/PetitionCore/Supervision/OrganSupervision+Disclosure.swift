/// Art 30 for supervision acts of organs: an act that cites an accusation says nothing of
/// it to someone who may not see it (decision 0024).
extension OrganSupervisionRecord {
    /// The act as this user may see it: a cited accusation the user may not read is left
    /// out of the cases (so its number does not tell the accused that it exists), and the
    /// act's note — which may speak of it — is withheld. `cases` finds a cited case.
    package func visible(to actor: Actor, name: String? = nil, cases lookup: (CaseNumber) -> CaseState?) -> OrganSupervisionRecord {
        let hidden = cases.filter { number in lookup(number).map { !$0.contentVisible(to: actor, name: name) } ?? false }
        guard !hidden.isEmpty else { return self }
        var act = self
        act.cases = cases.filter { !hidden.contains($0) }
        act.note = PersonalData.withheld
        return act
    }

    /// The act for a masked `log dump`: the note withheld when it cites an accusation
    /// (`accusations`: the log's accusation cases); case numbers stay, as in the events.
    package func redacted(accusations: Set<CaseNumber>) -> OrganSupervisionRecord {
        guard cases.contains(where: accusations.contains) else { return self }
        var act = self
        act.note = PersonalData.withheld
        return act
    }
}

extension OrganActEntry {
    /// The act and its lifting as this user may see them: when the act's note is withheld (it
    /// cites an accusation the user may not read), so is the reason it was lifted, which may
    /// speak of the same (decision 0030).
    package func visible(to actor: Actor, name: String? = nil, cases lookup: (CaseNumber) -> CaseState?) -> OrganActEntry {
        var entry = self
        entry.act = act.visible(to: actor, name: name, cases: lookup)
        if entry.act != act, entry.lifted != nil { entry.lifted?.note = PersonalData.withheld }
        return entry
    }
}
