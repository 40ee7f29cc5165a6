import PetitionCore

/// The console's one run loop, for the executable and the tests alike:
///
///     render → draw → key → pick up other processes' records (if due) → `Update.apply`
///       → (the host writes the effect → `Update.completed`)
///
/// Everything outside ConsoleUI comes in: the terminal (`TerminalBackend`), the log
/// (`ConsoleHost`), the time of day (`clock`, the training clock included) and the
/// passing of time for polling (`seconds`, monotonic), so the same loop runs on
/// ncurses with the log file and on `TestBackend` with an in-memory log.
package final class ConsoleLoop {
    /// How often, in seconds, the host is asked for what other processes appended.
    package static let pollInterval = 0.5

    package private(set) var state: AppState
    package private(set) var data: ConsoleData
    private let backend: any TerminalBackend
    private let host: any ConsoleHost
    private let clock: () throws -> Instant
    private let seconds: () -> Double
    private var lastPoll: Double

    /// `data` carries the reference data, the actor and the time; its cases are taken
    /// from the host.
    package init(state: AppState, data: ConsoleData, backend: any TerminalBackend, host: any ConsoleHost,
                 clock: @escaping () throws -> Instant, seconds: @escaping () -> Double) {
        self.state = state
        self.data = data
        self.backend = backend
        self.host = host
        self.clock = clock
        self.seconds = seconds
        let cases = host.cases
        self.data.update(cases.states, positions: cases.positions)
        lastPoll = seconds()
    }

    /// Draws the first frame as soon as the cases are read — with the warning of a log
    /// found damaged, before any work is done on it — then computes every case's queue
    /// row (the slow part of a large log) and draws the counts, then takes the search
    /// index (built then, the first time).
    package func open() {
        takeWarning()
        data.rowsPending = true
        drawFrame()
        // A supervisor's desk reads the cases, not the queue's rows: drawn before those are made.
        if state.refreshDesk(data) { drawFrame() }
        data.rows = host.rows(asOf: data.today)
        data.rowsPending = false
        // The counts drawn before the search index is built (about a second on 130,000
        // cases, decision 0020): keys typed meanwhile wait for it.
        drawFrame()
        data.search = host.searchIndex()
        if data.training { data.runs = host.exerciseRuns() }
        lastPoll = seconds()
    }

    /// Runs until the user quits or the backend asks to stop. As the console always
    /// has: draw, read a key (waiting at most the backend's poll), pick up what other
    /// processes appended if half a second has passed, then apply the key.
    package func run() throws {
        while !state.quit && !backend.stopRequested {
            let size = drawFrame()
            var key = backend.readKey()
            try pickUpIfDue()
            // Below 80×24 the screen only says so: keys act on nothing unseen, except quitting.
            if size.rows < Console.minimumRows || size.columns < Console.minimumColumns, key != .resize,
               key != .control("c"), KeyMap.intent(for: key) != .quit || state.screen.isForm {
                key = .tick
            }
            guard let effect = Update.apply(key, to: &state, data: data, pageSize: Console.pageSize(rows: size.rows),
                                           columns: size.columns)
            else { continue }
            let mark = data.feedbackMark
            let result = host.perform(effect, now: try clock())
            data.now = try clock()
            take(host.view(asOf: data.today))
            if data.training { data.runs = host.exerciseRuns() }
            data.organRecords = host.organRecords
            Update.completed(result, &state, data: data)
            Update.exerciseFeedback(&state, data: data, before: mark)
        }
    }

    /// The one place the state's cached rows follow the data (and the queue's filter,
    /// view and sort) — just before each frame is rendered and drawn.
    @discardableResult
    private func drawFrame() -> (rows: Int, columns: Int) {
        state.refresh(data)
        loadDetail()
        let size = backend.size
        backend.draw(Console.render(state, data, rows: size.rows, columns: size.columns))
        return size
    }

    /// The shown case in full, read from the log once per case and change, not per key.
    private func loadDetail() {
        let number: CaseNumber? = switch state.screen {
        case .detail(let n), .actions(let n), .action(let n, _), .document(let n): n
        case .home, .queue, .help, .register, .search, .staff, .organAct, .organActs, .exercises, .exercise, .statistics: nil
        }
        guard let number else { return }
        if let detail = data.detail, detail.number == number, detail.version == data.version { return }
        data.detail = CaseDetail(number: number, version: data.version, events: host.history(of: number),
                                 linkedFrom: ConsoleData.links(to: number, in: data.states))
    }

    /// Every half second: the records other consoles appended, and a new day, recompute
    /// the rows, and a warning about the log found meanwhile shows; never on a plain key press.
    private func pickUpIfDue() throws {
        let elapsed = seconds()
        if elapsed - lastPoll >= Self.pollInterval {
            lastPoll = elapsed
            let now = try clock()
            if try host.pickUp() || Day(now) != data.today {
                data.now = now
                take(host.view(asOf: data.today))
                // Another console's records may be this trainee's moves (the same user at two
                // windows) or a clock move: the runs are read again, and judged if they changed.
                if data.training { data.runs = host.exerciseRuns() }
            }
            data.now = now
            takeWarning()
        }
    }

    /// The cases, their rows and the search index, as the host gave them at one moment.
    private func take(_ view: (cases: (states: [CaseState], positions: CasePositions), rows: [QueueRow], search: SearchIndex)) {
        data.update(view.cases.states, positions: view.cases.positions)
        data.rows = view.rows
        data.search = view.search
    }

    /// The log's warning as the host gives it now (damage stands until the console closes;
    /// a lost database connection goes once it is back), and whether its records are
    /// still being checked.
    private func takeWarning() {
        data.warning = host.warning()
        data.checking = host.checking
        (data.staffMembers, data.staffOwner) = host.staffList
        data.organRecords = host.organRecords
        // The status line follows a change of role or organ made meanwhile (a save is
        // decided against the staff records anyway).
        if let me = data.staffMembers.first(where: { $0.user == data.actor.user }), me.actor != data.actor {
            data.actor = me.actor
        }
    }
}
