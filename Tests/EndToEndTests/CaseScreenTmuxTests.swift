#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// Issue 12's "done when", in a real terminal (TERM=xterm-256color under tmux): a handler
/// opens a transferred case, reads its facts and reasons in full, receives and accepts it,
/// classifies it by picking from lists, writes a multi-line opinion with its measures
/// ticked in a list, and reads every detail in the timeline.
@Suite("The handler's case screen in tmux", .serialized)
struct CaseScreenTmuxTests {
    static let facts = "2024年3月滨江路一带房屋被征收，我们十二户与征收部门签订了征收补偿协议，约定安置房于2024年12月31日前交付。"
        + "至今安置房仍未交付，过渡费自2025年1月起停发，多次到街道和区住建局询问，均答复正在协调，没有明确时间，生活十分困难。"
    static let reasons = "征收补偿协议第八条约定了交付期限和逾期责任；《国有土地上房屋征收与补偿条例》第二十七条规定实施房屋征收应当先补偿、后搬迁，"
        + "征收部门应当依约交付安置房并支付过渡费。"

    /// Every body row of the case, page by page (PgDn until the screen stops changing),
    /// the rows two pages share taken once, joined without white space.
    static func readWhole(_ s: ConsoleTmuxTests.Session) -> String {
        var body: [String] = []
        var last = ""
        for _ in 0..<40 {
            let screen = s.screen()
            if screen == last { break }
            last = screen
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for row in rows.dropFirst(1).prefix(20) where !body.suffix(25).contains(row) { body.append(row) }
            s.keys("PageDown")
            usleep(300_000)
        }
        s.keys("Home")
        return body.joined().filter { !$0.isWhitespace }
    }

    /// Moves the action list's selection to `title` and opens its form.
    static func pick(_ title: String, _ s: ConsoleTmuxTests.Session) -> Bool {
        s.keys("a")
        guard s.waitFor("此案现在可以办理的操作") else { return false }
        for _ in 0..<25 {
            if s.screen().contains("▶" + title) {
                s.keys("Enter")
                return true
            }
            s.keys("Down")
            usleep(100_000)
        }
        return false
    }

    @Test func aHandlerReadsATransferredCaseAcceptsItAndWritesAMultiLineOpinion() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--now", "2025-04-28"]).status == 0)
        let petition = CLI.groupVisit.replacingOccurrences(of: "安置房至今未交付", with: Self.facts)
            .replacingOccurrences(of: "依据征收补偿协议", with: Self.reasons)
        let reg = cli.run(["register", "-", "--now", "2025-04-28T09:30", "--as", "clerk"], stdin: petition)
        #expect(reg.status == 0, "\(reg.err)")
        let number = "D-XFJ-2025-00001"
        #expect(cli.run(["act", number, "transfer", "--to", "D-ZJJ", "--note", "请依法办理", "--now", "2025-04-30"],
                        user: "clerk").status == 0)
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "handler", "TERM": "xterm-256color", "XINFANG_TRAINING": "1"],
                                         generate: false, sharing: cli, arguments: "--now 2025-05-06T09:00")
        #expect(s.waitFor("首页"), "\(s.screen())")
        s.keys("s")
        s.type(number)
        #expect(s.waitFor("1件"), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("状态：已转送"), "\(s.screen())")
        // Facts and reasons in full, page by page.
        let whole = Self.readWhole(s)
        #expect(whole.contains(Self.facts.filter { !$0.isWhitespace }), "facts not in full: \(whole)")
        #expect(whole.contains(Self.reasons.filter { !$0.isWhitespace }), "reasons not in full")
        #expect(whole.contains("说明：请依法办理"))
        // Receive and accept.
        #expect(Self.pick("接收", s), "\(s.screen())")
        s.keys("C-s")
        #expect(s.waitFor("已办理：接收"), "\(s.screen())")
        #expect(Self.pick("受理告知", s), "\(s.screen())")
        s.type("按申诉求决类第六途径办理")
        s.keys("C-s")
        #expect(s.waitFor("已办理：受理告知"), "\(s.screen())")
        // Classify by picking the type and the track from lists in Chinese.
        #expect(Self.pick("分类", s), "\(s.screen())")
        s.keys("Enter")
        s.type("申诉")
        #expect(s.waitFor("共1项"), "\(s.screen())")
        s.keys("Enter", "Tab", "Enter")
        s.type("其他")
        #expect(s.waitFor("6 其他"), "\(s.screen())")
        s.keys("Enter", "C-s")
        #expect(s.waitFor("已办理：分类"), "\(s.screen())")
        // The organ head names the handler (from the command line; the console picks it up).
        #expect(cli.run(["act", number, "assign-handler", "--user", "handler", "--recusal-checked", "yes",
                         "--now", "2025-05-06T09:30"], user: "head").status == 0)
        #expect(s.waitFor("承办人：handler"), "\(s.screen())")
        // A multi-line opinion, its outcome and measures picked from lists.
        #expect(Self.pick("出具处理意见", s), "\(s.screen())")
        s.keys("Enter")
        s.type("支持")
        s.keys("Enter", "Tab")
        s.type("经核查，安置房因施工单位变更延误。")
        s.keys("Enter")
        s.type("一、9月30日前交付安置房；")
        s.keys("Enter")
        s.type("二、补发过渡费。")
        #expect(s.waitFor("二、补发过渡费。"), "\(s.screen())")
        let form = s.screen()
        #expect(form.contains("经核查") && form.contains("一、9月30日前交付安置房"), "three rows shown: \(form)")
        s.keys("Tab")
        s.type("征收补偿协议第八条")
        s.keys("Tab", "Enter")
        #expect(s.waitFor("问题解决到位"), "\(s.screen())")
        s.keys("Space", "Down", "Down", "Space", "Enter")
        #expect(s.waitFor("问题解决到位、帮扶救助到位"), "\(s.screen())")
        s.keys("C-s")
        #expect(s.waitFor("已办理：出具处理意见"), "\(s.screen())")
        // The timeline's last entry says what the opinion was, and the document it made.
        s.keys("End")
        #expect(s.waitFor("文书：信访事项处理意见书"), "\(s.screen())")
        let end = s.screen()
        #expect(end.contains("二、补发过渡费。") && end.contains("三到位一处理：问题解决到位、帮扶救助到位"), "\(end)")
        let all = Self.readWhole(s)
        for detail in ["办理途径和程序：按申诉求决类第六途径办理", "文书：受理告知书", "类型：申诉求决（第6途径）",
                       "承办人：handler（已回避审查）", "处理结果：支持"] {
            #expect(all.contains(detail.filter { !$0.isWhitespace }), "\(detail)")
        }
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// A page pasted into the facts (tmux's bracketed paste) arrives whole, its lines kept,
    /// at once: the field shows the lines as rows, not one line of 30 characters.
    @Test func aPastedPageOfFactsArrivesWholeWithItsLines() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "clerk", "TERM": "xterm-256color"])
        #expect(s.waitFor("首页"), "\(s.screen())")
        s.keys("r")
        #expect(s.waitFor("此人以往信访"))
        for _ in 0..<10 { s.keys("Tab") }
        let lines = (1...12).map { "第\($0)段：安置房未交付。" }
        s.tmux(["set-buffer", "-b", "facts", lines.joined(separator: "\n")])
        s.tmux(["paste-buffer", "-p", "-b", "facts", "-t", s.name])
        #expect(s.waitFor("第12段"), "\(s.screen())")
        let rows = s.screen().split(separator: "\n").map(String.init)
        let at = rows.firstIndex { $0.contains("第12段") } ?? 0
        #expect(at > 0 && rows[at - 1].contains("第11段"), "each pasted line is a row: \(rows)")
        // Still in the facts: the paste's line breaks moved no field.
        s.keys("Tab")
        #expect(s.waitFor("（共12行）"), "\(s.screen())")
        s.keys("F10")
        #expect(s.waitFor("确定退出"))
        s.keys("y")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }
}
