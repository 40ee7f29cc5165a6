import Foundation
import TestSupport
import Testing

/// The training clock end to end (decision 0026): moved from the console's clock prompt,
/// a window is seen to lapse; the time survives a restart; `training clock` moves it
/// from the command line, forward only, and a production log refuses it.
@Suite("Training clock end to end", .serialized)
struct TrainingClockTmuxTests {
    /// A training log with one letter received on 2025-05-12 (triage due 2025-05-27, Art 22).
    func practiceLog() -> CLI {
        let cli = CLI()
        cli.run(["init", "--training"])
        let registered = cli.run(["register", "-", "--now", "2025-05-12T10:00", "--as", "clerk"],
                                 stdin: CLI.groupVisit.replacingOccurrences(of: "2025-04-28", with: "2025-05-12"))
        #expect(registered.status == 0, "\(registered.err)")
        return cli
    }

    @Test func movingTheClockInTheConsoleLapsesAWindowAndSurvivesARestart() {
        let cli = practiceLog()
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["XINFANG_TRAINING": "1", "TERM": "xterm-256color"],
                                         generate: false, sharing: cli, arguments: "--now 2025-05-12T10:00")
        #expect(s.waitFor("模拟 2025-05-12 10:00"), "\(s.screen())")
        // The home screen names the clock key.
        #expect(s.screen().contains("F12 t   拨动模拟时钟"), "\(s.screen())")
        s.keys("w")
        #expect(s.waitFor("还剩15天"), "\(s.screen())")
        s.keys("t")
        #expect(s.waitFor("拨钟：d 一天"))
        s.type("2025-05-28")
        s.keys("Enter")
        #expect(s.waitFor("模拟 2025-05-28 10:00"), "\(s.screen())")
        #expect(s.waitFor("!逾期1天"), "the triage window did not lapse on screen: \(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"))
        // Opened again without --now: the clock record gives the time.
        let again = ConsoleTmuxTests.Session(on: server, env: ["XINFANG_TRAINING": "1", "TERM": "xterm-256color"],
                                             generate: false, sharing: cli)
        #expect(again.waitFor("模拟 2025-05-28 10:00"), "\(again.screen())")
    }

    @Test func theCommandLineMovesTheClockForwardOnly() {
        let cli = practiceLog()
        #expect(cli.run(["training", "clock", "2025-05-20", "--now", "2025-05-12T10:00"]).status == 0)
        #expect(cli.run(["training", "clock"]).out.hasPrefix("2025-05-20T10:00:00+08:00"))
        let back = cli.run(["training", "clock", "2025-05-19"])
        #expect(back.status == 65 && back.err.contains("模拟时钟只能向后拨"), "\(back)")
        #expect(cli.run(["training", "clock", "next"]).out.contains("2025-05-27T10:00"))
        // Commands now run at the clock's time: the transfer is recorded at it.
        #expect(cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ"]).status == 0)
        let shown = cli.json(["show", "D-XFJ-2025-00001"]) as? [String: Any]
        let last = (shown?["timeline"] as? [[String: Any]])?.last
        #expect(last?["event"] as? String == "transferred")
        #expect(last?["at"] as? String == "2025-05-27T10:00:00+08:00", "\(String(describing: last))")
    }

    /// A generated practice log opens on its last day, not on the real date, when its cases
    /// would all be long overdue; a range that ends before it starts is refused.
    @Test func aGeneratedLogsClockStandsAtItsLastDay() {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "30", "--until", "2025-05-12", "--log", cli.log]).status == 0)
        #expect(cli.run(["training", "clock"]).out.hasPrefix("2025-05-12T10:00:00+08:00"), "\(cli.run(["training", "clock"]))")
        let other = CLI()
        let backwards = other.run(["generate", "--cases", "5", "--from", "2025-01-01", "--until", "2024-01-01", "--log", other.log])
        #expect(backwards.status == 64 && backwards.err.contains("晚于"), "\(backwards)")
        #expect(!FileManager.default.fileExists(atPath: other.log))
    }

    @Test func aProductionLogRefusesTheClock() {
        let cli = CLI()
        cli.run(["init"], training: false)
        let moved = cli.run(["training", "clock", "+1d"], training: false)
        // Refused by the core (clock-training-only, bad data), not taken for a --now usage error.
        #expect(moved.status == 65 && moved.err.contains("模拟时钟只能在培训日志中拨动"), "\(moved)")
    }
}
