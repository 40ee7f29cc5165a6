/// Deciding a supervision act of an organ: who may, what it must name, and the record it
/// makes (decision 0024). Pure: the cases it cites are looked up through the context.
extension OrganSupervisionCommand {
    /// The record this act makes, or the rejection that names what is wrong (nothing is written).
    ///
    /// - Role: `data/roles.json`, `organActs` (supervisors; trainees in training).
    /// - Art 39 para 3 (interview, circular, listing): aimed at the organ's leadership team or
    ///   a named leader, with the cases behind it (at least one) and days to put things right
    ///   within `StatutoryTerms.listedSupervision` (practice).
    /// - Art 38 (inspection): of the organ, with what it found; cases optional, no deadline.
    package func decide(_ context: DecisionContext) throws(Rejection) -> OrganSupervisionRecord {
        let rule = measure.rule
        guard context.policy.allows(context.actor.role, measure) else {
            let role = context.actor.role
            throw Rejection(.roleNotPermitted, rule: rule,
                            ["role": role.rawValue, "action": measure.rawValue,
                             "role.zh": context.policy.name(of: role, .zh), "role.en": context.policy.name(of: role, .en)])
        }
        guard context.directory[organ] != nil else { throw Rejection(.unknownOrgan, field: "organ", ["organ": organ]) }
        // Its own organ, or one at its level or below in its territory (Art 5: each supervises its own).
        let own = context.actor.organ
        guard organ == own || context.directory.isWithinReach(of: own, organ) else {
            throw Rejection(.organActOutOfReach, field: "organ", ["organ": organ, "from": own])
        }
        // Text as every other field takes it: no control, bidi or zero-width character, within its length.
        if let leader { try InputText.check(leader, field: "leader") }
        try InputText.check(note, field: "note")
        var target = target, leader = leader?.trimmed, due: Day? = nil
        if leader?.isEmpty == true { leader = nil }
        let terms = context.terms
        if measure.concernsLeadership {
            guard let chosen = target else { throw Rejection(.missingField, field: "target", rule: rule) }
            if chosen == .leader, leader == nil { throw Rejection(.missingField, field: "leader", rule: rule) }
            if chosen == .leadershipTeam { leader = nil }
            guard !cases.isEmpty else { throw Rejection(.missingField, field: "cases", rule: rule) }
            guard let days else { throw Rejection(.missingField, field: "days", rule: rule) }
            guard terms.listedSupervision.days.contains(days) else {
                throw Rejection(.supervisionDaysInvalid, field: "days", rule: rule,
                                ["days": "\(days)", "term.zh": terms.listedSupervision.text.zh,
                                 "term.en": terms.listedSupervision.text.en])
            }
            due = context.calendar.adding(calendarDays: days, to: context.today).due
        } else {
            // An inspection is of the organ: it has no leader to aim at and no deadline.
            target = nil
            leader = nil
        }
        if InputText.isBlank(note) { throw Rejection(.missingField, field: "note", rule: nil) }
        var seen: Set<CaseNumber> = []
        for number in cases where seen.insert(number).inserted {
            guard context.lookup(number) != nil else { throw Rejection(.unknownCase, field: "cases", ["case": "\(number)"]) }
        }
        return OrganSupervisionRecord(measure: measure, organ: organ, target: target, leader: leader,
                                      cases: cases.filter { seen.remove($0) != nil }, note: note, due: due,
                                      actor: context.actor, at: context.now)
    }
}
