import Foundation

/// The rules every typed or imported text follows before it reaches the log: normalised
/// to NFC, no control characters, no bidirectional overrides or zero-width characters in
/// names, identity numbers, phones and codes, and a maximum length per field.
///
/// One place for the CLI, the console's forms and every import: `PetitionValidation`
/// applies it to a petition, `ActionCatalog.command` to an action's fields. The limits
/// are documented in docs/cli.md ("Limits"); they keep the largest petition far below
/// the log's 1 MiB record limit (3 × 8,000 characters of at most 4 bytes is 96 KB).
package enum InputText {
    /// How a field may be written.
    package enum Kind: Sendable, Equatable {
        /// One line: names, identity numbers, phones, codes, addresses. No control
        /// character at all, no bidi control, no zero-width character.
        case line
        /// Prose: a request, facts, reasons, notes. Tabs and line breaks are allowed;
        /// other control characters and bidi overrides and isolates are not.
        case prose
    }

    /// A field's kind and its maximum length in characters (grapheme clusters).
    package struct Rule: Sendable, Equatable {
        package var kind: Kind
        package var limit: Int
    }

    /// The rule of each field, by the last component of its path (`petitioner.name` → `name`).
    /// A field not listed is prose of at most 2,000 characters.
    package static let rules: [String: Rule] = [
        // The petitioner: a Chinese name is 2–4 characters, a transliterated foreign name or
        // an organisation's full name is longer but fits 64.
        "name": Rule(kind: .line, limit: 64),
        // A resident ID and a credit code are 18 (and checked); a passport or other
        // document number is at most 32.
        "idNumber": Rule(kind: .line, limit: 32),
        // A landline with area code and extension, with spaces or dashes.
        "phone": Rule(kind: .line, limit: 32),
        "address": Rule(kind: .line, limit: 256),
        // A letter's content: 8,000 characters is some ten pages of handwriting.
        "request": Rule(kind: .prose, limit: 8000),
        "facts": Rule(kind: .prose, limit: 8000),
        "reasons": Rule(kind: .prose, limit: 8000),
        // Codes and closed choices.
        "channel": Rule(kind: .line, limit: 32),
        "kind": Rule(kind: .line, limit: 32),
        "type": Rule(kind: .line, limit: 32),
        "category": Rule(kind: .line, limit: 32),
        "organ": Rule(kind: .line, limit: 32),
        "accusedOrgan": Rule(kind: .line, limit: 32),
        "receivedAt": Rule(kind: .line, limit: 32),
        "post": Rule(kind: .line, limit: 64),
        // Action fields: destinations, users and case numbers are codes; an opinion or an
        // agreement is as long as a letter; notes and reasons are shorter.
        "to": Rule(kind: .line, limit: 32),
        "user": Rule(kind: .line, limit: 64),
        "ref": Rule(kind: .line, limit: 32),
        "on": Rule(kind: .line, limit: 32),
        "opinion": Rule(kind: .prose, limit: 8000),
        "text": Rule(kind: .prose, limit: 8000),
        // A correction's new value: the corrected field's own rule applies when the
        // corrected petition is checked; this only bounds it.
        "value": Rule(kind: .prose, limit: 8000),
    ]

    /// The rule for prose fields not listed (notes, reasons, a route, a basis).
    package static let defaultRule = Rule(kind: .prose, limit: 2000)

    /// The rule for a field path such as `group.representatives[2].name`.
    package static func rule(for path: String) -> Rule {
        var last = path.split(separator: ".").last.map(String.init) ?? path
        if let open = last.firstIndex(of: "[") { last = String(last[..<open]) }
        return rules[last] ?? defaultRule
    }

    /// The text as stored: NFC, without white space at either end, and empty if nothing
    /// visible is left once invisible characters are removed. Refuses a forbidden
    /// character or a text longer than the field's limit, naming the field.
    package static func clean(_ text: String, field: String) throws(Rejection) -> String {
        try check(text, field: field)
        return normalise(text)
    }

    /// NFC and trimmed; empty when only invisible characters remain. Does not check.
    package static func normalise(_ text: String) -> String {
        if isBlank(text) { return "" }
        let trimmed = text.trimmed
        // Most input is already NFC: ASCII always is; only then is a copy skipped.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// A number as people write it, in the one form it is stored and checked in: full-width
    /// digits and letters (an input method's) folded to ASCII (NFKC), letters upper case,
    /// spaces, dashes and parentheses dropped. For ID numbers and codes.
    package static func number(_ text: String) -> String {
        normalise(text).precomposedStringWithCompatibilityMapping.uppercased()
            .filter { !$0.isWhitespace && !"-()".contains($0) }
    }

    /// A phone number as people write it — `(020)87654321`, `+86 138 0013 8000`,
    /// `０２０－８７６５４３２１` — stored as its digits: folded as `number`, the country
    /// code (+86, 0086) dropped, an extension's `#`/`转` kept as `-`.
    package static func phone(_ text: String) -> String {
        var folded = normalise(text).precomposedStringWithCompatibilityMapping
            .replacing("转", with: "#").filter { !$0.isWhitespace && !"-()".contains($0) }
        if folded.hasPrefix("+86") { folded = String(folded.dropFirst(3)) } else if folded.hasPrefix("0086") {
            folded = String(folded.dropFirst(4))
        }
        return folded.replacing("#", with: "-")
    }

    /// Checks a text against its field's rule. A text that is blank once invisible
    /// characters are removed passes here: it counts as empty, and whether an empty
    /// field is allowed is the caller's rule (a name is required at a visit, Art 19).
    package static func check(_ text: String, field: String) throws(Rejection) {
        let rule = rule(for: field)
        if isBlank(text) { return }
        // The length first, so that a 50 MB text is measured once (at least one byte a
        // character: no more bytes than the limit is within it) and never scanned here.
        if text.utf8.count > rule.limit {
            let length = text.count
            if length > rule.limit {
                throw Rejection(.fieldTooLong, field: field, ["limit": "\(rule.limit)", "length": "\(length)"])
            }
        }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isForbidden(scalar, in: rule.kind) {
                throw Rejection(.forbiddenCharacter, field: field,
                                ["character": escape(scalar), "position": "\(position)",
                                 "kind": rule.kind == .line ? "line" : "prose"])
            }
        }
    }

    /// The refusal of the first character of `text` that its field may not hold, whatever
    /// the text's length (a paste into a field, before it is inserted); `before` counts the
    /// characters already ahead of it in the field, so the position is the field's.
    package static func forbiddenCharacter(in text: String, field: String, before: Int = 0) -> Rejection? {
        let kind = rule(for: field).kind
        for (i, scalar) in text.unicodeScalars.enumerated() where isForbidden(scalar, in: kind) {
            return Rejection(.forbiddenCharacter, field: field,
                             ["character": escape(scalar), "position": "\(before + i + 1)",
                              "kind": kind == .line ? "line" : "prose"])
        }
        return nil
    }

    /// Whether a text has nothing visible: only white space, control, bidi and
    /// zero-width characters.
    package static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x21..<0x7F, 0x4E00...0x9FFF: return false  // ASCII and CJK ideographs: never blank
            default:
                if !(isInvisible(scalar) || scalar.properties.isWhitespace) { return false }
            }
        }
        return true
    }

    /// Control characters (C0, DEL, C1), bidi controls and zero-width characters.
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isBidiControl(scalar) || isZeroWidth(scalar)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// Overrides, embeddings and isolates (U+202A–202E, U+2066–2069) and the marks
    /// (U+200E, U+200F, U+061C): they reorder what a reader sees.
    static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    static func isForbidden(_ s: Unicode.Scalar, in kind: Kind) -> Bool {
        switch kind {
        case .line: return isInvisible(s)
        case .prose:
            // A letter's line breaks and tabs are kept (a carriage return from a pasted
            // Windows text too); its marks and joiners may be real writing. Overrides
            // and isolates never are: they make the text read differently from what it is.
            if s.value == 0x09 || s.value == 0x0A || s.value == 0x0D { return false }
            return isControl(s) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    /// The text with every control, bidi and zero-width character shown as a visible
    /// escape: `\u{1B}` for a control character, `<U+202E>` for a bidi or zero-width one.
    /// Every message that quotes input, and every display of stored text (which old logs
    /// may hold), goes through this one function.
    package static func visible(_ text: String) -> String {
        // The common case, nothing to escape, is returned as is.
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// One scalar's visible escape.
    package static func escape(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        if isControl(s) { return "\\u{\(hex)}" }
        return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
    }
}
