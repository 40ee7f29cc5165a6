import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// A point query (decision 0021): one case read from the mapped snapshot through its
/// index and the log's tail, never trusting a section of the snapshot whose SHA-256 the
/// vouched header does not hold.
@Suite("Point queries")
struct PointQueryTests {
    let ref = Fixtures.reference
    let snapshots = SnapshotTests()

    /// A log with a vouched snapshot beside it (with a voided step in it), and the full replay.
    func logWithSnapshot(cases: Int = 600) throws -> (path: String, truth: CaseBook) {
        let (path, _) = try snapshots.makeLog(cases: cases)
        _ = try snapshots.snapshotted(path)
        return (path, try snapshots.replayed(path))
    }

    func point(_ path: String, _ number: CaseNumber) throws -> CaseBook {
        try CaseBook.open(at: path, .init(writable: false), only: [number])
    }

    @Test func aPointQueryGivesTheCaseAndHistoryTheFullOpenGives() throws {
        let (path, truth) = try logWithSnapshot()
        // Cases from the first, a middle and the last chunk, and the one with a voided step.
        let voided = try #require(truth.states.first { !$0.voided.isEmpty })
        for state in [truth.states[0], truth.states[300], truth.states[truth.states.count - 2], voided] {
            let book = try point(path, state.number)
            #expect((book.log as? DurableLog)?.resumed == true)
            #expect(book.states.count == 1)
            #expect(book[state.number] == state)
            #expect(try book.history(of: state.number) == (try truth.history(of: state.number)))
        }
    }

    @Test func aCaseNoOneRegisteredIsNotFound() throws {
        let (path, truth) = try logWithSnapshot(cases: 100)
        let last = try #require(truth.states.last?.number)
        let absent = CaseNumber(organ: last.organ, year: last.year, sequence: last.sequence + 500)
        let book = try point(path, absent)
        #expect((book.log as? DurableLog)?.resumed == true)
        #expect(book[absent] == nil)
    }

    @Test func aCaseChangedAfterTheSnapshotShowsItsLatestState() throws {
        let (path, truth) = try logWithSnapshot()
        let open = try #require(truth.states.first { $0.phase == .registered && $0.voided.isEmpty })
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        _ = try writer.execute(.transfer(to: "D-ZJJ", note: nil), on: open.number, now: Fixtures.instant("2025-06-03T10:00"),
                               actor: Fixtures.clerk, reference: ref)
        let book = try point(path, open.number)
        #expect((book.log as? DurableLog)?.resumed == true)
        #expect(book[open.number]?.phase == .transferred)
        #expect(book[open.number] == writer[open.number])
    }

    @Test func aCaseRegisteredAfterTheSnapshotIsFound() throws {
        let (path, _) = try logWithSnapshot(cases: 100)
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        let number = try #require(try writer.register([Fixtures.letter(received: "2025-06-03")],
                                                      now: Fixtures.instant("2025-06-03T09:00"), actor: Fixtures.clerk,
                                                      reference: ref).first)
        let book = try point(path, number)
        #expect((book.log as? DurableLog)?.resumed == true)
        #expect(book[number] == writer[number])
    }

    /// The snapshot's case section changed in place — the header, and so the checkpoint's
    /// digest, left as they were: the chunk's SHA-256 no longer holds, and the point
    /// query must not show what it holds.
    @Test func aCaseSectionAlteredInPlaceIsNotTrusted() throws {
        let (path, truth) = try logWithSnapshot()
        let victim = try #require(truth.states.dropFirst(300).first { $0.petition?.petitioner.name?.count ?? 0 >= 2 })
        let name = try #require(victim.petition?.petitioner.name)
        let forged = String(repeating: "伪", count: name.count)
        let snapshotPath = CaseSnapshot.path(forLog: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
        // Where the victim's name is written in its chunk: found through the index, as the reader finds it.
        let file = try CaseSnapshot.File(Data(bytes))
        let at = try #require(file.offset(of: victim.number))
        let nameBytes = Array(name.utf8), forgedBytes = Array(forged.utf8)
        #expect(nameBytes.count == forgedBytes.count)
        let found = try #require((at..<(at + 4096)).first { Array(bytes[$0..<($0 + nameBytes.count)]) == nameBytes })
        bytes.replaceSubrange(found..<(found + nameBytes.count), with: forgedBytes)
        try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
        // Well formed: the altered case decodes, with the forged name.
        var reader = BinaryReader(bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[at...]) })
        #expect(try CaseSnapshot.read(&reader).petition?.petitioner.name == forged)

        let book = try point(path, victim.number)
        #expect(book[victim.number]?.petition?.petitioner.name == name)
        #expect(book[victim.number] == victim)
    }

    /// A whole snapshot forged with every checksum and digest recomputed, but no checkpoint
    /// naming it: the point query falls back to reading the log whole.
    @Test func aForgedSnapshotNoCheckpointVouchesForIsNotUsed() throws {
        let (path, truth) = try logWithSnapshot(cases: 120)
        let victim = truth.states[5]
        try snapshots.forgeSnapshot(of: path) { states in states[5].petition?.petitioner.name = "伪造的信访人" }
        let book = try point(path, victim.number)
        #expect((book.log as? DurableLog)?.resumed == false)
        #expect(book[victim.number] == victim)
    }

    /// A byte of the index changed: no open uses the snapshot, so the next writer replaces it.
    @Test func aDamagedIndexIsNotUsedAndTheNextWriterRebuildsIt() throws {
        let (path, truth) = try logWithSnapshot(cases: 300)
        let snapshotPath = CaseSnapshot.path(forLog: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
        bytes[bytes.count - 5] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: snapshotPath))
        let victim = truth.states[17]
        #expect(try point(path, victim.number)[victim.number] == victim)
        #expect((try CaseBook.open(at: path, .init(writable: false)).log as? DurableLog)?.resumed == false)
        _ = try CaseBook.open(at: path, .init(writable: true))
        let again = try point(path, victim.number)
        #expect((again.log as? DurableLog)?.resumed == true && again[victim.number] == victim)
    }
}

/// A writer's point query (`act`): the case is decided under the lock against the latest
/// state, whatever others appended after the book was opened.
@Suite("Point queries that write")
struct PointQueryWriteTests {
    let ref = Fixtures.reference
    let snapshots = SnapshotTests()

    func writer(_ path: String, _ numbers: Set<CaseNumber>) throws -> CaseBook {
        try CaseBook.open(at: path, .init(writable: true), only: numbers)
    }

    @Test func aCommandIsDecidedAgainstWhatOthersAppendedSinceTheBookWasOpened() throws {
        let (path, _) = try snapshots.makeLog(cases: 300)
        let truth = try snapshots.snapshotted(path)
        let open = try #require(truth.states.first { $0.phase == .registered && $0.voided.isEmpty })
        let mine = try writer(path, [open.number])
        #expect((mine.log as? DurableLog)?.resumed == true && mine.states.count == 1)
        // Someone else transfers it first.
        let other = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        _ = try other.execute(.transfer(to: "D-ZJJ", note: nil), on: open.number, now: Fixtures.instant("2025-06-03T10:00"),
                              actor: Fixtures.clerk, reference: ref)
        #expect(throws: (any Error).self) {
            _ = try mine.execute(.transfer(to: "D-ZJJ", note: nil), on: open.number,
                                 now: Fixtures.instant("2025-06-03T10:05"), actor: Fixtures.clerk, reference: ref)
        }
        let transfers = try snapshots.replayed(path).history(of: open.number).filter {
            if case .transferred = $0.body { return true } else { return false }
        }
        #expect(transfers.count == 1)
    }

    @Test func aLinkToAnotherCaseInTheSnapshotIsDecidedFromIt() throws {
        let (path, _) = try snapshots.makeLog(cases: 300)
        let truth = try snapshots.snapshotted(path)
        let from = truth.states[40].number, to = truth.states[250].number
        let command = CaseCommand.link(to: to, kind: .related)
        let book = try writer(path, Set([from] + command.otherCases))
        #expect((book.log as? DurableLog)?.resumed == true)
        _ = try book.execute(command, on: from, now: Fixtures.instant("2025-06-03T10:00"), actor: Fixtures.supervisor,
                             reference: ref)
        #expect(try snapshots.replayed(path)[from]?.links.contains { $0.to == to } == true)
    }
}

/// `show`'s point query (`only:linked:`): the case, the cases its links name and the
/// cases whose links name it — from the snapshot's reverse-link pages and the log's tail —
/// so the cases linking to it are those the full open finds, in the same order.
@Suite("Point queries with links")
struct PointQueryLinkTests {
    let ref = Fixtures.reference
    let snapshots = SnapshotTests()

    func shown(_ path: String, _ number: CaseNumber) throws -> CaseBook {
        try CaseBook.open(at: path, .init(writable: false), only: [number], linked: true)
    }

    /// The cases whose links name `number`, in the book's order: what the case screen lists.
    func linking(to number: CaseNumber, in book: CaseBook) -> [CaseNumber] {
        book.states.filter { $0.number != number && $0.links.contains { $0.to == number } }.map(\.number)
    }

    func link(_ from: CaseNumber, _ to: CaseNumber, in path: String, at time: String) throws {
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        _ = try writer.execute(.link(to: to, kind: .related), on: from, now: Fixtures.instant(time),
                               actor: Fixtures.supervisor, reference: ref)
    }

    /// Links in the snapshot (two cases to one, from different chunks) and one in the tail.
    func linkedLog() throws -> (path: String, target: CaseNumber, before: [CaseNumber], after: CaseNumber) {
        let (path, _) = try snapshots.makeLog(cases: 600)
        let states = try snapshots.replayed(path).states
        let target = states[300].number, before = [states[40].number, states[520].number], after = states[10].number
        for (i, from) in before.enumerated() { try link(from, target, in: path, at: "2025-06-03T10:0\(i)") }
        _ = try snapshots.snapshotted(path)
        try link(after, target, in: path, at: "2025-06-03T11:00")
        return (path, target, before, after)
    }

    @Test func theCasesLinkingToACaseAreThoseTheFullOpenFindsInItsOrder() throws {
        let (path, target, before, after) = try linkedLog()
        let truth = try snapshots.replayed(path)
        #expect(linking(to: target, in: truth) == [after] + before)
        let book = try shown(path, target)
        #expect((book.log as? DurableLog)?.resumed == true && book.scope != nil)
        #expect(linking(to: target, in: book) == linking(to: target, in: truth))
        for number in [target, after] + before { #expect(book[number] == truth[number]) }
    }

    @Test func theCasesACaseLinksToAreReadWithIt() throws {
        let (path, target, before, after) = try linkedLog()
        let truth = try snapshots.replayed(path)
        // One link in the snapshot, one after it.
        for from in [before[0], after] {
            let book = try shown(path, from)
            #expect((book.log as? DurableLog)?.resumed == true)
            #expect(book[target] == truth[target])
        }
    }

    @Test func aLinkVoidedAfterTheSnapshotIsGone() throws {
        let (path, target, before, after) = try linkedLog()
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        let seq = try #require(try writer.history(of: before[1]).last { if case .linked = $0.body { true } else { false } }?.seq)
        _ = try writer.execute(.void(seq: seq, reason: "误操作"), on: before[1], now: Fixtures.instant("2025-06-03T12:00"),
                               actor: Fixtures.supervisor, reference: ref)
        let book = try shown(path, target)
        #expect((book.log as? DurableLog)?.resumed == true)
        #expect(linking(to: target, in: book) == [after, before[0]])
        #expect(linking(to: target, in: book) == linking(to: target, in: try snapshots.replayed(path)))
    }

    /// A reverse-link entry changed in place (it now points at another case), the header
    /// and so the checkpoint left as they were: its page's SHA-256 no longer holds, so the
    /// point query is the full open.
    @Test func anAlteredReverseLinkSectionIsNotTrusted() throws {
        let (path, target, before, after) = try linkedLog()
        let snapshotPath = CaseSnapshot.path(forLog: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
        let page = try #require(try CaseSnapshot.File(bytes).linkPages.first?.section)
        #expect(page.count == 2)
        bytes[page.from + 8] ^= 0x01  // the first entry's offset in its chunk
        try bytes.write(to: URL(fileURLWithPath: snapshotPath))
        let book = try shown(path, target)
        #expect((book.log as? DurableLog)?.resumed == false && book.scope == nil)
        #expect(linking(to: target, in: book) == [after] + before)
    }
}
