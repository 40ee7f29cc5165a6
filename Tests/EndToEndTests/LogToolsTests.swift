import Foundation
@testable import PetitionStore
import Testing

@Suite("The log tools, end to end")
struct LogToolsTests {
    func anchor(_ verify: String) -> String? {
        guard let r = verify.range(of: "锚点 ") else { return nil }
        return String(verify[r.upperBound...].prefix { $0 != "）" })
    }

    @Test func verifyAnchorsDumpDamageAndRecover() throws {
        let cli = CLI()
        cli.run(["init"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        let first = cli.run(["log", "verify"])
        #expect(first.status == 0)
        #expect(first.out.contains("完好"))
        let anchor1 = try #require(anchor(first.out))
        let registration = try #require(cli.eventRecords.first?["seq"] as? Int)
        #expect(anchor1.hasPrefix("\(registration):"), "the anchor names the last record, the registration")
        #expect(cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ", "--now", "2025-04-30"]).status == 0)
        let second = cli.run(["log", "verify"])
        let anchor2 = try #require(anchor(second.out))
        // The log still leads to the earlier head hash.
        let extends = cli.run(["log", "verify", "--anchor", anchor1])
        #expect(extends.status == 0 && extends.out.contains("锚点相符"))

        // dump: one JSON object per record, with offsets: the staff init enrolled, then the two commands.
        let dump = cli.dump
        #expect(dump.count == registration + 1)
        #expect(dump.prefix(registration - 1).allSatisfy { ["staff", "commit"].contains($0["type"] as? String) })
        let second_ = try #require(dump.last)
        let offset = try #require(second_["offset"] as? Int)
        #expect(second_["type"] as? String == "events")

        // Cutting the last record off cleanly is invisible to the log itself, but not to the anchor.
        let whole = cli.logBytes
        try Data(whole.prefix(offset)).write(to: URL(fileURLWithPath: cli.log))
        #expect(cli.run(["log", "verify"]).status == 0)
        let rolledBack = cli.run(["log", "verify", "--anchor", anchor2])
        #expect(rolledBack.status == 65 && rolledBack.out.contains("日志被截短或回退"))

        // Damage in a synced record: read-only, named, and recoverable beside the original.
        var damaged = whole
        damaged[offset - 40] ^= 0x10  // inside the registration's payload
        try damaged.write(to: URL(fileURLWithPath: cli.log))
        let verify = cli.run(["log", "verify"])
        #expect(verify.status == 65)
        #expect(verify.out.contains("第\(registration)条记录损坏"))
        let show = cli.run(["queue", "--now", "2025-05-01"])
        #expect(show.status == 0, "the valid prefix is still shown")
        #expect(show.err.contains("日志已损坏：第\(registration)条记录"))
        let act = cli.run(["act", "D-XFJ-2025-00001", "receive", "--now", "2025-05-01"])
        #expect(act.status == 65)
        #expect(cli.logBytes == damaged, "nothing was written to a damaged log")
        let recovered = cli.dir + "/recovered.log"
        let recover = cli.run(["log", "recover", "--out", recovered])
        #expect(recover.status == 0 && recover.out.contains("未改动"))
        #expect(cli.logBytes == damaged)
        let check = cli.run(["log", "verify", "--log", recovered])
        #expect(check.status == 0 && check.out.contains("完好"))
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.dir)
        #expect(files.contains { $0.hasPrefix("recovered.log.quarantine-") })
    }

    @Test func generateWritesARealisticTrainingLog() throws {
        let cli = CLI()
        let r = cli.run(["generate", "--cases", "300", "--until", "2026-11-27", "--log", cli.log])
        #expect(r.status == 0, "\(r.err)")
        let info = try #require(cli.json(["log", "info"]) as? [String: Any])
        #expect(info["mode"] as? String == "training")
        #expect((info["records"] as? Int ?? 0) > 600)
        #expect(info["state"] as? String == "ok")
        let queue = try #require(cli.json(["queue", "--now", "2026-11-27"]) as? [[String: Any]])
        #expect(queue.count == 300)
        #expect(Set(queue.compactMap { $0["state"] as? String }).count >= 8, "histories stop at many stages")
    }

    /// A writer puts a snapshot beside a large log (`generate` does, at once) with the
    /// checkpoint that vouches for it; read commands use it and write nothing; `log info`
    /// says whether it is current, behind, or ignored; a snapshot that does not match is
    /// ignored by readers and rebuilt by the next writer that reads every case (a point
    /// writer — `act`, `register` — reads only sections it checks, and leaves it).
    @Test func theSnapshotIsWrittenReportedAndRebuilt() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        func snapshotState() throws -> String {
            let info = cli.run(["log", "info", "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(info.out.utf8)) as? [String: Any])
            return object["snapshot"] as? String ?? ""
        }
        #expect(try snapshotState().hasPrefix("最新"))
        let before = cli.run(["queue", "--overdue", "--json"])
        #expect(before.status == 0)
        #expect(cli.run(["register", "-", "--now", "2026-11-27T10:00"],
                        stdin: CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2026-11-27")).status == 0)
        #expect(try snapshotState().hasPrefix("落后1条记录"))
        // A damaged snapshot is ignored (and the answers do not change) by readers, then rebuilt by the next writer.
        let path = cli.log.replacingOccurrences(of: ".log", with: ".snapshot")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 10] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try snapshotState().hasPrefix("无法读取"))
        #expect(cli.run(["queue", "--overdue", "--json"]).status == 0)
        #expect(try snapshotState().hasPrefix("无法读取"))
        #expect(cli.run(["register", "-", "--now", "2026-11-27T11:00"],
                        stdin: CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2026-11-27")).status == 0)
        #expect(try snapshotState().hasPrefix("无法读取"))
        #expect(cli.run(["staff", "add", "newclerk", "--name", "新办事员", "--role", "clerk", "--organ", "D-XFJ"]).status == 0)
        #expect(try snapshotState().hasPrefix("落后1条记录"))
    }

    /// `show` and `act` read one case from the snapshot and the log after it (decision
    /// 0021): a case acted on after the snapshot was written shows its latest state, and a
    /// second action is decided on that state.
    @Test func showAndActReadTheLatestStateOfOneCase() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        let file = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: CaseSnapshot.path(forLog: cli.log))))
        let registered = try #require(try file.cases().first {
            $0.phase == .registered && $0.voided.isEmpty && $0.petition?.accusedOrgan == nil && $0.petition?.accusedPerson == nil
        })
        let number = "\(registered.number)"
        #expect(cli.run(["act", number, "transfer", "--to", "D-ZJJ", "--now", "2026-11-27T10:00"]).status == 0)
        let shown = cli.run(["show", number, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "transferred")
        // Transferred already: a second transfer is refused against that state, and nothing is written.
        #expect(cli.run(["act", number, "transfer", "--to", "D-ZJJ", "--now", "2026-11-27T10:05"]).status != 0)
        #expect(cli.run(["show", number, "--json"]).out.components(separatedBy: "\"transferred\"").count
                == shown.out.components(separatedBy: "\"transferred\"").count)
    }

    /// A snapshot edited by hand, every checksum and digest recomputed: no checkpoint in
    /// the log vouches for it, so `show` answers from the log, and `log info` and `log
    /// verify` say the snapshot is not used (issue 10: they used to stay silent).
    @Test func aForgedSnapshotIsNotUsedAndTheLogToolsSaySo() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        let snapshotPath = CaseSnapshot.path(forLog: cli.log)
        let file = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
        var states = try file.cases()
        let victim = states[3].number
        states[3].petition?.petitioner.name = "伪造的信访人"
        try Data(CaseSnapshot(logId: file.logId, head: file.head, states: states).encode())
            .write(to: URL(fileURLWithPath: snapshotPath))
        let shown = cli.run(["show", "\(victim)"])
        #expect(shown.status == 0 && !shown.out.contains("伪造的信访人"))
        let info = cli.run(["log", "info"])
        #expect(info.out.contains("没有为它担保的检查点记录，不会使用"))
        let verify = cli.run(["log", "verify"])
        #expect(verify.status == 0 && verify.out.contains("快照：至第\(file.head.seq)条记录，但日志中没有为它担保的检查点记录"))
    }

    @Test func theSnapshotOfAPrivateLogIsTheOwnersAloneWhateverTheUmask() throws {
        let cli = CLI()
        // A umask that would take the group's bits: the snapshot's mode is set, not left to
        // it — the owner's alone in a folder of one's own (an office folder's: FileModeTests).
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "umask 077; exec \"$0\" generate --cases 800 --until 2026-11-27 > /dev/null", CLI.binary]
        p.environment = cli.environment()
        p.currentDirectoryURL = URL(fileURLWithPath: cli.dir)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let snapshot = cli.log.replacingOccurrences(of: ".log", with: ".snapshot")
        let mode = try FileManager.default.attributesOfItem(atPath: snapshot)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}
