#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// The real console in a real terminal: tmux runs it at 80×24, sends keys as a
/// person would (Chinese included), resizes it, and reads the screen. Each test runs
/// its own tmux server with a clean environment (`TmuxServer`) and kills it at the end.
@Suite("The console in tmux", .serialized)
struct ConsoleTmuxTests {
    final class Session {
        let name = "xf\(UInt32.random(in: 0...UInt32.max))"

        let server: TmuxServer
        let cli: CLI

        /// A console in its own tmux session on the test's private `server`, on a fresh
        /// log, or on `sharing`'s log. The pane gets the server's clean environment plus
        /// exactly the variables below (and `env`'s).
        init(on server: TmuxServer, columns: Int = 80, rows: Int = 24, env: [String: String] = [:],
             generate: Bool = true, sharing: CLI? = nil, arguments: String = "") {
            self.server = server
            cli = sharing ?? CLI()
            if generate && sharing == nil {
                _ = cli.run(["generate", "--cases", "120", "--until", "2026-11-27", "--log", cli.log])
            }
            let vars = (["XINFANG_DATA": Fixtures.dataFolder, "LANG": "C.UTF-8", "USER": "tester"]
                .merging(generate ? ["XINFANG_TRAINING": "1"] : [:]) { $1 }
                .merging(env) { $1 }).map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
            tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                  "env \(vars) \(CLI.binary) --log \(cli.log) \(arguments); echo CONSOLE-EXITED-$?; sleep 30"])
        }

        deinit { tmux(["kill-session", "-t", name]) }

        /// Runs tmux on the test's server and returns what it printed.
        @discardableResult
        func tmux(_ args: [String]) -> String { server.run(args) }

        func keys(_ keys: String...) { tmux(["send-keys", "-t", name] + keys) }
        func type(_ text: String) { tmux(["send-keys", "-t", name, "-l", text]) }
        func screen(escapes: Bool = false) -> String { tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : [])) }

        /// Waits up to `seconds` for the screen to contain `text`.
        @discardableResult
        func waitFor(_ text: String, seconds: Double = 5) -> Bool { server.waitFor(text, in: name, seconds: seconds) }

        /// From the home screen: opens the register form and fills in 张伟's visit about his
        /// resettlement — identity, phone, address, category picked by typing 安置, request,
        /// facts and reasons — leaving the focus after the reasons (not saved).
        func fillZhangWeisVisit() {
            keys("r")
            #expect(waitFor("此人以往信访"))
            keys("Tab", "Tab", "Tab")
            type("张伟")
            keys("Tab")
            type("11010519491231002X")
            keys("Tab")
            type("13800138000")
            keys("Tab")
            type("临江区滨江路1号")
            keys("Tab", "Tab", "Enter")
            type("安置")
            #expect(waitFor("安置补偿"), "\(screen())")
            keys("Enter", "Tab")
            type("要求落实安置补偿")
            keys("Tab")
            type("安置房至今未交付")
            keys("Tab")
            type("依据征收补偿协议")
        }
    }

    /// Esc acts at once (curses waited a second for more of a sequence), and Home and End
    /// arrive as keys in whatever form the terminal sends them — the raw bytes of xterm
    /// under tmux (`ESC [ 1 ~`) as well as tmux's own key names — under each TERM.
    @Test(arguments: ["xterm-256color", "screen", "tmux-256color", "linux"])
    func escActsAtOnceAndHomeAndEndAreKeysUnder(term: String) {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server, env: ["TERM": term])
        #expect(s.waitFor("信访 · 首页"), "\(s.screen())")
        s.keys("w")
        #expect(s.waitFor("信访 · 案件队列"))
        s.keys("Escape")
        #expect(s.waitFor("信访 · 首页", seconds: 0.5), "Esc took more than half a second under \(term)")
        // In the register form's name field: Home, then a letter, lands at the field's start.
        s.keys("r")
        #expect(s.waitFor("收到日期"))
        s.keys("Tab", "Tab", "Tab")
        s.type("王芳")
        #expect(s.waitFor("王芳"))
        s.tmux(["send-keys", "-t", s.name, "-H", "1b", "5b", "31", "7e"])  // ESC [ 1 ~
        s.type("X")
        #expect(s.waitFor("X王芳"), "\(term): \(s.screen())")
        s.tmux(["send-keys", "-t", s.name, "-H", "1b", "5b", "34", "7e"])  // ESC [ 4 ~
        s.type("Y")
        #expect(s.waitFor("X王芳Y"), "\(term): End did not reach the end: \(s.screen())")
        #expect(!s.screen().contains("放弃已填写的内容"), "\(term): End read as Esc")
        s.keys("Home")
        s.type("Z")
        #expect(s.waitFor("ZX王芳Y"), "\(term): tmux's Home: \(s.screen())")
    }

    @Test func aClerkFindsACaseTypingChineseOpensItResizesAndQuits() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server)
        #expect(s.waitFor("首页"), "\(s.screen())")
        #expect(s.screen().contains("培训模式"))
        s.keys("w")
        #expect(s.waitFor("案件编号"))
        s.keys("/")
        s.type("D-XFJ-2024")
        #expect(s.waitFor("筛选：D-XFJ-2024"))
        s.keys("Enter")
        s.keys("Enter")
        #expect(s.waitFor("临江区信访局2024年"), "\(s.screen())")
        #expect(s.screen().contains("现在可以办理"))
        s.keys("End")
        s.keys("PageDown")
        #expect(s.waitFor("办理记录"), "the timeline is below: page down reaches it")
        s.keys("Escape")
        #expect(s.waitFor("案件编号"))
        // Resize: the frame is redrawn at the new size, and below 80×24 it says so.
        s.tmux(["resize-window", "-t", s.name, "-x", "100", "-y", "30"])
        var redrawn = false
        for _ in 0..<30 where !redrawn {
            let big = s.screen().split(separator: "\n", omittingEmptySubsequences: false)
            redrawn = big.count >= 30 && big[29].contains("培训模式")
            usleep(100_000)
        }
        #expect(redrawn, "the status line moves to the last row after a resize")
        s.tmux(["resize-window", "-t", s.name, "-x", "60", "-y", "20"])
        #expect(s.waitFor("终端窗口太小"))
        s.tmux(["resize-window", "-t", s.name, "-x", "80", "-y", "24"])
        #expect(s.waitFor("案件编号"))
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// Search finds a case by each kind of key a clerk types (issue 13 item 3, decision
    /// 0020): its number, the tail of its ID number, its phone's last digits, the name,
    /// the name's pinyin initials (`zll` for 曾琳琳, 曾 read as the surname zēng), and words of its request —
    /// among a hundred generated cases, from the search index.
    @Test func searchFindsACaseByEachKindOfKey() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "120", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        let petition = """
            {"channel":"visit","receivedAt":"2026-11-27","organ":"D-XFJ",
             "petitioner":{"kind":"citizen","name":"曾琳琳","idNumber":"11010519491231002X","phone":"13811112468","address":"临江区滨江路1号"},
             "request":"要求退还物业押金","facts":"押金至今未退","reasons":"依据物业合同","category":"WAGES","type":"grievance"}
            """
        let registered = cli.run(["register", "-", "--now", "2026-11-27T09:30"], stdin: petition)
        #expect(registered.status == 0, "\(registered.err)")
        let number = try #require(registered.out.firstMatch(of: /D-XFJ-2026-\d{5}/).map { String($0.output) })
        let s = Session(on: server, sharing: cli)
        #expect(s.waitFor("首页"), "\(s.screen())")
        for (typed, matched) in [(number, "案件编号"), ("1231002x", "证件号码"), ("112468", "联系电话"), ("曾琳琳", "姓名"),
                                 ("zll", "拼音首字母"), ("物业押金", "内容")] {
            s.keys("s")
            s.type(typed)
            // The hits follow each key as it is drawn: once the whole query shows, they are its.
            #expect(s.waitFor("查找：" + typed), "\(typed): \(s.screen())")
            let screen = s.screen()
            #expect(screen.contains("找到1件") && screen.contains(number) && screen.contains(matched),
                    "\(typed) finds this case alone, by \(matched): \(screen)")
            s.keys("Escape")
            #expect(s.waitFor("首页"))
        }
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// The issue's walk-through: a clerk registers a group visit typing Chinese names,
    /// transfers it picking the organ from a list; the handler, in English and without
    /// colour, finds it by ID number, receives and accepts it, and sees the deadline.
    @Test func aGroupVisitIsRegisteredFoundByIDTransferredAndAcceptedInBothLanguages() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let clerk = Session(on: server, env: ["USER": "clerk"])
        #expect(clerk.waitFor("首页"), "\(clerk.screen())")
        clerk.fillZhangWeisVisit()
        clerk.keys("Tab")
        clerk.type("12")
        clerk.keys("Tab")
        clerk.type("李娜")
        clerk.keys("Tab")
        clerk.type("110102198001011239")
        #expect(clerk.waitFor("代表2证件"), "\(clerk.screen())")
        clerk.keys("F2")
        #expect(clerk.waitFor("登记成功"), "\(clerk.screen())")
        let screen = clerk.screen()
        #expect(screen.contains("张伟 等12人") && screen.contains("代表2：李娜") && screen.contains("信访部门分办"))
        let number = try #require(screen.firstMatch(of: /D-XFJ-2026-\d{5}/).map { String($0.output) })
        clerk.keys("a")
        #expect(clerk.waitFor("▶转送"))
        clerk.keys("Enter", "Enter")
        clerk.type("临江区住房")
        #expect(clerk.waitFor("共1项"), "\(clerk.screen())")
        clerk.keys("Enter", "F2")
        #expect(clerk.waitFor("已办理：转送"), "\(clerk.screen())")
        #expect(clerk.screen().contains("临江区住房和城乡建设局"))
        clerk.keys("Escape", "q")
        #expect(clerk.waitFor("CONSOLE-EXITED-0"))

        let handler = Session(on: server, env: ["USER": "handler", "NO_COLOR": "1"], sharing: clerk.cli, arguments: "--lang en")
        #expect(handler.waitFor("Home"), "\(handler.screen())")
        handler.keys("s")
        handler.type("110102198001011239")
        #expect(handler.waitFor("1 found"), "\(handler.screen())")
        handler.keys("Enter")
        #expect(handler.waitFor(number))
        handler.keys("a")
        #expect(handler.waitFor("▶receive"), "\(handler.screen())")
        handler.keys("Enter", "C-s")
        #expect(handler.waitFor("Done: receive"), "\(handler.screen())")
        handler.keys("a")
        #expect(handler.waitFor("▶accept"))
        handler.keys("Enter")
        handler.type("Art 32 route; written reply within 60 days")
        handler.keys("C-s")
        #expect(handler.waitFor("Done: accept"), "\(handler.screen())")
        let accepted = handler.screen()
        #expect(accepted.contains("State: accepted") && accepted.contains("Art 34") && accepted.contains("d left"), "\(accepted)")
        let escaped = handler.screen(escapes: true)
        #expect(escaped.firstMatch(of: /\x{1B}\[[34][0-7]m/) == nil, "no colour without colour")
        handler.keys("q")
        #expect(handler.waitFor("CONSOLE-EXITED-0"))
    }

    /// Opened from a snapshot, the console checks the records the snapshot covers in the
    /// background: damage there shows as a warning within seconds, and no form opens.
    @Test func damageBehindTheSnapshotIsFoundAfterOpeningAndStopsWrites() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "800", "--until", "2026-11-27", "--log", cli.log]).status == 0)
        #expect(cli.run(["queue", "--json"]).status == 0)  // writes the snapshot
        // The negative control: on the intact log the same check finds nothing.
        do {
            let intact = Session(on: server, env: ["USER": "clerk"], sharing: cli)
            #expect(intact.waitFor("首页"))
            #expect(!intact.waitFor("日志已损坏", seconds: 3), "\(intact.screen())")
            intact.keys("q")
        }
        var bytes = cli.logBytes
        // A byte inside the generated batch: only the snapshot (which read it whole)
        // proves it was once intact, so the background check calls it damage.
        bytes[bytes.count / 3] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: cli.log))
        let s = Session(on: server, env: ["USER": "clerk"], sharing: cli)
        #expect(s.waitFor("首页"), "\(s.screen())")
        #expect(s.waitFor("日志已损坏", seconds: 10), "\(s.screen())")
        // Once the damage is shown, no form opens: nothing is typed in vain.
        let before = cli.logBytes.count
        s.keys("r")
        #expect(s.waitFor("不能登记或办理"), "\(s.screen())")
        #expect(cli.logBytes.count == before, "nothing was written")
        // Without the snapshot the same bytes are damage too: the batch's commit record vouches for them.
        let verified = cli.run(["log", "verify"])
        #expect(verified.status == 65 && (verified.out + verified.err).contains("损坏"), "\(verified)")
        s.keys("q")
    }

    /// Without a snapshot the open itself finds damage: the first screen says so, and
    /// the register form does not open, before the clerk types anything.
    @Test func damageFoundOnOpeningIsOnTheFirstScreenAndNoFormOpens() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let (cli, seq) = try CLI.withDamagedFirstRecord()
        let damaged = cli.logBytes
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/cases.snapshot"))
        let s = Session(on: server, env: ["XINFANG_TRAINING": "1"], generate: false, sharing: cli)
        #expect(s.waitFor("首页"), "\(s.screen())")
        // Whole on one line of 80 columns, with what to run.
        #expect(s.screen().contains("⚠ 日志已损坏：第\(seq)条记录；只读，请运行 xinfang log verify，再 log recover"),
                "on the first screen: \(s.screen())")
        s.keys("r")
        #expect(s.waitFor("不能登记或办理"), "\(s.screen())")
        #expect(s.screen().contains("日志已损坏，不能登记或办理：请运行 xinfang log verify，再 log recover"))
        #expect(!s.screen().contains("登记新信访事项 ·"))
        #expect(cli.logBytes == damaged, "nothing was written")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    @Test func aNewcomerWithNoLogIsOfferedOneAndLandsOnTheHomeScreen() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server, generate: false)
        #expect(s.waitFor("请选择 [t/p/q]"), "\(s.screen())")
        #expect(s.screen().contains("创建培训日志"))
        s.keys("t", "Enter")
        #expect(s.waitFor("案件总数", seconds: 20), "\(s.screen())")
        #expect(s.screen().contains("培训模式"))
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
        #expect(FileManager.default.fileExists(atPath: s.cli.log))
    }

    /// A production log is created only for a petition bureau the clerk names (Enter
    /// takes the directory's own); a wrong code creates nothing.
    @Test func aProductionLogAsksForItsJurisdiction() {
        let server = TmuxServer()
        defer { server.kill() }
        let wrong = Session(on: server, generate: false)
        #expect(wrong.waitFor("请选择 [t/p/q]"), "\(wrong.screen())")
        wrong.keys("p", "Enter")
        #expect(wrong.waitFor("请输入机关代码"), "\(wrong.screen())")
        #expect(wrong.screen().contains("D-XFJ  临江区信访局（默认）") && wrong.screen().contains("C-XFJ"))
        wrong.type("D-ZJJ")
        wrong.keys("Enter")
        #expect(wrong.waitFor("不是信访部门的机关代码"), "\(wrong.screen())")
        #expect(!FileManager.default.fileExists(atPath: wrong.cli.log))

        // A production log names the account running the test, and refuses a USER naming another.
        let account = String(cString: getpwuid(getuid()).pointee.pw_name)
        let right = Session(on: server, env: ["USER": account], generate: false)
        #expect(right.waitFor("请选择 [t/p/q]"))
        right.keys("p", "Enter")
        #expect(right.waitFor("请输入机关代码"))
        right.keys("Enter")
        #expect(right.waitFor("首页"), "\(right.screen())")
        let status = right.screen().split(separator: "\n").last { $0.contains("窗口登记员") } ?? ""
        #expect(status.contains("临江区信访局") && status.contains("正式"), "\(right.screen())")
        right.keys("q")
        #expect(right.waitFor("CONSOLE-EXITED-0"))
    }

    @Test func chineseTypedAtTheFilterArrivesWhole() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server)
        #expect(s.waitFor("首页"))
        s.keys("/")
        s.type("临江")
        #expect(s.waitFor("筛选：临江"), "\(s.screen())")
        s.keys("BSpace")
        #expect(s.waitFor("筛选：临▏"), "backspace removes one character, not one byte")
    }

    @Test func withoutColourSelectionAndUrgencyStayVisible() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server, env: ["NO_COLOR": "1"])
        #expect(s.waitFor("首页"))
        s.keys("w")
        #expect(s.waitFor("案件编号"))
        let escaped = s.screen(escapes: true)
        #expect(escaped.contains("\u{1B}[7m"), "the selected row is in reverse video")
        #expect(!escaped.contains("\u{1B}[31m") && !escaped.contains("\u{1B}[41m"), "no colour at all")
        #expect(s.screen().contains("▶"), "and marked")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server)
        #expect(s.waitFor("首页"))
        // The console is the only child of the pane's shell.
        let shell = try #require(Int32(s.tmux(["list-panes", "-t", s.name, "-F", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let console = try #require(children.split(separator: " ").compactMap { Int32($0) }.first)
        #expect(kill(console, SIGTERM) == 0)
        #expect(s.waitFor("CONSOLE-EXITED-0"), "\(s.screen())")
        #expect(!s.screen().contains("首页"), "the console's screen is gone: the terminal was restored")
    }

    /// Another console's record appears without a key pressed. (The bound is generous for two
    /// busy cores; the latency is printed, and `make bench` measures it.)
    @Test func aChangeFromAnotherConsoleAppearsWithoutAKey() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Session(on: server)
        #expect(s.waitFor("首页"))
        s.keys("w")
        #expect(s.waitFor("共120件"))
        let started = Date()
        let r = s.cli.run(["register", "-", "--now", "2026-11-27T10:00"], stdin: CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2026-11-27"))
        #expect(r.status == 0, "\(r.err)")
        #expect(s.waitFor("共121件", seconds: 3))
        print("live update after \(Int(Date().timeIntervalSince(started) * 1000)) ms")
    }
}

/// The supervisor's desk in a real terminal (issue 14, decision 0022): from the organ most
/// late, its overdue count opens exactly that many cases, and Esc returns to the number.
@Suite("The supervisor's desk in tmux", .serialized)
struct SupervisorDeskTmuxTests {
    @Test func aSupervisorDrillsFromAnOverdueCountToItsCasesAndBack() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "supervisor"])
        #expect(s.waitFor("督办台"), "\(s.screen())")
        // The first line is the organ most late; its third number (→ →) is its overdue count.
        s.keys("Right", "Right")
        var line = ""
        for _ in 0..<30 where line.isEmpty {
            // Wait until the selection has reached the third number of the line (keys arrive one by one).
            line = s.screen().split(separator: "\n").map(String.init)
                .first { $0.contains(/^\s+\S+\s+\d+\s+\d+\s+▶[1-9]/) } ?? ""
            usleep(100_000)
        }
        let count = try #require(line.firstMatch(of: /▶(\d+)/).map { String($0.output.1) }, "\(s.screen())")
        let organ = try #require(line.split(separator: " ").first.map(String.init))
        s.keys("Enter")
        #expect(s.waitFor("共\(count)件"), "\(s.screen())")
        #expect(s.screen().contains(organ + "·已逾期"), "\(s.screen())")
        // Every case listed is late (its days-left column says so: 逾期).
        let rows = s.screen().split(separator: "\n").filter { $0.contains("D-XFJ-") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("逾期") }, "\(s.screen())")
        s.keys("Escape")
        #expect(s.waitFor("督办台"))
        #expect(s.screen().contains("▶" + count), "back on the number: \(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// From the desk to a late case, a 督办 with its suggestion (Art 40), then the organ's
    /// written answer — adopted in part, with reasons (Art 40 para 4, decision 0024) — offered
    /// only once an order awaits it.
    @Test func aSupervisorOrdersSupervisionFromTheDeskAndRecordsTheAnswer() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "supervisor"])
        #expect(s.waitFor("督办台"), "\(s.screen())")
        // The overdue count of the most late organ other than the bureau itself (a bureau never
        // orders supervision of itself, decision 0030 addendum), then its first case.
        s.keys("Right", "Right")
        #expect(s.waitFor("▶", seconds: 2))
        for _ in 0..<20 {
            let line = s.screen().split(separator: "\n").first { $0.contains(/^\s+\S+\s+\d+\s+\d+\s+▶\d/) } ?? ""
            if line.contains(/▶[1-9]/), !line.contains("区信访局") { break }
            s.keys("j")
            usleep(150_000)
        }
        s.keys("Enter")
        #expect(s.waitFor("·已逾期"), "\(s.screen())")
        // The organ the number is about: the order goes to it.
        let organ = try #require(s.screen().firstMatch(of: /\[(\S+)·已逾期\]/).map { String($0.output.1) }, "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("现在可以办理"), "\(s.screen())")
        let number = try #require(s.screen().firstMatch(of: /D-XFJ-\d{4}-\d{5}/).map { String($0.output) })
        s.keys("a")
        #expect(s.waitFor("此案现在可以办理的操作"), "\(s.screen())")
        #expect(!s.screen().contains("记录督办反馈"), "no answer is offered before an order")
        #expect(select(s, "督办 "), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("*被督办机关"), "\(s.screen())")
        // The organ the case is with, filled in (decision 0030); each suggestion names its addressee.
        #expect(s.waitFor("‹ \(organ) ›"), "\(s.screen())")
        s.keys("Tab", "Right")
        #expect(s.waitFor("‹ 改进工作 → \(organ) ›"), "\(s.screen())")
        s.keys("Tab")
        s.type("拖延办理")
        #expect(s.waitFor("拖延办理"))
        s.keys("F2")
        #expect(s.waitFor("已办理：督办"), "\(s.screen())")
        #expect(s.screen().contains("督办反馈") && s.screen().contains("第40条第4款"), "the feedback clock runs: \(s.screen())")
        s.keys("a")
        #expect(s.waitFor("此案现在可以办理的操作"))
        #expect(select(s, "记录督办反馈"), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("*采纳情况"), "\(s.screen())")
        s.keys("Right", "Tab", "Right", "Right", "Tab")
        s.type("部分采纳，理由见复函")
        #expect(s.waitFor("‹ 部分采纳 ›"), "\(s.screen())")
        s.keys("F2")
        #expect(s.waitFor("已办理：记录督办反馈"), "\(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
        // The log holds the answer as the console gave it.
        let shown = s.cli.run(["show", number, "--json", "--as", "supervisor"])
        #expect(shown.out.contains("\"adoption\" : \"adoptedInPart\"") || shown.out.contains("部分采纳"), "\(shown.out.suffix(600))")
    }

    /// From the desk, an interview of the most late organ's leadership over its overdue cases
    /// (Art 39 para 3), then the list of acts on the desk, and the measure lifted with its
    /// reason (decision 0030); a second lift is refused where it is asked, writing nothing.
    @Test func aSupervisorInterviewsAnOrganThenListsAndLiftsTheMeasure() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "supervisor"])
        #expect(s.waitFor("督办台"), "\(s.screen())")
        s.keys("Right", "Right")
        #expect(s.waitFor("▶", seconds: 2))
        s.keys("a")
        #expect(s.waitFor("督办措施："), "\(s.screen())")
        s.keys("Tab", "Tab")
        s.type("30")
        s.keys("Tab", "Tab")
        s.type("逾期未办结")
        s.keys("F2")
        #expect(s.waitFor("已记录：约谈"), "\(s.screen())")
        // Across to the flags, down to the acts of organs, Enter.
        s.keys("Right", "Right", "Right")
        for _ in 0..<30 where !s.screen().contains(/督办措施\s+▶1/) {
            s.keys("j")
            usleep(150_000)
        }
        #expect(s.screen().contains(/督办措施\s+▶1/), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("机关督办措施：共1项，在办1项"), "\(s.screen())")
        s.keys("a")
        #expect(s.waitFor("解除第1项：约谈"), "\(s.screen())")
        s.type("已整改到位")
        s.keys("F2")
        #expect(s.waitFor("已解除：约谈"), "\(s.screen())")
        #expect(s.screen().contains("在办0项") && s.screen().contains("已解除"), "\(s.screen())")
        s.keys("a")
        #expect(s.waitFor("第1项督办措施已于"), "\(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
        // The log holds the act and its lifting, as `supervise list` shows them.
        let listed = s.cli.run(["supervise", "list", "--as", "supervisor"])
        #expect(listed.status == 0 && listed.out.contains("解除：已整改到位"), "\(listed.out)")
    }

    /// A supervisor's console on the statistics screen, opened from the desk with `c`.
    static func statistics(on server: TmuxServer, arguments: String = "") -> ConsoleTmuxTests.Session {
        let s = ConsoleTmuxTests.Session(on: server, env: ["USER": "supervisor"], arguments: arguments)
        #expect(s.waitFor("督办台"), "\(s.screen())")
        s.keys("c")
        #expect(s.waitFor("信访统计 · 按类别"), "\(s.screen())")
        return s
    }

    /// The statistics screen (issue 14 item 4): from the desk with `c`, Tab to the organ
    /// breakdown, the bars drawn; every line it shows is a line `xinfang stats` prints for the
    /// same period, breakdown and day.
    @Test func aSupervisorOpensStatisticsFromTheDeskChangesTheBreakdownAndSeesTheBars() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Self.statistics(on: server)
        s.keys("Tab")
        #expect(s.waitFor("信访统计 · 按机关"), "\(s.screen())")
        #expect(s.waitFor("█"), "the bars: \(s.screen())")
        let screen = s.screen()
        let period = try #require(screen.firstMatch(of: /信访统计 (\d{4}-\d\d-\d\d) 至 (\d{4}-\d\d-\d\d)（截至 (\d{4}-\d\d-\d\d)）/),
                                  "\(screen)")
        let (from, to, asOf) = (String(period.output.1), String(period.output.2), String(period.output.3))
        let stats = s.cli.run(["stats", "--from", from, "--to", to, "--as-of", asOf, "--by", "organ", "--as", "supervisor"])
        #expect(stats.status == 0, "\(stats.err)")
        let printed = Set(stats.out.split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) })
        // The heading and the body: the rows between the title bar and the keys' lines.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix(20)
            .map { String($0.dropFirst().reversed().drop { $0 == " " }.reversed()) }.filter { !$0.isEmpty }
        #expect(rows.count > 12 && rows.contains { $0.hasPrefix("机关") }, "\(screen)")
        for row in rows { #expect(printed.contains(row), "not printed by stats: \(row)\n\(stats.out)") }
        s.keys("Escape")
        #expect(s.waitFor("督办台"))
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// The period prompt in a real terminal (tester, issue 14): two dates with 至 between and
    /// full-width digits arrive whole and are read as `stats --from --to` takes them.
    @Test func theStatisticsPeriodTakesTwoDatesWithZhiInFullWidthDigits() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Self.statistics(on: server)
        s.keys("d")
        s.type("２０２５-01-01 至 2025-03-31")
        #expect(s.waitFor("２０２５-01-01 至 2025-03-31▏"), "typed whole: \(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("信访统计 2025-01-01 至 2025-03-31（截至"), "\(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// Run with `--ascii`, the statistics screen draws its bars and sparklines in ASCII.
    @Test func withASCIITheStatisticsScreenDrawsNoBlockCharacters() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = Self.statistics(on: server, arguments: "--ascii")
        #expect(s.waitFor("#"), "\(s.screen())")
        #expect(!s.screen().unicodeScalars.contains { (0x2580...0x259F).contains($0.value) }, "\(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
    }

    /// Moves the action list's selection down to the line starting with `title`.
    private func select(_ s: ConsoleTmuxTests.Session, _ title: String) -> Bool {
        for _ in 0..<40 {
            if s.screen().contains("▶" + title) { return true }
            s.keys("j")
            usleep(150_000)
        }
        return false
    }
}
