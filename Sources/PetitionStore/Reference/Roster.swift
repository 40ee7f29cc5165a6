import Foundation
import PetitionCore

/// Who may use a log, in which role, for which organ, as a JSON file: the import format of
/// `xinfang init --roster`, and where a log made before staff records (decision 0016)
/// still finds its users (`NAME.roster.json` beside it).
package struct Roster: Codable, Sendable, Equatable {
    /// A member as the file lists one: the same account, name, role and organ a staff
    /// record enrols.
    package typealias Member = StaffMember

    package var members: [Member]

    package init(members: [Member]) { self.members = members }

    package func actor(_ user: String) -> Actor? { members.first { $0.user == user }?.actor }

    /// The staff the roster lists, for the checks that name a person (a handler assigned,
    /// the accused person recognised), on a log made before staff records.
    package var staff: StaffDirectory { StaffDirectory(members) }

    /// The roster file that goes with a log: `NAME.roster.json` beside `NAME.log`.
    package static func path(forLog log: String) -> String {
        let base = log.hasSuffix(".log") ? String(log.dropLast(4)) : log
        return base + ".roster.json"
    }

    package static func load(from path: String) throws(StoreError) -> Roster {
        guard let data = FileManager.default.contents(atPath: path) else { throw StoreError(.dataMissing, path: path) }
        // Strictly, as every import: an unknown or repeated key is refused, naming it.
        do throws(JSONInputError) { return try StrictDecoder.decode(Roster.self, from: [UInt8](data)) } catch {
            throw StoreError(.badRoster, path: path, cause: error.message(.zh, input: Localized("人员名单", "roster")))
        }
    }

    /// Writes the roster whole, through the store's file seam: made with exactly the
    /// mode its folder calls for (`FileModes`), whatever the umask, and synced.
    package func save(to path: String, fs: any FileSystem = PosixFileSystem()) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes: Data
        do { bytes = try encoder.encode(self) } catch {
            throw StoreError(.io, path: path, cause: error.localizedDescription)
        }
        do throws(FileError) {
            try fs.replace(path, with: Array(bytes), temp: path + ".writing-\(getpid())", durable: true)
        } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
    }

    /// The staff records that enrol these members, made by `creator` at `now`: the
    /// creator's own entry first (the first staff record makes its account the log's owner).
    package func enrolment(by creator: String, at now: Instant) -> [StaffChange] {
        let ordered = members.filter { $0.user == creator } + members.filter { $0.user != creator }
        return ordered.map { StaffChange(.add, user: $0.user, name: $0.name, role: $0.role, organ: $0.organ, by: creator, at: now) }
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
