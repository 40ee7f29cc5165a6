/// What a search hit matched, in the order a case is labelled by: the first that holds.
package enum SearchMatch: Int, Sendable, CaseIterable, Equatable {
    case caseNumber, idNumber, phone, name, initials, text
}

/// A query as search reads it, and what each kind of match means: the one definition
/// of the search's semantics, which the index only narrows (every candidate it gives is
/// checked here) and the plain scan applies to every case.
package struct SearchQuery: Sendable {
    /// The query, trimmed.
    package let text: String
    let upper: String
    /// Lower-case, when the query is all ASCII letters: pinyin initials (`wxy`).
    let initials: String?
    /// The kinds of match this query can make, in labelling order.
    package let kinds: [SearchMatch]

    package init?(_ raw: String) {
        var q = raw.trimmed
        guard !q.isEmpty else { return nil }
        // A case number is ASCII letters, digits and dashes: only such a query is
        // compared with each case's number.
        let numberLike = q.contains("-") && q.uppercased().allSatisfy { $0.isASCII }
        // A number typed as people type one — full-width digits from an input method, spaces,
        // +86 — is searched as stored: folded as registration folds phones and ID numbers.
        let folded = InputText.phone(q)
        if !numberLike, !folded.isEmpty, folded.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }) {
            q = folded
        }
        text = q
        upper = q.uppercased()
        let digits = q.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }
        let letters = q.allSatisfy { $0.isASCII && $0.isLetter }
        initials = letters ? q.lowercased() : nil
        var kinds: [SearchMatch] = numberLike ? [.caseNumber] : []
        if digits && q.count >= 4 {
            // An identity number or phone, whole or in part (its tail): nothing else.
            kinds += [.idNumber, .phone]
        } else {
            kinds += letters ? [.name, .initials, .text] : [.name, .text]
        }
        self.kinds = kinds
    }

    /// Whether a case matches in this way. Only `caseNumber` may be asked of a case whose
    /// content this user may not read (Art 30): the caller checks before asking the rest.
    package func matches(_ kind: SearchMatch, _ state: CaseState) -> Bool {
        if kind == .caseNumber { return Self.has(state.number.description, upper) }
        guard let p = state.petition else { return false }
        switch kind {
        case .caseNumber: return false  // answered above
        case .idNumber: return p.people.contains { $0.idNumber.map { Self.has($0, upper) } ?? false }
        case .phone: return p.people.contains { $0.phone.map { Self.has($0, text) } ?? false }
        case .name: return p.people.contains { $0.name.map { Self.has($0, text) } ?? false }
        case .initials:
            guard let initials else { return false }
            return p.people.contains { $0.name.map { PinyinInitials.of($0).hasPrefix(initials) } ?? false }
        case .text:
            return Self.has(p.request, text) || Self.has(p.facts, text) || Self.has(p.reasons, text)
                || p.petitioner.address.map { Self.has($0, text) } ?? false
        }
    }

    /// The first kind in which a case matches, or nil: what the hit is labelled with.
    /// An accusation this user may not read (`visible` false) is matched by number only.
    package func firstMatch(_ state: CaseState, visible: Bool) -> SearchMatch? {
        for kind in kinds where kind == .caseNumber || visible {
            if matches(kind, state) { return kind }
        }
        return nil
    }

    /// Whether `text` contains `needle`, compared as UTF-8 bytes: identity numbers are
    /// stored upper-case and trimmed, and a UTF-8 match cannot start inside a character,
    /// so this finds what `String.contains` finds for the queries search takes, without
    /// building anything per case.
    package static func has(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first, pin.count <= hay.count else { return pin.isEmpty }
                var i = 0
                let last = hay.count - pin.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
