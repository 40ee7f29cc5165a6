import Dispatch
import Foundation
import NIOCore
import PetitionCore
import PetitionPostgres
import PetitionStore
import PostgresNIO
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 17's rows: the PostgreSQL store on a throwaway cluster of the bench's own
/// (scripts/pg-cluster.sh, Unix socket, synchronous_commit on), each beside a raw INSERT
/// loop of the same payloads into a plain table on the same server in the same run —
/// what the database costs by itself, before xinfang's framing, chain check and stamp.
/// Rows: bulk import, one interactive append (p50/p99), opening the whole log, and eight
/// writers at once.
@MainActor func postgresBench(records: [[CaseEvent]], payloads: [[UInt8]], dir: String) {
    let script = Fixtures.root + "/scripts/pg-cluster.sh"
    guard FileManager.default.isExecutableFile(atPath: script) else { return print("  postgres: no scripts/pg-cluster.sh") }
    let folder = dir + "-pg"
    func cluster(_ args: String...) -> Bool {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = (["/bin/bash", script] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status == 0
    }
    guard cluster("start", folder) else { return print("  postgres: the cluster did not start (make setup-test installs postgresql)") }
    defer { _ = cluster("stop", folder) }
    do {
        let account = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        func location(_ db: String) throws -> PostgresLocation {
            try PostgresLocation(parsing: "postgresql:///\(db)?host=\(folder)", account: account)
        }
        let dataHash = ReferenceHash.of(folder: Fixtures.dataFolder)
        try PostgresAdmin.execute(try location("postgres"), ["CREATE DATABASE bench"])
        _ = try PostgresEventLog.create(try location("bench"), jurisdiction: "D-XFJ", mode: .training,
                                        now: Instant(millisecondsSince1970: 0), dataHash: dataHash)
        let raw = PostgresSession(try location("bench"))
        try raw.execute("CREATE TABLE raw (seq bigint PRIMARY KEY, case_number text, at bigint, payload bytea)")
        let log = try PostgresEventLog.open(try location("bench"), writable: true, dataHash: dataHash, listen: false)

        // Bulk import: a thousand commands a transaction, as `register` writes a large import.
        let importTime = try timed {
            var at = 0
            while at < records.count {
                try log.append(Array(records[at..<min(records.count, at + 1000)]))
                at += 1000
            }
        }
        let rawImport = try timed {
            var at = 0
            while at < records.count {
                try raw.execute("BEGIN")
                for i in at..<min(records.count, at + 1000) {
                    try raw.execute("INSERT INTO raw VALUES (\(Int64(i + 1)), \(records[i][0].caseNumber.description), \(records[i][0].at.millisecondsSince1970), \(ByteBuffer(bytes: payloads[i])))")
                }
                try raw.execute("COMMIT")
                at += 1000
            }
        }
        print("")
        row("PostgreSQL: bulk import, \(records.count) commands", f(Double(records.count) / importTime, " commands/s"),
            "raw INSERT loop, same server: \(f(Double(records.count) / rawImport, " rows/s"))")

        // Open: every row read, checked and folded into cases.
        var cases = 0
        let openTime = try timed {
            let opened = try PostgresEventLog.open(try location("bench"), listen: false)
            cases = try CaseBook(log: opened).states.count
        }
        let rawRead = try timed { _ = try raw.execute("SELECT payload FROM raw ORDER BY seq") }
        row("PostgreSQL: open \(log.lastSeq) records (\(cases) cases)", f(openTime, " s"), "SELECT every raw row: \(f(rawRead, " s"))")

        // One clerk's command: one transaction, acknowledged after COMMIT.
        var ours: [Double] = [], rawOne: [Double] = []
        for i in 0..<300 {
            let r = records[i % records.count]
            ours.append(try timed { try log.append([r]) })
            rawOne.append(try timed {
                try raw.execute("INSERT INTO raw VALUES (\(Int64(records.count + i + 1)), \(r[0].caseNumber.description), \(r[0].at.millisecondsSince1970), \(ByteBuffer(bytes: payloads[i % payloads.count])))")
            })
        }
        row("PostgreSQL: interactive append, p50 / p99",
            String(format: "%.2f / %.2f ms", percentile(ours, 0.5) * 1000, percentile(ours, 0.99) * 1000),
            String(format: "raw INSERT autocommit: %.2f / %.2f ms", percentile(rawOne, 0.5) * 1000, percentile(rawOne, 0.99) * 1000))

        // Eight writers at once, each its own connection, 100 commands each: the handles are
        // opened (each reading the whole log) before the clock starts, so the row times the
        // appends alone; only commands that were stored are counted.
        let writers = 8, each = 100
        let base = records.count + 1000
        let location8 = try location("bench")
        let handles = try (0..<writers).map { _ in
            try PostgresEventLog.open(location8, writable: true, dataHash: dataHash, listen: false)
        }
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var stored = 0
            func add() { lock.lock(); stored += 1; lock.unlock() }
        }
        let count = Count()
        nonisolated(unsafe) let writing = handles
        let eight = timed {
            DispatchQueue.concurrentPerform(iterations: writers) { w in
                for i in 0..<each where (try? writing[w].append([records[(w * each + i) % records.count]])) != nil { count.add() }
            }
        }
        let rawEight = timed {
            DispatchQueue.concurrentPerform(iterations: writers) { w in
                let mine = PostgresSession(location8)
                for i in 0..<each {
                    let seq = Int64(base + w * each + i)
                    _ = try? mine.execute("INSERT INTO raw (seq, payload) VALUES (\(seq), \(ByteBuffer(bytes: [0x5A])))")
                }
            }
        }
        row("PostgreSQL: \(writers) writers at once, \(count.stored) of \(writers * each) commands stored",
            f(Double(count.stored) / eight, " commands/s"),
            "raw INSERT autocommit, \(writers) connections: \(f(Double(writers * each) / rawEight, " rows/s"))")
    } catch {
        print("  postgres: \(error)")
    }
}
