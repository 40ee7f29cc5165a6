#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// `log recover --out NEW` keeps every intact record, before and after the damage
/// (issue 10, item 4; docs/decisions/0013-salvage.md).
@Suite("Recovery salvages everything intact")
struct SalvageTests {
    static let path = "/log/cases.log"
    static let out = "/log/recovered.log"

    /// The reproduction: a generated log of about 1,570 records, a case registered at the
    /// end (by a console that had not yet found the damage), then one byte of record 500
    /// flipped. Built once: the original's bytes, the new case's number, the case of
    /// record 500, and the simulated disk after the recovery.
    struct Reproduction: @unchecked Sendable {
        var original: [UInt8]
        var registered: CaseNumber
        var lostCase: CaseNumber
        var fs: SimulatedFileSystem
        var result: LogInspection.Recovered
    }

    static let reproduction: Result<Reproduction, any Error> = Result {
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: path, fs)
        var generator = try SyntheticCases(reference: Fixtures.reference, seed: 11)
        let records = generator.cases(250, from: Fixtures.day("2024-01-02"), until: Fixtures.day("2025-04-20"))
        try log.append(Array(records.prefix(1_570)))
        let reread = try DurableLog.open(at: path, .init(writable: false, fs: fs))
        let lostCase = try #require(try reread.readAll().first { $0.seq == 500 }).caseNumber
        let book = try CaseBook.open(at: path, .init(writable: true, fs: fs))
        let registered = try #require(try book.register([Fixtures.letter()], now: Fixtures.instant("2025-04-28T10:00"),
                                                        actor: Fixtures.clerk, reference: Fixtures.reference).first)
        let offsets = (try DurableLog.open(at: path, .init(writable: false, fs: fs))).recordOffsets
        var bytes = try #require(fs.contents(path))
        bytes[offsets[499] + 100] ^= 0xFF  // inside record 500's payload
        let damaged = SimulatedFileSystem()
        damaged.replaceContents(path, bytes)
        let result = try #require(try LogInspection.recover(path, to: out, fs: damaged, clock: { Fixtures.instant("2025-05-01") }))
        return Reproduction(original: bytes, registered: registered, lostCase: lostCase, fs: damaged, result: result)
    }

    static func frames(_ fs: SimulatedFileSystem, _ path: String) throws -> [LogFormat.Frame] {
        try LogInspection.scan(path, fs: fs).frames
    }

    @Test func everyIntactRecordAfterTheDamageIsInTheNewLogAndItVerifies() throws {
        let r = try Self.reproduction.get()
        let originalFrames = r.original.withUnsafeBytes { raw in
            Salvage.scan(raw, header: try! LogFormat.decodeHeader(raw).get()).kept.map(\.seq)
        }
        let total = originalFrames.last ?? 0
        let scan = try LogInspection.scan(Self.out, fs: r.fs)
        #expect(scan.problem == nil && r.result.kept == total - 1 && r.result.lost.map(\.seq) == [500],
                "\(String(describing: scan.problem)) kept \(r.result.kept) of \(total), lost \(r.result.lost.map(\.seq))")
    }

    @Test func theCaseRegisteredAfterTheDamageIsThereWithItsNumber() throws {
        let r = try Self.reproduction.get()
        let book = try CaseBook.open(at: Self.out, .init(writable: false, fs: r.fs))
        #expect(book[r.registered]?.petition?.petitioner.name == Fixtures.letter().petitioner.name)
    }

    @Test func theLostRecordsCaseIsRefusedUntilASupervisorReviewsIt() throws {
        let r = try Self.reproduction.get()
        let fs = r.fs.crash(.keepAll, seed: 1)  // a copy of the disk, so each test starts alike
        let book = try CaseBook.open(at: Self.out, .init(writable: true, fs: fs))
        let now = Fixtures.instant("2025-05-02T09:00")
        let note = CaseCommand.recordIncident(kind: .otherDisturbance, note: "x")
        var outcomes: [String] = []
        for (command, actor) in [(note, Fixtures.clerk), (.reviewRecovery(note: "核对纸质卷宗"), Fixtures.clerk),
                                 (.reviewRecovery(note: "核对纸质卷宗"), Fixtures.supervisor),
                                 (.link(to: r.registered, kind: .related), Fixtures.supervisor)] {
            do {
                _ = try book.execute(command, on: r.lostCase, now: now, actor: actor, reference: Fixtures.reference)
                outcomes.append("done")
            } catch let rejection as Rejection {
                outcomes.append(rejection.code.rawValue)
            }
        }
        #expect(outcomes == ["case-incomplete", "role-not-permitted", "done", "done"])
    }

    @Test func theHashMapMapsEveryKeptOldHashToItsNewRecord() throws {
        let r = try Self.reproduction.get()
        let old = r.original.withUnsafeBytes { raw in Salvage.scan(raw, header: try! LogFormat.decodeHeader(raw).get()).kept }
        let new = try Self.frames(r.fs, Self.out)
        let map = new.compactMap { frame -> [SalvageRecord.Moved]? in
            guard case .salvage(let s)? = try? LogRecord.decode(frame) else { return nil }
            return s.map
        }.flatMap { $0 }
        let newBySeq = Dictionary(uniqueKeysWithValues: new.map { ($0.seq, $0.hash.hex) })
        let expected = old.map(\.hash.hex)
        #expect(map.map(\.old) == expected && map.allSatisfy { newBySeq[$0.newSeq] == $0.new })
    }

    @Test func theOriginalIsByteIdenticalAfterRecover() throws {
        let r = try Self.reproduction.get()
        #expect(r.fs.contents(Self.path) == r.original)
    }

    /// Where the damage is, and what is then kept and lost (old sequence numbers), in a
    /// log of the worked example's six records.
    @Test(arguments: [
        ("first record", [1], [2, 3, 4, 5, 6]),
        ("last record", [6], [1, 2, 3, 4, 5]),
        ("two regions", [2, 5], [1, 3, 4, 6]),
        ("torn tail only", [6], [1, 2, 3, 4, 5]),
    ])
    func damageAnywhereKeepsEveryOtherRecord(_ shape: String, lost: [Int], kept: [Int]) throws {
        let (_, bytes, _, ends) = try RecoveryTests.reference(6)
        var damaged = bytes
        if shape == "torn tail only" {
            damaged = Array(bytes[..<(ends[5] + 100)])
        } else {
            for seq in lost { damaged[ends[seq - 1] + 90] ^= 0x40 }
        }
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, damaged)
        let result = try #require(try LogInspection.recover(Self.path, to: Self.out, fs: fs))
        let new = try Self.frames(fs, Self.out)
        let map = new.compactMap { f -> [Int]? in
            guard case .salvage(let s)? = try? LogRecord.decode(f) else { return nil }
            return s.map.map(\.oldSeq)
        }.flatMap { $0 }
        let verified = try LogInspection.scan(Self.out, fs: fs).problem == nil
        #expect(verified && result.lost.map(\.seq) == lost && map == kept, "\(shape): \(result.lost) \(map)")
    }

    /// Power fails just before each file call of a recover, under every crash policy:
    /// the disk then holds either no new log or a complete one, and the original as it was.
    @Test func aCrashAtAnyCallLeavesNoNewLogOrACompleteOne() throws {
        let (_, bytes, _, ends) = try RecoveryTests.reference(6)
        var damaged = bytes
        damaged[ends[2] + 90] ^= 0x40
        let clean = SimulatedFileSystem()
        clean.replaceContents(Self.path, damaged)
        let complete = try #require(try LogInspection.recover(Self.path, to: Self.out, fs: clean,
                                                              clock: { Fixtures.instant("2025-05-01") }))
        var bad: [String] = []
        for n in 1...clean.calls.count {
            let fs = SimulatedFileSystem()
            fs.replaceContents(Self.path, damaged)
            fs.faults = [SimulatedFileSystem.Fault(call: n, errno: EIO, persistent: true)]
            _ = try? LogInspection.recover(Self.path, to: Self.out, fs: fs, clock: { Fixtures.instant("2025-05-01") })
            for policy in SimulatedFileSystem.CrashPolicy.allCases {
                let image = fs.crash(policy, seed: UInt64(n))
                if image.contents(Self.path) != damaged { bad.append("call \(n) \(policy): original changed") }
                guard image.exists(Self.out) else { continue }
                let scan = try LogInspection.scan(Self.out, fs: image)
                if scan.problem != nil || scan.lastSeq != complete.records { bad.append("call \(n) \(policy): partial") }
            }
        }
        #expect(bad.isEmpty, "\(bad)")
    }
}
