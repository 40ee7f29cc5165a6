/// What the run loop needs of a terminal: its size, a frame to show, the next key, and
/// whether to stop. `ConsoleTerminal.Terminal` is the ncurses one; `TestBackend` keeps
/// the frame in memory (as ratatui's `TestBackend` does) for tests and for printing a
/// screen as text.
///
/// Closing is not the loop's: whoever opened the terminal restores it, on every path
/// out (a `defer` in the executable), whether the loop returned or threw.
package protocol TerminalBackend: AnyObject {
    /// Rows and columns now; the loop reads it once per frame, so a resize shows on the next.
    var size: (rows: Int, columns: Int) { get }
    /// Shows a frame; a real terminal writes only the cells that changed since the last.
    func draw(_ grid: CellGrid)
    /// The next key, or `.tick` when none came within the poll interval.
    func readKey() -> Key
    /// Whether the loop should end without a quit key: a signal, a terminal gone, a
    /// test's script of keys used up.
    var stopRequested: Bool { get }
}
