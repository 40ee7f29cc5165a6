import ConsoleUI
import PetitionCore
import Testing

/// What the console does about a locale that is not UTF-8 (issue 11, item 6).
@Suite("Terminal locale")
struct TerminalLocaleTests {
    @Test func aUTF8LocaleIsUsedAsItIs() {
        #expect(TerminalLocale.choose(current: "zh_CN.UTF-8", codeset: "UTF-8") { _ in nil } == .asIs)
        #expect(TerminalLocale.choose(current: "C.utf8", codeset: "utf8") { _ in nil } == .asIs)
    }

    @Test func underLangCTheFirstUTF8LocaleTheSystemHasIsTaken() {
        var tried: [String] = []
        let outcome = TerminalLocale.choose(current: "C", codeset: "ANSI_X3.4-1968") { name in
            tried.append(name)
            return name == "zh_CN.UTF-8" ? "UTF-8" : nil
        }
        #expect(outcome == .switched(to: "zh_CN.UTF-8"))
        #expect(tried == ["C.UTF-8", "C.utf8", "zh_CN.UTF-8"])
    }

    @Test func withoutAnyUTF8LocaleTheConsoleRefusesSayingWhy() {
        let outcome = TerminalLocale.choose(current: "POSIX", codeset: "ANSI_X3.4-1968") { _ in nil }
        #expect(outcome == .refused(current: "POSIX", codeset: "ANSI_X3.4-1968"))
        let zh = TerminalLocale.refusal(current: "POSIX", codeset: "ANSI_X3.4-1968", .zh)
        #expect(zh.hasPrefix("终端的语言环境（POSIX，字符集 ANSI_X3.4-1968）不是 UTF-8，本系统也没有可用的 UTF-8 语言环境"))
        #expect(zh.contains("「培训模式」标记") && zh.contains("控制台不启动"))
        let en = TerminalLocale.refusal(current: "", codeset: "ANSI_X3.4-1968", .en)
        #expect(en.hasPrefix("The terminal's locale (C, character set ANSI_X3.4-1968) is not UTF-8"))
    }

    @Test func aLocaleThatSwitchesButIsStillNotUTF8IsNotTaken() {
        #expect(TerminalLocale.choose(current: "C", codeset: "ANSI_X3.4-1968") { _ in "ISO-8859-1" }
                == .refused(current: "C", codeset: "ANSI_X3.4-1968"))
    }
}
