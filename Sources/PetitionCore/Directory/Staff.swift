/// One member of staff, as the decisions that name a person need them: the account,
/// the person's name, the role and the organ.
package struct StaffMember: Sendable, Equatable, Hashable {
    package var user: String
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

/// Who works where: the one lookup every staff check goes through (a handler assigned
/// must be of the holding organ; the accused person is recognised by name). The roster
/// file answers it today; staff records in the log will answer it later, behind the
/// same function.
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
