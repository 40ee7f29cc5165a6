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

    package init(measure: OrganMeasure, organ: OrganCode, target: LeadershipTarget?, leader: String?, cases: [CaseNumber],
                 note: String, due: Day?, actor: Actor, at: Instant) {
        self.measure = measure
        self.organ = organ
        self.target = target
        self.leader = leader
        self.cases = cases
        self.note = note
        self.due = due
        self.actor = actor
        self.at = at
    }

    package var day: Day { Day(at) }
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

    package init(measure: OrganMeasure, organ: OrganCode, target: LeadershipTarget? = nil, leader: String? = nil,
                 cases: [CaseNumber] = [], note: String, days: Int? = nil) {
        self.measure = measure
        self.organ = organ
        self.target = target
        self.leader = leader
        self.cases = cases
        self.note = note
        self.days = days
    }
}
