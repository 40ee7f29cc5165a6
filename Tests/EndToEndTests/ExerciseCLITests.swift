import Foundation
import TestSupport
import Testing

/// Every exercise of data/exercises, started and driven from the command line (decision
/// 0026): its seed writes, the right move completes it right first time, and an expected
/// wrong move earns its feedback with the article, the refusal recorded on the log.
@Suite("Exercises from the command line", .serialized)
struct ExerciseCLITests {
    /// A training log of a few practice cases, as the tester.
    func practiceLog() -> CLI {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "30", "--log", cli.log]).status == 0)
        return cli
    }

    /// Starts an exercise and returns its seeded cases ($1, $2, …).
    func start(_ id: String, _ cli: CLI) -> [String] {
        let started = cli.run(["training", "start", id])
        #expect(started.status == 0, "\(id): \(started.err)")
        return started.out.split(whereSeparator: \.isWhitespace).compactMap { $0.split(separator: "=").dropFirst().first.map(String.init) }
    }

    static let groupOfTwelve = """
        {"channel":"visit","organ":"D-XFJ","petitioner":{"kind":"citizen","name":"陈刚","idNumber":"510107198807224563"},
         "request":"要求交付安置房","facts":"安置房逾期未交付","reasons":"依据安置协议","category":"RESETTLEMENT","type":"grievance",
         "group":{"people":12,"representatives":[{"name":"陈刚","idNumber":"510107198807224563"},
         {"name":"刘洋","idNumber":"370203196601097890"},{"name":"赵敏","idNumber":"42010619920418321X"},
         {"name":"孙丽","idNumber":"33010519830925654X"},{"name":"周强","idNumber":"110102198001011239"}]}}
        """

    /// The right moves of each exercise, `$1`/`$2` standing for its seeded cases; `!act`: an
    /// attempt the law refuses, which is the step's right outcome (a request a day late).
    static let rightMoves: [(String, [[String]])] = [
        ("art36-final", [["act", "$2", "not-accept", "--reason", "alreadyFinal", "--ref", "$1"]]),
        ("art20-group-visit", [["register", "-"]]),
        ("art31-arbitration", [["act", "$1", "classify", "--type", "grievance", "--track", "2"]]),
        ("art34-extension", [["act", "$1", "extend", "--days", "20", "--reason", "调查未结束"]]),
        ("art19-pending-below", [["act", "$2", "not-accept", "--reason", "pendingElsewhere", "--ref", "$1"]]),
        ("art30-accusation", [["act", "$1", "refer-discipline", "--to", "D-JW"]]),
        ("art40-supervision", [["act", "$1", "order-supervision", "--organ", "D-RSJ", "--suggestion", "improveWork", "--reason", "未按期签收"]]),
        ("repeat-link", [["act", "$2", "link", "--to", "$1", "--kind", "repeats"]]),
        // Set on days of their own (decision 0029): entered with those days, on a log whose clock is past them.
        ("art35-late", [["act", "$1", "request-review", "--on", "2025-10-09"], ["!act", "$2", "request-review", "--on", "2025-10-10"]]),
        ("art23-objection", [["act", "$1", "object", "--reason", "物业服务纠纷不属教育部门职权", "--on", "2025-10-13"]]),
        ("art36-hearing", [["act", "$1", "start-rereview-hearing"], ["training", "clock", "+3d"], ["act", "$1", "end-rereview-hearing"],
                           ["act", "$1", "issue-rereview-opinion", "--outcome", "upheld", "--opinion", "维持复查意见"]]),
        ("art33-mediation", [["act", "$1", "start-mediation"],
                             ["act", "$1", "record-agreement", "--kind", "mediation", "--text", "三十日内修复外墙并赔偿两千元"]]),
    ]

    @Test func everyExerciseHasARightMoveHere() throws {
        let ids = try FileManager.default.contentsOfDirectory(atPath: Fixtures.dataFolder + "/exercises").map { String($0.dropLast(5)) }
        #expect(Set(ids) == Set(Self.rightMoves.map(\.0)))
    }

    @Test(arguments: rightMoves)
    func theRightMoveCompletesTheExercise(_ id: String, _ moves: [[String]]) {
        let cli = practiceLog()
        let cases = start(id, cli)
        for move in moves {
            let refused = move[0] == "!act"
            let args = (refused ? ["act"] + move.dropFirst() : move).map { arg in
                arg.hasPrefix("$") ? cases[(Int(arg.dropFirst()) ?? 1) - 1] : arg
            }
            let done = cli.run(args, stdin: id == "art20-group-visit" ? Self.groupOfTwelve : nil)
            #expect(refused ? done.status == 65 : done.status == 0, "\(id) \(move): \(done.err)")
        }
        let status = cli.run(["training", "status"]).out
        let line = status.split(separator: "\n").first { $0.hasPrefix(id + "  ") } ?? ""
        let steps = moves.filter { ["act", "!act", "register"].contains($0[0]) }.count
        #expect(line.contains("  通过 \(steps)/\(steps)") && status.contains("✓ \(id) \(steps)"), "\(id): \(status)")
    }

    /// On a production log every training command that would read or write practice refuses
    /// in one Chinese line naming why, with the clock's exit code (65), and writes nothing.
    @Test func aProductionLogRefusesExerciseCommands() throws {
        let cli = CLI()
        cli.run(["init"], training: false)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.log))
        for command in [["training", "status"], ["training", "start", "art31-arbitration"], ["training", "clock", "+1d"]] {
            let refused = cli.run(command, training: false)
            #expect(refused.status == 65 && refused.out.isEmpty, "\(command): \(refused)")
            #expect(refused.err.split(separator: "\n").count == 1 && refused.err.contains("正式日志"), "\(command): \(refused.err)")
        }
        let reset = cli.run(["training", "reset", "cases", "--folder", cli.dir], training: false)
        #expect(reset.status == 65 && reset.err.contains("是正式日志，不能重置"), "\(reset)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.log)) == before)
    }

    @Test func anAccusationSentToTheAccusedIsRefusedRecordedAndFedBackUnderArticle30() {
        let cli = practiceLog()
        let cases = start("art30-accusation", cli)
        let refused = cli.run(["act", cases[0], "transfer", "--to", "D-ZJJ"])
        #expect(refused.status != 0)
        let status = cli.run(["training", "status"]).out
        #expect(status.contains("✗ art30-accusation 1 第30条") && status.contains("不得把检举转给被检举的单位"), "\(status)")
        #expect(status.contains("进行中 第1/1步"), "\(status)")
    }
}
