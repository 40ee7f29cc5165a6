#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// Power loss and I/O errors at every point of a workload, on the simulated file
/// system: every acknowledged record survives, once and in order; nothing is
/// acknowledged without a successful sync; the next open recovers.
@Suite("Crashes and I/O errors")
struct CrashTests {
    static let path = "/data/cases.log"

    /// What a workload has had acknowledged so far (a reference, so a crash hook can read it mid-append).
    final class Acks {
        var events: [CaseEvent] = []
    }

    /// A workload of appends; records what was acknowledged.
    static func workload(_ fs: SimulatedFileSystem, records: [[CaseEvent]], acked: Acks) -> Int {
        var errors = 0
        guard let log = try? DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ",
                                               now: Fixtures.instant("2025-04-28"),
                                               options: .init(writable: true, fs: fs)) else { return 1 }
        for record in records {
            do {
                let stored = try log.append([record])
                acked.events += stored
            } catch {
                errors += 1
            }
        }
        return errors
    }

    @Test func afterPowerLossAtAnyMomentEveryAcknowledgedRecordIsThereOnceAndInOrder() throws {
        let records = Array(try workedExampleRecords().prefix(10))
        var images: [(image: SimulatedFileSystem, acked: [CaseEvent], label: String)] = []
        for seed in UInt64(1)...6 {
            let fs = SimulatedFileSystem()
            let acked = Acks()
            // Power fails just before each file call, under every crash policy.
            fs.beforeCall = { kind in
                for policy in SimulatedFileSystem.CrashPolicy.allCases {
                    images.append((fs.crash(policy, seed: seed &* 1_000 &+ UInt64(fs.calls.count)), acked.events,
                                   "seed \(seed) call \(fs.calls.count) \(kind) \(policy)"))
                }
            }
            _ = Self.workload(fs, records: records, acked: acked)
            fs.beforeCall = nil
        }
        for (image, acked, label) in images {
            guard image.exists(Self.path) else {
                #expect(acked.isEmpty, "\(label): a log with acknowledged records vanished")
                continue
            }
            let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: image))
            #expect(log.damage == nil, "\(label): a crash must never look like damage")
            let events = try log.readAll()
            #expect(Array(events.prefix(acked.count)) == acked, "\(label)")
            #expect(Set(events.map(\.seq)).count == events.count, "\(label): no record twice")
            // And it takes the next record.
            _ = try log.append([records[0]])
            let again = try DurableLog.open(at: Self.path, .init(writable: false, fs: image))
            #expect(again.damage == nil && again.pendingTornTail == nil, "\(label)")
        }
        #expect(images.count > 1_000)
    }

    @Test func aCrashWhileCreatingTheLogLeavesEitherNoLogOrAValidEmptyOne() throws {
        for callLimit in 1...8 {
            let fs = SimulatedFileSystem()
            fs.faults = [SimulatedFileSystem.Fault(call: callLimit, errno: EIO, persistent: true)]
            _ = try? simulatedLog(at: Self.path, fs, mode: .production)
            for policy in SimulatedFileSystem.CrashPolicy.allCases {
                let image = fs.crash(policy, seed: UInt64(callLimit))
                if image.exists(Self.path) {
                    let log = try DurableLog.open(at: Self.path, .init(writable: false, fs: image))
                    #expect(log.lastSeq == 0 && log.damage == nil)
                }
            }
        }
    }

    @Test(arguments: [EIO, ENOSPC])
    func anErrorAtTheNthCallNeverAcknowledgesAnUnsyncedRecordAndTheNextOpenRecovers(_ errno: Int32) throws {
        let records = Array(try workedExampleRecords().prefix(8))
        // How many calls the whole workload makes without faults.
        let clean = SimulatedFileSystem()
        _ = Self.workload(clean, records: records, acked: Acks())
        let total = clean.calls.count
        for n in 1...total {
            for persistent in [false, true] {
                let fs = SimulatedFileSystem()
                fs.faults = [SimulatedFileSystem.Fault(call: n, errno: errno, persistent: persistent)]
                let acks = Acks()
                _ = Self.workload(fs, records: records, acked: acks)
                let acked = acks.events
                // Everything acknowledged is durable: it survives losing every unsynced write.
                let image = fs.crash(.dropAll, seed: 1)
                guard image.exists(Self.path) else {
                    #expect(acked.isEmpty)
                    continue
                }
                let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: image))
                #expect(log.damage == nil, "call \(n) \(persistent)")
                let events = try log.readAll()
                #expect(Array(events.prefix(acked.count)) == acked, "call \(n) \(persistent): acknowledged records lost")
                #expect(events.count == acked.count, "call \(n): a record that was not acknowledged survived")
            }
        }
    }

    @Test func aFailedSyncStopsTheWriterForGood() throws {
        let records = try workedExampleRecords()
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: Self.path, fs)
        _ = try log.append([records[0]])
        // Fail the sync that follows the next write.
        // flock, fstat, write, fdatasync: no sync before the write, this handle synced everything up to the end.
        let next = fs.calls.count + 4
        fs.faults = [SimulatedFileSystem.Fault(call: next)]
        #expect(throws: StoreError.self) { _ = try log.append([records[1]]) }
        #expect(fs.calls[next - 1] == "fdatasync")
        #expect(log.failure != nil)
        // It never retries and then claims success.
        fs.faults = []
        #expect(throws: StoreError.self) { _ = try log.append([records[2]]) }
    }

    @Test func aShortWriteIsCutBackAndNothingIsAcknowledged() throws {
        let records = try workedExampleRecords()
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: Self.path, fs)
        _ = try log.append([records[0]])
        let size = fs.contents(Self.path)?.count ?? 0
        // The write (after flock and fstat) returns 10 bytes, then the retry of the rest fails.
        let write = fs.calls.count + 3
        fs.faults = [SimulatedFileSystem.Fault(call: write, shortWrite: 10),
                     SimulatedFileSystem.Fault(call: write + 1, errno: ENOSPC)]
        #expect(throws: StoreError.self) { _ = try log.append([records[1]]) }
        #expect(fs.calls[write - 1] == "write")
        #expect(fs.contents(Self.path)?.count == size, "the partial record was cut back")
        fs.faults = []
        let stored = try log.append([records[1]])
        #expect(stored.first?.seq == 2)
    }
}
