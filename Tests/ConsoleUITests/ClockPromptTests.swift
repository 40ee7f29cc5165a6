@testable import ConsoleUI
import PetitionCore
import TestSupport
import Testing

/// The training clock's prompt (decision 0026) after a date that is not one.
@Suite("The clock prompt")
struct ClockPromptTests {
    @Test func aBadDateEmptiesThePromptAndTheNextDateMovesTheClock() throws {
        let desk = try Desk(Fixtures.trainee)
        desk.press(.character("t"))
        desk.type("2025-02-30")
        desk.press(.enter)
        #expect(desk.screen.contains("日期「2025-02-30」无效"), "\(desk.screen)")
        #expect(desk.state.clockEntry == "")
        desk.type("2025-06-01")
        desk.press(.enter)
        #expect(desk.book.clock?.to == Fixtures.instant("2025-06-01T10:00"))
    }

    /// A refused date (before the clock, or past what the log can hold) left the prompt
    /// holding it, and the next digits were silently dropped.
    @Test func aRefusedDateEmptiesThePromptToo() throws {
        let desk = try Desk(Fixtures.trainee)
        for refused in ["2025-05-01", "9999-12-31"] {
            desk.press(.character("t"))
            desk.type(refused)
            desk.press(.enter)
            #expect(desk.state.clockEntry == "", "\(refused): \(desk.screen)")
            if refused.hasPrefix("9999") {
                #expect(desk.screen.contains("模拟时钟「9999-12-31」无效，应为2000-01-01…2099-12-31"), "\(desk.screen)")
            }
            desk.press(.escape)
        }
        #expect(desk.book.clock == nil)
    }
}
