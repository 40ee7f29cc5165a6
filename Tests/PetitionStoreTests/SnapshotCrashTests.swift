#if canImport(Glibc)
import Glibc
#endif
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The snapshot and the overlapped replay on the simulated file system: after power
/// loss at any moment, under every crash policy, opening from the snapshot and opening
/// by the overlapped replay give exactly the cases a plain replay of the surviving log
/// gives; an I/O error while opening or writing a snapshot never gives other cases.
@Suite("Snapshots and replay through the file seam")
struct SnapshotCrashTests {
    static let path = "/data/cases.log"
    static let snapshotPath = CaseSnapshot.path(forLog: path)

    /// Generated cases, a snapshot of them (its name made durable, its bytes not),
    /// more cases after it, then a case transferred and the transfer voided (so that
    /// replaying reads that case's records back, on the thread that folds). Returns the
    /// events acknowledged, and whether every step succeeded.
    @discardableResult
    static func workload(_ fs: SimulatedFileSystem) -> (acked: [CaseEvent], complete: Bool) {
        var acked: [CaseEvent] = []
        let ref = Fixtures.reference
        do {
            var generator = try SyntheticCases(reference: ref, seed: 11)
            let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ",
                                            now: Fixtures.instant("2025-01-01T09:00"), options: .init(writable: true, fs: fs))
            acked += try log.append(generator.cases(12, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2024-06-01")))
            try CaseBook(log: DurableLog.open(at: path, .init(writable: true, fs: fs))).writeSnapshot(to: snapshotPath)
            try fs.syncDirectory("/data")
            for batch in generator.cases(6, from: Fixtures.day("2024-07-01"), until: Fixtures.day("2024-09-01")) {
                acked += try log.append([batch])
            }
            let book = try CaseBook.open(at: path, .init(writable: true, fs: fs))
            let number = try book.register([Fixtures.groupVisit(received: "2024-09-02")], now: Fixtures.instant("2024-09-02T09:00"),
                                           actor: Fixtures.clerk, reference: ref)[0]
            acked += try book.history(of: number)
            let moved = try book.execute(.transfer(to: "D-ZJJ", note: nil), on: number,
                                         now: Fixtures.instant("2024-09-02T10:00"), actor: Fixtures.clerk, reference: ref)
            acked += moved
            acked += try book.execute(.void(seq: moved[0].seq, reason: "误操作"), on: number,
                                      now: Fixtures.instant("2024-09-02T11:00"), actor: Fixtures.supervisor, reference: ref)
        } catch {
            return (acked, false)
        }
        return (acked, true)
    }

    /// The cases of a plain replay: every record read from the first, no snapshot.
    static func replayed(_ fs: SimulatedFileSystem) throws -> [CaseState] {
        try CaseBook(log: DurableLog.open(at: path, .init(fs: fs))).states
    }

    @Test func afterPowerLossTheSnapshotAndTheOverlappedReplayGiveTheCasesOfThePlainReplay() throws {
        // Power fails just before each file call, under every crash policy.
        var images: [(image: SimulatedFileSystem, label: String)] = []
        let fs = SimulatedFileSystem()
        fs.beforeCall = { kind in
            for policy in SimulatedFileSystem.CrashPolicy.allCases {
                images.append((fs.crash(policy, seed: UInt64(fs.calls.count)), "call \(fs.calls.count) \(kind) \(policy)"))
            }
        }
        let (acked, complete) = Self.workload(fs)
        fs.beforeCall = nil
        #expect(complete)
        var resumed = 0
        for (image, label) in images where image.exists(Self.path) {
            let plain = try Self.replayed(image)
            let fromSnapshot = try CaseBook.open(at: Self.path, .init(fs: image))
            if (fromSnapshot.log as? DurableLog)?.resumed == true { resumed += 1 }
            #expect(fromSnapshot.states == plain, "\(label): the snapshot gave other cases")
            let overlapped = try CaseBook.replaying(at: Self.path, .init(window: 256, fs: image)).0
            #expect(overlapped.states == plain, "\(label): the overlapped replay gave other cases")
            let writer = try CaseBook.open(at: Self.path, .init(writable: true, fs: image))
            #expect(writer.states == plain, "\(label): a writer's open gave other cases")
        }
        // The snapshot was really used (where its bytes survived), not only ignored.
        #expect(resumed > 0)
        #expect(images.count > 100)
        // And nothing acknowledged was lost in the run that did not crash.
        let final = try DurableLog.open(at: Self.path, .init(fs: fs)).readAll()
        #expect(Array(final.suffix(acked.count)) == acked)
        // The voided transfer was replayed by reading the case back.
        #expect(try CaseBook.replaying(at: Self.path, .init(window: 256, fs: fs)).0.states.last?.voided.count == 1)
    }

    @Test func anIOErrorWhileOpeningFromASnapshotFailsTheOpenOrFallsBackToTheLog() throws {
        let clean = SimulatedFileSystem()
        #expect(Self.workload(clean).complete)
        let plain = try Self.replayed(clean)
        let before = clean.calls.count
        let opened = try CaseBook.open(at: Self.path, .init(fs: clean))
        #expect((opened.log as? DurableLog)?.resumed == true)
        let kinds = Array(clean.calls[before...])
        for (i, kind) in kinds.enumerated() {
            let fs = SimulatedFileSystem()
            #expect(Self.workload(fs).complete)
            fs.faults = [SimulatedFileSystem.Fault(call: fs.calls.count + i + 1)]
            if kind == "mmap" {
                // The snapshot cannot be read: the log is replayed whole instead.
                let book = try CaseBook.open(at: Self.path, .init(fs: fs))
                #expect((book.log as? DurableLog)?.resumed == false)
                #expect(book.states == plain)
            } else {
                // The log itself cannot be read: the open fails, it never shows fewer cases.
                #expect(throws: StoreError.self, "call \(i + 1) \(kind)") { _ = try CaseBook.open(at: Self.path,
                                                                                                  .init(fs: fs)) }
            }
        }
    }

    @Test func anIOErrorWhileWritingASnapshotKeepsTheOldOneAndLeavesNoTemporaryFile() throws {
        let clean = SimulatedFileSystem()
        #expect(Self.workload(clean).complete)
        let plain = try Self.replayed(clean)
        let book = try CaseBook(log: DurableLog.open(at: Self.path, .init(writable: true, fs: clean)))
        let before = clean.calls.count
        try book.writeSnapshot(to: Self.snapshotPath)
        let writing = clean.calls.count - before
        #expect(writing >= 8)  // the checkpoint: lock, sync, write, sync; the snapshot: open, ftruncate, write, rename
        for i in 1...writing {
            let fs = SimulatedFileSystem()
            #expect(Self.workload(fs).complete)
            let old = fs.contents(Self.snapshotPath)
            let book = try CaseBook(log: DurableLog.open(at: Self.path, .init(writable: true, fs: fs)))
            fs.faults = [SimulatedFileSystem.Fault(call: fs.calls.count + i, errno: ENOSPC)]
            #expect(throws: StoreError.self) { try book.writeSnapshot(to: Self.snapshotPath) }
            fs.faults = []
            #expect(fs.contents(Self.snapshotPath) == old, "call \(i): the old snapshot changed")
            #expect(!fs.exists(Self.snapshotPath + ".writing-\(getpid())"), "call \(i): a temporary file was left")
            let reopened = try CaseBook.open(at: Self.path, .init(fs: fs))
            #expect(reopened.states == plain)
            #expect((reopened.log as? DurableLog)?.resumed == true, "call \(i): the old snapshot is no longer vouched for")
        }
    }
}
