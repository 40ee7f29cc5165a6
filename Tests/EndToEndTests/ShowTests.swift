import Foundation
@testable import PetitionStore
import Testing

/// `xinfang show` prints what the case screen shows (issue 12: it printed the request only):
/// facts, reasons and the opinion in full, what each step did, and links both ways; its
/// JSON keeps every event's fields and adds the links and the actions allowed now.
@Suite("show prints the whole case")
struct ShowTests {
    /// Nothing to do on the case: show names the command that says why, not a key.
    @Test func showNamesTheCommandNotTheKey() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        let shown = cli.run(["show", "D-XFJ-2025-00001", "--as", "handler", "--now", "2025-04-28T10:00"])
        #expect(shown.out.contains("您现在没有可办理的操作（xinfang act 案件编号 查看原因）"), "\(shown.out)")
    }

    @Test func showPrintsTheWholeCaseAndItsLinksBothWays() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        let facts = "安置房至今未交付，过渡费自2025年1月起停发。"
        let long = String(repeating: facts, count: 6)
        let petition = CLI.groupVisit.replacingOccurrences(of: "安置房至今未交付", with: long)
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: petition).status == 0)
        #expect(cli.run(["register", "-", "--now", "2025-05-20T09:30"], stdin: CLI.groupVisit).status == 0)
        let first = "D-XFJ-2025-00001", second = "D-XFJ-2025-00002"
        for step in [["transfer", "--to", "D-ZJJ", "--note", "请依法办理", "--now", "2025-04-30"],
                     ["receive", "--on", "2025-05-06", "--now", "2025-05-06"],
                     ["accept", "--route", "申诉求决类第六途径", "--now", "2025-05-09"]] {
            let r = cli.run(["act", first] + step)
            #expect(r.status == 0, "\(step[0]): \(r.err)")
        }
        #expect(cli.run(["act", second, "link", "--to", first, "--kind", "repeats", "--now", "2025-05-20"]).status == 0)
        let shown = cli.run(["show", first, "--now", "2025-05-21"])
        #expect(shown.status == 0, "\(shown.err)")
        let joined = shown.out.filter { !$0.isWhitespace }
        #expect(joined.contains(long), "the facts in full")
        #expect(shown.out.contains("理由：依据征收补偿协议"))
        #expect(shown.out.contains("转送至：临江区住房和城乡建设局") && shown.out.contains("说明：请依法办理"))
        #expect(shown.out.contains("办理途径和程序：申诉求决类第六途径") && shown.out.contains("文书：受理告知书"))
        #expect(shown.out.contains("\(second) 关联本案") && shown.out.contains("重复信访"), "\(shown.out)")
        #expect(shown.out.split(separator: "\n").allSatisfy { $0.count <= 100 }, "wrapped at 100 columns")
        let json = try #require(cli.json(["show", first, "--now", "2025-05-21"]) as? [String: Any])
        let linkedFrom = try #require(json["linkedFrom"] as? [[String: Any]])
        #expect(linkedFrom.first?["caseNumber"] as? String == second && linkedFrom.first?["kind"] as? String == "repeats")
        let allowed = try #require(json["allowedNow"] as? [[String: Any]])
        #expect(allowed.contains { $0["action"] as? String == "classify" })
        let timeline = try #require(json["timeline"] as? [[String: Any]])
        #expect(timeline.count == 4 && timeline.allSatisfy { $0["fields"] != nil })
        let later = try #require(cli.json(["show", second, "--now", "2025-05-21"]) as? [String: Any])
        #expect((later["links"] as? [[String: Any]])?.first?["caseNumber"] as? String == first)
    }

    /// `show` reads the case and the cases linked with it from the snapshot and the log's
    /// tail (decision 0021), not every case: the cases linking to it are listed whether
    /// the link is in the snapshot or after it, a voided one is gone, and every case shows
    /// exactly what the full open (no snapshot beside the log) shows.
    @Test func showOnASnapshotListsLinksToTheCaseAsTheFullOpenDoes() throws {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        let snapshotPath = CaseSnapshot.path(forLog: cli.log)
        let states = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: snapshotPath))).cases()
        let open = states.filter { $0.phase == .registered && $0.voided.isEmpty && $0.links.isEmpty }
        try #require(open.count >= 6)
        let (target, inSnapshot, voided, inTail, named) = ("\(open[3].number)", "\(open[0].number)", "\(open[1].number)",
                                                           "\(open[5].number)", "\(open[4].number)")
        func act(_ args: [String], as user: String? = nil) {
            let r = cli.run(["act"] + args + ["--now", "2026-11-27T10:00"] + (user.map { ["--as", $0] } ?? []))
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        act([inSnapshot, "link", "--to", target, "--kind", "related"])
        act([voided, "link", "--to", target, "--kind", "repeats"])
        act([target, "link", "--to", named, "--kind", "related"])
        // The next writer writes a snapshot holding those links; the link after it is in the tail.
        try FileManager.default.removeItem(atPath: snapshotPath)
        act([inTail, "link", "--to", target, "--kind", "related"])
        let rebuilt = try CaseSnapshot.File(try Data(contentsOf: URL(fileURLWithPath: snapshotPath))).cases()
        #expect(rebuilt.first { "\($0.number)" == inSnapshot }?.links.count == 1)
        #expect(rebuilt.first { "\($0.number)" == inTail }?.links.isEmpty == true)

        func linkedFrom(_ number: String) throws -> [String] {
            let json = try #require(cli.json(["show", number, "--now", "2026-11-28T09:00"]) as? [String: Any])
            return try #require(json["linkedFrom"] as? [[String: Any]]).compactMap { $0["caseNumber"] as? String }
        }
        #expect(try linkedFrom(target) == [inSnapshot, voided, inTail])
        let text = cli.run(["show", target, "--now", "2026-11-28T09:00"]).out
        #expect([inSnapshot, voided, inTail].allSatisfy { text.contains("\($0) 关联本案") }, "\(text)")
        #expect(text.contains("本案关联 \(named)"))

        // The snapshot's link voided after it: gone from the screen.
        let history = try #require(cli.json(["show", voided]) as? [String: Any])
        let seq = try #require((history["timeline"] as? [[String: Any]])?.last { $0["event"] as? String == "linked" }?["seq"] as? Int)
        act([voided, "void", "--seq", "\(seq)", "--reason", "误操作"], as: "supervisor")
        #expect(try linkedFrom(target) == [inSnapshot, inTail])
        #expect(!cli.run(["show", target, "--now", "2026-11-28T09:00"]).out.contains("\(voided) 关联本案"))

        // Every one of them, and two cases with no links, as the full open shows them.
        let numbers = [target, inSnapshot, voided, inTail, named, "\(states[100].number)", "\(states[700].number)"]
        func shows() -> [String] {
            numbers.flatMap { n in [[], ["--json"]].map { cli.run(["show", n, "--now", "2026-11-28T09:00"] + $0).out } }
        }
        let point = shows()
        try FileManager.default.moveItem(atPath: snapshotPath, toPath: snapshotPath + ".aside")
        let full = shows()
        #expect(!FileManager.default.fileExists(atPath: snapshotPath), "a reader writes no snapshot")
        // (The cases, text then JSON, whose point read differs: named rather than dumped.)
        let differing = numbers.indices.filter { point[2 * $0] != full[2 * $0] || point[2 * $0 + 1] != full[2 * $0 + 1] }
        #expect(differing.isEmpty, "differ: \(differing.map { numbers[$0] })")
        #expect(point.count == full.count && point.allSatisfy { !$0.isEmpty })
    }
}
