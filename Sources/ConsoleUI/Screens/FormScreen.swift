import PetitionCore

/// Draws a form: one row per field (label, value, hint), a problem on the row under
/// its field, the picker over the form while it is open, and the discard question.
enum FormScreen {
    struct Row: Equatable {
        var field: String
        var isError: Bool
    }

    static let labelWidth = 16

    /// The form's rows: each field, and under it its problem if it has one.
    static func layout(_ fields: [FormField], _ form: Form) -> [Row] {
        fields.flatMap { f in
            [Row(field: f.key, isError: false)] + (form.errors[f.key] != nil ? [Row(field: f.key, isError: true)] : [])
        }
    }

    /// Draws the fields in the rectangle from `top` (row) and `left` (column), `width` wide and `height` tall.
    static func draw(_ grid: inout CellGrid, _ fields: [FormField], _ form: Form, language: Language,
                     top: Int, left: Int, width: Int, height: Int) {
        let zh = language == .zh
        let rows = layout(fields, form)
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let valueWidth = max(8, width - labelWidth - 1)
        for (i, row) in rows.dropFirst(form.top).prefix(height).enumerated() {
            guard let field = byKey[row.field] else { continue }
            let y = top + i
            let focused = field.key == form.focus
            if row.isError {
                // Cut to the form's width; the whole sentence is on the message line while the field has the cursor.
                grid.put(DisplayWidth.truncate("  ! " + (form.errors[field.key] ?? ""), to: width), row: y, column: left,
                         style: .overdue)
                continue
            }
            let mark = field.required ? "*" : " "
            let labelStyle: StyleRole = form.errors[field.key] != nil ? .overdue : (focused ? .title : .normal)
            grid.put(DisplayWidth.pad(mark + field.label, to: labelWidth), row: y, column: left, style: labelStyle)
            let raw = form.values[field.key] ?? LineEditor()
            let x = left + labelWidth + 1
            switch field.kind {
            case .text, .number, .day:
                // The focused field scrolls to its cursor; the others show their beginning.
                let window = focused ? raw.window(width: valueWidth)
                                     : (text: DisplayWidth.truncate(raw.text, to: valueWidth), cursorColumn: 0)
                if raw.isEmpty, let hint = field.hint {
                    grid.put(DisplayWidth.pad(hint, to: valueWidth), row: y, column: x, style: .hint)
                } else {
                    grid.put(DisplayWidth.pad(window.text, to: valueWidth), row: y, column: x, style: focused ? .selected : .normal)
                }
                if focused, form.picker == nil, form.confirming == nil {
                    grid.cursor = CellGrid.Position(row: y, column: x + window.cursorColumn)
                }
            case .choice:
                let shown = raw.isEmpty ? (zh ? "（←→ 选择）" : "(←→ to choose)") : "‹ " + field.display(raw.text) + " ›"
                grid.put(DisplayWidth.pad(shown, to: valueWidth), row: y, column: x,
                         style: focused ? .selected : (raw.isEmpty ? .hint : .normal))
                if focused, let hint = field.hint, DisplayWidth.of(shown) + DisplayWidth.of(hint) + 2 < valueWidth {
                    grid.put(hint, row: y, column: x + valueWidth - DisplayWidth.of(hint), style: .hint)
                }
            case .pick:
                let shown = raw.isEmpty ? (field.hint ?? "") : field.display(raw.text)
                grid.put(DisplayWidth.pad(shown + (focused ? " ▾" : ""), to: valueWidth), row: y, column: x,
                         style: focused ? .selected : (raw.isEmpty ? .hint : .normal))
            }
        }
        if rows.count > form.top + height {
            grid.put(zh ? "↓ 更多" : "↓ more", row: top + height - 1, column: left + width - 7, style: .hint)
        }
        if let picker = form.picker, let field = byKey[picker.key] {
            // The list opens on its field's row, moved up as far as it must to fit.
            let row = rows.dropFirst(form.top).firstIndex { $0.field == picker.key }.map { $0 - form.top } ?? 0
            let box = min(height, 12)
            drawPicker(&grid, field, picker, language: language, top: top + max(0, min(row, height - box)),
                       left: left + labelWidth + 1, width: valueWidth, height: height)
        }
    }

    static func drawPicker(_ grid: inout CellGrid, _ field: FormField, _ picker: Picker, language: Language,
                           top: Int, left: Int, width: Int, height: Int) {
        let matches = Picker.matches(field.options, picker.query.text)
        let zh = language == .zh
        let box = min(height, 12)
        let window = picker.query.window(width: width - 8)
        grid.put(DisplayWidth.pad((zh ? "搜索：" : "Find: ") + window.text, to: width), row: top, column: left, style: .title)
        grid.cursor = CellGrid.Position(row: top, column: left + DisplayWidth.of(zh ? "搜索：" : "Find: ") + window.cursorColumn)
        let first = max(0, picker.selected - (box - 3))
        for (i, option) in matches.dropFirst(first).prefix(box - 2).enumerated() {
            let selected = first + i == picker.selected
            grid.put(DisplayWidth.pad((selected ? "▶" : " ") + option.label, to: width), row: top + 1 + i, column: left,
                     style: selected ? .selected : .normal)
        }
        let shown = min(matches.count - first, box - 2)
        for r in max(0, shown)..<(box - 2) { grid.put(String(repeating: " ", count: width), row: top + 1 + r, column: left) }
        grid.put(DisplayWidth.pad(zh ? "共\(matches.count)项  ↑↓ 选择  Enter 确定  Esc 取消"
                                     : "\(matches.count) found  ↑↓ move  Enter pick  Esc cancel", to: width),
                 row: top + box - 1, column: left, style: .hint)
    }
}
