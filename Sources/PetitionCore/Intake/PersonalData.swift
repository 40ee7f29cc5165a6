/// Identity numbers, phones and addresses are personal information: lists and
/// exports show them masked unless the role needs them (REGULATION.md, "Personal data").
package enum PersonalData {
    /// Whether a role sees personal data masked. A supervisor watches queues and
    /// chases deadlines; reaching the petitioner is the clerk's and the handler's work.
    package static func masked(for role: Role) -> Bool { role == .supervisor }

    /// Whether `actor` sees this case's personal data masked: a supervisor always; staff of an
    /// organ other than a petition department, on a case their organ has had no part in
    /// (decision 0031, addendum) — they reach the petitioners of their own cases, not the
    /// district's. The petition department's clerks and handlers see it whole.
    package static func masked(for actor: Actor, case state: CaseState?, directory: Directory) -> Bool {
        if masked(for: actor.role) { return true }
        guard directory[actor.organ]?.type != .petitionBureau, let state else { return false }
        return !state.concerns(actor.organ)
    }

    /// An identity number or phone with the middle hidden: 110105********002X.
    package static func mask(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        let chars = Array(text)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        let keepStart = chars.count >= 15 ? 6 : 3
        return String(chars[..<keepStart]) + String(repeating: "*", count: chars.count - keepStart - 4)
            + String(chars[(chars.count - 4)...])
    }

    /// What stands in for a text withheld: an address, or an accusation's content.
    package static let withheld = "***"

    /// A name with all but its first character hidden: 张**.
    package static func maskName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }
}
