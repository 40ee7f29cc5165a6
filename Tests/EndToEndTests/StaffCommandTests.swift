import Foundation
import Testing

/// `xinfang staff`: who may act is kept as records in the log, each naming who made it;
/// an account removed yesterday acts no more today, and acted the day before.
@Suite("Staff, end to end")
struct StaffCommandTests {
    /// `init --roster` naming a role that is none (tester: a crash, exit 132): one line naming
    /// the roster and the roles, exit 65, and no log made.
    @Test func aRosterWithAnUnknownRoleIsRefusedInOneLineAndNoLogMade() throws {
        let cli = CLI()
        let roster = cli.dir + "/roster.json"
        try Data(#"{"members":[{"user":"x","name":"x","role":"boss","organ":"D-XFJ"}]}"#.utf8).write(to: URL(fileURLWithPath: roster))
        let r = cli.run(["init", "--roster", roster, "--now", "2025-04-27"])
        #expect(r.status == 65 && r.err.split(separator: "\n").count == 1 && r.err.contains("人员名单有误")
                && r.err.contains("organHead"), "\(r.status) \(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.log))
    }

    /// A roster of the wrong shape is called a roster, not a petition; a member's organ missing
    /// from the directory is called the member's organ, not a petition's registering organ
    /// (tester, issue 14). One line each, exit 65, no log made.
    @Test(arguments: [
        (#"[{"user":"x"}]"#, "xinfang: 人员名单有误：roster.json（输入不是有效的人员名单 JSON（字段 顶层 应为对象 {…}））"),
        (#"{"members":[{"user":"x","name":"x","role":"clerk","organ":"D-NOPE"}]}"#,
         "xinfang: 人员所在机关「D-NOPE」不在机关名录中（可用 xinfang organs 查看）"),
        // A key left out is named as missing (it once read 应为present); a member's account is
        // 账户, not a case's 承办人 (tester, issue 13).
        (#"{"members":[{"user":"x","name":"x","role":"clerk"}]}"#,
         "xinfang: 人员名单有误：roster.json（缺少字段「members[0].organ」：请补上后重新提交）"),
        ("{\"members\":[{\"user\":\"a\u{202E}b\",\"name\":\"x\",\"role\":\"clerk\",\"organ\":\"D-XFJ\"}]}", "账户"),
        // The account creating the log, listed too: refused, not silently dropped.
        (#"{"members":[{"user":"tester","name":"甲","role":"clerk","organ":"D-XFJ"}]}"#,
         "xinfang: 人员名单有误：roster.json（列有建立日志的账户「tester」：该账户的角色由 --role 指定，请从名单中删去）"),
    ])
    func aRosterIsRefusedInItsOwnWords(roster text: String, says line: String) throws {
        let cli = CLI()
        let roster = cli.dir + "/roster.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: roster))
        // Named as given, relative to the folder the command runs in.
        let r = cli.run(["init", "--roster", "roster.json", "--now", "2025-04-27"])
        if line.hasPrefix("xinfang: ") {
            #expect(r.status == 65 && r.err == line + "\n", "\(r.status) \(r.err)")
        } else {
            #expect(r.status == 65 && r.err.split(separator: "\n").count == 1 && r.err.hasPrefix("xinfang: " + line), "\(r.status) \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.log))
    }

    /// A day out of the product's range typed to a command is refused in one line naming the
    /// option, like every other dated option (tester, issue 13: `staff list --on 9999-12-31` listed
    /// the staff; `calendar add --from 0001-01-01` printed "1-01-01"; `generate --from 99999-01-01`
    /// said only 日期应为 YYYY-MM-DD).
    @Test(arguments: [
        (["staff", "list", "--on", "9999-12-31"], "xinfang: --on 9999-12-31 超出范围（2000-01-01…2099-12-31）"),
        (["calendar", "add", "--from", "0001-01-01", "--days", "3"], "xinfang: --from 0001-01-01 超出范围（2000-01-01…2099-12-31）"),
        (["generate", "--cases", "3", "--from", "99999-01-01"], "xinfang: --from「99999-01-01」不是有效日期（YYYY-MM-DD）"),
    ])
    func aDayOutOfRangeIsRefusedNamingItsOption(_ args: [String], _ line: String) throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-27"]).status == 0)
        let r = cli.run(args + (args[0] == "generate" ? ["--log", cli.dir + "/g.log"] : []))
        #expect(r.status == 64 && r.err == line + "\n", "\(r.status) \(r.err)")
    }

    @Test func anAccountRemovedYesterdayIsRefusedTodayAndActedTheDayBefore() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-27"]).status == 0)
        let added = cli.run(["staff", "add", "wang", "--name", "王芳", "--role", "clerk", "--organ", "D-XFJ",
                             "--now", "2025-04-27T09:00"])
        #expect(added.status == 0, "\(added.err)")
        let registered = cli.run(["register", "-", "--as", "wang", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
        #expect(registered.status == 0, "\(registered.err)")
        #expect(cli.run(["staff", "remove", "wang", "--now", "2025-04-28T18:00"]).status == 0)
        let refused = cli.run(["register", "-", "--as", "wang", "--now", "2025-04-29T09:30"], stdin: CLI.groupVisit)
        #expect(refused.status == 64 && refused.err.contains("wang"), "\(refused.err)")

        // Who was on the staff at the end of the 27th (the 28th ended without her), and now;
        // and who made each change.
        #expect(cli.run(["staff", "list", "--on", "2025-04-27"]).out.contains("王芳"))
        #expect(!cli.run(["staff", "list", "--on", "2025-04-28"]).out.contains("王芳"))
        #expect(!cli.run(["staff", "list"]).out.contains("王芳"))
        let history = try #require(cli.json(["staff", "history"]) as? [[String: Any]])
        let last = try #require(history.last?["change"] as? [String: Any])
        #expect(last["kind"] as? String == "remove" && last["user"] as? String == "wang" && last["by"] as? String == "tester")
    }

    @Test func onlyAnAdministratorOrTheLogsCreatorChangesTheStaff() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-27"]).status == 0)
        let before = cli.logBytes
        // The training log's sample clerk may not enrol anyone.
        let refused = cli.run(["staff", "add", "li", "--name", "李", "--role", "clerk", "--organ", "D-XFJ", "--as", "clerk",
                               "--now", "2025-04-27T10:00"])
        #expect(refused.status == 65 && refused.err.contains("系统管理员"), "\(refused.err)")
        #expect(cli.logBytes == before)
    }

    @Test func aProductionLogRefusesATraineeAndAnUnknownOrgan() throws {
        let cli = CLI()
        #expect(cli.run(["init"], training: false).status == 0)
        let before = cli.logBytes
        for (args, word) in [(["nobody", "--role", "trainee", "--organ", "D-XFJ"], "培训"),
                             (["nobody", "--role", "clerk", "--organ", "NOPE"], "NOPE"),
                             (["nosuchaccount", "--role", "clerk", "--organ", "D-XFJ"], "没有账户")] {
            let r = cli.run(["staff", "add"] + args + ["--name", "李"], training: false)
            #expect(r.status == 65 && r.err.contains(word), "\(args): \(r.err)")
        }
        #expect(cli.logBytes == before)
    }
}
