import ConsoleUI

extension CellGrid {
    /// The frame as a screen test's golden file holds it: each row framed with `|`, so
    /// trailing spaces and the exact width show; then, row by row, the runs of cells
    /// in a style other than `.normal` (columns, inclusive); then where the cursor is.
    /// Styles are roles, so a palette change does not touch these files.
    package var snapshot: String {
        var lines = text.map { "|" + $0 + "|" }
        lines.append("")
        lines.append("styles (row: first-last style):")
        for r in 0..<rows {
            var c = 0
            while c < columns {
                let style = self[r, c].style
                var end = c
                while end + 1 < columns, self[r, end + 1].style == style { end += 1 }
                if style != .normal { lines.append("\(r): \(c)-\(end) \(style.rawValue)") }
                c = end + 1
            }
        }
        lines.append(cursor.map { "cursor: row \($0.row), column \($0.column)" } ?? "cursor: hidden")
        return lines.joined(separator: "\n") + "\n"
    }
}
