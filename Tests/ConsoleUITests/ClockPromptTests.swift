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
}
