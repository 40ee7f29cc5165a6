import CSQLite
import Foundation
import PetitionCore
import PetitionStore
#if canImport(Glibc)
import Glibc
#endif

/// `xinfang show CASE` in a fresh process on the benchmark's log (decision 0021), beside
/// SQLite's command-line shell looking the same case's events up through an index on
/// the same machine in the same run. The log is made once by `xinfang generate` (a
/// training log with its staff, its snapshot and checkpoint) and kept, with its SQLite
/// copy, in `.build/bench-cache` (`--cache DIR` elsewhere): later runs reuse them.
/// Returns the executable and the log it measured, for the consoles' memory after it.
@discardableResult
@MainActor func pointBench(targetEvents: Int) throws -> (xinfang: String, log: String)? {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let xinfang = here.appendingPathComponent("xinfang").path
    guard FileManager.default.isExecutableFile(atPath: xinfang) else {
        print("  show: no \(xinfang) (build it: swift build -c release)")
        return nil
    }
    let cacheDir = args.firstIndex(of: "--cache").map { args[$0 + 1] } ?? ".build/bench-cache"
    try FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
    let cases = max(1, targetEvents * 100 / 770)
    let logPath = cacheDir + "/show-\(cases).log", dbPath = cacheDir + "/show-\(cases).sqlite"
    if !FileManager.default.fileExists(atPath: logPath) {
        print("making the show log (once): \(cases) cases in \(logPath)")
        let made = spawn(xinfang, ["generate", "--training", "--log", logPath, "--cases", "\(cases)", "--seed", "20261127",
                                   "--until", "2026-11-27"])
        guard made.status == 0 else {
            print("  show: xinfang generate exited \(made.status)")
            return nil
        }
    }
    // A writer's open, as any writer's: rebuilds the snapshot (and its checkpoint) if one made by
    // another build's layout is there, so that the shows below can use it.
    _ = try CaseBook.open(at: logPath, .init(writable: true))
    var numbers: [String] = []
    if !FileManager.default.fileExists(atPath: dbPath) {
        // The same events in SQLite, one row each, indexed by case number.
        let events = try DurableLog.open(at: logPath, .init(writable: false)).readAll()
        var db: OpaquePointer?
        sqlite3_open(dbPath + ".making", &db)
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE events (seq INTEGER PRIMARY KEY, case_number TEXT, at INTEGER, payload BLOB); BEGIN",
                     nil, nil, nil)
        var insert: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO events (seq, case_number, at, payload) VALUES (?, ?, ?, ?)", -1, &insert, nil)
        for e in events {
            let payload = BinaryEventCodec.encode([e])
            sqlite3_bind_int64(insert, 1, Int64(e.seq))
            sqlite3_bind_text(insert, 2, e.caseNumber.description, -1, xf_sqlite_transient())
            sqlite3_bind_int64(insert, 3, e.at.millisecondsSince1970)
            _ = payload.withUnsafeBytes { sqlite3_bind_blob(insert, 4, $0.baseAddress, Int32($0.count), xf_sqlite_transient()) }
            sqlite3_step(insert)
            sqlite3_reset(insert)
        }
        sqlite3_finalize(insert)
        sqlite3_exec(db, "COMMIT; CREATE INDEX events_case ON events (case_number); PRAGMA wal_checkpoint(TRUNCATE)", nil, nil, nil)
        sqlite3_close(db)
        try FileManager.default.moveItem(atPath: dbPath + ".making", toPath: dbPath)
    }
    // Cases spread over the log: every n-th case by number.
    var db: OpaquePointer?
    sqlite3_open_v2(dbPath, &db, SQLITE_OPEN_READONLY, nil)
    var select: OpaquePointer?
    sqlite3_prepare_v2(db, "SELECT DISTINCT case_number FROM events ORDER BY case_number", -1, &select, nil)
    var all: [String] = []
    while sqlite3_step(select) == SQLITE_ROW { all.append(String(cString: sqlite3_column_text(select, 0))) }
    sqlite3_finalize(select)
    sqlite3_close(db)
    let picks = 15
    numbers = (0..<picks).map { all[(($0 * 2 + 1) * all.count) / (picks * 2)] }

    var ours: [(Double, Double)] = [], theirs: [(Double, Double)] = []
    for number in numbers {
        let shown = spawn(xinfang, ["show", number, "--training", "--log", logPath])
        if shown.status != 0 { print("  show \(number) exited \(shown.status)") }
        ours.append((shown.seconds, shown.maxMB))
        let looked = spawn("/usr/bin/sqlite3", [dbPath, "SELECT seq, at, payload FROM events WHERE case_number = '\(number)' ORDER BY seq"])
        theirs.append((looked.seconds, looked.maxMB))
    }
    // Inside one process: the point open alone, and what hashing the whole snapshot would cost instead
    // of the sections read (decision 0021).
    var opens: [Double] = [], resumed = true
    for number in numbers {
        guard let n = CaseNumber(number) else { continue }
        var book: CaseBook?
        opens.append(try timed { book = try CaseBook.open(at: logPath, .init(writable: false), only: [n], linked: true) })
        resumed = resumed && (book?.log as? DurableLog)?.resumed == true && book?[n] != nil
    }
    let snapshot = try Data(contentsOf: URL(fileURLWithPath: CaseSnapshot.path(forLog: logPath)), options: .alwaysMapped)
    var hashes: [Double] = []
    for _ in 0..<3 { hashes.append(timed { _ = snapshot.withUnsafeBytes { RecordHash(of: $0) } }) }
    let ms = ours.map(\.0), sqliteMs = theirs.map(\.0)
    func spread(_ xs: [Double]) -> String { "\(f(xs.min()! * 1000)) – \(f(xs.max()! * 1000)) ms" }
    row("`xinfang show CASE`, fresh process, \(all.count) cases (snapshot, point query)",
        f(percentile(ms, 0.5) * 1000, " ms") + ", peak \(f(percentile(ours.map(\.1), 0.5), " MiB"))"
            + (resumed ? "" : " (snapshot NOT used)"),
        "SQLite CLI, indexed lookup of the case's events: \(f(percentile(sqliteMs, 0.5) * 1000, " ms")), peak \(f(percentile(theirs.map(\.1), 0.5), " MiB"))",
        "median of \(picks) cases (\(spread(ms)); SQLite \(spread(sqliteMs)))")
    row("  of which: the point open in-process (header, index and reverse-link pages, the chunks read, the log's tail)",
        f(percentile(opens, 0.5) * 1000, " ms") + " (\(spread(opens)))",
        "SHA-256 of the whole snapshot (\(snapshot.count / 1_048_576) MiB), which it does not do: \(f(percentile(hashes, 0.5) * 1000, " ms"))",
        "medians")
    return (xinfang, logPath)
}

/// Runs a program to its end, its output discarded: wall time and peak resident memory.
/// Through GNU `time` (`/usr/bin/time -f %M`), which forks from a small process: a child
/// spawned straight from this one (vfork) would report this process's peak as its own.
/// Its own start (~1 ms) is in the time of both sides.
@MainActor func spawn(_ path: String, _ arguments: [String]) -> (status: Int32, seconds: Double, maxMB: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-bench-time-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: report) }
    let argv = (["/usr/bin/time", "-f", "%M", "-o", report, path] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let t0 = now()
    guard posix_spawn(&pid, "/usr/bin/time", &actions, nil, argv, environ) == 0 else { return (-1, 0, 0) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let seconds = now() - t0
    let kb = (try? String(contentsOfFile: report, encoding: .utf8)).flatMap { Double($0.split(separator: "\n").last ?? "") } ?? 0
    return ((status >> 8) & 0xFF, seconds, kb / 1024)
}
