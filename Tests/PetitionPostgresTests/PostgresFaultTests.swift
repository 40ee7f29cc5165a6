import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

/// A writer process (xinfang-stress): each acknowledged command is a line "ack SEQ SEQ CASE".
final class Writer: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private let lock = NSLock()
    private var text = ""
    private var errors = ""

    init(url: String, number: Int, count: Int, retry: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: Fixtures.root + "/.build/debug/xinfang-stress")
        process.arguments = [url, "\(number)", "--count", "\(count)", "--data-hash", TestServer.dataHash] + (retry ? ["--retry"] : [])
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] h in
            let data = h.availableData
            self?.lock.withLock { self?.text += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] h in
            let data = h.availableData
            self?.lock.withLock { self?.errors += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// The acknowledged commands so far: their two records' sequence numbers and case number.
    var acks: [(first: Int, second: Int, number: String)] {
        lock.withLock { text }.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 4, f[0] == "ack", let a = Int(f[1]), let b = Int(f[2]) else { return nil }
            return (a, b, String(f[3]))
        }
    }

    func finish() -> (status: Int32, err: String) {
        process.waitUntilExit()
        usleep(100_000)
        return (process.terminationStatus, lock.withLock { errors })
    }
}

/// A cluster of its own, for a test that kills its server (the shared one serves other tests).
struct OwnCluster {
    let folder: String
    static let script = Fixtures.root + "/scripts/pg-cluster.sh"

    init() throws {
        folder = "/tmp/xinfang-pg-own-\(UUID().uuidString.prefix(8))"
        try Self.script("start", folder)
    }

    /// A cluster started otherwise (a standby).
    init(existing folder: String) { self.folder = folder }

    /// Runs the script to its end (posix_spawn and waitpid: Foundation's Process can wait
    /// forever for a child whose own child, the server, lives on).
    static func script(_ args: String...) throws {
        var pid: pid_t = 0
        let argv = (["/bin/bash", script] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ) == 0 else {
            throw StoreError(.io, path: script, cause: "cannot run")
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard status == 0 else { throw StoreError(.io, path: script, cause: "\(args) exited \(status)") }
    }

    func location(_ database: String = "postgres", user: String? = nil) throws -> PostgresLocation {
        var url = "postgresql:///\(database)?host=\(folder)"
        if let user { url += "&user=\(user)&password=pw-\(user)" }
        return try PostgresLocation(parsing: url, account: TestServer.account)
    }

    func url(_ database: String, user: String? = nil) -> String {
        "postgresql:///\(database)?host=\(folder)" + (user.map { "&user=\($0)&password=pw-\($0)" } ?? "")
    }

    func kill() throws { try Self.script("kill", folder) }
    func restart() throws { try Self.script("restart", folder) }
    func stop() { try? Self.script("stop", folder) }
}

@Suite("PostgreSQL store faults", .enabled(if: TestServer.enabled), .serialized)
struct PostgresFaultTests {
    @Test func theServerKilledMidAppendsLosesNoAcknowledgedRecordAndLeavesNoBatchHalfWritten() throws {
        let cluster = try OwnCluster()
        defer { cluster.stop() }
        try PostgresAdmin.execute(try cluster.location(), ["CREATE DATABASE crash"])
        _ = try PostgresEventLog.create(try cluster.location("crash"), jurisdiction: "D-XFJ", mode: .training,
                                        now: Fixtures.instant("2025-04-28"), dataHash: TestServer.dataHash)
        let writers = try (1...2).map { try Writer(url: cluster.url("crash"), number: $0, count: 60, retry: true) }
        // Killed once both have had some appends acknowledged, while they go on appending.
        let start = Date()
        while writers.contains(where: { $0.acks.count < 5 }), Date().timeIntervalSince(start) < 30 { usleep(20_000) }
        try cluster.kill()
        let acknowledgedBeforeTheCrash = writers.map(\.acks.count)
        usleep(300_000)
        try cluster.restart()
        let results = writers.map { $0.finish() }
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.err))")
        let log = try PostgresEventLog.open(try cluster.location("crash"))
        let events = try log.readAll()
        let stored = Dictionary(grouping: events, by: \.seq)
        for writer in writers {
            for ack in writer.acks {
                #expect(stored[ack.first]?.first?.caseNumber.description == ack.number)
                #expect(stored[ack.second]?.first?.caseNumber.description == ack.number)
            }
        }
        // Every command is two records and its commit: nothing else is there, nothing half.
        // (A command whose COMMIT went through as the server died was not acknowledged, and
        // the writer tried it again: a case may hold two whole commands, never one and a half.)
        let byCommand = Dictionary(grouping: events, by: { ($0.seq - 1) / 3 })
        #expect(byCommand.values.allSatisfy { $0.count == 2 && $0[0].caseNumber == $0[1].caseNumber && $0[1].seq == $0[0].seq + 1 })
        #expect(log.lastSeq == events.count / 2 * 3)
        #expect(acknowledgedBeforeTheCrash.allSatisfy { $0 >= 5 })
        #expect(writers.map(\.acks.count) == [60, 60])
    }

    @Test func fourWritersInTwoOfficesAsTwoRolesAppendInOneDenseOrder() throws {
        let database = try TestServer.freshDatabase()
        _ = try PostgresEventLog.create(try TestServer.location(database), jurisdiction: "D-XFJ", mode: .training,
                                        now: Fixtures.instant("2025-04-28"), dataHash: TestServer.dataHash)
        try TestServer.role("office_east", in: database)
        try TestServer.role("office_west", in: database)
        let folder = try #require(TestServer.folder)
        let writers = try [("office_east", 1), ("office_east", 2), ("office_west", 3), ("office_west", 4)].map { role, n in
            try Writer(url: "postgresql:///\(database)?host=\(folder)&user=\(role)&password=pw-\(role)", number: n, count: 25)
        }
        let results = writers.map { $0.finish() }
        #expect(results.map(\.status) == [0, 0, 0, 0], "\(results.map(\.err))")
        let log = try PostgresEventLog.open(try TestServer.location(database))
        let events = try log.readAll()
        // 100 commands of two records and a commit each: 1 … 300, no gap, no repeat.
        #expect(log.lastSeq == 300)
        let acked = writers.flatMap { $0.acks.flatMap { [$0.first, $0.second] } }.sorted()
        #expect(acked == events.map(\.seq))
        #expect(Set(acked.map { ($0 - 1) / 3 }).count == 100, "each command's records are consecutive")
        let stamps = try PostgresAdmin.column(try TestServer.location(database),
            "SELECT DISTINCT db_user || ' ' || actor FROM xinfang.records WHERE kind = 1 ORDER BY 1")
        #expect(stamps == ["office_east office_east", "office_west office_west"])
    }
}

@Suite("A synchronous streaming replica", .enabled(if: TestServer.enabled), .serialized)
struct PostgresReplicaTests {
    @Test func aSynchronousStandbyServesReadsAndHoldsEveryAcknowledgedRecordWhenPromoted() throws {
        let primary = try OwnCluster()
        defer { primary.stop() }
        let standbyFolder = primary.folder + "-standby"
        try OwnCluster.script("standby", primary.folder, standbyFolder)
        let standby = OwnCluster(existing: standbyFolder)
        defer { standby.stop() }
        try PostgresAdmin.execute(try primary.location(), [
            "ALTER SYSTEM SET synchronous_standby_names = 'standby1'", "SELECT pg_reload_conf()", "CREATE DATABASE city",
        ])
        // Until the standby is synchronous, a commit would not wait for it.
        let end = Date().addingTimeInterval(10)
        while try PostgresAdmin.column(try primary.location(), "SELECT sync_state::text FROM pg_stat_replication") != ["sync"],
              Date() < end { usleep(100_000) }
        _ = try PostgresEventLog.create(try primary.location("city"), jurisdiction: "D-XFJ", mode: .training,
                                        now: Fixtures.instant("2025-04-28"), dataHash: TestServer.dataHash)
        let writer = try PostgresEventLog.open(try primary.location("city"), writable: true, dataHash: TestServer.dataHash)
        // The database and the log's row reach the standby as it replays them.
        var opened: PostgresEventLog?
        let replayed = Date().addingTimeInterval(10)
        while opened == nil, Date() < replayed {
            opened = try? PostgresEventLog.open(try standby.location("city"))
            if opened == nil { usleep(100_000) }
        }
        let reader = try #require(opened)
        var acknowledged: [Int] = []
        for n in 1...20 { acknowledged += try writer.append([[event(n)]]).map(\.seq) }
        // Reads from the standby: LISTEN does not work there, so it is polled.
        var seen: [Int] = []
        let until = Date().addingTimeInterval(5)
        while seen.count < 20, Date() < until {
            seen += try reader.poll().map(\.seq)
            usleep(50_000)
        }
        #expect(seen == acknowledged)
        try primary.kill()
        try OwnCluster.script("promote", standbyFolder)
        let promoted = try PostgresEventLog.open(try standby.location("city"), writable: true, dataHash: TestServer.dataHash)
        #expect(try promoted.readAll().map(\.seq) == acknowledged)
        #expect(promoted.headHash == writer.headHash)
        #expect(try promoted.append([[event(21)]]).map(\.seq) == [21])
    }
}
