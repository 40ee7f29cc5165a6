import CSQLite
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// Issue 14's speed targets for the supervisor (decision 0030), each beside a baseline measured in
// the same run: the desk's aggregate in SQLite over a table of the same duty clocks, the
// sqlite3 shell over that table from a fresh process, and the clerk's home drawn the same way.

/// One row per running duty clock of an open case as the desk counts them (the case, the
/// organ holding it, the clock, its due day): the table the SQLite baselines aggregate. Made
/// from the same cases, as of the same day; the desk derives the clocks itself every time.
@MainActor func deskClockTable(_ states: [CaseState], asOf: Day, path: String) {
    let r = Fixtures.reference
    try? FileManager.default.removeItem(atPath: path)
    var db: OpaquePointer?
    sqlite3_open(path, &db)
    sqlite3_exec(db, "CREATE TABLE duties (number TEXT, organ TEXT, clock TEXT, due INTEGER); BEGIN", nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO duties VALUES (?, ?, ?, ?)", -1, &insert, nil)
    for state in states {
        guard let row = QueueRow(state, asOf: asOf, calendar: r.calendar, directory: r.directory), !row.phase.isTerminal,
              let organ = row.holder else { continue }
        for clock in state.clocks(asOf: asOf, calendar: r.calendar, directory: r.directory) where BreachKind(clock.kind) != nil {
            sqlite3_bind_text(insert, 1, state.number.description, -1, xf_sqlite_transient())
            sqlite3_bind_text(insert, 2, organ, -1, xf_sqlite_transient())
            sqlite3_bind_text(insert, 3, clock.kind.rawValue, -1, xf_sqlite_transient())
            sqlite3_bind_int64(insert, 4, Int64(clock.due.ordinal))
            sqlite3_step(insert)
            sqlite3_reset(insert)
        }
    }
    sqlite3_finalize(insert)
    sqlite3_exec(db, "COMMIT; CREATE INDEX duties_organ ON duties (organ, due)", nil, nil, nil)
    sqlite3_close(db)
}

/// The desk's aggregate in SQL: per organ, the cases open, due within 3 days and overdue; then per clock.
func deskSQL(asOf: Day) -> String {
    let today = asOf.ordinal
    return """
        SELECT organ, count(DISTINCT number), count(DISTINCT CASE WHEN due - \(today) BETWEEN 0 AND 3 THEN number END),
               count(DISTINCT CASE WHEN due < \(today) THEN number END) FROM duties GROUP BY organ;
        SELECT clock, count(DISTINCT number), sum(due - \(today) BETWEEN 0 AND 3), sum(due < \(today)) FROM duties GROUP BY clock;
        """
}

/// In one process, warm (the cases folded, the queue rows computed, as a console has them):
/// the supervisor's desk computed and drawn, and every number of it opened as a queue and
/// drawn (Enter) and left (Esc). Beside them, SQLite over the duty table: the desk's
/// aggregate, and each number's cases by an indexed lookup.
@MainActor func deskBench(_ book: CaseBook, dir: String) {
    let r = Fixtures.reference
    let supervisor = PetitionCore.Actor(user: "supervisor", role: .supervisor, organ: r.directory.jurisdiction)
    var data = ConsoleData(states: book.states, directory: r.directory, calendar: r.calendar, categories: r.categories,
                           articles: r.articles, policy: r.policy, actor: supervisor,
                           now: Fixtures.instant("2026-11-27T10:00"), training: true)
    data.rows = book.nextDeadlines(asOf: data.today, calendar: r.calendar, directory: r.directory)
    // The desk over both cores, as the console's (decision 0022, addendum).
    data.cores = ProcessInfo.processInfo.activeProcessorCount
    data.concurrently = { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
    // The desk as the console makes it once the rows are there (AppState.refresh), then drawn.
    var deskTimes: [Double] = []
    var state = AppState(language: .zh)
    for _ in 0..<3 {
        state = AppState(language: .zh)
        deskTimes.append(timed {
            state.refresh(data)
            _ = Console.render(state, data, rows: 24, columns: 80)
        })
    }
    guard let desk = state.desk else {
        print("  desk: no desk for a supervisor")
        return
    }
    // Every number of the left-hand list: Enter (its cases as a queue, drawn), then Esc back.
    let layout = DeskScreen.layout(desk, data, .zh)
    var drillTimes: [Double] = []
    var largest = 0
    for line in layout.left.indices where !layout.left[line].isHeading {
        for slot in layout.left[line].cells.indices {
            var cursor = DeskCursor()
            cursor.line = line
            cursor.slot = slot
            state.deskCursor = cursor
            largest = max(largest, layout.left[line].cells[slot].cases.count)
            drillTimes.append(timed {
                _ = Update.apply(.enter, to: &state, data: data, pageSize: 18)
                state.refresh(data)
                _ = Console.render(state, data, rows: 24, columns: 80)
            })
            _ = Update.apply(.escape, to: &state, data: data, pageSize: 18)
            state.refresh(data)
        }
    }
    // SQLite: the same aggregate over the duty table, and each organ's overdue cases by the index.
    let path = dir + "/desk-baseline.sqlite"
    let tableTime = timed { deskClockTable(book.states, asOf: data.today, path: path) }
    var db: OpaquePointer?
    sqlite3_open(path, &db)
    var sqlTimes: [Double] = []
    for _ in 0..<3 {
        sqlTimes.append(timed {
            var rest: UnsafePointer<CChar>?
            let sql = deskSQL(asOf: data.today)
            sql.withCString { text in
                var next: UnsafePointer<CChar>? = text
                while let statementText = next, statementText.pointee != 0 {
                    var statement: OpaquePointer?
                    sqlite3_prepare_v2(db, statementText, -1, &statement, &rest)
                    while sqlite3_step(statement) == SQLITE_ROW {}
                    sqlite3_finalize(statement)
                    next = rest
                }
            }
        })
    }
    var lookup: OpaquePointer?
    sqlite3_prepare_v2(db, "SELECT DISTINCT number FROM duties WHERE organ = ? AND due < ?", -1, &lookup, nil)
    var lookupTimes: [Double] = []
    for (organ, _) in desk.organs {
        lookupTimes.append(timed {
            sqlite3_bind_text(lookup, 1, organ, -1, xf_sqlite_transient())
            sqlite3_bind_int64(lookup, 2, Int64(data.today.ordinal))
            while sqlite3_step(lookup) == SQLITE_ROW {}
            sqlite3_reset(lookup)
        })
    }
    sqlite3_finalize(lookup)
    sqlite3_close(db)
    print("")
    row("supervisor's desk computed and drawn, warm (\(desk.organs.count) organs, \(book.states.count) cases)",
        f(percentile(deskTimes, 0.5) * 1000, " ms"),
        "SQLite GROUP BY organ and clock over a table of the running duty clocks: \(f(percentile(sqlTimes, 0.5) * 1000, " ms"))",
        "median of 3; the table built once in \(f(tableTime, " s")) (the desk derives the clocks every time)")
    row("desk drill-down: Enter on a number, its queue drawn (\(drillTimes.count) numbers, up to \(largest) cases)",
        "median \(f(percentile(drillTimes, 0.5) * 1000, " ms")), max \(f((drillTimes.max() ?? 0) * 1000, " ms"))",
        "SQLite indexed lookup of an organ's overdue cases: median \(f(percentile(lookupTimes, 0.5) * 1000, " ms")), max \(f((lookupTimes.max() ?? 0) * 1000, " ms"))",
        "target < 100 ms each")
}

/// From a fresh process, on the show log (`pointBench`'s): the supervisor's home first drawn in
/// a terminal (tmux, 80×24) from the command's start, beside the clerk's home drawn the same way;
/// `xinfang stats` for one year by organ and `xinfang report annual`, beside the sqlite3 shell
/// answering the desk's aggregate from the duty table in a fresh process.
@MainActor func deskProcessBench(xinfang: String, log: String) throws {
    let book = try CaseBook.open(at: log, .init(writable: false))
    let states = book.states
    guard let year = states.compactMap({ $0.petition?.receivedOn.year }).max(),
          let asOf = states.compactMap({ $0.steps.last.map { Day($0.at) } }).max() else { return }
    let dbPath = log + "-desk.sqlite"
    deskClockTable(states, asOf: asOf, path: dbPath)
    // Beside the duty table, one row a case (as StatsBench's): what `stats` and the report count.
    var db: OpaquePointer?
    sqlite3_open(dbPath, &db)
    sqlite3_exec(db, "CREATE TABLE cases (received INTEGER, organ TEXT, category TEXT, accepted INTEGER, delivered INTEGER); BEGIN",
                 nil, nil, nil)
    var insert: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO cases VALUES (?, ?, ?, ?, ?)", -1, &insert, nil)
    for s in states {
        guard let p = s.petition else { continue }
        sqlite3_bind_int64(insert, 1, Int64(p.receivedOn.ordinal))
        sqlite3_bind_text(insert, 2, s.answerableOrgan ?? p.organ, -1, xf_sqlite_transient())
        sqlite3_bind_text(insert, 3, p.category, -1, xf_sqlite_transient())
        if let a = s.acceptedOn { sqlite3_bind_int64(insert, 4, Int64(a.ordinal)) } else { sqlite3_bind_null(insert, 4) }
        if let d = s.deliveredOn { sqlite3_bind_int64(insert, 5, Int64(d.ordinal)) } else { sqlite3_bind_null(insert, 5) }
        sqlite3_step(insert)
        sqlite3_reset(insert)
    }
    sqlite3_finalize(insert)
    sqlite3_exec(db, "COMMIT", nil, nil, nil)
    sqlite3_close(db)
    let env = ["XINFANG_TRAINING=1"]
    // The home screen in a terminal, from the command's start to the text that says it is drawn.
    func firstDrawn(as user: String, shows text: String) -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { return nil }
        let tag = "xfdesk\(getpid())"
        // The console is stopped and gone before the next one starts: one still making its rows
        // and search index after its home is drawn would share the cores with the next start.
        defer {
            _ = spawn("/bin/sh", ["-c", """
                pid=$(/usr/bin/tmux -L \(tag) list-panes -t d -F '#{pane_pid}' 2>/dev/null)
                [ -n "$pid" ] && kill -KILL $pid 2>/dev/null
                /usr/bin/tmux -L \(tag) kill-server 2>/dev/null
                while [ -n "$pid" ] && kill -0 $pid 2>/dev/null; do sleep 0.02; done
                """])
        }
        let command = "env TERM=xterm-256color LANG=C.UTF-8 \(env.joined(separator: " ")) \(xinfang) --log \(log) --as \(user)"
        let started = now()
        _ = spawn("/usr/bin/tmux", ["-L", tag, "new-session", "-d", "-s", "d", "-x", "80", "-y", "24", "exec " + command])
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("\(tag)-pane").path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        while now() - started < 60 {
            _ = spawn("/bin/sh", ["-c", "/usr/bin/tmux -L \(tag) capture-pane -p -t d > \(capture) 2>/dev/null"])
            if let pane = try? String(contentsOfFile: capture, encoding: .utf8), pane.contains(text) { return now() - started }
            usleep(20_000)
        }
        return nil
    }
    var desk: [Double] = [], clerk: [Double] = []
    for _ in 0..<3 {
        if let t = firstDrawn(as: "supervisor", shows: "督办台") { desk.append(t) }
        if let t = firstDrawn(as: "clerk", shows: "案件总数") { clerk.append(t) }
    }
    var sqliteShell: [Double] = []
    for _ in 0..<3 { sqliteShell.append(spawn("/usr/bin/sqlite3", [dbPath, deskSQL(asOf: asOf)]).seconds) }
    let shell = f(percentile(sqliteShell, 0.5) * 1000, " ms")
    if desk.isEmpty {
        print("  desk: the supervisor's home was not seen (no tmux?)")
    } else {
        row("supervisor's home first drawn, fresh process in tmux, \(states.count) cases",
            f(percentile(desk, 0.5) * 1000, " ms"),
            "clerk's home the same way: \(clerk.isEmpty ? "—" : f(percentile(clerk, 0.5) * 1000, " ms")); sqlite3 shell, the desk's GROUP BYs: \(shell)",
            "median of 3 (polled every 20 ms); target < 1 s")
    }
    // `stats` one year by organ and the annual report, each in a fresh process.
    let common = ["--training", "--log", log, "--as", "supervisor", "--as-of", "\(asOf)"]
    var stats: [Double] = [], report: [Double] = []
    for _ in 0..<3 {
        let s = spawn(xinfang, ["stats", "--from", "\(year)-01-01", "--to", "\(year)-12-31", "--by", "organ"] + common)
        if s.status != 0 { print("  stats exited \(s.status)") }
        stats.append(s.seconds)
        let a = spawn(xinfang, ["report", "annual", "--year", "\(year)"] + common)
        if a.status != 0 { print("  report exited \(a.status)") }
        report.append(a.seconds)
    }
    guard let from = Day(year: year, month: 1, day: 1), let to = Day(year: year, month: 12, day: 31) else { return }
    func grouped(_ column: String) -> String {
        """
        SELECT \(column), count(*), count(accepted), count(delivered), sum(accepted - received), sum(delivered - received)
        FROM cases WHERE received BETWEEN \(from.ordinal) AND \(to.ordinal) GROUP BY \(column);
        """
    }
    var statsShell: [Double] = [], reportShell: [Double] = []
    for _ in 0..<3 {
        statsShell.append(spawn("/usr/bin/sqlite3", [dbPath, grouped("organ")]).seconds)
        reportShell.append(spawn("/usr/bin/sqlite3", [dbPath, grouped("category") + grouped("organ")]).seconds)
    }
    row("`xinfang stats` one year (\(year)) by organ, fresh process", f(percentile(stats, 0.5) * 1000, " ms"),
        "sqlite3 shell, the year's volumes and days GROUP BY organ over a table of the cases: \(f(percentile(statsShell, 0.5) * 1000, " ms"))",
        "median of 3; target < 1 s (SQLite: a subset of the figures)")
    row("`xinfang report annual --year \(year)`, fresh process", f(percentile(report, 0.5) * 1000, " ms"),
        "sqlite3 shell, the same GROUP BY category and by organ: \(f(percentile(reportShell, 0.5) * 1000, " ms"))",
        "median of 3; target < 2 s")
}
