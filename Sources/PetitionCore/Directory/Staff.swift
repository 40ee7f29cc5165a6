/// Who may act on a log, in which role, for which organ: the staff, as the log's staff
/// records make them, one change at a time, in log order (docs/decisions/0016-staff.md).
///
/// Accountability (Arts 43–46) answers for what an official did in a role; so who held
/// which role is itself on the record — who joined, changed role or left, who made each
/// change and when — and every decision is checked against the staff as the records
/// before it leave them (never against a date, which a training clock can move).
package struct StaffMember: Codable, Sendable, Equatable, Hashable {
    /// The operating-system account.
    package var user: String
    /// The person's name, as shown.
    package var name: String
    package var role: Role
    package var organ: OrganCode

    package init(user: String, name: String, role: Role, organ: OrganCode) {
        self.user = user
        self.name = name
        self.role = role
        self.organ = organ
    }

    package var actor: Actor { Actor(user: user, role: role, organ: organ) }
}

/// One change to the staff, as a staff record holds it.
package struct StaffChange: Codable, Sendable, Equatable {
    package enum Kind: String, Codable, Sendable, CaseIterable {
        /// A new member (`name`, `role`, `organ` given).
        case add
        /// A member's name, role or organ changed (the ones given).
        case change
        /// A member left.
        case remove
    }

    package var kind: Kind
    package var user: String
    package var name: String?
    package var role: Role?
    package var organ: OrganCode?
    /// The account that made the change, and when (the command's time: a training log's
    /// simulated clock, like every event's).
    package var by: String
    package var at: Instant

    package init(_ kind: Kind, user: String, name: String? = nil, role: Role? = nil, organ: OrganCode? = nil,
                 by: String, at: Instant) {
        self.kind = kind
        self.user = user
        self.name = name
        self.role = role
        self.organ = organ
        self.by = by
        self.at = at
    }
}

/// The staff at one point of the log.
package struct Staff: Sendable, Equatable {
    package private(set) var members: [String: StaffMember]
    /// The account that made the first change (it created the log): it may always manage
    /// the staff, as administrators may, so a log made by a single clerk is never locked.
    package private(set) var owner: String?

    package init(_ members: [StaffMember] = [], owner: String? = nil) {
        self.members = Dictionary(members.map { ($0.user, $0) }, uniquingKeysWith: { _, last in last })
        self.owner = owner
    }

    package subscript(user: String) -> StaffMember? { members[user] }

    /// The members, by account.
    package var sorted: [StaffMember] { members.values.sorted { $0.user < $1.user } }

    package func actor(_ user: String) -> Actor? { members[user]?.actor }

    /// The staff after a change that `decide` allowed (a change it would refuse changes nothing).
    package mutating func apply(_ change: StaffChange) {
        if owner == nil { owner = change.by }
        switch change.kind {
        case .add:
            guard let name = change.name, let role = change.role, let organ = change.organ else { return }
            members[change.user] = StaffMember(user: change.user, name: name, role: role, organ: organ)
        case .change:
            guard var member = members[change.user] else { return }
            if let name = change.name { member.name = name }
            if let role = change.role { member.role = role }
            if let organ = change.organ { member.organ = organ }
            members[change.user] = member
        case .remove:
            members[change.user] = nil
        }
    }

    package func applying(_ changes: [StaffChange]) -> Staff {
        var staff = self
        for change in changes { staff.apply(change) }
        return staff
    }

    /// Whether a member may change the staff: an administrator, the log's owner, and on a
    /// training log a trainee (who may do everything there).
    package func manages(_ member: StaffMember?, training: Bool) -> Bool {
        guard let member else { return false }
        return member.role == .administrator || member.user == owner || (training && member.role == .trainee)
    }

    /// Whether `change.by` may make `change` to this staff (`manages`; the first change of
    /// an empty staff, when a log is created, needs no one), and whether the staff it
    /// makes is sound: one entry per account, a role and an organ that exist, no trainee
    /// on a production log, and always someone left who can make the next change.
    package func decide(_ change: StaffChange, directory: Directory, training: Bool) throws(Rejection) {
        if !members.isEmpty, !manages(members[change.by], training: training) {
            throw Rejection(.staffByAdministrator, ["user": change.by])
        }
        // An account name as systems make them (letters, digits, `.`, `_`, `-`; not a leading
        // `-`), and a person's name under the rules every name follows (`InputText`).
        let user = change.user
        // A staff member's account (账户), not a case's handler (承办人).
        try InputText.check(user, field: "account")
        guard !user.isEmpty, user.count <= 32, user.first != "-",
              user.unicodeScalars.allSatisfy({ $0.isASCII && (Character($0).isLetter || Character($0).isNumber || "._-".unicodeScalars.contains($0)) })
        else {
            throw Rejection(.invalidValue, field: "account", ["value": InputText.visible(user), "expected": "zhangwei"])
        }
        if let name = change.name {
            try InputText.check(name, field: "name")
            if InputText.isBlank(name) { throw Rejection(.missingField, field: "name") }
        }
        switch change.kind {
        case .add:
            guard members[user] == nil else { throw Rejection(.staffExists, field: "account", ["user": user]) }
            guard change.name != nil else { throw Rejection(.missingField, field: "name") }
            guard change.role != nil else { throw Rejection(.missingField, field: "role") }
            guard change.organ != nil else { throw Rejection(.missingField, field: "memberOrgan") }
        case .change:
            guard members[user] != nil else { throw Rejection(.staffUnknown, field: "account", ["user": user]) }
            guard change.name != nil || change.role != nil || change.organ != nil else {
                throw Rejection(.missingField, field: "role")
            }
        case .remove:
            guard members[user] != nil else { throw Rejection(.staffUnknown, field: "account", ["user": user]) }
        }
        if let organ = change.organ, directory[organ] == nil {
            // A member's organ, not a petition's registering organ (登记机关).
            throw Rejection(.unknownOrgan, field: "memberOrgan", ["organ": organ])
        }
        if change.role == .trainee, !training { throw Rejection(.staffTraineeInProduction, field: "role") }
        let after = applying([change])
        if !after.members.values.contains(where: { after.manages($0, training: training) }) {
            throw Rejection(.staffLastAdministrator, ["user": user])
        }
    }
}

/// Who works where: the one lookup every staff check in a decision goes through (a
/// handler assigned must be of the holding organ; the accused person is recognised by
/// name). The log's staff records answer it (decision 0016); an older log's roster file,
/// or a test, may too.
package struct StaffDirectory: Sendable {
    private let find: @Sendable (String) -> StaffMember?

    package init(_ find: @escaping @Sendable (String) -> StaffMember?) { self.find = find }

    package init(_ members: [StaffMember]) {
        let byUser = Dictionary(members.map { ($0.user, $0) }, uniquingKeysWith: { first, _ in first })
        self.init { byUser[$0] }
    }

    /// No staff known: every check that needs a member refuses.
    package static let none = StaffDirectory { _ in nil }

    /// The member with this account, if any.
    package func member(_ user: String) -> StaffMember? { find(user) }
}
