/// A terminal in memory: it keeps the last frame drawn and hands out scripted keys.
///
/// Tests drive the real run loop with it, and the executable prints the first screen
/// with it when it is not on a terminal. When the script runs out it answers `.tick`
/// once and asks the loop to stop, so the loop draws the frame after the last key first.
package final class TestBackend: TerminalBackend {
    package var size: (rows: Int, columns: Int)
    /// The frame drawn last, as a person would see it now.
    package private(set) var last: CellGrid?
    /// The first frame drawn, as a person saw it on opening.
    package private(set) var first: CellGrid?
    /// How many frames were drawn.
    package private(set) var drawn = 0
    package private(set) var stopRequested = false
    private var keys: [Key] = []

    package init(rows: Int = 24, columns: Int = 80) {
        size = (rows, columns)
    }

    /// Queues keys for the loop to read; the loop runs again until they are used up.
    package func script(_ keys: [Key]) {
        self.keys += keys
        stopRequested = false
    }

    package func draw(_ grid: CellGrid) {
        if first == nil { first = grid }
        last = grid
        drawn += 1
    }

    package func readKey() -> Key {
        guard !keys.isEmpty else {
            stopRequested = true
            return .tick
        }
        return keys.removeFirst()
    }
}
