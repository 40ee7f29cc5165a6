#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Real processes on one log file: several writers at once, writers killed with
/// SIGKILL at random moments, and a follower picking up what others append.
@Suite("Many processes, one log", .serialized)
struct ConcurrencyTests {
    static let stress = Fixtures.root + "/.build/debug/xinfang-stress"

    final class Writer {
        let process = Process()
        let out = Pipe()

        init(_ log: String, _ id: Int, _ extra: [String]) throws {
            process.executableURL = URL(fileURLWithPath: ConcurrencyTests.stress)
            process.arguments = [log, "\(id)"] + extra
            process.environment = ["PATH": "/usr/bin:/bin"]  // nothing inherited from the developer's shell
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// The acknowledgements it printed, once it has ended.
        func acks() -> [(seq: Int, number: String)] {
            process.waitUntilExit()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return text.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ack", let seq = Int(parts[1]) else { return nil }
                return (seq, String(parts[2]))
            }
        }
    }

    static func create() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-mp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = dir + "/cases.log"
        _ = try Writer(log, 0, ["--create", "--count", "0"]).acks()
        return log
    }

    /// Every acknowledged record is in the log under the sequence number it was acknowledged with.
    static func check(_ log: String, _ acks: [(seq: Int, number: String)]) throws -> (ok: Bool, detail: String) {
        let reopened = try DurableLog.open(at: log, .init(writable: true))  // repairs a torn tail left by a kill
        let events = try reopened.readAll()
        let bySeq = Dictionary(events.map { ($0.seq, $0.caseNumber.description) }, uniquingKeysWith: { a, _ in a })
        let missing = acks.filter { bySeq[$0.seq] != $0.number }
        let scan = try LogInspection.scan(log)
        return (reopened.damage == nil && scan.problem == nil && missing.isEmpty,
                "damage \(String(describing: reopened.damage)), scan \(String(describing: scan.problem)), \(missing.count) acks missing")
    }

    @Test func severalWritersAppendWithoutInterleavingAndWithDenseSequenceNumbers() throws {
        let log = try Self.create()
        let writers = try (1...4).map { try Writer(log, $0, ["--count", "40"]) }
        let acks = writers.flatMap { $0.acks() }
        #expect(acks.count == 160)
        #expect(Set(acks.map(\.seq)) == Set(1...160))
        let (ok, detail) = try Self.check(log, acks)
        #expect(ok, "\(detail)")
    }

    @Test func withoutTheLockTheSameTestCatchesWritersTramplingEachOther() throws {
        // The negative control: the check above must be able to fail. Enough appends that
        // the writers overlap even though each process takes a while to start.
        var caught = false
        for _ in 0..<5 where !caught {
            let log = try Self.create()
            let writers = try (1...4).map { try Writer(log, $0, ["--count", "300", "--no-lock"]) }
            let acks = writers.flatMap { $0.acks() }
            let duplicateSeqs = Set(acks.map(\.seq)).count < acks.count
            let intact = try Self.check(log, acks).ok
            caught = duplicateSeqs || !intact
        }
        #expect(caught, "unlocked writers were never caught: the test could not detect interleaving")
    }

    @Test func writersKilledAtRandomMomentsLoseNoAcknowledgedRecord() throws {
        let log = try Self.create()
        var rng = SplitMix(seed: UInt64(Date().timeIntervalSince1970))
        var running = try (1...3).map { try Writer(log, $0, []) }
        var acks: [(seq: Int, number: String)] = []
        var nextID = 4
        var kills = 0
        let end = Date().addingTimeInterval(4)
        while Date() < end {
            usleep(useconds_t(5_000 + rng.next() % 45_000))
            let i = Int(rng.next() % UInt64(running.count))
            kill(running[i].process.processIdentifier, SIGKILL)
            acks += running[i].acks()
            kills += 1
            running[i] = try Writer(log, nextID, [])
            nextID += 1
        }
        for w in running {
            kill(w.process.processIdentifier, SIGKILL)
            acks += w.acks()
        }
        print("kill loop: \(kills) kills, \(acks.count) acknowledged records")
        #expect(kills > 20)
        #expect(acks.count > 20)
        let (ok, detail) = try Self.check(log, acks)
        #expect(ok, "\(detail)")
    }

    @Test func aFollowerSeesAnotherProcesssRecordWithinASecond() throws {
        let cli = CLI()
        cli.run(["init"])
        let follower = Process()
        follower.executableURL = URL(fileURLWithPath: CLI.binary)
        follower.arguments = ["log", "follow", "--seconds", "5", "--training", "--log", cli.log]
        // `log follow` is for the roster's supervisors and administrators (a trainee on a
        // training log): the follower runs as the trainee `init` made.
        follower.environment = ["XINFANG_DATA": Fixtures.dataFolder, "PATH": "/usr/bin:/bin", "USER": "tester"]
        let out = Pipe()
        follower.standardOutput = out
        try follower.run()
        usleep(500_000)
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var buffer = ""
            var at: Date?
            func add(_ chunk: String) {
                lock.lock()
                defer { lock.unlock() }
                buffer += chunk
                if at == nil, buffer.contains("D-XFJ-2025-00001") { at = Date() }
            }
            var time: Date? {
                lock.lock()
                defer { lock.unlock() }
                return at
            }
        }
        let seen = Seen()
        out.fileHandleForReading.readabilityHandler = { handle in
            seen.add(String(decoding: handle.availableData, as: UTF8.self))
        }
        let registered = cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        let doneAt = Date()
        #expect(registered.status == 0)
        for _ in 0..<30 where seen.time == nil { usleep(100_000) }
        out.fileHandleForReading.readabilityHandler = nil
        follower.terminate()
        let latency = try #require(seen.time).timeIntervalSince(doneAt)
        print("follow latency: \(Int(latency * 1000)) ms")
        #expect(latency < 1.0)
    }
}
