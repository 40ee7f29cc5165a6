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
    /// `records`: the log's records of no case so far (acts and lifts, in log order), for a lift.
    package func decide(_ context: DecisionContext, records: [OrganSupervisionRecord] = []) throws(Rejection) -> OrganSupervisionRecord {
        if let lifts { return try lift(lifts, context, records) }
        let rule = measure.rule
        try Self.precheck(measure, organ, context)
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
            guard let state = context.lookup(number) else { throw Rejection(.unknownCase, field: "cases", ["case": "\(number)"]) }
            // The cases behind an act of an organ are the organ's (decision 0030).
            guard state.standsBehindActOf(organ) else {
                throw Rejection(.caseNotOfOrgan, field: "cases", rule: rule, ["case": "\(number)", "organ": organ])
            }
        }
        return OrganSupervisionRecord(measure: measure, organ: organ, target: target, leader: leader,
                                      cases: cases.filter { seen.remove($0) != nil }, note: note, due: due,
                                      actor: context.actor, at: context.now)
    }

    /// Whether this user may take `measure` on `organ` at all — the role (`organActs`) and the
    /// reach (the supervisor's own organ, or one at its level or below in its territory: Art 5,
    /// each supervises its own). Asked when the act's form is opened, so that nothing is typed
    /// in vain, and again when it is saved. `measure` nil: any measure the role may take.
    package static func precheck(_ measure: OrganMeasure?, _ organ: OrganCode, _ context: DecisionContext) throws(Rejection) {
        let role = context.actor.role
        let allowed = measure.map { context.policy.allows(role, $0) }
            ?? OrganMeasure.allCases.contains { context.policy.allows(role, $0) }
        guard allowed else {
            throw Rejection(.roleNotPermitted, rule: measure?.rule ?? .supervisionListed,
                            ["role": role.rawValue, "action": measure?.rawValue ?? "supervise",
                             "role.zh": context.policy.name(of: role, .zh), "role.en": context.policy.name(of: role, .en)])
        }
        guard context.directory[organ] != nil else { throw Rejection(.unknownOrgan, field: "organ", ["organ": organ]) }
        let own = context.actor.organ
        guard organ == own || context.directory.isWithinReach(of: own, organ) else {
            throw Rejection(.organActOutOfReach, field: "organ", ["organ": organ, "from": own])
        }
    }

    /// Lifting (解除) an Art 39 para 3 measure once things are put right (decision 0030: the
    /// regulation is silent on ending one; a careful supervisor records when and why, and only
    /// one who could have taken the measure may lift it). The record repeats the act's measure
    /// and organ, cites no case and sets no deadline; the note is the reason.
    private func lift(_ number: Int, _ context: DecisionContext, _ records: [OrganSupervisionRecord]) throws(Rejection) -> OrganSupervisionRecord {
        // A role that may take no act of an organ is told so first, whatever the number (its own
        // organ is always within reach: only the role is asked here).
        try Self.precheck(nil, context.actor.organ, context)
        let ledger = OrganActEntry.ledger(records)
        guard ledger.indices.contains(number - 1) else {
            throw Rejection(.actNotLiftable, field: "act", ["act": "\(number)", "reason": "unknown"])
        }
        let entry = ledger[number - 1]
        guard entry.act.measure.concernsLeadership else {
            throw Rejection(.actNotLiftable, field: "act", ["act": "\(number)", "reason": "inspection"])
        }
        if let lifted = entry.lifted {
            throw Rejection(.actNotLiftable, field: "act", ["act": "\(number)", "reason": "lifted", "on": "\(lifted.day)"])
        }
        try Self.precheck(entry.act.measure, entry.act.organ, context)
        try InputText.check(note, field: "note")
        // Named as the lift's reason (解除理由), not a note, wherever it is told (decision 0030).
        if InputText.isBlank(note) { throw Rejection(.missingField, field: "note", rule: .supervisionListed, ["lifts": "\(number)"]) }
        return OrganSupervisionRecord(measure: entry.act.measure, organ: entry.act.organ, target: nil, leader: nil, cases: [],
                                      note: note, due: nil, actor: context.actor, at: context.now, lifts: number)
    }
}
