#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// `log recover --out X`: X is never one of the log's own files, a temporary file left
/// by an earlier failed recover does not stop it, and a failed recover leaves no
/// quarantine file behind (issue 10, item 5).
@Suite("Where recover may write")
struct RecoverOutTests {
    static let path = "/log/cases.log"

    /// A log whose fourth record (of six) is damaged.
    static func damaged() throws -> [UInt8] {
        let (_, bytes, _, ends) = try RecoveryTests.reference(6)
        var damaged = bytes
        damaged[ends[3] + 90] ^= 0x40
        return damaged
    }

    @Test(arguments: ["/log/cases.snapshot", "/log/cases.roster.json", "/log/cases.log.quarantine-4-700-0123abcd",
                      "/log/cases.log", "/log/../log/./cases.snapshot"])
    func theLogsOwnFilesAreRefusedAsOut(_ out: String) throws {
        let fs = SimulatedFileSystem()
        let bytes = try Self.damaged()
        fs.replaceContents(Self.path, bytes)
        let calls = fs.calls.count
        do {
            _ = try LogInspection.recover(Self.path, to: out, fs: fs)
            Issue.record("\(out) was accepted")
        } catch {
            #expect(error.code == .ownFile, "\(out): \(error)")
            #expect(error.message(.zh).contains("日志自己的文件"), "\(error.message(.zh))")
        }
        #expect(fs.contents(Self.path) == bytes)
        #expect(fs.calls.count == calls, "refused before any file is opened, read or written")
    }

    @Test func aStaleCreatingFileIsReplacedAndReported() throws {
        let fs = SimulatedFileSystem()
        fs.replaceContents(Self.path, try Self.damaged())
        fs.replaceContents("/log/recovered.log.creating", [1, 2, 3])
        let result = try #require(try LogInspection.recover(Self.path, to: "/log/recovered.log", fs: fs))
        #expect(result.staleReplaced)
        #expect(!fs.exists("/log/recovered.log.creating"))
        let recovered = try DurableLog.open(at: "/log/recovered.log", .init(writable: false, fs: fs))
        #expect(recovered.damage == nil && recovered.lastSeq == result.records)
        #expect(fs.contents("/log/" + (result.quarantined.first?.file ?? "-"))?.isEmpty == false)
    }

    /// An error at each call: recover either succeeds, or leaves neither the new log nor
    /// a quarantine file nor its temporary file behind.
    @Test func aFailedRecoverLeavesNoOrphanQuarantineFile() throws {
        let bytes = try Self.damaged()
        let clean = SimulatedFileSystem()
        clean.replaceContents(Self.path, bytes)
        let quarantine = "/log/" + (try #require(try LogInspection.recover(Self.path, to: "/log/r.log", fs: clean)?.quarantined.first)).file
        for n in 1...clean.calls.count {
            let fs = SimulatedFileSystem()
            fs.replaceContents(Self.path, bytes)
            fs.faults = [.init(call: n, errno: ENOSPC)]
            if (try? LogInspection.recover(Self.path, to: "/log/r.log", fs: fs)) == nil {
                #expect(!fs.exists(quarantine) && !fs.exists("/log/r.log") && !fs.exists("/log/r.log.creating"),
                        "call \(n) \(clean.calls[n - 1])")
            }
            #expect(fs.contents(Self.path) == bytes)
        }
    }
}
