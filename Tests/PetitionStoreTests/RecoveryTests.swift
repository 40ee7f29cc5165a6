import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// How the log treats every way its bytes can end up wrong: cut anywhere, a bit
/// flipped anywhere, a tail of zeros or garbage. Each is recovered as a torn tail
/// or refused as damage — never a crash, never silent acceptance.
@Suite("Recovery from truncation, bit flips and torn tails")
struct RecoveryTests {
    static let path = "/log/cases.log"

    /// A small log on the simulated file system: `count` records.
    static func reference(_ count: Int) throws -> (fs: SimulatedFileSystem, bytes: [UInt8], stored: [CaseEvent], ends: [Int]) {
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: path, fs)
        var ends = [log.end]
        var stored: [CaseEvent] = []
        for record in try workedExampleRecords().prefix(count) {
            stored += try log.append([record])
            ends.append(log.end)
        }
        return (fs, fs.contents(path) ?? [], stored, ends)
    }

    static func open(_ bytes: [UInt8], writable: Bool, window: Int = 8 << 20) throws -> (DurableLog, SimulatedFileSystem) {
        let fs = SimulatedFileSystem()
        fs.replaceContents(path, bytes)
        return (try DurableLog.open(at: path, .init(writable: writable, window: window, fs: fs)), fs)
    }

    /// Whole-file reads, and reads a few hundred bytes at a time so that frames straddle windows.
    static let windows = [8 << 20, 200]

    @Test(arguments: windows)
    func truncationAtEveryByteOffsetRecoversTheLongestCompletePrefix(window: Int) throws {
        let (_, bytes, stored, ends) = try Self.reference(6)
        let headerSize = ends[0]
        for cut in headerSize...bytes.count {
            let (log, fs) = try Self.open(Array(bytes.prefix(cut)), writable: true, window: window)
            let complete = ends.lastIndex { $0 <= cut } ?? 0
            let events = try log.readAll()
            #expect(events == Array(stored.prefix(complete)), "cut at \(cut)")
            #expect(log.damage == nil, "cut at \(cut) is a crash, not damage")
            if cut != ends[complete] {
                // The cut bytes are kept and the cut recorded.
                let note = try #require(log.recoveries.first, "cut at \(cut)")
                #expect(note.cutAt == ends[complete] && note.bytes == cut - ends[complete])
                #expect(fs.contents("/log/" + note.quarantine) == Array(bytes[ends[complete]..<cut]))
                #expect(log.lastSeq == complete + 1, "the recovery note is the next record")
            }
            // The next append continues the chain.
            let more = try log.append([[stored[0]]])
            #expect(more.first?.seq == log.lastSeq)
            let reread = try DurableLog.open(at: Self.path, .init(writable: false, fs: fs))
            #expect(reread.damage == nil && reread.pendingTornTail == nil && reread.lastSeq == log.lastSeq)
        }
    }

    @Test(arguments: windows)
    func everySingleBitFlipIsDetected(window: Int) throws {
        let (_, bytes, stored, ends) = try Self.reference(4)
        let headerSize = ends[0]
        var refused = 0, cut = 0
        for i in 0..<bytes.count {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[i] ^= UInt8(1 << bit)
                let log: DurableLog
                do { (log, _) = try Self.open(damaged, writable: true, window: window) } catch {
                    // A flip in the header makes the file unreadable as a log: refused.
                    #expect(i < headerSize, "byte \(i) bit \(bit): \(error)")
                    refused += 1
                    continue
                }
                #expect(i >= headerSize)
                let events = try log.readAll()
                // Never silent: the damaged record is never delivered as it was written.
                let frame = ends.firstIndex { $0 > i }.map { $0 - 1 } ?? ends.count - 1
                #expect(events == Array(stored.prefix(frame)), "byte \(i) bit \(bit)")
                if frame == stored.count - 1 {
                    // The last record: indistinguishable from a torn tail, so it is quarantined.
                    #expect(log.recoveries.count == 1 && log.damage == nil, "byte \(i) bit \(bit)")
                    cut += 1
                } else {
                    #expect(log.damage != nil, "byte \(i) bit \(bit): synced data damaged must be refused")
                    #expect(throws: StoreError.self) { _ = try log.append([[stored[0]]]) }
                    refused += 1
                }
            }
        }
        #expect(refused + cut == bytes.count * 8)
    }

    @Test(arguments: ["zeros512", "zeros4096", "garbage", "partialCopy", "shortPayload", "lengthPastEnd"])
    func tornTailShapesAreCutAsCrashLeftovers(_ shape: String) throws {
        let (_, bytes, stored, ends) = try Self.reference(5)
        var rng = SplitMix(seed: 42)
        for boundary in ends {
            var tail: [UInt8]
            let frame = Array(bytes[ends[1]..<ends[2]])
            switch shape {
            case "zeros512": tail = [UInt8](repeating: 0, count: 512)
            case "zeros4096": tail = [UInt8](repeating: 0, count: 4096)
            case "garbage": tail = (0..<Int(rng.next() % 4096 + 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case "partialCopy": tail = Array(frame.prefix(Int(rng.next() % UInt64(frame.count - 1)) + 1))
            case "shortPayload": tail = Array(frame.prefix(frame.count - 9))
            default:
                tail = Array(frame.prefix(90))
                tail[8] = 0xFF  // a length past the end (the header checksum then fails too)
            }
            let (log, _) = try Self.open(Array(bytes.prefix(boundary)) + tail, writable: true)
            let complete = ends.firstIndex(of: boundary) ?? 0
            #expect(try log.readAll() == Array(stored.prefix(complete)), "\(shape) at \(boundary)")
            #expect(log.damage == nil && log.recoveries.first?.bytes == tail.count, "\(shape) at \(boundary)")
        }
    }

    @Test(arguments: windows)
    func aRecordFromTheMiddleThatNoLongerValidatesIsDamageNotATornTail(window: Int) throws {
        let (_, bytes, stored, ends) = try Self.reference(6)
        var damaged = bytes
        damaged[ends[2] + 100] ^= 0x01
        let (log, fs) = try Self.open(damaged, writable: true, window: window)
        #expect(try log.readAll() == Array(stored.prefix(2)))
        guard case .damage(let at, let seq, _)? = log.damage else { Issue.record("not damage"); return }
        #expect(at == ends[2] && seq == 3)
        #expect(log.recoveries.isEmpty, "nothing is cut from a damaged log")
        #expect(fs.contents(Self.path) == damaged, "the file is left as it was")
    }

    /// Bytes deleted from or inserted into a record in the middle shift every later record
    /// off the 8-byte grid: they are still found, and vouch for what lies before them, so
    /// this is damage — not a torn tail that a writer would cut with every record after it.
    @Test(arguments: [(-1, windows[0]), (-5, windows[0]), (3, windows[0]), (-1, windows[1]), (3, windows[1])])
    func bytesDeletedOrInsertedInTheMiddleAreDamage(_ change: (count: Int, window: Int)) throws {
        let (_, bytes, stored, ends) = try Self.reference(6)
        let at = ends[2] + 120
        let changed = change.count < 0
            ? Array(bytes[..<at]) + Array(bytes[(at - change.count)...])
            : Array(bytes[..<at]) + [UInt8](repeating: 0x5A, count: change.count) + Array(bytes[at...])
        let (log, fs) = try Self.open(changed, writable: true, window: change.window)
        #expect(try log.readAll() == Array(stored.prefix(2)))
        guard case .damage(_, let seq, _)? = log.damage else {
            Issue.record("\(change): read as \(String(describing: log.damage)), torn tail \(String(describing: log.pendingTornTail))")
            return
        }
        #expect(seq == 3 && fs.contents(Self.path) == changed && log.recoveries.isEmpty)
    }

    @Test func aBrokenChainOrASequenceGapIsDamage() throws {
        let (_, bytes, _, ends) = try Self.reference(4)
        // Swap records 2 and 3: each still validates alone, the chain does not.
        let swapped = Array(bytes[..<ends[1]]) + Array(bytes[ends[2]..<ends[3]]) + Array(bytes[ends[1]..<ends[2]])
            + Array(bytes[ends[3]...])
        let (log, _) = try Self.open(swapped, writable: true)
        guard case .damage(_, _, let reason)? = log.damage else { Issue.record("swap accepted"); return }
        #expect(reason.contains("sequence"))
        // Delete record 2.
        let deleted = Array(bytes[..<ends[1]]) + Array(bytes[ends[2]...])
        let (log2, _) = try Self.open(deleted, writable: true)
        #expect(log2.damage != nil && log2.lastSeq == 1)
        // A whole earlier record copied onto the end: a duplicate, not a crash.
        let duplicated = bytes + Array(bytes[ends[1]..<ends[2]])
        let (log3, _) = try Self.open(duplicated, writable: true)
        #expect(log3.damage != nil && log3.lastSeq == 4)
    }

    /// What a clerk reads about damage is Chinese throughout: where (record, byte
    /// offset) and why, not the store's English reason; English readers get it as is.
    @Test func damageIsDescribedInChineseWhereverItIsShown() throws {
        let (_, bytes, stored, ends) = try Self.reference(4)
        let swapped = Array(bytes[..<ends[1]]) + Array(bytes[ends[2]..<ends[3]]) + Array(bytes[ends[1]..<ends[2]])
            + Array(bytes[ends[3]...])
        let (log, _) = try Self.open(swapped, writable: true)
        let damage = try #require(log.damage)
        let zh = damage.located(.zh)
        #expect(zh.hasPrefix("第2条记录（字节偏移") && zh.contains("序号为3，应为2"), "\(zh)")
        #expect(!zh.contains { $0.isASCII && $0.isLetter }, "\(zh)")
        #expect(damage.located(.en).contains("sequence 3 where 2 was due"))
        // A write to it is refused with the same reason, worded for the clerk.
        do {
            _ = try log.append([[stored[0]]])
            Issue.record("a damaged log took a write")
        } catch let error as StoreError {
            let message = error.message(.zh)
            #expect(message.contains("第2条记录") && message.contains("字节偏移") && message.contains("序号为3"), "\(message)")
            #expect(!message.contains("offset") && !message.contains("where"), "\(message)")
        }
        // Every way a frame can fail to check reads in Chinese too.
        let frameProblems: [LogFormat.FrameProblem] = [.incomplete, .badMagic, .badHeaderChecksum, .badLength,
                                                       .badPayloadChecksum, .badPadding, .badTrailer]
        for reason in frameProblems.map({ "\($0)" }) + ["hash chain broken", "payload does not decode", "header",
                                                        "offset 96: record 7 does not read back", "no record 7 in this log"] {
            let text = LogScan.Problem.reason(reason, .zh)
            #expect(!text.contains { $0.isASCII && $0.isLetter }, "\(reason) → \(text)")
        }
    }

    /// Opening hashes and decodes a window's records on both cores, each core one half:
    /// damage in either half (a forged record whose checksums hold but whose chain does
    /// not, or a payload that does not decode) keeps exactly the records before it.
    @Test(arguments: [5, 40, 150, 230])
    func damageFoundOnEitherCoreKeepsExactlyTheRecordsBeforeIt(at k: Int) throws {
        let fs = SimulatedFileSystem()
        let log = try simulatedLog(at: Self.path, fs)
        var generator = try SyntheticCases(reference: Fixtures.reference, seed: 3)
        let records = generator.cases(40, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2025-04-28"))
        try #require(records.count > 240)
        let stored = try log.append(Array(records.prefix(240)))
        let bytes = try #require(fs.contents(Self.path))
        let offsets = log.recordOffsets + [log.end]
        let header = try #require(try? LogFormat.decodeHeader(bytes.withUnsafeBytes { UnsafeRawBufferPointer($0) }).get())
        let original = try #require(bytes.withUnsafeBytes {
            try? LogFormat.decodeFrame($0, at: offsets[k - 1], seed: header.seed, maxPayload: header.maxPayload).get()
        })
        func replaced(prevHash: RecordHash, payload: [UInt8]) -> [UInt8] {
            let forged = LogFormat.encodeFrame(seq: k, kind: .events, format: .binary, time: original.time,
                                               durableBefore: original.durableBefore, writerID: original.writerID,
                                               prevHash: prevHash, payload: payload, seed: header.seed)
            return Array(bytes[..<offsets[k - 1]]) + forged + Array(bytes[offsets[k]...])
        }
        let before = Array(stored.filter { $0.seq < k })
        for (file, reason) in [(replaced(prevHash: RecordHash(of: [0]), payload: original.payload), "chain"),
                               (replaced(prevHash: original.prevHash, payload: [1, 1, 0xFF, 0xFE]), "decode"),
                               // Its case readable, the rest of it not.
                               (replaced(prevHash: original.prevHash, payload: original.payload.dropLast()), "decode")] {
            for window in [8 << 20, 4096] {
                let (opened, _) = try Self.open(file, writable: false, window: window)
                guard case .damage(let at, let seq, let why)? = opened.damage else { Issue.record("accepted"); continue }
                #expect(at == offsets[k - 1] && seq == k && why.contains(reason))
                #expect(opened.lastSeq == k - 1 && opened.recordOffsets == Array(offsets.prefix(k - 1)))
                #expect(try opened.readAll() == before)
                // Opening a case book (the overlapped replay: decoded on both cores, folded on
                // a thread of its own while the next window is read) folds exactly the
                // records before it too, and notes the same damage.
                let fs = SimulatedFileSystem()
                fs.replaceContents(Self.path, file)
                let (book, bookLog) = try CaseBook.replaying(at: Self.path, .init(writable: false, window: window, fs: fs))
                #expect(bookLog.damage == opened.damage && bookLog.lastSeq == k - 1)
                let careful = try CaseBook(log: try DurableLog.open(at: Self.path, .init(writable: false, window: window, fs: fs)))
                #expect(book.states == careful.states)
                #expect(book.states == (try CaseBook(log: InMemoryEventLog(header: careful.log.header, events: before))).states)
            }
        }
    }

    @Test func recoverWritesEveryIntactRecordBesideAndLeavesTheOriginalAlone() throws {
        let (_, bytes, stored, ends) = try Self.reference(6)
        var damaged = bytes
        damaged[ends[3] + 90] ^= 0x40
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, damaged)
        let result = try #require(try LogInspection.recover(Self.path, to: "/log/recovered.log", fs: fs))
        #expect(result.kept == 5 && result.lost.map(\.seq) == [4])
        #expect(fs.contents(Self.path) == damaged, "the original is untouched")
        #expect(fs.contents("/log/" + (result.quarantined.first?.file ?? "-")) == Array(damaged[ends[3]..<ends[4]]))
        let recovered = try DurableLog.open(at: "/log/recovered.log", .init(writable: true, fs: fs))
        #expect(recovered.damage == nil && recovered.lastSeq == result.records)
        let kept = try recovered.readAll().filter { if case .recordsLost = $0.body { false } else { true } }
        #expect(kept.map(\.body) == stored.filter { $0.seq != 4 }.map(\.body))
        // The recovered log takes new records.
        #expect(try recovered.append([[stored[0]]]).first?.seq == result.records + 1)
        // An intact log needs no recovery.
        let clean = SimulatedFileSystem()
        clean.replaceContents(Self.path, bytes)
        #expect(try LogInspection.recover(Self.path, to: "/log/r2.log", fs: clean) == nil)
    }

    @Test func hostileBytesAreRefusedNotCrashedOn() throws {
        let (_, bytes, _, ends) = try Self.reference(2)
        var rng = SplitMix(seed: 7)
        for _ in 0..<300 {
            let n = Int(rng.next() % 600)
            let noise = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            // After a valid header, or as a whole file.
            _ = try? Self.open(Array(bytes.prefix(ends[0])) + noise, writable: true)
            _ = try? Self.open(noise, writable: false)
        }
        // A valid frame whose payload is not a valid event list (checksums recomputed).
        let header = try #require(try? LogFormat.decodeHeader(bytes.withUnsafeBytes { UnsafeRawBufferPointer($0) }).get())
        let forged = LogFormat.encodeFrame(seq: 1, kind: .events, format: .binary, time: Fixtures.instant("2025-04-28"),
                                           durableBefore: ends[0], writerID: 1, prevHash: header.genesisHash,
                                           payload: [1, 1, 0xFF, 0xFE], seed: header.seed)
        let (log, _) = try Self.open(Array(bytes.prefix(ends[0])) + forged, writable: true)
        #expect(log.damage != nil)
        #expect(try log.readAll().isEmpty)
    }
}
