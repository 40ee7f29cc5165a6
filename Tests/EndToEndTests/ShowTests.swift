import Foundation
import Testing

/// `xinfang show` prints what the case screen shows (issue 12: it printed the request only):
/// facts, reasons and the opinion in full, what each step did, and links both ways; its
/// JSON keeps every event's fields and adds the links and the actions allowed now.
@Suite("show prints the whole case")
struct ShowTests {
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
}
