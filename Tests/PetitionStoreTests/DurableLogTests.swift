import Foundation
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The worked example's events, one record each.
func workedExampleRecords() throws -> [[CaseEvent]] {
    var s = Scenario()
    for step in Scenario.workedExample { try s.run(step.command, as: step.actor, at: step.time) }
    return s.log.map { var e = $0; e.seq = 0; return [e] }
}

/// A new training log on a simulated file system, as the crash and recovery tests start.
func simulatedLog(at path: String, _ fs: SimulatedFileSystem, mode: LogMode = .training) throws -> DurableLog {
    try DurableLog.create(at: path, mode: mode, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-04-28"),
                          options: .init(writable: true, fs: fs))
}

func temporaryFolder() -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-store-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

@Suite("The durable log on disk")
struct DurableLogTests {
    let dir = temporaryFolder()
    let created = Fixtures.instant("2025-04-28")

    @Test func recordsWrittenAreReadBackInOrderWithDenseSequenceNumbers() throws {
        let path = dir + "/a.log"
        let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: created)
        let records = try workedExampleRecords()
        let stored = try log.append(Array(records.prefix(5))) + (try log.append(Array(records.dropFirst(5))))
        // Each batch is closed by a commit record (records 6 and 19), which carries no event.
        #expect(stored.map(\.seq) == Array(1...5) + Array(7...(records.count + 1)))
        let frames = try DurableLog.open(at: path, .init(keepFrames: true)).frames
        #expect(frames.map(\.seq) == Array(1...(records.count + 2)))
        #expect(frames.filter { $0.type == LogRecord.Kind.commit.rawValue }.map(\.seq) == [6, records.count + 2])
        #expect(try LogRecord.decode(frames[5]) == .commit(BatchCommit(first: 1, last: 5, lastHash: frames[4].hash.hex)))
        let reopened = try DurableLog.open(at: path, .init(writable: false))
        #expect(reopened.header.mode == .training && reopened.header.jurisdiction == "D-XFJ")
        #expect(reopened.headHash == log.headHash)
        #expect(try reopened.readAll() == stored)
        let book = try CaseBook(log: try DurableLog.open(at: path, .init(writable: false)))
        #expect(book.states.first?.phase == .final)
    }

    @Test func anExistingLogIsNeverOverwritten() throws {
        let path = dir + "/b.log"
        _ = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: created)
        #expect(throws: StoreError(.logExists, path: path)) {
            _ = try DurableLog.create(at: path, mode: .production, jurisdiction: "D-XFJ", now: created)
        }
    }

    @Test func aFileThatIsNotALogAndALogFromTheFutureAreRefused() throws {
        try "hello\n".write(toFile: dir + "/c.log", atomically: true, encoding: .utf8)
        #expect(throws: StoreError(.notALog, path: dir + "/c.log")) { _ = try DurableLog.open(at: dir + "/c.log",
                                                                                              .init(writable: false)) }
        var header = LogFormat.encodeHeader(logId: Array(repeating: 7, count: 16), createdAt: created, mode: .training,
                                            jurisdiction: "D-XFJ")
        header[8] = 99  // version 99
        try Data(header).write(to: URL(fileURLWithPath: dir + "/d.log"))
        #expect(throws: StoreError(.futureVersion, path: dir + "/d.log", cause: "99")) {
            _ = try DurableLog.open(at: dir + "/d.log", .init(writable: false))
        }
    }

    @Test func aSymbolicLinkAtTheLogsNameIsRefused() throws {
        let path = dir + "/real.log"
        _ = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: created)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.log", withDestinationPath: path)
        #expect(throws: StoreError.self) { _ = try DurableLog.open(at: dir + "/link.log", .init(writable: true)) }
    }

    @Test func theLogIsReadableByOwnerAndGroupOnly() throws {
        let path = dir + "/f.log"
        _ = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: created)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o007 } == 0)
    }

    @Test func aRecordFromAnotherLogNeverValidates() throws {
        let a = try DurableLog.create(at: dir + "/x.log", mode: .training, jurisdiction: "D-XFJ", now: created)
        _ = try a.append(try workedExampleRecords())
        _ = try DurableLog.create(at: dir + "/y.log", mode: .training, jurisdiction: "D-XFJ", now: created)
        let x = try Data(contentsOf: URL(fileURLWithPath: dir + "/x.log"))
        let headerSize = Int(x[10]) | Int(x[11]) << 8
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/y.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: x[headerSize...])
        try handle.close()
        let y = try DurableLog.open(at: dir + "/y.log", .init(writable: false))
        // Not one of x's records checks out under y's seed, so nothing in y vouches for
        // those bytes: they read as a torn tail right after y's header, left for a writer
        // to move aside — never as records of y.
        #expect(y.lastSeq == 0)
        #expect(y.pendingTornTail == y.format.size)
        #expect(y.damage == nil)
    }
}
