import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The note beside a log that damage was found (`NAME.damaged`): an open from a snapshot,
/// which does not read the records it covers, takes it on while the record it names is
/// still bad; once the log reads well there, the note is stale and a writer removes it.
@Suite("The damage note")
struct DamageMarkerTests {
    static let path = "/log/cases.log"
    let ref = Fixtures.reference

    /// A log of generated cases with a vouched snapshot, on the simulated file system.
    func snapshotted() throws -> (SimulatedFileSystem, DurableLog) {
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: Self.path, fs)
        var generator = try SyntheticCases(reference: ref, seed: 3)
        try log.append(generator.cases(40, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2024-12-01")))
        try CaseBook(log: DurableLog.open(at: Self.path, .init(writable: true, fs: fs)))
            .writeSnapshot(to: CaseSnapshot.path(forLog: Self.path))
        return (fs, try DurableLog.open(at: Self.path, .init(fs: fs)))
    }

    @Test func damageFoundByAFullReadIsKnownToAnOpenFromTheSnapshot() throws {
        let (fs, whole) = try snapshotted()
        let offset = whole.recordOffsets[9]
        var bytes = try #require(fs.contents(Self.path))
        bytes[offset + 100] ^= 0x01
        fs.replaceContents(Self.path, bytes)
        #expect(try CaseBook.open(at: Self.path, .init(writable: true, fs: fs)).log.damage == nil)
        // A full read finds it (as `log verify` or the console's background check do) …
        let full = try DurableLog.open(at: Self.path, .init(fs: fs))
        #expect(full.damage != nil)
        // … and from then on an open with the snapshot beside it shows what a full read
        // shows — the records before record 10 — and refuses to write, naming record 10.
        let book = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect((book.log as? DurableLog)?.lastSeq == 9)
        guard case .damage(_, let seq, _)? = (book.log as? DurableLog)?.damage else {
            Issue.record("an open from the snapshot did not take on the damage noted")
            return
        }
        #expect(seq == 10)
    }

    @Test func aNoteForARecordThatReadsWellIsStaleAndAWriterRemovesIt() throws {
        let (fs, whole) = try snapshotted()
        let notePath = DamageMarker.path(forLog: Self.path)
        let note = DamageMarker(seq: 10, offset: whole.recordOffsets[9], reason: "checksum")
        fs.replaceContents(notePath, Array(try JSONEncoder().encode(note)))
        #expect(try DurableLog.open(at: Self.path, .init(fs: fs)).damage == nil)
        #expect(fs.exists(notePath))
        #expect(try DurableLog.open(at: Self.path, .init(writable: true, fs: fs)).damage == nil)
        #expect(!fs.exists(notePath))
    }
}

extension EventLog {
    var damage: LogScan.Problem? { (self as? DurableLog)?.damage }
}
