import PetitionCore
/// A long text field (facts, reasons, a request, an opinion, a note) edited over many
/// rows: the text wraps by display width — a wide character is never split, and a line
/// break typed with Enter starts a new row — and ↑ ↓ Home End move by the rows as shown.
extension LineEditor {
    /// One row as shown: graphemes `start..<end`; a line break ending the row is not in it.
    package struct Row: Equatable, Sendable {
        package var start: Int
        package var end: Int
    }

    /// The rows of the text at `width` columns, in order; there is always at least one.
    package func rows(width: Int) -> [Row] {
        let width = max(2, width)
        var rows: [Row] = []
        var start = 0
        var used = 0
        var i = 0
        while i < graphemes.count {
            let g = graphemes[i]
            if g == "\n" || g == "\r\n" {
                rows.append(Row(start: start, end: i))
                start = i + 1
                used = 0
                i += 1
                continue
            }
            let w = DisplayWidth.of(g == "\t" ? " " : g)
            if used + w > width, i > start {
                rows.append(Row(start: start, end: i))
                start = i
                used = 0
            }
            used += w
            i += 1
        }
        rows.append(Row(start: start, end: graphemes.count))
        return rows
    }

    /// The row and column of the cursor at `width` columns. A cursor at the end of a full
    /// row stays on that row only when it is the text's last; else it starts the next row.
    package func position(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        for (n, row) in rows.enumerated() where cursor >= row.start && (cursor < row.end || n == rows.count - 1
            || (cursor == row.end && rows[n + 1].start > row.end)) {
            return (n, DisplayWidth.of(String(graphemes[row.start..<cursor])))
        }
        return (rows.count - 1, 0)
    }

    /// Moves the cursor to the same column of the row above (`by: -1`) or below (`by: 1`);
    /// false, and the cursor stays, when there is no such row.
    @discardableResult
    package mutating func moveRow(by step: Int, width: Int) -> Bool {
        let rows = rows(width: width)
        let here = position(width: width)
        let target = here.row + step
        guard rows.indices.contains(target) else { return false }
        let row = rows[target]
        var column = 0
        var index = row.start
        while index < row.end {
            let w = DisplayWidth.of(graphemes[index])
            if column + w > here.column { break }
            column += w
            index += 1
        }
        setCursor(index)
        return true
    }

    /// Home and End in a long field: the start and end of the row the cursor is on.
    package mutating func rowHome(width: Int) {
        let rows = rows(width: width)
        setCursor(rows[position(width: width).row].start)
    }

    package mutating func rowEnd(width: Int) {
        let rows = rows(width: width)
        setCursor(rows[position(width: width).row].end)
    }

    /// The rows that fit in `height`, scrolled so the cursor's row is shown, and where
    /// the cursor is among them.
    package func window(width: Int, height: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int, first: Int) {
        let all = rows(width: width)
        let here = position(width: width)
        let first = max(0, min(here.row - max(1, height) + 1, all.count - max(1, height)))
        let shown = all.dropFirst(first).prefix(max(1, height)).map { row in
            String(graphemes[row.start..<row.end].map { $0 == "\t" ? " " : $0 })
        }
        return (shown, here.row - first, here.column, first)
    }
}
