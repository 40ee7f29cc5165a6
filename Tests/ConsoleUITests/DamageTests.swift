import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// A console on a damaged log says so on its first screen and opens no form: a clerk
/// never types a whole petition into a log that cannot take it (issue 10, item 5).
@Suite("A damaged log in the console")
struct DamageTests {
    static let warning = "日志已损坏：第3条记录（字节偏移960，有效载荷校验和不符）；现为只读，请运行 xinfang log verify / log recover"

    @Test func theWarningIsOnTheFirstScreen() throws {
        let desk = try Desk(Fixtures.clerk, damage: Self.warning)
        #expect(desk.firstScreen.contains("⚠ 日志已损坏：第3条记录"), "\(desk.firstScreen)")
        #expect(desk.screen.contains("⚠ 日志已损坏：第3条记录"))
    }

    @Test func theRegisterFormDoesNotOpenAndSaysWhy() throws {
        let desk = try Desk(Fixtures.clerk, damage: Self.warning)
        desk.press(.character("r"))
        #expect(desk.state.screen == .home && desk.state.form == nil)
        let flash = try #require(desk.state.flash?.text)
        #expect(flash.hasPrefix("日志已损坏") && flash.contains("xinfang log verify") && flash.contains("log recover"), "\(flash)")
        #expect(!flash.contains("\n"))
    }

    @Test func noActionFormOpensEither() throws {
        let desk = try Desk(Fixtures.housingHandler, events: Scenario.at(.received).log, damage: Self.warning)
        desk.press(.character("w"), .enter)
        guard case .detail(let number) = desk.state.screen else { Issue.record("no case: \(desk.screen)"); return }
        desk.press(.character("a"))
        #expect(desk.state.screen == .actions(number), "the list of what could be done is shown")
        desk.press(.enter)
        #expect(desk.state.screen == .actions(number) && desk.state.form == nil)
        #expect(desk.state.flash?.text.hasPrefix("日志已损坏") == true)
        #expect(desk.book.states[0].phase == .received, "nothing was written")
    }

    /// Opened from a snapshot, the records it covers are checked in the seconds after:
    /// until that is done, damage there is not known, so no form opens yet.
    @Test func noFormOpensUntilTheLogIsChecked() throws {
        let desk = try Desk(Fixtures.clerk, checking: true)
        #expect(desk.firstScreen.contains("… 正在核对日志"))
        desk.press(.character("r"))
        #expect(desk.state.form == nil && desk.state.flash?.text.hasPrefix("正在核对日志") == true)
        desk.host.checking = false
        desk.wait(seconds: 1)
        desk.press(.escape, .character("r"))
        #expect(desk.state.screen == .register)
    }

    @Test func anIntactLogOpensFormsAsBefore() throws {
        let desk = try Desk(Fixtures.clerk)
        #expect(!desk.firstScreen.contains("⚠"))
        desk.press(.character("r"))
        #expect(desk.state.screen == .register)
    }
}
