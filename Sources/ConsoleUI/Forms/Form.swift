import PetitionCore

/// One choice in a picker or a choice field: the value stored, and what the clerk reads.
package struct Choice: Sendable, Equatable {
    package var value: String
    package var label: String
    /// Extra text the picker's search also matches (a code, an English name, a short name).
    package var keywords: String

    package init(_ value: String, _ label: String, keywords: String = "") {
        self.value = value
        self.label = label
        self.keywords = keywords
    }
}

/// One field of a form, as a screen lays it out.
package struct FormField: Sendable {
    package enum Kind: Sendable {
        /// Free text, edited by grapheme.
        case text
        /// Digits only.
        case number
        /// A date, YYYY-MM-DD.
        case day
        /// A short closed list, cycled with ←/→ or space.
        case choice([Choice])
        /// A long list (organs, categories), picked from a searchable list with Enter.
        case pick([Choice])
        /// Any number of a short list (三到位一处理's measures): ticked in a list with space,
        /// stored as the values in the list's order, comma-separated.
        case several([Choice])
    }

    /// The field's path, as rejections name it: `petitioner.idNumber`, `group.representatives[2].name`.
    package var key: String
    package var label: String
    package var kind: Kind
    package var required: Bool
    /// A hint shown beside an empty field, often the article behind it.
    package var hint: String?

    package init(_ key: String, _ label: String, _ kind: Kind = .text, required: Bool = false, hint: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
        self.hint = hint
    }

    /// The options of a choice or pick field.
    package var options: [Choice] {
        switch kind {
        case .choice(let o), .pick(let o), .several(let o): o
        case .text, .number, .day: []
        }
    }

    /// A text field of prose (a request, facts, reasons, an opinion, a note: `InputText`'s
    /// prose rule): edited over many rows, Enter starting a new line.
    package var multiline: Bool {
        guard case .text = kind else { return false }
        return InputText.rule(for: key).kind == .prose
    }

    /// Whether Enter opens a list to pick from (a choice, a long list, several).
    package var opensPicker: Bool {
        switch kind {
        case .choice, .pick, .several: true
        case .text, .number, .day: false
        }
    }

    var isSeveral: Bool {
        if case .several = kind { return true }
        return false
    }

    /// What the field shows: for a list, the chosen option's label (for several, each one's).
    package func display(_ raw: String) -> String {
        if case .several = kind {
            return Self.values(raw).map { v in options.first { $0.value == v }?.label ?? v }.joined(separator: "、")
        }
        return options.isEmpty ? raw : (options.first { $0.value == raw }?.label ?? raw)
    }

    /// The values of a several-choice field as stored: comma-separated.
    package static func values(_ raw: String) -> [String] {
        raw.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }
}

/// A searchable list opened over a pick field.
package struct Picker: Sendable, Equatable {
    package var key: String
    package var query = LineEditor()
    package var selected = 0
    /// For a several-choice field: the values ticked so far (space ticks and unticks).
    package var ticked: [String]?

    /// The list opened over a field, on its current value (several: its ticked values).
    package static func opening(_ field: FormField, _ form: Form) -> Picker {
        var picker = Picker(key: field.key)
        let raw = form.value(field.key)
        if field.isSeveral {
            picker.ticked = FormField.values(raw)
        } else if let at = field.options.firstIndex(where: { $0.value == raw }) {
            picker.selected = at
        }
        return picker
    }

    /// The options matching the query: every character typed must appear in order.
    package static func matches(_ options: [Choice], _ query: String) -> [Choice] {
        let q = query.lowercased().filter { $0 != " " }
        guard !q.isEmpty else { return options }
        return options.filter { option in
            let hay = (option.label + " " + option.value + " " + option.keywords).lowercased()
            var rest = Substring(hay)
            for c in q {
                guard let i = rest.firstIndex(of: c) else { return false }
                rest = rest[rest.index(after: i)...]
            }
            return true
        }
    }
}

/// A form being filled in: its values by field key, where the cursor is, and what is
/// wrong with what was typed. It lives in `AppState`, so a resize redraws it as it was
/// and leaving it asks first.
package struct Form: Sendable, Equatable {
    package var values: [String: LineEditor] = [:]
    package var focus: String
    package var errors: [String: String] = [:]
    /// Fields the clerk has left at least once: their problems are shown inline.
    package var touched: Set<String> = []
    package var picker: Picker?
    /// Esc (`.back`) or quit (`.quit`) on a form with typing in it asks before throwing the typing away.
    package var confirming: Intent?
    package var dirty = false
    /// The first visible field row, when the form is longer than the screen.
    package var top = 0

    package init(focus: String, values: [String: String] = [:]) {
        self.focus = focus
        self.values = values.mapValues { LineEditor($0) }
    }

    /// A field's value, trimmed.
    package func value(_ key: String) -> String { (values[key]?.text ?? "").trimmed }

    package mutating func set(_ key: String, _ value: String) {
        values[key] = LineEditor(value)
    }
}
