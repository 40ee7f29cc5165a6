import Foundation
import TestSupport
import Testing

/// The exercises end to end (decision 0026): from a demo log's home screen, using only
/// keys the screen names, the first exercise is found and completed; an exercise driven
/// wrong earns the feedback with its article; `training report` says what was done, and
/// `training reset` sets a log aside and seeds a fresh one.
@Suite("Exercises end to end", .serialized)
struct ExerciseTmuxTests {
    /// A trainer's folder with a freshly seeded log for `name` (as `training reset` makes it).
    func folder(for name: String) -> (cli: CLI, log: String) {
        let cli = CLI()
        let seeded = cli.run(["training", "reset", name, "--folder", cli.dir, "--cases", "120"])
        #expect(seeded.status == 0, "\(seeded.err)")
        return (cli, cli.dir + "/\(name).log")
    }

    func console(_ server: TmuxServer, _ log: String, user: String) -> ConsoleTmuxTests.Session {
        ConsoleTmuxTests.Session(on: server, env: ["XINFANG_TRAINING": "1", "TERM": "xterm-256color", "USER": user],
                                 generate: false, arguments: "--log \(log)")
    }

    /// Presses a key only once the screen names it.
    func press(_ s: ConsoleTmuxTests.Session, _ key: String, named label: String) {
        #expect(s.waitFor(label), "the screen does not name \(label): \(s.screen())")
        s.keys(key)
    }

    /// As `make demo` makes its log: `generate`, then the console in training mode.
    @Test func theFirstExerciseIsFoundFromADemoLogsHomeScreenAndCompletedWithKeysNamedOnScreen() {
        let cli = CLI()
        let log = cli.dir + "/tester.log"
        #expect(cli.run(["generate", "--cases", "200", "--log", log]).status == 0)
        let server = TmuxServer()
        defer { server.kill() }
        let s = console(server, log, user: "tester")
        press(s, "e", named: "e       练习（")
        press(s, "Enter", named: "Enter 开始或继续")
        #expect(s.waitFor("→ 1. 新来信（$2）"), "\(s.screen())")
        press(s, "Enter", named: "Enter 打开本步的案件")
        press(s, "a", named: "F7 a 办理此案")
        #expect(s.waitFor("▶不予受理"), "\(s.screen())")
        press(s, "Enter", named: "Enter 打开")
        #expect(s.waitFor("‹ 已复核终结 ›"), "the form is not filled from the flag: \(s.screen())")
        press(s, "F2", named: "F2 ^S 保存")
        #expect(s.waitFor("✓ 练习完成，一次做对1/1。第1步（第36条第3款）"), "\(s.screen())")
        // The report agrees: the trainee passed the first exercise, right first time, no mistakes.
        let report = cli.run(["training", "report", "--folder", cli.dir, "--csv"])
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("tester,art36-final,通过,1,1/1,0,0,0,"), "\(report.out)")
    }

    @Test func anExerciseDrivenWrongEarnsItsFeedbackWithTheArticleAndTheReportCountsIt() {
        let (cli, log) = folder(for: "bob")
        let server = TmuxServer()
        defer { server.kill() }
        let s = console(server, log, user: "bob")
        press(s, "e", named: "e       练习（")
        s.keys("j", "j")  // the third: a labour dispute for arbitration (Art 31)
        press(s, "Enter", named: "Enter 开始或继续")
        press(s, "i", named: "i 提示")
        #expect(s.waitFor("提示：打开 $1，按 a，选「分类」"), "\(s.screen())")
        press(s, "Enter", named: "Enter 打开本步的案件")
        press(s, "a", named: "F7 a 办理此案")
        #expect(s.waitFor("▶分类"))
        s.keys("Enter")
        #expect(s.waitFor("法定途径"))
        s.keys("Right", "Right", "Right", "Tab", "Right", "Right", "Right", "Right", "Right", "Right")
        #expect(s.waitFor("‹ 6 其他 ›"), "\(s.screen())")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第31条）：劳动争议有仲裁的法定途径"), "\(s.screen())")
        let report = cli.run(["training", "report", "--folder", cli.dir, "--user", "bob", "--csv"])
        #expect(report.out.contains("bob,art31-arbitration,进行中,1,0/1,1,1,,第31条×1"), "\(report.out)")
    }

    @Test func aRefusedSaveIsRecordedAndScoredThenTheRightOneCompletes() {
        let (cli, log) = folder(for: "carol")
        let server = TmuxServer()
        defer { server.kill() }
        let s = console(server, log, user: "carol")
        press(s, "e", named: "e       练习（")
        s.keys("j", "j", "j")  // the fourth: an extension (Art 34)
        press(s, "Enter", named: "Enter 开始或继续")
        press(s, "Enter", named: "Enter 打开本步的案件")
        press(s, "a", named: "F7 a 办理此案")
        #expect(s.waitFor("延期"))
        for _ in 0..<12 where !s.screen().contains("▶延期") {
            s.keys("j")
            usleep(150_000)
        }
        s.keys("Enter")
        #expect(s.waitFor("延长天数"), "\(s.screen())")
        s.type("45")
        s.keys("Tab")
        s.type("涉及多户和维修资金，调查尚未结束")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第34条）：延期不得超过30日"), "\(s.screen())")
        s.keys("BTab", "BSpace", "BSpace")
        s.type("20")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。"), "\(s.screen())")
        let dump = cli.run(["log", "dump", "--log", log, "--as", "carol"]).out
        #expect(dump.contains("\"refusal\":\"extension-too-long\""), "the refusal was not recorded")
        let report = cli.run(["training", "report", "--folder", cli.dir, "--csv", "--user", "carol"])
        #expect(report.out.contains("carol,art34-extension,通过,1,0/1,1,0,0,第34条×1"), "\(report.out)")
    }

    /// One standing (decision 0029): on the same log, the console's exercise list, `training
    /// status` and `training report` say the same of each exercise — passed with a mistake,
    /// right first time, under way, not started — with the same articles and minutes.
    @Test func theConsoleStatusAndReportAgreeOnEachExercise() throws {
        let (cli, log) = folder(for: "dora")
        func run(_ args: [String]) -> CLI.Result { cli.run(args + ["--log", log], user: "dora") }
        func cases(_ id: String) -> [String] {
            run(["training", "start", id]).out.split(whereSeparator: \.isWhitespace).compactMap { $0.split(separator: "=").dropFirst().first.map(String.init) }
        }
        let arbitration = cases("art31-arbitration")
        #expect(run(["act", arbitration[0], "classify", "--type", "grievance"]).status == 65)  // no track: its listed wrong move
        #expect(run(["act", arbitration[0], "classify", "--type", "grievance", "--track", "2"]).status == 0)
        let final = cases("art36-final")
        #expect(run(["act", final[1], "not-accept", "--reason", "alreadyFinal", "--ref", final[0]]).status == 0)
        _ = cases("art34-extension")
        let status = run(["training", "status"]).out.split(separator: "\n").map(String.init)
        let report = cli.run(["training", "report", "--folder", cli.dir, "--user", "dora", "--csv"]).out
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let server = TmuxServer()
        defer { server.kill() }
        let s = console(server, log, user: "dora")
        press(s, "e", named: "e       练习（")
        #expect(s.waitFor("Enter 开始或继续"))
        let list = s.screen().split(separator: "\n").map(String.init)
        let expected = ["art31-arbitration": "通过 0/1", "art36-final": "通过 1/1", "art34-extension": "进行中 第1/1步",
                        "art40-supervision": "未开始"]
        for (id, label) in expected {
            let row = try #require(report.first { $0.count > 8 && $0[1] == id }, "\(id): \(report)")
            let line = try #require(status.first { $0.hasPrefix(id + "  ") }, "\(id): \(status)")
            let title = line.split(separator: " ")[1]
            let shown = try #require(list.first { $0.contains(title) }, "\(id): \(list)")
            // The report's status and score, the status command's label, the console's label.
            #expect(([row[2], row[4]].filter { !$0.isEmpty }.joined(separator: " ")).hasPrefix(label.prefix(while: { $0 != " " })))
            #expect(line.contains("  " + label) && shown.trimmingCharacters(in: .whitespaces).hasSuffix(label), "\(id): \(line) | \(shown)")
            if label.hasPrefix("通过") { #expect(label.hasSuffix(row[4]), "\(id): \(row)") }
            #expect(row[8].isEmpty ? !line.contains("出错") : line.contains("出错：" + row[8]), "\(id): \(line) | \(row)")
            #expect(row[7].isEmpty ? !line.contains("用时") : line.contains("用时\(row[7])分"), "\(id): \(line) | \(row)")
        }
    }

    @Test func resetSetsATraineesLogAsideAndSeedsAFreshOneLeavingOthersAlone() throws {
        let (cli, log) = folder(for: "dave")
        _ = cli.run(["training", "reset", "erin", "--folder", cli.dir, "--cases", "20"])
        let erin = try Data(contentsOf: URL(fileURLWithPath: cli.dir + "/erin.log"))
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let again = cli.run(["training", "reset", "dave", "--folder", cli.dir, "--cases", "20"])
        #expect(again.status == 0 && again.out.contains("dave.log."), "\(again)")
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.dir)
        let aside = try #require(names.first { $0.hasPrefix("dave.log.") && !$0.hasSuffix(".snapshot") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.dir + "/" + aside)) == before, "the old log is kept byte for byte")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.dir + "/erin.log")) == erin, "another trainee's log is untouched")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) != before)
    }
}
