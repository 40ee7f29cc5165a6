#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// A torn tail is cut from the log only once its bytes are verified in a quarantine
/// file, and the recovery note names the file that really holds them (issue 10, item 3).
@Suite("Quarantine files are verified before the log is cut")
struct QuarantineTests {
    static let path = "/log/cases.log"

    /// A log of three records followed by a torn tail: the file's bytes, the tail's
    /// offset, and the quarantine name the repair computes first.
    static func tornLog() throws -> (bytes: [UInt8], at: Int, tail: [UInt8], base: String) {
        let (_, bytes, _, ends) = try RecoveryTests.reference(4)
        let at = ends[3]
        let tail = Array(bytes[at..<(ends[4] - 20)])
        let base = "cases.log.quarantine-4-\(at)-\(RecordHash(of: tail).hex.prefix(8))"
        return (Array(bytes[..<at]) + tail, at, tail, base)
    }

    /// Every recovery note in the log at `path`, and whether the bytes it names are
    /// where it says.
    static func notes(_ fs: SimulatedFileSystem) throws -> [RecoveryNote] {
        try LogInspection.scan(path, fs: fs).frames.compactMap { frame in
            if case .recoveryNote(let note)? = try LogRecord.decode(frame) { note } else { nil }
        }
    }

    /// The tail is still in the log, or a note names a file holding exactly its bytes.
    /// `cutWithoutNote`: the repair was stopped between the cut and its note (a failed
    /// write or power lost), which the next writable open puts right.
    static func tailIsKept(_ fs: SimulatedFileSystem, _ torn: (bytes: [UInt8], at: Int, tail: [UInt8], base: String),
                           cutWithoutNote: Bool = false) throws -> Bool {
        let log = fs.contents(path) ?? []
        if log.count >= torn.bytes.count, Array(log[torn.at..<torn.bytes.count]) == torn.tail { return true }
        if try notes(fs).contains(where: { $0.cutAt == torn.at && fs.contents("/log/" + $0.quarantine) == torn.tail }) {
            return true
        }
        // Cut, but the note was lost with the power (or its write failed) after the cut
        // was synced: the bytes are in a verified file under the repair's own name,
        // which carries the sequence, offset and hash.
        return cutWithoutNote && log.count >= torn.at && (1...3).contains { k in
            fs.contents("/log/" + torn.base + (k == 1 ? "" : "-\(k)")) == torn.tail
        }
    }

    @Test func aPartialFileUnderTheQuarantineNameIsLeftAloneAndTheBytesGoToANewName() throws {
        let torn = try Self.tornLog()
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, torn.bytes)
        let partial = Array(torn.tail.prefix(7))
        fs.replaceContents("/log/" + torn.base, partial)
        let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
        let note = try #require(log.recoveries.first)
        #expect(note.quarantine == torn.base + "-2")
        #expect(fs.contents("/log/" + note.quarantine) == torn.tail)
        #expect(fs.contents("/log/" + torn.base) == partial, "someone's file is left as it was")
        #expect(try Self.notes(fs).last == note)
    }

    @Test func anIdenticalFileUnderTheQuarantineNameIsUsedAsItIs() throws {
        let torn = try Self.tornLog()
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, torn.bytes)
        fs.replaceContents("/log/" + torn.base, torn.tail)
        let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
        let note = try #require(log.recoveries.first)
        #expect(note.quarantine == torn.base)
        #expect(!fs.exists("/log/" + torn.base + "-2"))
        #expect(fs.contents("/log/" + torn.base) == torn.tail)
    }

    /// An error (or a short write then an error) at each call of the repair: the log is
    /// cut only with its bytes verified in a named file, and the next open keeps them too.
    @Test(arguments: [false, true])
    func anIOErrorAtEachCallOfTheRepairNeverLosesTheTail(shortWrite: Bool) throws {
        let torn = try Self.tornLog()
        let clean = SimulatedFileSystem()
        clean.replaceContents(Self.path, torn.bytes)
        _ = try DurableLog.open(at: Self.path, .init(writable: true, fs: clean))
        let total = clean.calls.count
        for n in 1...total {
            let fs = SimulatedFileSystem()
            fs.replaceContents(Self.path, torn.bytes)
            fs.faults = shortWrite && clean.calls[n - 1] == "write"
                ? [.init(call: n, shortWrite: 3), .init(call: n + 1, errno: ENOSPC)]
                : [.init(call: n, errno: EIO)]
            let opened = try? DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
            if opened == nil {
                let kept = try Self.tailIsKept(fs, torn, cutWithoutNote: true)
                let untouched = fs.contents(Self.path) == torn.bytes || kept
                #expect(untouched, "call \(n) \(clean.calls[n - 1]): the log was touched")
            }
            #expect(try Self.tailIsKept(fs, torn, cutWithoutNote: true), "call \(n) \(clean.calls[n - 1])")
            fs.faults = []
            let again = try DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
            #expect(again.damage == nil)
            #expect(try Self.tailIsKept(fs, torn), "call \(n) \(clean.calls[n - 1]), then a clean open")
        }
    }

    /// Power lost before each call of the repair, under every crash policy: the tail is
    /// still in the log, or it is in a quarantine file a note names — also after the
    /// next open repairs what the crash left.
    @Test func powerLossAtEachCallOfTheRepairNeverLosesTheTail() throws {
        let torn = try Self.tornLog()
        var images: [(SimulatedFileSystem, String)] = []
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, torn.bytes)
        fs.beforeCall = { kind in
            for (i, policy) in SimulatedFileSystem.CrashPolicy.allCases.enumerated() {
                images.append((fs.crash(policy, seed: UInt64(fs.calls.count * 10 + i)),
                               "call \(fs.calls.count + 1) \(kind) \(policy)"))
            }
        }
        _ = try DurableLog.open(at: Self.path, .init(writable: true, fs: fs))
        fs.beforeCall = nil
        for (image, label) in images {
            let log = try DurableLog.open(at: Self.path, .init(writable: true, fs: image))
            #expect(log.damage == nil, "\(label)")
            #expect(try Self.tailIsKept(image, torn), "\(label)")
        }
        #expect(images.count > 50)
    }

    @Test func theQuarantinePrefixIsTheLogsNameAndAMark() {
        #expect(Quarantine.prefix(forLog: "cases.log") == "cases.log.quarantine-")
    }
}
