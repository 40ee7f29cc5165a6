import PetitionCore

/// Indexes for the console's queries, kept up to date as events are folded:
/// by petitioner identity, by phase and by holding organ. (By case number is the
/// case book's own dictionary; by next deadline is computed for a day, since
/// days left depend on it.)
package struct CaseIndex: Sendable {
    package private(set) var byIdentity: [String: Set<CaseNumber>] = [:]
    package private(set) var byPhase: [Phase: Set<CaseNumber>] = [:]
    package private(set) var byOrgan: [OrganCode: Set<CaseNumber>] = [:]

    package init() {}

    /// The identity keys of a case: every identity number and every name + phone
    /// of its petitioner and representatives.
    package static func identities(_ state: CaseState?) -> Set<String> {
        guard let p = state?.petition else { return [] }
        var keys: Set<String> = []
        for person in [p.petitioner] + (p.group?.representatives ?? []) {
            if let id = person.idNumber, !id.isEmpty { keys.insert("id:" + id.uppercased()) }
            if let name = person.name, let phone = person.phone, !name.isEmpty, !phone.isEmpty {
                keys.insert("np:\(name)/\(phone)")
            }
        }
        return keys
    }

    mutating func update(from old: CaseState?, to new: CaseState) {
        let number = new.number
        if old?.phase != new.phase {
            if let p = old?.phase { byPhase[p]?.remove(number) }
            byPhase[new.phase, default: []].insert(number)
        }
        if old?.holder != new.holder {
            if let o = old?.holder { byOrgan[o]?.remove(number) }
            if let o = new.holder { byOrgan[o, default: []].insert(number) }
        }
        let before = Self.identities(old), after = Self.identities(new)
        if before != after {
            for k in before.subtracting(after) { byIdentity[k]?.remove(number) }
            for k in after.subtracting(before) { byIdentity[k, default: []].insert(number) }
        }
    }

    /// The cases of a person, by identity number or by name and phone.
    package func cases(idNumber: String) -> Set<CaseNumber> { byIdentity["id:" + idNumber.uppercased()] ?? [] }

    package func cases(name: String, phone: String) -> Set<CaseNumber> { byIdentity["np:\(name)/\(phone)"] ?? [] }
}
