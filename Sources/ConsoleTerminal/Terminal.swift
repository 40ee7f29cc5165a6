internal import CTerminal
import ConsoleUI

/// The ncurses driver: it copies cell grids to the terminal and reads keys.
/// Nothing else in xinfang calls ncurses.
package final class Terminal {
    private var previous: CellGrid?
    private var colour = false

    package init(monochrome: Bool) {
        xf_setlocale_from_environment()
        initscr()
        raw()
        noecho()
        keypad(xf_stdscr(), true)
        curs_set(0)
        if !monochrome && has_colors() {
            start_color()
            use_default_colors()
            init_pair(1, Int16(COLOR_WHITE), Int16(COLOR_BLUE))
            init_pair(2, Int16(COLOR_RED), -1)
            init_pair(3, Int16(COLOR_YELLOW), -1)
            init_pair(4, Int16(COLOR_BLACK), Int16(COLOR_YELLOW))
            colour = true
        }
    }

    /// Restores the terminal. Safe to call more than once.
    package func close() {
        endwin()
    }

    package var size: (rows: Int, columns: Int) {
        (Int(xf_getmaxy(xf_stdscr())), Int(xf_getmaxx(xf_stdscr())))
    }

    /// Writes the cells that changed since the last frame.
    package func draw(_ grid: CellGrid) {
        if previous?.rows != grid.rows || previous?.columns != grid.columns { clear() }
        for (r, c) in grid.changes(since: previous) {
            let cell = grid[r, c]
            var scalars = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
            scalars.append(0)
            let (attrs, pair) = attributes(cell.style)
            _ = xf_put_cell(Int32(r), Int32(c), scalars, attrs, pair)
        }
        previous = grid
        refresh()
    }

    /// Palette: colours where the terminal has them, reverse video and bold where it does not.
    private func attributes(_ role: StyleRole) -> (UInt32, Int16) {
        switch role {
        case .normal: (xf_a_normal(), 0)
        case .title, .status: colour ? (xf_a_bold(), 1) : (xf_a_reverse(), 0)
        case .selected: (xf_a_reverse(), 0)
        case .overdue: colour ? (xf_a_bold(), 2) : (xf_a_bold() | xf_a_underline(), 0)
        case .dueSoon: colour ? (xf_a_normal(), 3) : (xf_a_bold(), 0)
        case .training: colour ? (xf_a_bold(), 4) : (xf_a_reverse() | xf_a_bold(), 0)
        case .hint: (xf_a_dim(), 0)
        }
    }

    /// A key from the terminal.
    package enum Key: Equatable {
        case character(Character)
        case function(Int)
        case resize
        case other(Int)
    }

    /// Waits for the next key.
    package func readKey() -> Key {
        var ch: wint_t = 0
        let result = xf_get_wch(&ch)
        if result == xf_key_code_yes() {
            let code = Int32(ch)
            if code == xf_key_resize() { return .resize }
            for n in 1...12 where code == xf_key_f(Int32(n)) { return .function(n) }
            return .other(Int(code))
        }
        if result == xf_err() { return .other(-1) }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .other(Int(ch)) }
        return .character(Character(scalar))
    }
}
