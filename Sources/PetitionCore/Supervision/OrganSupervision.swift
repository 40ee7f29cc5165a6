/// A supervision act that concerns an organ rather than one case (decision 0024).
///
/// Art 39 para 3: the joint conference interviews (约谈), circulates a notice on (通报) or
/// lists for supervision (挂牌督办) the leadership team or a leader of an organ whose petition
/// work is poor, and has it put things right. Art 38: Party committees, governments, joint
/// conferences and petition departments inspect (督查) how organs carry out petition work.
/// The joint conference acts through its office in the petition department: the record's
/// actor is the supervisor who entered it.
package enum OrganMeasure: String, Codable, Sendable, CaseIterable {
    case interview, circular, listing, inspection

    /// The rule the act is recorded under.
    package var rule: RuleID {
        switch self {
        case .interview, .circular, .listing: .supervisionListed
        case .inspection: .supervisionInspection
        }
    }

    /// Whether the act is aimed at a leadership team or a leader and sets a deadline to
    /// put things right (Art 39 para 3); an inspection (Art 38) is of the organ.
    package var concernsLeadership: Bool {
        switch self {
        case .interview, .circular, .listing: true
        case .inspection: false
        }
    }

    package var label: Localized {
        switch self {
        case .interview: Localized("约谈", "interview")
        case .circular: Localized("通报", "circular")
        case .listing: Localized("挂牌督办", "listed supervision")
        case .inspection: Localized("督查", "inspection")
        }
    }
}

/// Whom an Art 39 para 3 measure is aimed at.
package enum LeadershipTarget: String, Codable, Sendable, CaseIterable {
    case leadershipTeam, leader

    package var label: Localized {
        switch self {
        case .leadershipTeam: Localized("领导班子", "leadership team")
        case .leader: Localized("领导干部", "leader")
        }
    }
}

/// The record of one supervision act of an organ, as the log keeps it (a record of no case).
package struct OrganSupervisionRecord: Codable, Sendable, Equatable {
    package var measure: OrganMeasure
    /// The organ concerned.
    package var organ: OrganCode
    /// Art 39 para 3 only: the leadership team or a leader.
    package var target: LeadershipTarget?
    /// The leader (name and post) when the target is a leader.
    package var leader: String?
    /// The cases behind the act (at least one for an Art 39 para 3 measure).
    package var cases: [CaseNumber]
    /// Why, or what the inspection found.
    package var note: String
    /// The day by which things are to be put right (Art 39 para 3); none for an inspection.
    package var due: Day?
    package var actor: Actor
    package var at: Instant
    /// Set on the record that lifts (解除) an Art 39 para 3 measure: the number of the act it
    /// lifts (its place among the acts, from 1, as `supervise list` numbers them); the note is
    /// then the reason, and `measure` and `organ` repeat the act's (decision 0030). Nil on an act.
    package var lifts: Int?

    package init(measure: OrganMeasure, organ: OrganCode, target: LeadershipTarget?, leader: String?, cases: [CaseNumber],
                 note: String, due: Day?, actor: Actor, at: Instant, lifts: Int? = nil) {
        self.measure = measure
        self.organ = organ
        self.target = target
        self.leader = leader
        self.cases = cases
        self.note = note
        self.due = due
        self.actor = actor
        self.at = at
        self.lifts = lifts
    }

    package var day: Day { Day(at) }
}

/// One act of an organ as the desk lists it: its number (from 1, in log order among the acts,
/// as `supervise list` numbers them), the act, and the record that lifted it, if one did.
package struct OrganActEntry: Sendable, Equatable {
    package var number: Int
    package var act: OrganSupervisionRecord
    package var lifted: OrganSupervisionRecord?

    package init(number: Int, act: OrganSupervisionRecord, lifted: OrganSupervisionRecord?) {
        self.number = number
        self.act = act
        self.lifted = lifted
    }

    /// An Art 39 para 3 measure not lifted: still in force (an inspection is a finding, not a measure).
    package var standing: Bool { act.measure.concernsLeadership && lifted == nil }

    /// Its state on `today`: 在办 (in force), 整改期满 (past its day, not lifted), 已解除 (lifted),
    /// or — for an inspection, a finding and not a measure. The console's list and `supervise list` both say this.
    package func status(asOf today: Day) -> Localized {
        if lifted != nil { return Localized("已解除", "lifted") }
        guard act.measure.concernsLeadership else { return Localized("—", "—") }
        if let due = act.due, due < today { return Localized("整改期满", "past due") }
        return Localized("在办", "in force")
    }

    /// The acts among `records` (the log's records of no case, acts and lifts in log order),
    /// numbered, each with its lift.
    package static func ledger(_ records: [OrganSupervisionRecord]) -> [OrganActEntry] {
        var entries: [OrganActEntry] = []
        for record in records {
            if let n = record.lifts {
                if entries.indices.contains(n - 1), entries[n - 1].lifted == nil { entries[n - 1].lifted = record }
            } else {
                entries.append(OrganActEntry(number: entries.count + 1, act: record, lifted: nil))
            }
        }
        return entries
    }
}

/// What a supervisor asks for: one supervision act of an organ.
package struct OrganSupervisionCommand: Sendable, Equatable {
    package var measure: OrganMeasure
    package var organ: OrganCode
    package var target: LeadershipTarget?
    package var leader: String?
    package var cases: [CaseNumber]
    package var note: String
    /// Days to put things right (Art 39 para 3), within `StatutoryTerms.listedSupervision`.
    package var days: Int?
    /// Lift (解除) the act of this number, `note` the reason (decision 0030); the other fields
    /// are then the act's and are not asked for.
    package var lifts: Int?

    package init(measure: OrganMeasure, organ: OrganCode, target: LeadershipTarget? = nil, leader: String? = nil,
                 cases: [CaseNumber] = [], note: String, days: Int? = nil, lifts: Int? = nil) {
        self.measure = measure
        self.organ = organ
        self.target = target
        self.leader = leader
        self.cases = cases
        self.note = note
        self.days = days
        self.lifts = lifts
    }
}
