import Foundation
import PetitionCore

/// A petition as `xinfang register` (and an exercise's seed, `CaseBook.startExercise`) reads it from JSON. Every field is optional
/// here so that a missing one is reported by name, in the user's language, rather
/// than as a decoding error. Its coding keys are the keys `register` accepts: any
/// other key is refused (`StrictDecoder`).
package struct PetitionInput: Decodable {
    package struct Person: Decodable {
        var kind: String?
        var name: String?
        var idNumber: String?
        var phone: String?
        var address: String?
    }

    package struct GroupInput: Decodable {
        var people: Int?
        var representatives: [Person]?
    }

    var channel: String?
    var receivedAt: String?
    var organ: String?
    var petitioner: Person?
    var request: String?
    var facts: String?
    var reasons: String?
    var category: String?
    var type: String?
    var group: GroupInput?
    var accusedOrgan: String?
    /// The accused person (Art 30 para 3): `{"name", "post", "organ"}`.
    var accusedPerson: AccusedPersonInput?

    package struct AccusedPersonInput: Decodable {
        var name: String?
        var post: String?
        var organ: String?
    }

    /// Reads one petition object or an array of them, strictly (`StrictDecoder`):
    /// invalid UTF-8, a duplicated key and a key no input type has are refused, naming
    /// the key (and the nearest known one). The known keys are these types' own coding
    /// keys, so a field added here is known without a second list.
    package static func decodeAll(_ data: Data) throws(JSONInputError) -> [PetitionInput] {
        let value = try StrictJSON.parse([UInt8](data))
        if case .array = value { return try StrictDecoder.decode([PetitionInput].self, from: value) }
        return [try StrictDecoder.decode(PetitionInput.self, from: value)]
    }

    /// The petition, with defaults: the actor's organ, and today as the date received.
    package func petition(defaultOrgan: OrganCode, today: Day) throws(Rejection) -> Petition {
        func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ field: String) throws(Rejection) -> T
            where T.RawValue == String {
            guard let raw, !raw.isEmpty else { throw Rejection(.missingField, field: field) }
            guard let v = T(rawValue: raw) else {
                throw Rejection(.invalidValue, field: field,
                                ["value": raw, "expected": T.allCases.map(\.rawValue).joined(separator: "|")])
            }
            return v
        }
        func person(_ p: Person?, _ field: String) throws(Rejection) -> Petitioner {
            let kind: PetitionerKind = try p?.kind.map { k throws(Rejection) in try choice(k, "\(field).kind") } ?? .citizen
            return Petitioner(kind: kind, name: p?.name, idNumber: p?.idNumber, phone: p?.phone, address: p?.address)
        }
        var received = today
        if let raw = receivedAt {
            guard let instant = Instant(iso: raw) else {
                throw Rejection(.invalidValue, field: "receivedAt", ["value": raw, "expected": "YYYY-MM-DD"])
            }
            try Instant.checkSupported(instant, field: "receivedAt")
            received = Day(instant)
        }
        var groupValue: Group?
        if let g = group {
            var reps: [Petitioner] = []
            for (i, r) in (g.representatives ?? []).enumerated() {
                reps.append(try person(r, "group.representatives[\(i + 1)]"))
            }
            groupValue = Group(people: g.people ?? 0, representatives: reps)
        }
        return Petition(channel: try choice(channel, "channel"), receivedOn: received, organ: organ ?? defaultOrgan,
                        petitioner: try person(petitioner, "petitioner"), request: request ?? "", facts: facts ?? "",
                        reasons: reasons ?? "", category: category ?? "", type: try choice(type, "type"),
                        group: groupValue, accusedOrgan: accusedOrgan,
                        accusedPerson: accusedPerson.map { AccusedPerson(name: $0.name ?? "", post: $0.post, organ: $0.organ) })
    }
}
