import Foundation
import Testing
import TestSupport

/// The console's documents in a real terminal (issue 15): a receipt from the register form,
/// an opinion from a case, each issued with `p` then Enter, saved, and verified by the CLI.
@Suite("Documents in the console, in tmux", .serialized)
struct DocumentTmuxTests {
    typealias Session = ConsoleTmuxTests.Session

    @Test func aReceiptFromTheRegisterForm() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let clerk = Session(on: server, env: ["USER": "clerk"])
        #expect(clerk.waitFor("首页"), "\(clerk.screen())")
        clerk.fillZhangWeisVisit()
        clerk.keys("F2")
        #expect(clerk.waitFor("登记成功"), "\(clerk.screen())")
        clerk.keys("p")
        #expect(clerk.waitFor("信访事项登记回执"), "\(clerk.screen())")
        #expect(clerk.screen().contains("张伟：") && clerk.screen().contains("要求落实安置补偿"))
        clerk.keys("Enter")
        #expect(clerk.waitFor("已出具信访事项登记回执"), "\(clerk.screen())")
        clerk.keys("q")
        #expect(clerk.waitFor("CONSOLE-EXITED-0"))
        let saved = try #require(try FileManager.default.contentsOfDirectory(atPath: clerk.cli.dir + "/documents").first)
        #expect(saved.contains("-receipt-"), "\(saved)")
        let verified = clerk.cli.run(["doc", "verify", clerk.cli.dir + "/documents/" + saved])
        #expect(verified.status == 0 && verified.out.contains("核验通过"), "\(verified.err)")
    }

    @Test func anOpinionFromACase() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let (cli, number) = DocumentTests.opinionCase()
        let handler = Session(on: server, env: ["XINFANG_TRAINING": "1"], generate: false, sharing: cli)
        #expect(handler.waitFor("首页"), "\(handler.screen())")
        handler.keys("s")
        handler.type(number)
        #expect(handler.waitFor("找到1件"), "\(handler.screen())")
        handler.keys("Enter")
        #expect(handler.waitFor("现由"), "\(handler.screen())")
        handler.keys("p")
        #expect(handler.waitFor("信访事项处理意见书"), "\(handler.screen())")
        #expect(handler.screen().contains("处理意见：交付时间符合协议"), "\(handler.screen())")
        handler.keys("Enter")
        #expect(handler.waitFor("已出具信访事项处理意见书"), "\(handler.screen())")
        handler.keys("q")
        #expect(handler.waitFor("CONSOLE-EXITED-0"))
        let list = cli.run(["doc", "list", number])
        #expect(list.out.contains("已出具") && list.out.contains("信访事项处理意见书"), "\(list.out)")
    }
}
