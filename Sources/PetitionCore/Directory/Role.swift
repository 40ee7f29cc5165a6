import Foundation

/// A user's role at the window or desk.
package enum Role: String, Codable, Sendable, CaseIterable {
    case clerk, handler, organHead, supervisor, administrator, trainee

    /// A role as written (a roster, a staff record): an unknown one is refused naming the
    /// roles there are, as `--role` does, not as a decoding failure.
    package init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let role = Role(rawValue: raw) else {
            throw JSONInputError(.invalidValue(path: StrictDecoder.join(decoder.codingPath), value: raw,
                                               allowed: Role.allCases.map(\.rawValue)))
        }
        self = role
    }
}

/// A user acting: who, in which role, for which organ.
package struct Actor: Codable, Sendable, Equatable, Hashable {
    package var user: String
    package var role: Role
    package var organ: OrganCode

    package init(user: String, role: Role, organ: OrganCode) {
        self.user = user
        self.role = role
        self.organ = organ
    }
}

/// Which actions each role may take, loaded from `data/roles.json`.
package struct RolePolicy: Sendable {
    package struct Entry: Codable, Sendable {
        package var role: Role
        package var name: String
        package var nameEn: String
        package var actions: [ActionKind]
        /// The supervision acts of no case the role may record (decision 0024); none if absent.
        package var organActs: [OrganMeasure]?
    }

    package let entries: [Entry]

    package init(entries: [Entry]) { self.entries = entries }

    package init(json: Data) throws {
        struct File: Decodable { var roles: [Entry] }
        self.init(entries: try JSONDecoder().decode(File.self, from: json).roles)
    }

    package func allows(_ role: Role, _ action: ActionKind) -> Bool {
        entries.first { $0.role == role }?.actions.contains(action) ?? false
    }

    /// Whether the role may record this supervision act of an organ (Arts 38, 39 para 3).
    package func allows(_ role: Role, _ measure: OrganMeasure) -> Bool {
        entries.first { $0.role == role }?.organActs?.contains(measure) ?? false
    }

    package func name(of role: Role, _ language: Language) -> String {
        guard let e = entries.first(where: { $0.role == role }) else { return role.rawValue }
        return language == .zh ? e.name : e.nameEn
    }
}
