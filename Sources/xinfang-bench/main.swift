import CSQLite
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// `make bench`: the durable log's figures, each beside a baseline measured in the
// same run on the same disk: SQLite (WAL, synchronous=FULL) holding the same events,
// and a raw write + fdatasync loop. `xinfang-bench --events N` sets the size.

let args = CommandLine.arguments
let targetEvents = args.firstIndex(of: "--events").flatMap { Int(args[$0 + 1]) } ?? 1_000_000

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func timed(_ body: () throws -> Void) rethrows -> Double {
    let t0 = now()
    try body()
    return now() - t0
}

func percentile(_ xs: [Double], _ p: Double) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * p))] }

func rssMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

var rows: [(String, String, String, String)] = []
@MainActor func row(_ what: String, _ figure: String, _ baseline: String, _ note: String = "") {
    rows.append((what, figure, baseline, note))
    print("  \(what): \(figure)  |  \(baseline)  \(note)")
}
@MainActor func printTable() {
    print("")
    print("| what | xinfang | baseline, same run | note |")
    print("| --- | --- | --- | --- |")
    for (a, b, c, d) in rows { print("| \(a) | \(b) | \(c) | \(d) |") }
}
func f(_ x: Double, _ unit: String = "") -> String {
    (x >= 100 ? String(Int(x.rounded())) : String(format: "%.2f", x)) + unit
}

// `--open-only PATH [--no-snapshot]`: open one log in a fresh process and report the
// time, the resident memory it took and whether the snapshot was used. The bench runs
// itself this way, so memory is measured without its own workload in the process.
if let i = args.firstIndex(of: "--open-only"), i + 1 < args.count {
    let path = args[i + 1]
    let before = rssMB()
    var opened: CaseBook?
    let t = try timed {
        opened = args.contains("--no-snapshot")
            ? try CaseBook.replaying(at: path, .init(writable: false)).0
            : try CaseBook.open(at: path, .init(writable: false))
    }
    let resumed = (opened?.log as? DurableLog)?.resumed ?? false
    print("open \(t) rss \(rssMB() - before) resumed \(resumed) cases \(opened?.states.count ?? 0)")
    exit(0)
}

// `--show-only`: `xinfang show CASE` in fresh processes beside SQLite's indexed lookup
// (PointBench.swift), on a log made once and kept in `.build/bench-cache`.
if args.contains("--show-only") {
    try pointBench(targetEvents: targetEvents)
    printTable()
    exit(0)
}

// `--desk-only`: the supervisor's figures on the show log (made first if it is not there):
// `stats` and the desk warm in this process, then the home, `stats` and the annual report from
// fresh processes (StatsBench.swift, DeskBench.swift).
if args.contains("--desk-only") {
    if let made = try pointBench(targetEvents: targetEvents) {
        let deskDir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-desk-\(getpid())").path
        try FileManager.default.createDirectory(atPath: deskDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: deskDir) }
        let shown = try CaseBook.open(at: made.log, .init(writable: false))
        statsBench(shown, dir: deskDir)
        deskBench(shown, dir: deskDir)
        try deskProcessBench(xinfang: made.xinfang, log: made.log)
    }
    printTable()
    exit(0)
}

// `--consoles-only [--consoles N] [--standalone]`: the memory of N consoles open at once on the
// show log, through one console service (or each in a process of its own: `--standalone`)
// (ConsolesBench.swift), after making that log if it is not there.
let consoleCount = args.firstIndex(of: "--consoles").flatMap { Int(args[$0 + 1]) } ?? 30
if args.contains("--consoles-only") {
    if let made = try pointBench(targetEvents: targetEvents) {
        consolesBench(xinfang: made.xinfang, log: made.log, count: consoleCount, standalone: args.contains("--standalone"))
    }
    printTable()
    exit(0)
}

let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: dir) }

// MARK: - The workload: synthetic cases until the target number of events.

print("xinfang bench — \(Date()), \(ProcessInfo.processInfo.processorCount) cores, log folder \(dir)")
var generator = try SyntheticCases(reference: Fixtures.reference, seed: 20_261_127)
let cases = max(1, targetEvents * 100 / 770)
var records: [[CaseEvent]] = []
let genTime = timed { records = generator.cases(cases, from: Fixtures.day("2023-01-01"), until: Fixtures.day("2026-11-27")) }
let events = records.reduce(0) { $0 + $1.count }
print("workload: \(cases) cases, \(events) events, generated in \(f(genTime)) s")
let payloads = records.map { BinaryEventCodec.encode($0) }

// `--append-only`: the interactive appends alone (AppendBench.swift), beside SQLite and a raw
// write + fdatasync loop in the same run.
if args.contains("--append-only") {
    let appendDir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-append-\(getpid())").path
    try FileManager.default.createDirectory(atPath: appendDir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: appendDir) }
    try appendBench(records: records, payloads: payloads, dir: appendDir)
    printTable()
    exit(0)
}

// `--fold-only`: fold the generated events into cases a few times and stop, so that
// a profiler (`perf record`) sees nothing else.
if args.contains("--fold-only") {
    let all = records.flatMap { $0 }.enumerated().map { i, e in var e = e; e.seq = i + 1; return e }
    let header = LogHeader(mode: .training, logId: "bench", jurisdiction: "D-XFJ", createdAt: Instant(millisecondsSince1970: 0))
    for _ in 0..<3 {
        let t = try timed { _ = try CaseBook(log: InMemoryEventLog(header: header, events: all)) }
        print("fold \(all.count) events: \(f(t, " s")), \(f(Double(all.count) / t, " ev/s"))")
    }
    exit(0)
}

// `--postgres-only`: the PostgreSQL store's rows alone (PostgresBench.swift).
if args.contains("--postgres-only") {
    postgresBench(records: records, payloads: payloads, dir: dir)
    printTable()
    exit(0)
}

// `--console-only`: the console's figures alone (search, filter, queue), on the cases
// folded in memory — a quick run that skips the log, SQLite and the fresh processes.
if args.contains("--console-only") {
    let all = records.flatMap { $0 }.enumerated().map { i, e in var e = e; e.seq = i + 1; return e }
    let header = LogHeader(mode: .training, logId: "bench", jurisdiction: "D-XFJ", createdAt: Instant(millisecondsSince1970: 0))
    let memoryBook = try CaseBook(log: InMemoryEventLog(header: header, events: all))
    consoleBench(memoryBook)
    statsBench(memoryBook, dir: dir)
    deskBench(memoryBook, dir: dir)
    printTable()
    exit(0)
}

// MARK: - Bulk import: one batch, one sync.

let logPath = dir + "/cases.log"
let log = try DurableLog.create(at: logPath, mode: .training, jurisdiction: "D-XFJ",
                                now: Instant(millisecondsSince1970: 0))
let importTime = try timed { try log.importRecords(records) }
let logBytes = (try FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0

var db: OpaquePointer?
sqlite3_open(dir + "/baseline.sqlite", &db)
@MainActor func exec(_ sql: String) { sqlite3_exec(db, sql, nil, nil, nil) }
exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;")
exec("CREATE TABLE events (seq INTEGER PRIMARY KEY, case_number TEXT, at INTEGER, payload BLOB)")
var insert: OpaquePointer?
sqlite3_prepare_v2(db, "INSERT INTO events (seq, case_number, at, payload) VALUES (?, ?, ?, ?)", -1, &insert, nil)
@MainActor func insertRow(_ seq: Int, _ record: [CaseEvent], _ payload: [UInt8]) {
    sqlite3_bind_int64(insert, 1, Int64(seq))
    sqlite3_bind_text(insert, 2, record[0].caseNumber.description, -1, xf_sqlite_transient())
    sqlite3_bind_int64(insert, 3, record[0].at.millisecondsSince1970)
    _ = payload.withUnsafeBytes { sqlite3_bind_blob(insert, 4, $0.baseAddress, Int32($0.count), xf_sqlite_transient()) }
    sqlite3_step(insert)
    sqlite3_reset(insert)
}
let sqliteImport = timed {
    exec("BEGIN")
    for (i, r) in records.enumerated() { insertRow(i + 1, r, payloads[i]) }
    exec("COMMIT")
}
let rawBytes = [UInt8](repeating: 0x5A, count: logBytes)
let rawFD = open(dir + "/raw.bin", O_WRONLY | O_CREAT | O_APPEND, 0o640)
let rawImport = timed {
    rawBytes.withUnsafeBytes { _ = write(rawFD, $0.baseAddress, $0.count) }
    fdatasync(rawFD)
}
// Twice more each, into fresh files, for medians of 3 (the first into the files read below).
var importTimes = [importTime], sqliteImports = [sqliteImport]
for round in 1..<3 {
    let again = dir + "/again-\(round).log"
    let againLog = try DurableLog.create(at: again, mode: .training, jurisdiction: "D-XFJ",
                                         now: Instant(millisecondsSince1970: 0))
    importTimes.append(try timed { try againLog.importRecords(records) })
    try? FileManager.default.removeItem(atPath: again)
    var other: OpaquePointer?
    sqlite3_open(dir + "/again-\(round).sqlite", &other)
    sqlite3_exec(other, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE events (seq INTEGER PRIMARY KEY, case_number TEXT, at INTEGER, payload BLOB)", nil, nil, nil)
    var otherInsert: OpaquePointer?
    sqlite3_prepare_v2(other, "INSERT INTO events (seq, case_number, at, payload) VALUES (?, ?, ?, ?)", -1, &otherInsert, nil)
    sqliteImports.append(timed {
        sqlite3_exec(other, "BEGIN", nil, nil, nil)
        for (i, r) in records.enumerated() {
            sqlite3_bind_int64(otherInsert, 1, Int64(i + 1))
            sqlite3_bind_text(otherInsert, 2, r[0].caseNumber.description, -1, xf_sqlite_transient())
            sqlite3_bind_int64(otherInsert, 3, r[0].at.millisecondsSince1970)
            _ = payloads[i].withUnsafeBytes { sqlite3_bind_blob(otherInsert, 4, $0.baseAddress, Int32($0.count), xf_sqlite_transient()) }
            sqlite3_step(otherInsert)
            sqlite3_reset(otherInsert)
        }
        sqlite3_exec(other, "COMMIT", nil, nil, nil)
    })
    sqlite3_finalize(otherInsert)
    sqlite3_close(other)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir + "/again-\(round).sqlite" + suffix) }
}
print("")
row("bulk import (one batch, one sync)", f(Double(events) / percentile(importTimes, 0.5), " ev/s"),
    "SQLite one transaction (payloads encoded beforehand): \(f(Double(events) / percentile(sqliteImports, 0.5), " ev/s")); raw write+fdatasync of the same bytes: \(f(Double(events) / rawImport, " ev/s"))",
    "medians of 3 (xinfang \(importTimes.map { f(Double(events) / $0 / 1000, "k") }.joined(separator: ", ")); SQLite \(sqliteImports.map { f(Double(events) / $0 / 1000, "k") }.joined(separator: ", ")))")
if args.contains("--import-only") {
    printTable()
    exit(0)
}
print("  log size: \(logBytes / 1_048_576) MiB, \(logBytes / max(1, events)) bytes per event")

// MARK: - Open: verify every checksum and the chain, decode, replay into cases.

var book: CaseBook?
var openTimes: [Double] = []
openTimes.append(try timed { book = try CaseBook.replaying(at: logPath, .init(writable: true)).0 })
let caseCount = book?.states.count ?? 0
for _ in 0..<2 {
    book = nil
    openTimes.append(try timed { book = try CaseBook.replaying(at: logPath, .init(writable: true)).0 })
}
let openTime = percentile(openTimes, 0.5)
// The two halves apart, each a median of 3: opening the log (read, verify, decode),
// and folding the same events held in memory as one batch.
var logOnlyTimes: [Double] = [], foldOnlyTimes: [Double] = []
for _ in 0..<3 {
    var openedLog: DurableLog?
    logOnlyTimes.append(try timed { openedLog = try DurableLog.open(at: logPath, .init(writable: false)) })
    let allEvents = try openedLog?.readAll() ?? []
    openedLog = nil
    foldOnlyTimes.append(try timed { _ = try CaseBook(log: InMemoryEventLog(header: log.header, events: allEvents)) })
}
let logOnly = percentile(logOnlyTimes, 0.5), foldOnly = percentile(foldOnlyTimes, 0.5)
var verifyTimes: [Double] = []
for _ in 0..<3 { verifyTimes.append(try timed { _ = try LogInspection.scan(logPath) }) }

var select: OpaquePointer?
sqlite3_prepare_v2(db, "SELECT payload FROM events ORDER BY seq", -1, &select, nil)
var sqliteReadTimes: [Double] = []
for _ in 0..<3 {
    sqliteReadTimes.append(timed {
        var states: [CaseNumber: CaseState] = [:]
        while sqlite3_step(select) == SQLITE_ROW {
            let n = Int(sqlite3_column_bytes(select, 0))
            let bytes = Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(select, 0), count: n))
            for e in (try? BinaryEventCodec.decode(bytes)) ?? [] {
                var s = states.removeValue(forKey: e.caseNumber) ?? CaseState(number: e.caseNumber)
                Workflow.apply(e, to: &s)
                states[e.caseNumber] = s
            }
        }
        sqlite3_reset(select)
    })
}
let sqliteRead = percentile(sqliteReadTimes, 0.5)
print("")
row("open to ready (verify + decode + replay), \(events) events", f(openTime, " s"),
    "SQLite read back + decode + replay: \(f(sqliteRead, " s"))", "median of 3")
row("full verify + replay", f(Double(events) / openTime, " ev/s"), "SQLite: \(f(Double(events) / sqliteRead, " ev/s"))")
row("verify only (checksums, chain, payload decode)", f(Double(events) / percentile(verifyTimes, 0.5), " ev/s"), "—")
row("  of which: read + verify + decode", f(logOnly, " s"), "fold into cases: \(f(foldOnly, " s"))",
    "medians of 3")

// With a snapshot: written once with its checkpoint (as a writer's first open of a log
// does), then each open verifies the snapshot's head record against the log, finds the
// checkpoint that vouches for it, and folds what follows it.
let snapshotPath = CaseSnapshot.path(forLog: logPath)
let snapshotWrite = try timed { try book?.writeSnapshot(to: snapshotPath) }
let snapshotBytes = (try FileManager.default.attributesOfItem(atPath: snapshotPath)[.size] as? Int) ?? 0

/// Opens the log in a fresh process (this executable, `--open-only`): seconds, MB, whether resumed.
func openInFreshProcess(snapshot: Bool) throws -> (seconds: Double, mb: Double, resumed: Bool) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.arguments = ["--open-only", logPath] + (snapshot ? [] : ["--no-snapshot"])
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let parts = text.split(separator: " ")
    guard parts.count >= 6, let s = Double(parts[1]), let mb = Double(parts[3]) else { return (0, 0, false) }
    return (s, mb, parts[5] == "true")
}
var fresh: [(seconds: Double, mb: Double, resumed: Bool)] = []
for _ in 0..<3 { fresh.append(try openInFreshProcess(snapshot: true)) }
let freshFull = try openInFreshProcess(snapshot: false)
let withSnapshot = percentile(fresh.map(\.seconds), 0.5)
row("open to ready with snapshot (head verified, the rest folded), \(events) events",
    f(withSnapshot, " s") + (fresh.allSatisfy(\.resumed) ? "" : " (snapshot NOT used)"),
    "without snapshot, same fresh process: \(f(freshFull.seconds, " s")); SQLite path: \(f(sqliteRead, " s"))",
    "median of 3; snapshot \(snapshotBytes / 1_048_576) MiB, written in \(f(snapshotWrite, " s"))")
row("resident memory after opening, \(caseCount) cases (fresh process)",
    f(percentile(fresh.map(\.mb), 0.5), " MB") + " with snapshot",
    "without snapshot: \(f(freshFull.mb, " MB"))")

// MARK: - Payload codec: the binary codec vs JSONDecoder on the same events.

let sample = Array(records.prefix(100_000)).flatMap { $0 }
let encoder = JSONEncoder()
let json = sample.compactMap { try? encoder.encode($0) }
let binary = sample.map { BinaryEventCodec.encode([$0]) }
let jsonTime = timed { for j in json { _ = try? JSONDecoder().decode(CaseEvent.self, from: j) } }
let binTime = timed { for b in binary { _ = try? BinaryEventCodec.decode(b) } }
print("")
row("decode payloads, binary codec", f(Double(sample.count) / binTime, " ev/s"),
    "JSONDecoder on the same events: \(f(Double(sample.count) / jsonTime, " ev/s"))", String(format: "%.0f×", jsonTime / binTime))

// MARK: - Interactive appends: one record, synced, as a clerk's command.

close(rawFD)
try appendBench(records: records, payloads: payloads, dir: dir)
sqlite3_finalize(insert)
sqlite3_finalize(select)
sqlite3_close(db)

// MARK: - The console on every case of the log: what a clerk waits for (ConsoleBench.swift).

if let book {
    consoleBench(book)
    // `stats` for one year by organ beside SQLite (StatsBench.swift, issue 14).
    statsBench(book, dir: dir)
    // The supervisor's desk and its drill-downs, warm, beside SQLite (DeskBench.swift, issue 14).
    deskBench(book, dir: dir)
}

// MARK: - One case in a fresh process: `xinfang show` beside SQLite's indexed lookup (PointBench.swift).

print("")
if let made = try pointBench(targetEvents: targetEvents) {
    // The supervisor's home, `stats` and the annual report from fresh processes (DeskBench.swift).
    try deskProcessBench(xinfang: made.xinfang, log: made.log)
    // Thirty consoles on that log at once, as at a bureau's window terminals (ConsolesBench.swift).
    consolesBench(xinfang: made.xinfang, log: made.log, count: consoleCount)
}

// The PostgreSQL store beside a raw INSERT loop on the same server (PostgresBench.swift, issue 17).
postgresBench(records: records, payloads: payloads, dir: dir)

printTable()
