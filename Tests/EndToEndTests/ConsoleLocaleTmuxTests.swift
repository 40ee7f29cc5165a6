import Foundation
import Testing

/// Issue 11, item 6: under a locale that is not UTF-8 (`LANG=C`, `POSIX`, none at all)
/// curses would drop every Chinese character without a word, the training marker among
/// them. The console switches to the system's UTF-8 locale (C.UTF-8) instead.
@Suite("The console under a non-UTF-8 locale", .serialized)
struct ConsoleLocaleTmuxTests {
    @Test(arguments: [["LANG": "C", "LC_ALL": "C"], ["LANG": "POSIX", "LC_ALL": "POSIX"], ["LANG": "", "LC_ALL": ""]])
    func chineseAndTheTrainingMarkerAreShownUnderANonUTF8Locale(locale: [String: String]) {
        let server = TmuxServer()
        defer { server.kill() }
        let s = ConsoleTmuxTests.Session(on: server, env: locale)
        #expect(s.waitFor("首页", seconds: 10), "\(s.screen())")
        #expect(s.screen().contains("培训模式"), "\(s.screen())")
        s.keys("w")
        #expect(s.waitFor("案件编号"), "\(s.screen())")
        s.keys("q")
        #expect(s.waitFor("CONSOLE-EXITED-0"), "\(s.screen())")
    }
}
