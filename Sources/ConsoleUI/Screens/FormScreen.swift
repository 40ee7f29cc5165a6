import PetitionCore

/// Draws a form: one row per field (label, value, hint) — a long text field as many rows
/// as it wraps to while it has the cursor — a problem on the rows under its field, wrapped
/// (never cut), the picker beside its field without covering the field's problem, and
/// the discard question.
enum FormScreen {
    struct Row: Equatable {
        var field: String
        var isError: Bool
        /// Which of the field's (or its problem's) rows this is.
        var line = 0
    }

    static let labelWidth = 16

    /// Rows a long text field shows while it has the cursor (at least, and at most).
    static let longRows = (least: 3, most: 8)

    /// The form's width on its screen at this terminal width.
    static func formWidth(_ screen: Screen, columns: Int) -> Int {
        switch screen {
        case .register: min(64, max(48, columns * 6 / 10))
        case .action, .organAct, .home, .queue, .detail, .help, .actions, .search, .staff, .document, .exercises, .exercise, .organActs,
             .statistics: columns - 2
        }
    }

    /// The form's height on its screen at this terminal height.
    static func height(_ screen: Screen, rows: Int) -> Int {
        switch screen {
        case .register: rows - 4
        case .action, .organAct, .home, .queue, .detail, .help, .actions, .search, .staff, .document, .exercises, .exercise, .organActs,
             .statistics: rows - 8
        }
    }

    static func valueWidth(_ width: Int) -> Int { max(8, width - labelWidth - 1) }

    /// A field's problem, wrapped to the form's width.
    static func problemRows(_ text: String, width: Int) -> [String] {
        DisplayWidth.wrap(text, to: max(8, width - 4)).prefix(4).enumerated().map { ($0.offset == 0 ? "  ! " : "    ") + $0.element }
    }

    /// The form's rows: each field (a focused long text field as many as it shows), and
    /// under it its problem, wrapped, if it has one.
    static func layout(_ fields: [FormField], _ form: Form, width: Int) -> [Row] {
        fields.flatMap { f in
            var count = 1
            if f.multiline, f.key == form.focus {
                let rows = (form.values[f.key] ?? LineEditor()).rows(width: valueWidth(width)).count
                count = min(longRows.most, max(longRows.least, rows))
            }
            let problem = form.errors[f.key].map { problemRows($0, width: width).count } ?? 0
            return (0..<count).map { Row(field: f.key, isError: false, line: $0) }
                + (0..<problem).map { Row(field: f.key, isError: true, line: $0) }
        }
    }

    /// Draws the fields in the rectangle from `top` (row) and `left` (column), `width` wide and `height` tall.
    static func draw(_ grid: inout CellGrid, _ fields: [FormField], _ form: Form, language: Language,
                     top: Int, left: Int, width: Int, height: Int) {
        let zh = language == .zh
        let rows = layout(fields, form, width: width)
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let valueWidth = valueWidth(width)
        for (i, row) in rows.dropFirst(form.top).prefix(height).enumerated() {
            guard let field = byKey[row.field] else { continue }
            let y = top + i
            let focused = field.key == form.focus
            if row.isError {
                let text = problemRows(form.errors[field.key] ?? "", width: width)
                if text.indices.contains(row.line) {
                    grid.put(DisplayWidth.pad(text[row.line], to: width), row: y, column: left, style: .overdue)
                }
                continue
            }
            let raw = form.values[field.key] ?? LineEditor()
            let x = left + labelWidth + 1
            if field.multiline, focused {
                drawLongText(&grid, field, raw, row: row.line, rowsShown: rows.filter { $0.field == field.key && !$0.isError }.count,
                             y: y, x: x, width: valueWidth, form: form)
                if row.line > 0 { continue }
            }
            let mark = field.required ? "*" : " "
            let labelStyle: StyleRole = form.errors[field.key] != nil ? .overdue : (focused ? .title : .normal)
            grid.put(DisplayWidth.pad(mark + field.label, to: labelWidth), row: y, column: left, style: labelStyle)
            if field.multiline, focused { continue }
            switch field.kind {
            case .text, .number, .day:
                // The focused field scrolls to its cursor; the others show their beginning
                // (a long text's first line, and how many more it has).
                var text = raw.text
                if field.multiline, let rows = Optional(raw.rows(width: valueWidth)), rows.count > 1 {
                    let more = zh ? "…（共\(rows.count)行）" : "… (\(rows.count) rows)"
                    let first = raw.graphemes[rows[0].start..<rows[0].end]
                    text = DisplayWidth.truncate(String(first), to: valueWidth - DisplayWidth.of(more)) + more
                }
                let window = focused ? raw.window(width: valueWidth)
                                     : (text: DisplayWidth.truncate(text, to: valueWidth), cursorColumn: 0)
                if raw.isEmpty, let hint = field.hint {
                    grid.put(DisplayWidth.pad(hint, to: valueWidth), row: y, column: x, style: .hint)
                } else {
                    grid.put(DisplayWidth.pad(window.text, to: valueWidth), row: y, column: x, style: focused ? .selected : .normal)
                }
                if focused, form.picker == nil, form.confirming == nil {
                    grid.cursor = CellGrid.Position(row: y, column: x + window.cursorColumn)
                }
            case .choice:
                let shown = raw.isEmpty ? (zh ? "（←→ 或 Enter 选择）" : "(←→ or Enter to choose)") : "‹ " + field.display(raw.text) + " ›"
                grid.put(DisplayWidth.pad(shown, to: valueWidth), row: y, column: x,
                         style: focused ? .selected : (raw.isEmpty ? .hint : .normal))
                if focused, let hint = field.hint, DisplayWidth.of(shown) + DisplayWidth.of(hint) + 2 < valueWidth {
                    grid.put(hint, row: y, column: x + valueWidth - DisplayWidth.of(hint), style: .hint)
                }
            case .pick:
                let shown = raw.isEmpty ? (field.hint ?? "") : field.display(raw.text)
                grid.put(DisplayWidth.pad(shown + (focused ? " ▾" : ""), to: valueWidth), row: y, column: x,
                         style: focused ? .selected : (raw.isEmpty ? .hint : .normal))
            case .several:
                let shown = raw.isEmpty ? (field.hint ?? (zh ? "Enter 勾选（可多选）" : "Enter: tick (several)")) : field.display(raw.text)
                grid.put(DisplayWidth.pad(shown + (focused ? " ▾" : ""), to: valueWidth), row: y, column: x,
                         style: focused ? .selected : (raw.isEmpty ? .hint : .normal))
            }
        }
        if rows.count > form.top + height {
            grid.put(zh ? "↓ 更多" : "↓ more", row: top + height - 1, column: left + width - 7, style: .hint)
        }
        if let picker = form.picker, let field = byKey[picker.key] {
            // The list opens under its field and the field's problem (they stay readable);
            // above the field when there is no room below.
            let shown = Array(rows.dropFirst(form.top).prefix(height))
            let fieldRow = shown.firstIndex { $0.field == picker.key && !$0.isError } ?? 0
            let below = (shown.lastIndex { $0.field == picker.key } ?? fieldRow) + 1
            let box = min(height, 12)
            let at = below + box <= height ? below : (fieldRow - box >= 0 ? fieldRow - box : max(0, height - box))
            drawPicker(&grid, field, picker, language: language, top: top + at, left: left + labelWidth + 1,
                       width: valueWidth, height: height)
        }
    }

    /// A long text field with the cursor: `row` of the rows it shows.
    private static func drawLongText(_ grid: inout CellGrid, _ field: FormField, _ raw: LineEditor, row: Int, rowsShown: Int,
                                     y: Int, x: Int, width: Int, form: Form) {
        if raw.isEmpty {
            // The rows the text will fill, shown as the input area; the hint on the first.
            if row == 0, let hint = field.hint {
                grid.put(DisplayWidth.pad(hint, to: width), row: y, column: x, style: .hint)
            } else {
                grid.put(String(repeating: " ", count: width), row: y, column: x, style: .selected)
            }
            if row == 0, form.picker == nil, form.confirming == nil { grid.cursor = CellGrid.Position(row: y, column: x) }
            return
        }
        let window = raw.window(width: width, height: rowsShown)
        let text = window.rows.indices.contains(row) ? window.rows[row] : ""
        grid.put(DisplayWidth.pad(text, to: width), row: y, column: x, style: .selected)
        if row == window.cursorRow, form.picker == nil, form.confirming == nil {
            grid.cursor = CellGrid.Position(row: y, column: x + min(window.cursorColumn, width - 1))
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
            let tick = picker.ticked.map { $0.contains(option.value) ? "[✓]" : "[ ]" } ?? ""
            grid.put(DisplayWidth.pad((selected ? "▶" : " ") + tick + option.label, to: width), row: top + 1 + i, column: left,
                     style: selected ? .selected : .normal)
        }
        let shown = min(matches.count - first, box - 2)
        for r in max(0, shown)..<(box - 2) { grid.put(String(repeating: " ", count: width), row: top + 1 + r, column: left) }
        let keys = picker.ticked == nil
            ? (zh ? "共\(matches.count)项  ↑↓ 选择  Enter 确定  Esc 取消" : "\(matches.count) found  ↑↓ move  Enter pick  Esc cancel")
            : (zh ? "共\(matches.count)项  空格 勾选  Enter 确定  Esc 取消" : "\(matches.count)  Space tick  Enter done  Esc cancel")
        grid.put(DisplayWidth.pad(keys, to: width), row: top + box - 1, column: left, style: .hint)
    }
}
