@testable import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// A long inspection finding (督查, Art 38) on the list of acts of organs: the selected act's
/// detail scrolls as the case screen does (decision 0019) and says that there is more.
@Suite("The list of acts: a long finding scrolls")
struct OrganActDetailTests {
    /// Forty findings, one a line: far more than the rows under the list at 80×24.
    static let finding = (1...40).map { "发现\($0)：登记簿第\($0)页未载明受理告知日期" }.joined(separator: "\n")

    /// The supervisor's desk with one inspection of the housing bureau, its list of acts open.
    static func acts() throws -> Desk {
        let desk = try SupervisorDeskScreenTests.desk()
        try desk.book.recordOrganAct(OrganSupervisionCommand(measure: .inspection, organ: "D-ZJJ", note: finding),
                                     now: Fixtures.instant("2025-06-01T09:00"), actor: Fixtures.supervisor,
                                     reference: Fixtures.reference, staff: Fixtures.staff)
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.press(.tick)
        for _ in 0..<4 { desk.press(.right) }
        for _ in 0..<30 where !desk.screen.contains(/督办措施 +▶/) { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.state.screen == .organActs, "\(desk.screen)")
        return desk
    }

    /// The screen's rows that show findings, by their numbers.
    static func findings(_ desk: Desk) -> [Int] {
        desk.grid.text.compactMap { row in row.firstMatch(of: /发现(\d+)：/).flatMap { Int($0.output.1) } }
    }

    @Test func aLongFindingSaysHowMuchIsShownAndThatThereIsMore() throws {
        let desk = try Self.acts()
        let shown = Self.findings(desk)
        #expect(shown.first == 1 && shown.count < 40, "\(desk.screen)")
        // The cases line, then the 40 findings (the first after 事由：): 41 lines, the title apart.
        #expect(desk.screen.contains("第1项详情 第1–\(shown.count + 1)行/共41行 · 以下另有\(40 - shown.count)行 · → 滚动详情"),
                "\(desk.screen)")
    }

    /// Each finding after the first starts under the first one's first character, not at the
    /// margin under 事由 (tester, issue 14).
    @Test func aFindingsLaterLinesHangUnderItsFirstCharacter() throws {
        let desk = try Self.acts()
        let rows = desk.grid.text.filter { $0.contains("发现") }
        let first = try #require(rows.first), second = try #require(rows.dropFirst().first)
        let column = { (row: String) in DisplayWidth.of(String(row[..<row.range(of: "发现")!.lowerBound])) }
        #expect(first.contains("事由：发现1："), "\(desk.screen)")
        #expect(column(second) == column(first), "\(desk.screen)")
    }

    @Test func arrowsScrollTheDetailLineByLineAndPageByPageToItsEnd() throws {
        let desk = try Self.acts()
        let rows = Self.findings(desk).count + 1
        desk.press(.right)
        #expect(desk.state.actDetailFocused && desk.screen.contains("← 回到清单"), "\(desk.screen)")
        desk.press(.down)
        #expect(Self.findings(desk).first == 1 && Self.findings(desk).last == rows, "one line: the cases line went up")
        desk.press(.pageDown)
        // A page less one line: the last line read stays in view at the top.
        #expect(Self.findings(desk).first == rows, "\(desk.screen)")
        desk.press(.end)
        #expect(Self.findings(desk).last == 40 && desk.screen.contains("共41行") && !desk.screen.contains("以下另有"),
                "\(desk.screen)")
        desk.press(.pageDown, .down)
        #expect(Self.findings(desk).last == 40, "no scrolling past the end")
        desk.press(.home)
        #expect(Self.findings(desk).first == 1, "\(desk.screen)")
        // The act stays selected and its title stays put throughout.
        #expect(desk.state.actSelected == 0 && desk.screen.contains("第1项 督查 临江区住房和城乡建设局"))
    }

    @Test func leftOrEscReturnToTheListAndEscThenToTheDesk() throws {
        let desk = try Self.acts()
        desk.press(.right, .end, .left)
        #expect(!desk.state.actDetailFocused && desk.state.screen == .organActs)
        #expect(desk.screen.contains("→ 滚动详情"), "the detail keeps where it was read to: \(desk.screen)")
        desk.press(.right, .escape)
        #expect(!desk.state.actDetailFocused && desk.state.screen == .organActs)
        desk.press(.escape)
        #expect(desk.state.screen == .home)
    }

    /// A short note fits: nothing is said about scrolling, and → still lists the act's cases.
    @Test func aShortNoteNeedsNoScrollingAndRightStillOpensTheCases() throws {
        let desk = try SupervisorDeskScreenTests.desk()
        try desk.book.recordOrganAct(SupervisorDeskScreenTests.listing, now: Fixtures.instant("2025-06-01T09:00"),
                                     actor: Fixtures.supervisor, reference: Fixtures.reference, staff: Fixtures.staff)
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.press(.tick)
        for _ in 0..<4 { desk.press(.right) }
        for _ in 0..<30 where !desk.screen.contains(/督办措施 +▶/) { desk.press(.down) }
        desk.press(.enter)
        #expect(!desk.screen.contains("详情 第") && !desk.screen.contains("滚动详情"), "\(desk.screen)")
        desk.press(.right)
        #expect(desk.state.screen == .queue && desk.state.rows.count == 2, "\(desk.screen)")
    }
}
