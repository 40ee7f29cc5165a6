internal import CTerminal
import ConsoleUI
import PetitionCore

/// The ncurses driver: it copies cell grids to the terminal and reads keys, as the
/// run loop's `TerminalBackend`. Nothing else in xinfang calls ncurses.
package final class Terminal: TerminalBackend {
    private var previous: CellGrid?
    private let pollMilliseconds: Int32
    private var colour = false
    private var open = true

    /// Starts curses: a UTF-8 locale (`adoptUTF8Locale`), raw keys, no echo, keypad
    /// decoding, and a poll interval so the caller can follow the log (0: a key is read
    /// only when one is there, for a caller that waits on the terminal itself). Refuses to start
    /// where no UTF-8 locale exists: curses would silently drop every Chinese character.
    package init(monochrome: Bool, pollMilliseconds: Int32 = 250) throws(TerminalLocaleError) {
        switch Self.adoptUTF8Locale() {
        case .asIs, .switched: break
        case .refused(let current, let codeset): throw TerminalLocaleError(current: current, codeset: codeset)
        }
        self.pollMilliseconds = pollMilliseconds
        xf_install_stop_handlers()
        initscr()
        raw()
        noecho()
        keypad(xf_stdscr(), true)
        xf_keys_for_every_terminal(Self.escapeDelayMilliseconds)
        curs_set(0)
        xf_timeout(pollMilliseconds)
        xf_bracketed_paste(1)
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

    /// The environment's locale if it is UTF-8; else LC_CTYPE switched to a UTF-8 locale
    /// the system has (`TerminalLocale.candidates`); else refused.
    package static func adoptUTF8Locale() -> TerminalLocale.Outcome {
        xf_setlocale_from_environment()
        let current = String(cString: xf_ctype_locale())
        return TerminalLocale.choose(current: current, codeset: String(cString: xf_codeset())) { name in
            xf_set_ctype(name) != 0 ? String(cString: xf_codeset()) : nil
        }
    }

    /// Restores the terminal. Safe to call more than once.
    package func close() {
        guard open else { return }
        open = false
        xf_bracketed_paste(0)
        endwin()
    }

    private var lost = false

    /// How long curses waits after ESC for the rest of a key's sequence: long enough for
    /// a sequence from a terminal on the same host or a LAN, short enough that Esc feels
    /// instant (curses' default is a whole second).
    package static let escapeDelayMilliseconds: Int32 = 25

    /// How long a paste's next piece is waited for before the paste is taken as ended.
    static let pastePieceMilliseconds: Int32 = 250

    /// The delay curses actually uses (after `init`).
    package var escapeDelay: Int32 { xf_escape_delay() }

    /// Whether SIGTERM, SIGINT or SIGHUP arrived, or the terminal went away.
    package var stopRequested: Bool { lost || xf_stop_was_requested() != 0 }

    package var size: (rows: Int, columns: Int) {
        (Int(xf_getmaxy(xf_stdscr())), Int(xf_getmaxx(xf_stdscr())))
    }

    /// Writes the cells that changed since the last frame.
    package func draw(_ grid: CellGrid) {
        if previous?.rows != grid.rows || previous?.columns != grid.columns {
            clear()
            previous = nil
        }
        for (r, c) in grid.changes(since: previous) {
            let cell = grid[r, c]
            var scalars = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
            scalars.append(0)
            let (attrs, pair) = attributes(cell.style)
            _ = xf_put_cell(Int32(r), Int32(c), scalars, attrs, pair)
        }
        previous = grid
        if let cursor = grid.cursor {
            curs_set(1)
            xf_move_cursor(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// Palette: colours where the terminal has them; reverse video, bold and underline
    /// where it does not, so selection and urgency stay visible.
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

    /// The next key, or `.tick` when none came within the poll interval.
    package func readKey() -> Key {
        var ch: wint_t = 0
        let result = xf_get_wch(&ch)
        if result == xf_err() {
            if xf_terminal_alive() == 0 {
                lost = true
                return .tick
            }
            return xf_poll_resize() != 0 ? .resize : .tick
        }
        let code = Int32(bitPattern: ch)
        if result == xf_key_code_yes() {
            switch code {
            case xf_key_resize(): return .resize
            case xf_key_up(): return .up
            case xf_key_down(): return .down
            case xf_key_left(): return .left
            case xf_key_right(): return .right
            case xf_key_ppage(): return .pageUp
            case xf_key_npage(): return .pageDown
            case xf_key_home(): return .home
            case xf_key_end(): return .end
            case xf_key_enter(): return .enter
            case xf_key_backspace(): return .backspace
            case xf_key_dc(): return .delete
            case xf_key_btab(): return .backTab
            case xf_key_paste_start(): return readPaste()
            default:
                for n in 1...12 where code == xf_key_f(Int32(n)) { return .function(n) }
                return .tick
            }
        }
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .tick }
            return .character(Character(scalar))
        }
    }
}

extension Terminal {
    /// The text between the terminal's paste marks, as one key: a page of text arrives
    /// at once instead of as a thousand keys. Stops at the end mark, or when nothing
    /// more comes within the poll interval (a terminal that lost the end mark).
    func readPaste() -> Key {
        var text = ""
        var ch: wint_t = 0
        // A paste comes in pieces: wait for the next one even when keys are otherwise not waited for.
        xf_timeout(max(pollMilliseconds, Self.pastePieceMilliseconds))
        defer { xf_timeout(pollMilliseconds) }
        while true {
            let result = xf_get_wch(&ch)
            if result == xf_err() { break }
            let code = Int32(bitPattern: ch)
            if result == xf_key_code_yes() {
                if code == xf_key_paste_end() { break }
                if code == xf_key_enter() { text.append("\n") }
                continue  // other keys inside a paste are not text
            }
            switch code {
            case 10, 13: text.append("\n")
            case 9: text.append("\t")
            default:
                if let scalar = Unicode.Scalar(UInt32(ch)) { text.unicodeScalars.append(scalar) }
            }
        }
        return .paste(text)
    }
}

/// The console cannot start: no UTF-8 locale, so Chinese text would not be drawn.
package struct TerminalLocaleError: Error {
    package var current: String
    package var codeset: String

    package func message(_ language: Language) -> String {
        TerminalLocale.refusal(current: current, codeset: codeset, language)
    }
}
