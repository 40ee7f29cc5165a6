import Foundation
import TestSupport
import Testing

/// What a tester found in training mode (issue 16) and decision 0029's addendum: times
/// bounded to what the log can hold, a `--now` that moves the clock, a reset that leaves
/// nothing behind when refused, a report that goes on past a bad file.
@Suite("Training, mended", .serialized)
struct TrainingMendTests {
    func practiceLog(until: String = "2025-05-01") -> CLI {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "10", "--log", cli.log, "--until", until]).status == 0)
        return cli
    }

    @Test func theClockRefusesATimeTheLogCouldNotHoldAndWritesNothing() {
        let cli = practiceLog()
        let before = cli.logBytes
        for to in ["9999-12-31", "2100-01-01", "+9999999999999d", "+40000d"] {
            let moved = cli.run(["training", "clock", to])
            #expect(moved.status == 65 && moved.err.contains("模拟时钟") && moved.err.contains("2000-01-01…2099-12-31"), "\(to): \(moved)")
        }
        let late = cli.run(["show", "D-XFJ-2025-00001", "--now", "2100-01-01"])
        #expect(late.status == 64 && late.err.contains("--now「2100-01-01」"), "\(late)")
        #expect(cli.logBytes == before)
        let generated = cli.run(["generate", "--cases", "3", "--log", cli.dir + "/far.log", "--until", "2170-01-01"])
        #expect(generated.status == 64 && generated.err.contains("--until 2170-01-01 超出范围（2000-01-01…2099-12-31）"), "\(generated)")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/far.log"))
    }

    @Test func aNowPastTheClockMovesIt() {
        let cli = practiceLog()
        let started = cli.run(["training", "start", "art31-arbitration", "--now", "2025-06-01"])
        #expect(started.status == 0, "\(started.err)")
        // A later command without --now runs from it, not from the clock before.
        #expect(cli.run(["training", "clock"]).out.hasPrefix("2025-06-01T00:00"))
        // An earlier --now is raised to the clock, and moves nothing.
        _ = cli.run(["training", "start", "art34-extension", "--now", "2025-05-10"])
        #expect(cli.run(["training", "clock"]).out.hasPrefix("2025-06-01T00:00"))
    }

    @Test func resetWithNowStartsTheFreshLogsClockThere() {
        let cli = CLI()
        let reset = cli.run(["training", "reset", "li", "--folder", cli.dir, "--cases", "5", "--now", "2025-05-01"])
        #expect(reset.status == 0, "\(reset.err)")
        #expect(cli.run(["training", "clock", "--log", cli.dir + "/li.log"]).out.hasPrefix("2025-05-01T00:00"))
    }

    @Test func aRefusedResetLeavesNothingBehind() throws {
        let cli = CLI()
        for name in ["clerk", "王丽"] {
            let reset = cli.run(["training", "reset", name, "--folder", cli.dir, "--cases", "5"])
            #expect(reset.status == 64 && reset.err.contains("学员名「\(name)」"), "\(name): \(reset)")
            #expect(!FileManager.default.fileExists(atPath: cli.dir + "/\(name).log"), "\(name)")
        }
        #expect(cli.run(["training", "reset", "王丽", "--folder", cli.dir]).err.contains("须是登录账户名"))
    }

    @Test func theReportSaysABadFileInOneLineAndReportsTheOthers() throws {
        let cli = CLI()
        #expect(cli.run(["training", "reset", "li", "--folder", cli.dir, "--cases", "5"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: cli.dir + "/x.log", withDestinationPath: cli.dir + "/li.log")
        let report = cli.run(["training", "report", "--folder", cli.dir])
        #expect(report.status == 74 && report.out.contains("li：通过 0/"), "\(report)")
        #expect(report.err.split(separator: "\n").count == 1 && report.err.contains("x.log"), "\(report.err)")
        let missing = cli.run(["training", "report", "--folder", cli.dir + "/nowhere"])
        #expect(missing.status == 74 && missing.err.contains("不存在") && missing.err.split(separator: "\n").count == 1, "\(missing)")
    }
}
