import Foundation
import TestSupport
import Testing

/// More exercises driven right with the keys in tmux (decision 0026): from the exercise
/// list, each step's case is opened with Enter, its action picked from the actions the law
/// allows now, the form filled and saved; every step is judged right.
@Suite("Exercises driven with keys", .serialized)
struct ExerciseKeysTmuxTests {
    /// One step as a person does it: the action's title on the actions screen (nil: the
    /// case screen's `L`), then what is typed into the form, field after field.
    struct Step: Sendable {
        var action: String?
        var typed: [String] = []
    }

    static let drives: [(String, Int, [Step])] = [
        ("art19-pending-below", 4, [Step(action: "不予受理")]),
        ("repeat-link", 7, [Step(action: nil)]),
        // Set on 13 October 2025 (decision 0029): the log's clock is past it, so the objection is entered with its day.
        ("art23-objection", 9, [Step(action: "提出异议", typed: ["物业服务纠纷不属教育部门职权", "2025-10-13"])]),
        ("art33-mediation", 11, [Step(action: "开始调解"), Step(action: "达成协议", typed: ["→", "三十日内修复外墙并赔偿两千元"])]),
    ]

    @Test(arguments: drives)
    func theExerciseIsCompletedWithTheKeysTheScreenNames(_ id: String, _ index: Int, _ steps: [Step]) {
        let cli = CLI()
        let log = cli.dir + "/tester.log"
        #expect(cli.run(["generate", "--cases", "60", "--log", log]).status == 0)
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: ["XINFANG_TRAINING": "1", "TERM": "xterm-256color", "USER": "tester"],
                                         generate: false, arguments: "--log \(log)")
        #expect(s.waitFor("练习（"))
        s.keys("e")
        #expect(s.waitFor("Enter 开始或继续"))
        for _ in 0..<index { s.keys("j") }
        s.keys("Enter")
        for (n, step) in steps.enumerated() {
            if n > 0 {
                // Back to the exercise from the case: e lists them, Enter returns to the one under way.
                s.keys("e")
                #expect(s.waitFor("进行中 第\(n + 1)/"), "\(id): \(s.screen())")
                s.keys("Enter")
            }
            #expect(s.waitFor("→ \(n + 1)."), "\(id): \(s.screen())")
            s.keys("Enter")
            #expect(s.waitFor("F7 a 办理此案"), "\(id): \(s.screen())")
            if let action = step.action {
                s.keys("a")
                #expect(s.waitFor("此案现在可以办理的操作"), "\(id): \(s.screen())")
                #expect(s.waitFor(action), "\(id): \(s.screen())")
                for _ in 0..<20 where !s.screen().contains("▶" + action) {
                    s.keys("j")
                    usleep(120_000)
                }
                s.keys("Enter")
            } else {
                s.keys("L")
            }
            #expect(s.waitFor("F2 ^S 保存"), "\(id): \(s.screen())")
            for text in step.typed {
                if text == "→" { s.keys("Right", "Tab") } else { s.type(text); s.keys("Tab") }
            }
            s.keys("F2")
            #expect(s.waitFor("✓ " + (n == steps.count - 1 ? "练习完成，一次做对\(steps.count)/\(steps.count)。" : "") + "第\(n + 1)步"),
                    "\(id) step \(n + 1): \(s.screen())")
        }
    }
}
