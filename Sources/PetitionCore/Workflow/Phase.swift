/// Where a case stands in the regulation's workflow (REGULATION.md, "States").
package enum Phase: String, Codable, Sendable, CaseIterable {
    /// Nothing registered yet.
    case new
    case registered
    case escalated
    case transferred
    case assigned
    case referred
    case redirected
    case notAccepted
    case received
    case objected
    case accepted
    case classified
    case routed
    case handling
    case hearing
    case mediation
    case mediated
    case opinionIssued
    case replied
    case closed
    case reviewRequested
    case reviewOpinionIssued
    case reviewed
    case rereviewRequested
    case rereviewHearing
    case rereviewOpinionIssued
    case final
    case withdrawn

    /// True when the petition track has ended and no workflow step may follow.
    package var isTerminal: Bool {
        switch self {
        case .referred, .redirected, .notAccepted, .routed, .mediated, .closed, .final, .withdrawn: true
        case .new, .registered, .escalated, .transferred, .assigned, .received, .objected, .accepted,
             .classified, .handling, .hearing, .mediation, .opinionIssued, .replied, .reviewRequested,
             .reviewOpinionIssued, .reviewed, .rereviewRequested, .rereviewHearing, .rereviewOpinionIssued:
            false
        }
    }

    package var title: Localized {
        switch self {
        case .new: Localized("未登记", "not registered")
        case .registered: Localized("已登记", "registered")
        case .escalated: Localized("重大紧急已报告", "escalated (major/urgent)")
        case .transferred: Localized("已转送", "transferred")
        case .assigned: Localized("已交办", "assigned")
        case .referred: Localized("已移交", "referred")
        case .redirected: Localized("已告知向有权机关提出", "redirected")
        case .notAccepted: Localized("不予受理", "not accepted")
        case .received: Localized("已接收", "received")
        case .objected: Localized("已提出异议", "objected")
        case .accepted: Localized("已受理", "accepted")
        case .classified: Localized("已分类", "classified")
        case .routed: Localized("已导入法定途径", "routed to a legal procedure")
        case .handling: Localized("办理中", "in handling")
        case .hearing: Localized("听证中", "in hearing")
        case .mediation: Localized("调解中", "in mediation")
        case .mediated: Localized("已调解和解", "settled by agreement")
        case .opinionIssued: Localized("已出具处理意见", "opinion issued")
        case .replied: Localized("已答复", "replied")
        case .closed: Localized("已办结", "closed")
        case .reviewRequested: Localized("复查中", "under review")
        case .reviewOpinionIssued: Localized("已出具复查意见", "review opinion issued")
        case .reviewed: Localized("已复查", "reviewed")
        case .rereviewRequested: Localized("复核中", "under re-review")
        case .rereviewHearing: Localized("复核听证中", "re-review hearing")
        case .rereviewOpinionIssued: Localized("已出具复核意见", "re-review opinion issued")
        case .final: Localized("已终结", "final")
        case .withdrawn: Localized("已撤回", "withdrawn")
        }
    }
}

/// Flags that may be set alongside the phase (REGULATION.md, "States").
package enum CaseFlag: String, Codable, Sendable, CaseIterable, Comparable {
    case groupVisit, majorUrgent, confidentialAccusation, underSupervision, listedSupervision
    case extended, leaderInCharge, oralRecord, unreachable, foreign
    /// A log recovery lost some of the case's records: nothing may be done to it until a
    /// supervisor reviews it (`reviewRecovery`).
    case incomplete
    /// Part of the petition's content is missing (Art 19 para 1): registered all the same
    /// (Art 22 para 1, Art 23 para 1) and the petitioner asked to supplement it (补正).
    case missingFacts, missingReasons, missingPhone

    package static func < (a: CaseFlag, b: CaseFlag) -> Bool { a.rawValue < b.rawValue }

    package var title: Localized {
        switch self {
        case .groupVisit: Localized("集体访", "group visit")
        case .majorUrgent: Localized("重大紧急", "major/urgent")
        case .confidentialAccusation: Localized("检举控告保密", "confidential accusation")
        case .underSupervision: Localized("督办中", "under supervision")
        case .listedSupervision: Localized("挂牌督办", "listed supervision")
        case .extended: Localized("已延期", "extended")
        case .leaderInCharge: Localized("领导包案", "leader in charge")
        case .oralRecord: Localized("口头信访笔录", "oral record")
        case .unreachable: Localized("无法告知", "cannot be notified")
        case .foreign: Localized("涉外", "foreign")
        case .incomplete: Localized("记录不全待复核", "incomplete: awaiting review")
        case .missingFacts: Localized("缺事实待补正", "no facts: to supplement")
        case .missingReasons: Localized("缺理由待补正", "no reasons: to supplement")
        case .missingPhone: Localized("来电无号码待补正", "call without a number: to supplement")
        }
    }
}

/// A case's flags, one bit each: a set of `CaseFlag` that is one word in the case and
/// hashes nothing (a replay sets and clears flags a few million times), iterated in the
/// order the flags are declared.
package struct CaseFlags: SetAlgebra, Sequence, Hashable, Sendable {
    package typealias Element = CaseFlag
    private var bits: UInt32

    package init() { bits = 0 }

    private static func bit(_ flag: CaseFlag) -> UInt32 {
        let position: UInt32 = switch flag {
        case .groupVisit: 0
        case .majorUrgent: 1
        case .confidentialAccusation: 2
        case .underSupervision: 3
        case .listedSupervision: 4
        case .extended: 5
        case .leaderInCharge: 6
        case .oralRecord: 7
        case .unreachable: 8
        case .foreign: 9
        case .incomplete: 10
        case .missingFacts: 11
        case .missingReasons: 12
        case .missingPhone: 13
        }
        return 1 << position
    }

    package var isEmpty: Bool { bits == 0 }
    package func contains(_ member: CaseFlag) -> Bool { bits & Self.bit(member) != 0 }
    package func union(_ other: CaseFlags) -> CaseFlags { var s = self; s.bits |= other.bits; return s }
    package func intersection(_ other: CaseFlags) -> CaseFlags { var s = self; s.bits &= other.bits; return s }
    package func symmetricDifference(_ other: CaseFlags) -> CaseFlags { var s = self; s.bits ^= other.bits; return s }
    package mutating func formUnion(_ other: CaseFlags) { bits |= other.bits }
    package mutating func formIntersection(_ other: CaseFlags) { bits &= other.bits }
    package mutating func formSymmetricDifference(_ other: CaseFlags) { bits ^= other.bits }

    @discardableResult
    package mutating func insert(_ newMember: CaseFlag) -> (inserted: Bool, memberAfterInsert: CaseFlag) {
        let had = contains(newMember)
        bits |= Self.bit(newMember)
        return (!had, newMember)
    }

    @discardableResult
    package mutating func remove(_ member: CaseFlag) -> CaseFlag? {
        guard contains(member) else { return nil }
        bits &= ~Self.bit(member)
        return member
    }

    @discardableResult
    package mutating func update(with newMember: CaseFlag) -> CaseFlag? {
        insert(newMember).inserted ? nil : newMember
    }

    package func makeIterator() -> some IteratorProtocol<CaseFlag> {
        let bits = bits
        return CaseFlag.allCases.lazy.filter { bits & Self.bit($0) != 0 }.makeIterator()
    }
}
