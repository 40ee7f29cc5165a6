import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The snapshot beside a log: used only when the log's record at its head is there,
/// intact, where it says; the cases it gives are the cases a full replay gives.
@Suite("Snapshots")
struct SnapshotTests {
    let ref = Fixtures.reference

    /// A log of generated cases plus a voided step, and its snapshot path.
    func makeLog(cases: Int = 300) throws -> (path: String, snapshot: String) {
        let path = temporaryFolder() + "/cases.log"
        let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ",
                                        now: Fixtures.instant("2025-01-01T09:00"))
        var generator = try SyntheticCases(reference: ref, seed: 7)
        try log.append(generator.cases(cases, from: Fixtures.day("2023-01-01"), until: Fixtures.day("2025-06-01")))
        let book = try CaseBook(log: log)
        // A case transferred, and the transfer voided by a supervisor: the replay must hold through a void.
        let number = try #require(try book.register([Fixtures.groupVisit(received: "2025-06-02")],
                                                    now: Fixtures.instant("2025-06-02T09:00"), actor: Fixtures.clerk,
                                                    reference: ref).first)
        let moved = try book.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: Fixtures.instant("2025-06-02T10:00"),
                                     actor: Fixtures.clerk, reference: ref)
        _ = try book.execute(.void(seq: try #require(moved.first?.seq), reason: "误操作"), on: number,
                             now: Fixtures.instant("2025-06-02T11:00"), actor: Fixtures.supervisor, reference: ref)
        #expect(book[number]?.phase == .registered && book[number]?.voided.count == 1)
        return (path, CaseSnapshot.path(forLog: path))
    }

    func replayed(_ path: String) throws -> CaseBook { try CaseBook(log: try DurableLog.open(at: path,
                                                                                             .init(writable: false))) }

    /// A writer's book, which puts a snapshot and its checkpoint beside the log.
    func snapshotted(_ path: String) throws -> CaseBook {
        let book = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        try book.writeSnapshot(to: CaseSnapshot.path(forLog: path))
        return book
    }

    /// A writer's open that moves a torn tail aside and then gives way to reading the log
    /// whole (here: the snapshot beside it is another log's) still reports the recovery:
    /// the second reading finds the tail already cut.
    @Test(arguments: [false, true])
    func aTornTailMovedAsideBeforeTheOpenFellBackIsStillReported(pointQuery: Bool) throws {
        let (path, snapshot) = try makeLog(cases: 40)
        let (other, _) = try makeLog(cases: 40)
        _ = try snapshotted(other)
        try FileManager.default.copyItem(atPath: CaseSnapshot.path(forLog: other), toPath: snapshot)
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        let number = try #require(try writer.register(Fixtures.letters(1, from: 900, received: "2025-06-03"),
                                                      now: Fixtures.instant("2025-06-03T09:00"), actor: Fixtures.clerk,
                                                      reference: ref).first)
        // Power lost while that registration was being written: its last bytes never reached the disk.
        let file = try #require(FileHandle(forUpdatingAtPath: path))
        try file.truncate(atOffset: try file.seekToEnd() - 10)
        try file.close()
        var reported: [RecoveryNote] = []
        let options = DurableLog.Options(writable: true)
        _ = pointQuery ? try CaseBook.open(at: path, options, only: [number]) { reported += $0.recoveries }
                       : try CaseBook.open(at: path, options) { reported += $0.recoveries }
        #expect(reported.count == 1)
    }

    @Test func aBookFromTheSnapshotIsTheBookFromTheLog() throws {
        let (path, _) = try makeLog()
        _ = try snapshotted(path)
        let opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == true)
        let full = try replayed(path)
        #expect(opened.states == full.states)
        // Indexes and history work from the snapshot as from the log.
        let someone = try #require(full.states[10].petition?.petitioner.idNumber)
        #expect(opened.cases(idNumber: someone).map(\.number) == full.cases(idNumber: someone).map(\.number))
        #expect(try opened.history(of: full.states[10].number) == (try full.history(of: full.states[10].number)))
    }

    @Test func recordsAfterTheSnapshotAreReadAndFolded() throws {
        let (path, _) = try makeLog()
        _ = try snapshotted(path)
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        // Someone new (the log's Li Na has matters pending, which registration would flag).
        let number = try #require(try writer.register(Fixtures.letters(1, from: 900, received: "2025-06-03"),
                                                      now: Fixtures.instant("2025-06-03T09:00"),
                                                      actor: Fixtures.clerk, reference: ref).first)
        _ = try writer.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: Fixtures.instant("2025-06-03T10:00"),
                               actor: Fixtures.clerk, reference: ref)
        let opened = try CaseBook.open(at: path, .init(writable: true))
        #expect((opened.log as? DurableLog)?.resumed == true)
        #expect(opened.states == (try replayed(path)).states)
        #expect(opened[number]?.phase == .transferred)
        // And it goes on writing: the next number follows on.
        let next = try opened.register([Fixtures.letter(received: "2025-06-03")], now: Fixtures.instant("2025-06-03T11:00"),
                                       actor: Fixtures.clerk, reference: ref)
        #expect(next.first?.sequence == number.sequence + 1)
    }

    @Test func aSnapshotThatDoesNotMatchItsLogIsIgnored() throws {
        let (path, snapshotPath) = try makeLog(cases: 120)
        _ = try snapshotted(path)
        let good = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))

        // A damaged snapshot file.
        var bad = good
        bad[bad.count / 2] ^= 0x40
        try bad.write(to: URL(fileURLWithPath: snapshotPath))
        var opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == false)
        #expect(opened.states == (try replayed(path)).states)

        // Another log's snapshot.
        let (other, otherSnapshot) = try makeLog(cases: 50)
        try good.write(to: URL(fileURLWithPath: otherSnapshot))
        opened = try CaseBook.open(at: other, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == false)
        #expect(opened.states == (try replayed(other)).states)

        // The log rewritten under the same name (a recovered copy put in place): its head differs.
        try good.write(to: URL(fileURLWithPath: snapshotPath))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: other, toPath: path)
        opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == false)
        #expect(opened.states == (try replayed(other)).states)
    }

    @Test func aLogCutBackBeforeTheSnapshotsHeadIsReadWhole() throws {
        let (path, snapshotPath) = try makeLog(cases: 80)
        let head = try replayed(path).log as? DurableLog
        let book = try snapshotted(path)
        // Cut the file back to the start of the snapshot's last record: its head is gone.
        let last = try #require(head?.recordOffsets.last)
        let fd = open(path, O_WRONLY)
        #expect(ftruncate(fd, off_t(last)) == 0)
        close(fd)
        let opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == false)
        #expect(opened.states == (try replayed(path)).states)
    }

    /// The snapshot beside `path`, its cases changed by `forge` and written back with every
    /// checksum and digest recomputed: what anyone who can write the folder can do.
    func forgeSnapshot(of path: String, _ forge: (inout [CaseState]) throws -> Void) throws {
        let snapshotPath = CaseSnapshot.path(forLog: path)
        let file = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
        var states = try file.cases()
        try forge(&states)
        let forged = CaseSnapshot(logId: file.logId, head: file.head, states: states).encode()
        try Data(forged).write(to: URL(fileURLWithPath: snapshotPath))
        // Well formed: only the log can tell it is not what folding the log gives.
        #expect(try CaseSnapshot.File(Data(forged)).cases() == states)
    }

    @Test func aHandEditedSnapshotWithItsDigestsRecomputedIsNeverUsed() throws {
        let (path, _) = try makeLog(cases: 120)
        _ = try snapshotted(path)
        let truth = try replayed(path)
        let victim = truth.states[5].number
        try forgeSnapshot(of: path) { states in states[5].petition?.petitioner.name = "伪造的信访人" }
        let opened = try CaseBook.open(at: path, .init(writable: false))
        #expect(opened[victim]?.petition?.petitioner.name == truth[victim]?.petition?.petitioner.name)
        #expect((opened.log as? DurableLog)?.resumed == false)
        // The next writer rebuilds it, vouched for again, and it is used from then on.
        _ = try CaseBook.open(at: path, .init(writable: true))
        let again = try CaseBook.open(at: path, .init(writable: false))
        #expect((again.log as? DurableLog)?.resumed == true && again.states == truth.states)
    }

    @Test func aFinishedCaseSetBackInAForgedSnapshotCannotBeActedOn() throws {
        let (path, _) = try makeLog(cases: 300)
        _ = try snapshotted(path)
        let truth = try replayed(path)
        let finished = try #require(truth.states.first { $0.phase == .final || $0.phase == .closed })
        try forgeSnapshot(of: path) { states in
            let i = try #require(states.firstIndex { $0.number == finished.number })
            states[i].phase = .registered
        }
        let writer = try CaseBook.open(at: path, .init(writable: true))
        #expect(throws: (any Error).self) {
            _ = try writer.execute(.transfer(to: "D-ZJJ", note: nil), on: finished.number,
                                   now: Fixtures.instant("2025-06-03T09:00"), actor: Fixtures.clerk, reference: ref)
        }
        #expect(try replayed(path)[finished.number]?.phase == finished.phase)
    }

    @Test func aForgedCheckpointIsCaughtByFoldingTheLogAndComparing() throws {
        let (path, _) = try makeLog(cases: 120)
        _ = try snapshotted(path)
        #expect(try SnapshotInspection.foldAndCompare(path) == nil)
        let truth = try replayed(path)
        let victim = truth.states[7].number
        try forgeSnapshot(of: path) { states in states[7].petition?.petitioner.name = "伪造的信访人" }
        // The forger also appends a checkpoint naming the forged snapshot: a valid, chained record.
        let file = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: CaseSnapshot.path(forLog: path))))
        let log = try DurableLog.open(at: path, .init(writable: true))
        _ = try log.transact { _ in
            [.checkpoint(SnapshotCheckpoint(seq: file.head.seq, headHash: file.head.hash.hex, snapshot: file.digest.hex,
                                            cases: file.caseCount))]
        }
        #expect(try SnapshotInspection.foldAndCompare(path)?.differs == victim)
    }
}

/// The search index as a section of the snapshot (decision 0027): a book opened from the
/// snapshot reads it in place, brought up to date with what the log added after.
@Suite("The snapshot's search index")
struct SnapshotSearchTests {
    let ref = Fixtures.reference

    @Test func aBookFromTheSnapshotSearchesInPlaceAndFindsWhatCameAfter() throws {
        let snapshots = SnapshotTests()
        let (path, _) = try snapshots.makeLog()
        _ = try snapshots.snapshotted(path)
        // After the snapshot: someone new registered, and an earlier case's petitioner corrected.
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        let number = try #require(try writer.register([Fixtures.letter(received: "2025-06-03")],
                                                      now: Fixtures.instant("2025-06-03T09:00"), actor: Fixtures.clerk,
                                                      reference: ref).first)
        _ = try writer.execute(.correct(field: .request, value: "要求修缮漏雨的屋顶", reason: "登记笔误"), on: number,
                               now: Fixtures.instant("2025-06-03T10:00"), actor: Fixtures.clerk, reference: ref)
        let earlier = try #require(writer.states.first { $0.petition?.petitioner.phone != nil && $0.phase != .closed })
        _ = try? writer.execute(.correct(field: .phone, value: "13700137000", reason: "登记笔误"), on: earlier.number,
                                now: Fixtures.instant("2025-06-03T10:30"), actor: Fixtures.supervisor, reference: ref)
        let opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == true)
        let index = opened.searchIndex()
        #expect(index.readsInPlace)
        #expect(index.compacted() == SearchIndex(opened.states))
        let name = try #require(opened[number]?.petition?.petitioner.name)
        let query = try #require(SearchQuery(name))
        #expect(index.search(query, in: opened.states, limit: 50, visible: { _ in true })
                    .contains { opened.states[$0.position].number == number })
        let corrected = try #require(SearchQuery("漏雨的屋顶"))
        #expect(index.search(corrected, in: opened.states, limit: 50, visible: { _ in true })
                    .map { opened.states[$0.position].number } == [number])
    }

    @Test func aSnapshotWithoutASearchSectionIsSearchedByAnIndexBuiltHere() throws {
        let snapshots = SnapshotTests()
        let (path, snapshot) = try snapshots.makeLog(cases: 60)
        let book = try snapshots.snapshotted(path)
        // The same snapshot written without its search index, and vouched for as a writer would.
        let head = try #require((book.log as? DurableLog)?.snapshotHead)
        let encoded = CaseSnapshot(logId: book.log.header.logId, head: head, states: book.states).encode()
        let digest = try #require(CaseSnapshot.digest(of: encoded))
        _ = try book.log.transact { _ in
            [.checkpoint(SnapshotCheckpoint(seq: head.seq, headHash: head.hash.hex, snapshot: digest.hex,
                                            cases: book.states.count))]
        }
        try Data(encoded).write(to: URL(fileURLWithPath: snapshot))
        let opened = try CaseBook.open(at: path, .init(writable: false))
        #expect((opened.log as? DurableLog)?.resumed == true)
        #expect(!opened.searchIndex().readsInPlace)
        #expect(opened.searchIndex() == SearchIndex(opened.states))
    }
}
