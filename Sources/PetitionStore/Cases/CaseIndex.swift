import PetitionCore

/// The identity index, built on the case book's first lookup by identity and kept up
/// to date as events are folded from then on: every identity
/// number and every name + phone of a petitioner or representative, to the
/// positions of their cases in the case book. (By case number is the book's own
/// table; phase and organ are indexed on demand; next deadlines are computed for a
/// day, since days left depend on it.)
struct CaseIndex: Sendable {
    private(set) var byIdentity: [String: Set<Int>] = [:]

    /// The identity keys of a petition.
    static func identities(_ p: Petition?) -> Set<String> {
        guard let p else { return [] }
        var keys: Set<String> = []
        for person in [p.petitioner] + (p.group?.representatives ?? []) {
            // As stored and as looked up: one form whatever was typed (`InputText.number`, `.phone`).
            if let id = person.idNumber.map(InputText.number), !id.isEmpty { keys.insert("id:" + id) }
            if let name = person.name.map(InputText.normalise), let phone = person.phone.map(InputText.phone),
               !name.isEmpty, !phone.isEmpty {
                keys.insert("np:\(name)/\(phone)")
            }
        }
        return keys
    }

    mutating func update(_ position: Int, from old: Set<String>, to new: Set<String>) {
        guard old != new else { return }
        for k in old.subtracting(new) { byIdentity[k]?.remove(position) }
        for k in new.subtracting(old) { byIdentity[k, default: []].insert(position) }
    }
}
