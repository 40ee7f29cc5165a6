import Foundation
import PetitionCore

/// Who may use a log, in which role, for which organ: `roster.json` beside the log.
package struct Roster: Codable, Sendable, Equatable {
    package struct Member: Codable, Sendable, Equatable {
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
    }

    package var members: [Member]

    package init(members: [Member]) { self.members = members }

    package func actor(_ user: String) -> Actor? {
        members.first { $0.user == user }.map { Actor(user: $0.user, role: $0.role, organ: $0.organ) }
    }

    /// The staff the roster lists, for the checks that name a person (a handler assigned,
    /// the accused person recognised). Staff records in the log will replace it.
    package var staff: StaffDirectory {
        StaffDirectory(members.map { StaffMember(user: $0.user, name: $0.name, role: $0.role, organ: $0.organ) })
    }

    /// The roster file that goes with a log: `NAME.roster.json` beside `NAME.log`.
    package static func path(forLog log: String) -> String {
        let base = log.hasSuffix(".log") ? String(log.dropLast(4)) : log
        return base + ".roster.json"
    }

    package static func load(from path: String) throws(StoreError) -> Roster {
        guard let data = FileManager.default.contents(atPath: path) else { throw StoreError(.dataMissing, path: path) }
        do { return try JSONDecoder().decode(Roster.self, from: data) } catch {
            throw StoreError(.badData, path: path, cause: "\(error)")
        }
    }

    package func save(to path: String) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StoreError(.io, path: path, cause: error.localizedDescription)
        }
    }

    /// The roster a training log starts with: one practice user per role at the
    /// organs of the worked example, and the person running it as a trainee.
    package static func training(osUser: String, jurisdiction: OrganCode) -> Roster {
        Roster(members: [
            Member(user: osUser, name: osUser, role: .trainee, organ: jurisdiction),
            Member(user: "clerk", name: "窗口登记员", role: .clerk, organ: jurisdiction),
            Member(user: "handler", name: "承办人", role: .handler, organ: "D-ZJJ"),
            Member(user: "head", name: "机关负责人", role: .organHead, organ: "D-ZJJ"),
            Member(user: "supervisor", name: "督办人员", role: .supervisor, organ: jurisdiction),
        ])
    }
}
