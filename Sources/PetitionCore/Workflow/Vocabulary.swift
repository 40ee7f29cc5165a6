/// Why a petition is not accepted at triage.
package enum NonAcceptance: String, Codable, Sendable, CaseIterable {
    /// The same matter is accepted or in handling below (Art 19 para 3).
    case pendingElsewhere
    /// The matter is final after re-review, raised again on the same facts and reasons (Art 36 para 3).
    case alreadyFinal

    /// The article each reason rests on.
    package var rule: RuleID {
        switch self {
        case .pendingElsewhere: .intakePendingElsewhere
        case .alreadyFinal: .finality
        }
    }
}

/// Where a triage referral goes (Art 22 items 3 and 4).
package enum ReferralKind: String, Codable, Sendable, CaseIterable {
    case politicalLegal, discipline
}

/// The two kinds of agreement that end handling (Art 33).
package enum AgreementKind: String, Codable, Sendable, CaseIterable {
    case mediation, settlement
}

/// The outcome of a handling opinion (Art 32; Art 29 for suggestions; Art 30 for accusations).
package enum Outcome: String, Codable, Sendable, CaseIterable {
    // grievances
    case support, explain, notSupport
    // suggestions
    case adopted, adoptedInPart, notAdopted
    // accusations
    case substantiated, partlySubstantiated, unsubstantiated

    package func fits(_ type: MatterType) -> Bool {
        switch self {
        case .support, .explain, .notSupport: type == .grievance
        case .adopted, .adoptedInPart, .notAdopted: type == .suggestion
        case .substantiated, .partlySubstantiated, .unsubstantiated: type == .accusation
        }
    }

    package static func allowed(for type: MatterType) -> [Outcome] { allCases.filter { $0.fits(type) } }
}

/// What the case's handling achieved (Art 27, "三到位一处理").
package enum Measure: String, Codable, Sendable, CaseIterable {
    case solved, explained, assisted, dealtWithByLaw
}

/// The outcome of a review or re-review (Arts 35, 36).
package enum ReviewOutcome: String, Codable, Sendable, CaseIterable {
    case upheld, changed, revoked
}

/// The six kinds of prohibited conduct (Art 26).
package enum Conduct: String, Codable, Sendable, CaseIterable {
    case illegalGathering, dangerousArticles, assaultOrDamage, lingeringOrAbandoning, incitingOrProfiting, otherDisturbance
}

/// Follow-up work after non-acceptance or finality (Art 37).
package enum FollowUpKind: String, Codable, Sendable, CaseIterable {
    case education, disputeResolution, assistance
}

/// The three suggestions of a supervision order (Art 40).
package enum Suggestion: String, Codable, Sendable, CaseIterable {
    case improveWork, improvePolicy, pursueAccountability

    /// The paragraph of Art 40 the suggestion is made under (each names its addressee).
    package var rule: RuleID {
        switch self {
        case .improveWork: .supervisionOrder
        case .improvePolicy: .supervisionPolicy
        case .pursueAccountability: .supervisionAccountability
        }
    }
}

/// The organ's written answer to a supervision suggestion (Art 40 para 4): adopted,
/// adopted in part, or not adopted — each with its reasons.
package enum Adoption: String, Codable, Sendable, CaseIterable {
    case adopted, adoptedInPart, notAdopted

    /// Whether the suggestion was adopted, whole or in part (the annual report's "adopted", Art 41).
    package var isAdopted: Bool { self != .notAdopted }
}

/// How two cases relate (practice: links never merge or delete cases).
package enum LinkKind: String, Codable, Sendable, CaseIterable {
    case repeats, related
}

/// A registration detail that a correction may change. The accused organ and person
/// may be added or corrected after registration (Art 30): an empty value removes them.
package enum CorrectableField: String, Codable, Sendable, CaseIterable {
    case name, idNumber, phone, address, request, facts, reasons, category
    case accusedOrgan, accusedPersonName, accusedPersonPost, accusedPersonOrgan

    /// Whether the field names the accused (Art 30): those an accused organ may never change.
    package var namesTheAccused: Bool {
        switch self {
        case .accusedOrgan, .accusedPersonName, .accusedPersonPost, .accusedPersonOrgan: true
        case .name, .idNumber, .phone, .address, .request, .facts, .reasons, .category: false
        }
    }
}

/// The petitioner's rating of how the matter was handled (Art 21 para 2: the information
/// system lets the petitioner query and rate the handling). Recorded once the reply is delivered.
package enum Satisfaction: String, Codable, Sendable, CaseIterable {
    case satisfied, basicallySatisfied, dissatisfied
}
