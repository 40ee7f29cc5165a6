import PetitionCore
/// What a cell means, never which colour: the palette picks colours per role.
package enum StyleRole: String, Sendable, Equatable, CaseIterable {
    case normal, title, status, selected, overdue, dueSoon, training, hint
}

/// One terminal cell: a grapheme and its width, or the trailing half of a wide one.
package struct Cell: Equatable, Sendable {
    package var grapheme: Character
    /// 1 or 2 for a grapheme's first cell; 0 for the trailing cell of a wide grapheme.
    package var width: Int
    package var style: StyleRole

    package static let blank = Cell(grapheme: " ", width: 1, style: .normal)
}

/// A frame of the console: rows × columns of cells, drawn by screens and copied to
/// the terminal by `ConsoleTerminal`. Tests read it as text.
package struct CellGrid: Equatable, Sendable {
    package let rows: Int
    package let columns: Int
    package private(set) var cells: [Cell]
    /// Where the terminal's cursor goes: the insertion point of the field being typed
    /// in (so an input method opens its window there), or nil to hide it.
    package var cursor: Position?

    package struct Position: Equatable, Sendable {
        package var row: Int
        package var column: Int

        package init(row: Int, column: Int) { (self.row, self.column) = (row, column) }
    }

    package init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: .blank, count: rows * columns)
    }

    /// A frame as another process drew it (`ConsoleWire`): `cells` row by row, rows × columns of them.
    package init(rows: Int, columns: Int, cells: [Cell]) {
        precondition(cells.count == rows * columns, "a grid of \(rows) × \(columns) cells")
        (self.rows, self.columns, self.cells) = (rows, columns, cells)
    }

    package subscript(row: Int, column: Int) -> Cell { cells[row * columns + column] }

    /// Writes text from (row, column), its control, bidi and zero-width characters shown
    /// as escapes (`InputText.visible`: no byte of a name reaches the terminal raw), clipped at the right edge; a wide
    /// character that would not fit whole is replaced by a space.
    package mutating func put(_ text: String, row: Int, column: Int, style: StyleRole = .normal) {
        guard row >= 0, row < rows else { return }
        var col = column
        for g in InputText.visible(text) {
            let w = DisplayWidth.of(g)
            if w == 0 { continue }
            guard col + w <= columns else {
                if col < columns { cells[row * columns + col] = Cell(grapheme: " ", width: 1, style: style) }
                break
            }
            if col >= 0 {
                cells[row * columns + col] = Cell(grapheme: g, width: w, style: style)
                if w == 2 { cells[row * columns + col + 1] = Cell(grapheme: " ", width: 0, style: style) }
            }
            col += w
        }
    }

    /// Fills a whole row with a style (for status and title bars).
    package mutating func fill(row: Int, style: StyleRole) {
        guard row >= 0, row < rows else { return }
        for c in 0..<columns { cells[row * columns + c].style = style }
    }

    /// The grid as text, one line per row, trailing spaces kept.
    package var text: [String] {
        (0..<rows).map { r in
            var line = ""
            for c in 0..<columns where self[r, c].width != 0 { line.append(self[r, c].grapheme) }
            return line
        }
    }

    /// The cells that differ from `old` (all of them when the sizes differ).
    package func changes(since old: CellGrid?) -> [(row: Int, column: Int)] {
        var result: [(Int, Int)] = []
        for r in 0..<rows {
            for c in 0..<columns {
                if old == nil || old?.rows != rows || old?.columns != columns || old?[r, c] != self[r, c] {
                    // A changed trailing half redraws its wide grapheme.
                    if self[r, c].width == 0, c > 0 { result.append((r, c - 1)) } else { result.append((r, c)) }
                }
            }
        }
        return result
    }
}
