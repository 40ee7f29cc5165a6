import Foundation
import Testing

/// What each command says about a damaged log, and the small promises of issue 10's
/// item 5: every command names the record `log verify` names, a refused write is one
/// line, `recover --out` refuses the log's own files, an unknown user is a usage error.
@Suite("Damage, as every command reports it")
struct DamageReportTests {
    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func everyCommandNamesTheRecordLogVerifyNames() throws {
        let (cli, seq) = try CLI.withDamagedFirstRecord()
        let verify = cli.run(["log", "verify"])
        #expect(verify.status == 65 && verify.out.contains("第\(seq)条记录损坏（字节偏移"), "\(verify.out)")
        for args in [["queue", "--now", "2025-05-01"], ["show", "D-XFJ-2025-00001", "--now", "2025-05-01"]] {
            let r = cli.run(args)
            #expect(r.err.contains("日志已损坏：第\(seq)条记录（字节偏移"), "\(args): \(r.err)")
        }
    }

    @Test func aRefusedWriteOnADamagedLogIsOneLine() throws {
        let (cli, seq) = try CLI.withDamagedFirstRecord()
        let before = cli.logBytes
        for args in [["act", "D-XFJ-2025-00001", "receive", "--now", "2025-05-01"], ["register", "-", "--now", "2025-05-01"]] {
            let r = cli.run(args, stdin: CLI.groupVisit)
            #expect(r.status == 65, "\(args)")
            #expect(Self.lines(r.err).count == 1, "\(args): \(r.err)")
            #expect(r.err.contains("第\(seq)条记录") && r.err.contains("xinfang log recover"), "\(args): \(r.err)")
        }
        #expect(cli.logBytes == before)
    }

    @Test func anUnknownUserIsAUsageError() {
        let cli = CLI()
        cli.run(["init"])
        let r = cli.run(["register", "-", "--as", "nobody", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        #expect(r.status == 64, "\(r.err)")
        #expect(Self.lines(r.err).count == 1 && r.err.contains("nobody"))
    }

    @Test func recoverRefusesTheLogsOwnFilesAndReplacesAStaleCreatingFile() throws {
        let (cli, _) = try CLI.withDamagedFirstRecord()
        for name in ["cases.snapshot", "cases.roster.json", "cases.damaged", "cases.log.quarantine-2-64-0123abcd", "cases.log"] {
            let r = cli.run(["log", "recover", "--out", cli.dir + "/" + name])
            #expect(r.status == 64, "\(name): \(r.err)")
            #expect(Self.lines(r.err).count == 1 && r.err.contains("日志自己的文件"), "\(name): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/cases.snapshot"))
        let out = cli.dir + "/recovered.log"
        FileManager.default.createFile(atPath: out + ".creating", contents: Data([1, 2, 3]))
        let r = cli.run(["log", "recover", "--out", out])
        #expect(r.status == 0 && r.err.contains("recovered.log.creating"), "\(r.err)")
        #expect(cli.run(["log", "verify", "--log", out]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.dir)
        #expect(files.filter { $0.hasPrefix("recovered.log.quarantine-") }.count == 1, "\(files)")
        #expect(!files.contains("recovered.log.creating"))
    }

    /// Damage among the records a snapshot covers: a command that opens from the snapshot
    /// does not read that far. Once `log verify` (or a console's background check) has
    /// found it, every command knows it: `queue` warns and `register` writes nothing.
    @Test func damageBehindTheSnapshotOnceFoundIsKnownToEveryCommand() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27"]).status == 0)
        let record = try #require(Self.lines(cli.run(["log", "dump"]).out).lazy
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["seq"] as? Int == 100 })
        let offset = try #require(record["offset"] as? Int)
        var bytes = cli.logBytes
        bytes[offset + 90] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: cli.log))
        #expect(cli.run(["log", "verify"]).status == 65)
        let queue = cli.run(["queue", "--now", "2026-11-27"])
        #expect(queue.err.contains("日志已损坏：第100条记录"), "\(queue.err)")
        let register = cli.run(["register", "-", "--now", "2026-11-27T10:00"],
                               stdin: CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2026-11-27"))
        #expect(register.status == 65 && cli.logBytes == bytes, "\(register.err)")
        // And it shows what a full read shows: the records before the damage, snapshot or not.
        let fromSnapshot = cli.run(["queue", "--now", "2026-11-27", "--json"]).out
        try FileManager.default.removeItem(atPath: cli.dir + "/cases.snapshot")
        #expect(cli.run(["queue", "--now", "2026-11-27", "--json"]).out == fromSnapshot)
    }

    /// A recovery that lost a case's registration: the case is listed, incomplete, until a
    /// supervisor reviews it against the paper file; then the petition is entered again
    /// under the number the petitioner was given, and the case is worked as any other.
    @Test func aCaseWhoseRegistrationWasLostIsReviewedAndEnteredAgainUnderItsNumber() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--training"]).status == 0)
        for _ in 0..<3 {
            #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30", "--as", "clerk"], stdin: CLI.groupVisit).status == 0)
        }
        // The second registration's record (after the staff records init wrote).
        let record = try #require(cli.eventRecords.dropFirst().first)
        var bytes = cli.logBytes
        bytes[try #require(record["offset"] as? Int) + 120] ^= 0x08
        try bytes.write(to: URL(fileURLWithPath: cli.log))
        let recovered = cli.dir + "/recovered.log"
        #expect(cli.run(["log", "recover", "--out", recovered]).status == 0)
        let lost = "D-XFJ-2025-00002"
        func run(_ args: [String], _ user: String, stdin: String? = nil) -> CLI.Result {
            cli.run(args + ["--log", recovered, "--now", "2025-04-29T09:00", "--as", user], stdin: stdin)
        }
        #expect(run(["queue"], "clerk").out.contains("\(lost)"), "the incomplete case is listed")
        #expect(run(["register", "-", "--into", lost], "clerk", stdin: CLI.groupVisit).status == 65, "not before the review")
        #expect(run(["act", lost, "review-recovery", "--note", "已核对纸质登记簿"], "supervisor").status == 0)
        let otherYear = CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2024-04-28")
        #expect(run(["register", "-", "--into", lost], "clerk", stdin: otherYear).status == 65, "a 2024 petition under a 2025 number")
        let entered = run(["register", "-", "--into", lost], "clerk", stdin: CLI.groupVisit)
        #expect(entered.status == 0 && entered.out.hasPrefix(lost), "\(entered.err)")
        #expect(run(["show", lost], "clerk").out.contains("张伟"))
        #expect(run(["act", lost, "transfer", "--to", "D-ZJJ"], "clerk").status == 0)
    }
}
