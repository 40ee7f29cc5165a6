import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// A batch (one command's records, when there are several) is closed by a commit record
/// written after the batch is synced: damage anywhere inside an acknowledged batch is
/// damage — the log goes read-only and names the record, nothing is cut, no case number
/// is given out again — while a batch whose sync never finished is still a torn tail.
@Suite("Batch commit records")
struct BatchCommitTests {
    static let path = "/log/cases.log"

    /// A new training log on `fs`, and its (empty) case book.
    static func emptyBook(_ fs: SimulatedFileSystem) throws -> CaseBook {
        try CaseBook(log: DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-01-01"),
                                            options: .init(writable: true, fs: fs)))
    }

    /// Registers `count` letters in one command (a batch when more than one).
    static func register(_ book: CaseBook, _ count: Int = 1) throws -> [CaseNumber] {
        try book.register(Fixtures.letters(count, from: book.states.count, received: "2025-01-02"),
                          now: Fixtures.instant("2025-01-02T10:00"), actor: Fixtures.clerk, reference: Fixtures.reference)
    }

    /// A log of one generated batch, as `xinfang generate` writes it: its bytes, the
    /// events stored and where each record starts.
    static func batchLog(cases: Int = 40) throws -> (bytes: [UInt8], stored: [CaseEvent], offsets: [Int]) {
        let fs = SimulatedFileSystem()
        let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ",
                                        now: Fixtures.instant("2025-01-01"), options: .init(writable: true, fs: fs))
        var generator = try SyntheticCases(reference: Fixtures.reference, seed: 3)
        let stored = try log.append(generator.cases(cases, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2024-12-01")))
        return (fs.contents(path) ?? [], stored, log.recordOffsets)
    }

    /// A batch large enough to be prepared on every core (a bulk import, over 2,048 records)
    /// reads back whole: every checksum and the chain verify, every event is stored under its
    /// record's number, in order, and the head hash is the last record's.
    @Test func aBatchPreparedOnEveryCoreReadsBackWholeAndChained() throws {
        let (bytes, stored, offsets) = try Self.batchLog(cases: 2_500)
        let records = offsets.count - 1  // the commit closes the batch
        #expect(records > 2_048)
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, bytes)
        let log = try DurableLog.open(at: Self.path, .init(writable: false, fs: fs))
        #expect(log.damage == nil)
        let read = try log.readAll()
        #expect(read == stored)
        // Every record's events under its own number, the numbers dense and in order.
        #expect(read.first?.seq == 1 && read.last?.seq == records)
        #expect(zip(read, read.dropFirst()).allSatisfy { $1.seq == $0.seq || $1.seq == $0.seq + 1 })
    }

    /// One new log's bytes (its header), and the generated records of 40 cases (~300 records).
    static let importBase: (bytes: [UInt8], records: [[CaseEvent]]) = {
        let fs = SimulatedFileSystem()
        _ = try! DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-01-01"),
                                   options: .init(writable: true, fs: fs))
        var generator = try! SyntheticCases(reference: Fixtures.reference, seed: 3)
        return (fs.contents(path) ?? [], generator.cases(40, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2024-12-01")))
    }()

    /// That log opened for a bulk import whose large batches are written `partRecords` records at a time.
    static func importLog(partRecords: Int) throws -> (fs: SimulatedFileSystem, log: DurableLog, records: [[CaseEvent]]) {
        let fs = SimulatedFileSystem()
        fs.replaceContents(path, importBase.bytes)
        let log = try DurableLog.open(at: path, .init(writable: true, partRecords: partRecords, fs: fs,
                                                      clock: { Fixtures.instant("2025-01-01T09:00") }))
        return (fs, log, importBase.records)
    }

    /// The records with a registration past the days the binary codec holds (2169), in a later
    /// part: written, it would read back as damage; and its index.
    static func withUnreadableRecord(_ generated: [[CaseEvent]]) throws -> (records: [[CaseEvent]], bad: Int) {
        var records = generated
        let bad = try #require(records.indices.first { i in
            guard i > 20, case .registered = records[i][0].body else { return false }
            return true
        })
        guard case .registered(var petition) = records[bad][0].body else { return (records, bad) }
        petition.receivedOn = Fixtures.day("2170-01-01")
        records[bad][0].body = .registered(petition: petition)
        return (records, bad)
    }

    /// A large batch is made and written in parts, each while the one before it is written
    /// (docs/performance.md, issue 13): the file is the one the batch written as one buffer
    /// makes, byte for byte, and reads back whole.
    @Test func aBatchWrittenInPartsIsTheFileOneBufferMakes() throws {
        let (oneFS, one, records) = try Self.importLog(partRecords: 1_000_000)
        try one.importRecords(records)
        let (partsFS, parts, _) = try Self.importLog(partRecords: 7)
        try parts.importRecords(records)
        #expect(records.count > 7 * 10)
        #expect(partsFS.calls.filter { $0 == "write" }.count > oneFS.calls.filter { $0 == "write" }.count + 9)
        let same = partsFS.contents(Self.path) == oneFS.contents(Self.path)
        #expect(same)
        let reopened = try DurableLog.open(at: Self.path, .init(fs: partsFS))
        #expect(reopened.damage == nil)
        #expect(try reopened.readAll().map(\.body) == records.flatMap { $0 }.map(\.body))
    }

    /// A record that would not read back (a day past the binary codec's 2169) in a later part of
    /// a batch whose first parts are already written: the batch is refused naming that record,
    /// what its parts wrote is cut back, and the next append takes the number the batch would have.
    @Test func aBatchRefusedInALaterPartLeavesNothing() throws {
        let (fs, log, generated) = try Self.importLog(partRecords: 4)
        let (records, bad) = try Self.withUnreadableRecord(generated)
        _ = try log.append([records[0]])
        let size = fs.contents(Self.path)?.count
        let calls = fs.calls.count
        #expect(throws: StoreError(.io, path: Self.path, seq: 1 + bad,
                                   cause: "a record that would not read back (malformed(\"date out of range\")); nothing was written")) {
            try log.importRecords(Array(records.dropFirst()))
        }
        #expect(fs.calls[calls...].contains("write"), "parts before it were written")
        #expect(Array(fs.calls.suffix(2)) == ["ftruncate", "fdatasync"], "cut back, and the cut synced")
        #expect(fs.contents(Self.path)?.count == size)
        #expect(try log.append([records[1]]).first?.seq == 2)
        #expect(try DurableLog.open(at: Self.path, .init(fs: fs)).readAll().map(\.seq).last == 2)
    }

    /// The second part's write fails (a full disk): the first part is cut back, the batch fails
    /// and nothing of it stays; the next append numbers its record where the batch would have started.
    @Test func aBatchWhosePartCannotBeWrittenLeavesNothing() throws {
        let (fs, log, records) = try Self.importLog(partRecords: 4)
        _ = try log.append([records[0]])
        let size = fs.contents(Self.path)?.count
        // flock, fstat, then the first part's write and the second's: it fails.
        fs.faults = [SimulatedFileSystem.Fault(call: fs.calls.count + 4, errno: ENOSPC)]
        #expect(throws: StoreError.self) { try log.importRecords(Array(records.dropFirst())) }
        // No part made after the failure is written; the cut synced.
        #expect(Array(fs.calls.suffix(4)) == ["write", "write", "ftruncate", "fdatasync"])
        #expect(fs.contents(Self.path)?.count == size)
        fs.faults = []
        #expect(try log.append([records[1]]).first?.seq == 2)
        #expect(try DurableLog.open(at: Self.path, .init(fs: fs)).readAll().map(\.seq).last == 2)
    }

    /// A batch refused in a later part whose cut-back then fails (the disk refuses the
    /// truncate): the writer stops, as after a failed sync, rather than let its next append
    /// take the refused parts for another writer's records; the refusal says to reopen.
    @Test func aBatchWhoseCutBackFailsStopsTheWriter() throws {
        let (fs, log, generated) = try Self.importLog(partRecords: 4)
        let records = try Self.withUnreadableRecord(generated).records
        _ = try log.append([records[0]])
        let before = fs.calls.count
        // The truncate fails (EIO) each time it is called.
        fs.beforeCall = { kind in
            if kind == "ftruncate", fs.faults.isEmpty { fs.faults = [SimulatedFileSystem.Fault(call: fs.calls.count + 1, errno: EIO)] }
        }
        do {
            try log.importRecords(Array(records.dropFirst()))
            Issue.record("a batch with a record past 2169 was written")
        } catch let error as StoreError {
            #expect(error.cause.hasSuffix("reopen the log"), "\(error.cause)")
        }
        fs.beforeCall = nil
        fs.faults = []
        #expect(fs.calls[before...].contains("ftruncate"))
        #expect(throws: StoreError.self) { _ = try log.append([records[1]]) }
    }

    /// Damage inside the last batch, at its second record, in the middle, and at its last
    /// record before the commit: the reproduction of issue 10 (a flip read as a torn tail
    /// cut the acknowledged batch and gave its case numbers to new petitions).
    @Test(arguments: [0.0, 0.5, 1.0])
    func aFlipInsideAnAcknowledgedBatchIsDamageAndNothingIsCut(where fraction: Double) throws {
        let (bytes, stored, offsets) = try Self.batchLog()
        // Records 2 … last event record (the commit is the last record of all).
        let seq = 2 + Int(Double(offsets.count - 3) * fraction)
        var damaged = bytes
        damaged[offsets[seq - 1] + 100] ^= 0x04
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, damaged)
        let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
        guard case .damage(_, let at, _)? = log.damage else {
            Issue.record("record \(seq) of an acknowledged batch read as \(String(describing: log.damage)), torn tail \(String(describing: log.pendingTornTail))")
            return
        }
        #expect(at == seq)
        #expect(log.lastSeq == seq - 1)
        #expect(fs.contents(Self.path) == damaged, "nothing was cut")
        #expect(log.recoveries.isEmpty)
        // And nothing more is written: no case number of the batch is given out again.
        let book = try CaseBook(log: log)
        #expect(throws: StoreError.self) {
            try book.register([Fixtures.letter(received: "2025-01-02")], now: Fixtures.instant("2025-01-02T10:00"),
                              actor: Fixtures.clerk, reference: Fixtures.reference)
        }
        #expect(fs.contents(Self.path) == damaged)
        #expect(stored.count > 100)
    }

    /// Power lost at every moment of appending batches, under every crash policy: no
    /// image reads as damage (a batch cut short — its sync, or its commit's, unfinished —
    /// is a torn tail that the next writer cuts), and every acknowledged record is there.
    @Test func aBatchWhoseSyncNeverFinishedIsStillATornTail() throws {
        let records = try workedExampleRecords()
        let batches = [Array(records[0..<3]), Array(records[3..<4]), Array(records[4..<8])]
        var images: [(image: SimulatedFileSystem, acked: [CaseEvent], label: String)] = []
        let fs = SimulatedFileSystem()
        var acked: [CaseEvent] = []
        fs.beforeCall = { kind in
            for policy in SimulatedFileSystem.CrashPolicy.allCases {
                images.append((fs.crash(policy, seed: UInt64(fs.calls.count)), acked, "call \(fs.calls.count) \(kind) \(policy)"))
            }
        }
        let log = try simulatedLog(at: Self.path, fs)
        for batch in batches { acked += try log.append(batch) }
        fs.beforeCall = nil
        #expect(images.count > 100)
        for (image, acked, label) in images where image.exists(Self.path) {
            let reopened = try DurableLog.open(at: Self.path, .init(writable: true, fs: image))
            #expect(reopened.damage == nil, "\(label): a crash must never look like damage")
            let events = try reopened.readAll()
            #expect(Array(events.prefix(acked.count)) == acked, "\(label)")
            // What survives is what was written, in order (an unacknowledged batch cut by the
            // crash may leave its first records: decision 0011, "Not yet").
            let written = batches.flatMap { $0.flatMap { $0 } }
            #expect(events.map(\.body) == written.prefix(events.count).map(\.body), "\(label)")
        }
    }

    @Test func aBatchWhoseCommitCannotBeWrittenIsNotKept() throws {
        let records = try workedExampleRecords()
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: Self.path, fs)
        _ = try log.append([records[0]])
        let size = fs.contents(Self.path)?.count ?? 0
        // flock, fstat, write (the batch), fdatasync, then the commit's write: it fails. (No sync
        // before the batch: this handle synced everything up to the end.)
        let commitWrite = fs.calls.count + 5
        fs.faults = [SimulatedFileSystem.Fault(call: commitWrite, errno: ENOSPC)]
        #expect(throws: StoreError.self) { _ = try log.append(Array(records[1..<4])) }
        #expect(fs.calls[commitWrite - 1] == "write")
        // The partial commit cut back, then the batch, each cut synced.
        #expect(Array(fs.calls.suffix(4)) == ["ftruncate", "fdatasync", "ftruncate", "fdatasync"])
        #expect(fs.contents(Self.path)?.count == size, "the unacknowledged batch was taken back")
        fs.faults = []
        // The next command numbers its record where the taken-back batch would have started.
        #expect(try log.append([records[1]]).first?.seq == 2)
        #expect(try DurableLog.open(at: Self.path, .init(fs: fs)).readAll().map(\.seq) == [1, 2])
    }

    /// A registration of two petitions cut by a crash before its commit: its first record
    /// torn, its second whole. The tail is quarantined (nothing of it was acknowledged; the
    /// second record's durable-before is the batch's start, which vouches for nothing after
    /// it — this was read as damage while the scan compared it with an offset counted from
    /// the window's start instead of the file's), and the case number the whole record
    /// shows is never issued again — not by this open, not after a restart, not from a
    /// snapshot written after the cut.
    @Test func aCaseNumberInAQuarantinedFrameIsNeverIssuedAgain() throws {
        let fs = SimulatedFileSystem()
        let book = try Self.emptyBook(fs)
        _ = try Self.register(book)
        let batch = try Self.register(book, 2)
        let offsets = try #require((book.log as? DurableLog)?.recordOffsets)
        // Power lost before the commit: the commit never written, the batch's first record torn.
        var bytes = try #require(fs.contents(Self.path))
        bytes.removeSubrange(offsets[offsets.count - 1]...)
        bytes[offsets[offsets.count - 3] + 100] ^= 0x10
        fs.replaceContents(Self.path, bytes)

        let reopened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        let note = try #require((reopened.log as? DurableLog)?.recoveries.first)
        // The whole record's number, and the torn one's, which its bytes still hold.
        #expect(Set(note.caseNumbers ?? []) == Set(batch))
        #expect(try Self.register(reopened).first?.sequence == batch[1].sequence + 1)
        // After a restart, and from a snapshot that covers the note, the same.
        let restarted = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect(try Self.register(restarted).first?.sequence == batch[1].sequence + 2)
        try restarted.writeSnapshot(to: CaseSnapshot.path(forLog: Self.path))
        let fromSnapshot = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect((fromSnapshot.log as? DurableLog)?.resumed == true)
        #expect(try Self.register(fromSnapshot).first?.sequence == batch[1].sequence + 3)
    }

    /// A registration of three petitions cut by a crash before its commit, its first two
    /// records whole and the third's payload torn: nothing of it was acknowledged, so a
    /// writer's open moves all three aside — read whole or a few hundred bytes at a time
    /// — and their case numbers are reserved (the torn one's too: its bytes still name it). (The whole first records
    /// used to stay, as cases nobody was told of.)
    @Test(arguments: [8 << 20, 256])
    func aBatchCutBeforeItsCommitIsMovedAsideWhole(window: Int) throws {
        let fs = SimulatedFileSystem()
        let book = try Self.emptyBook(fs)
        let first = try Self.register(book)
        let batch = try Self.register(book, 3)
        let offsets = try #require((book.log as? DurableLog)?.recordOffsets)
        var bytes = try #require(fs.contents(Self.path))
        bytes.removeSubrange(offsets[offsets.count - 1]...)
        bytes[offsets[offsets.count - 2] + 100] ^= 0x10
        fs.replaceContents(Self.path, bytes)

        // A reader shows what a writer keeps, before any writer came.
        let reader = try CaseBook.open(at: Self.path, .init(window: window, fs: fs))
        #expect(reader.numbers == first && (reader.log as? DurableLog)?.pendingTornTail == offsets[offsets.count - 4])
        let reopened = try CaseBook.open(at: Self.path, .init(writable: true, window: window, fs: fs))
        #expect(reopened.numbers == first)
        let note = try #require((reopened.log as? DurableLog)?.recoveries.first)
        #expect(note.cutAt == offsets[offsets.count - 4] && Set(note.caseNumbers ?? []) == Set(batch))
        #expect(try Self.register(reopened).first?.sequence == batch[2].sequence + 1)
    }

    /// A bit flipped in the log's last record — one command's, acknowledged — cannot be told
    /// from a crash mid-append, so it is quarantined; but the case number its bytes still
    /// name is never issued again (it was given to a petitioner).
    @Test func theCaseNumberOfADamagedLastRecordIsNeverIssuedAgain() throws {
        let fs = SimulatedFileSystem()
        let book = try Self.emptyBook(fs)
        _ = try Self.register(book)
        let given = try Self.register(book)[0]
        let last = try #require((book.log as? DurableLog)?.recordOffsets.last)
        var bytes = try #require(fs.contents(Self.path))
        bytes[last + 140] ^= 0x41
        fs.replaceContents(Self.path, bytes)
        let reopened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect((reopened.log as? DurableLog)?.recoveries.first?.caseNumbers?.contains(given) == true)
        #expect(try Self.register(reopened).first?.sequence == given.sequence + 1)
    }
}

/// The sync before an append (decision 0006) is paid only when something this handle did
/// not sync may lie before the end: a console appending alone flushes once an append.
@Suite("Syncs per append")
struct SyncsPerAppendTests {
    static func syncs(_ fs: SimulatedFileSystem, _ body: () throws -> Void) rethrows -> Int {
        let before = fs.calls.filter { $0 == "fdatasync" }.count
        try body()
        return fs.calls.filter { $0 == "fdatasync" }.count - before
    }

    @Test func aLoneWriterSyncsOnceAnAppendAndTwiceAfterAnotherWriter() throws {
        let fs = SimulatedFileSystem()
        let book = try BatchCommitTests.emptyBook(fs)
        _ = try BatchCommitTests.register(book)
        #expect(try Self.syncs(fs) { _ = try BatchCommitTests.register(book) } == 1)
        #expect(try Self.syncs(fs) { _ = try BatchCommitTests.register(book) } == 1)
        // Another writer appends: bytes this handle did not sync now lie before the end.
        let other = try CaseBook(log: DurableLog.open(at: BatchCommitTests.path, .init(writable: true, fs: fs)))
        _ = try BatchCommitTests.register(other)
        #expect(try Self.syncs(fs) { _ = try BatchCommitTests.register(book) } == 2)
        #expect(try Self.syncs(fs) { _ = try BatchCommitTests.register(book) } == 1)
    }

    @Test func aFreshlyOpenedLogSyncsBeforeItsFirstAppend() throws {
        let fs = SimulatedFileSystem()
        _ = try BatchCommitTests.register(try BatchCommitTests.emptyBook(fs))
        let reopened = try CaseBook(log: DurableLog.open(at: BatchCommitTests.path, .init(writable: true, fs: fs)))
        #expect(try Self.syncs(fs) { _ = try BatchCommitTests.register(reopened) } == 2)
    }
}
