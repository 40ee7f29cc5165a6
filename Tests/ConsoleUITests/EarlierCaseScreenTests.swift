import PetitionCore
import TestSupport
import Testing

/// A flag registration recorded shows on the console's queue and case screens, with its
/// article, until the clerk settles it (decision 0017).
@Suite("Earlier-case flags on the console")
struct EarlierCaseScreenTests {
    static func flaggedLog() throws -> [CaseEvent] {
        var s = Scenario()
        let final = Scenario.finalCase(of: Fixtures.letter().petitioner)
        s.others[final.number] = final
        s.earlierCasesFromOthers = true
        try s.run(.register(Fixtures.letter(received: "2025-05-12")), as: Fixtures.clerk, at: "2025-05-12T09:00")
        return s.log
    }

    @Test func theQueueLeadsTheStateWithTheFlagAndTheCaseScreenGivesItsArticle() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("w"))
        #expect(desk.screen.contains("已终结·"), "\(desk.screen)")
        desk.press(.enter)
        #expect(desk.screen.contains("在先案件提示：D-XFJ-2024-00009 已终结：同一事项不再受理（第36条第3款）"),
                "\(desk.screen)")
    }

    @Test func theNotAcceptFormOpensWithTheFlaggedCaseAndTheReasonFilledIn() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("w"), .enter, .character("a"))
        // Not taken forward until the clerk decides: no transfer offered.
        #expect(!desk.screen.contains("转送"), "\(desk.screen)")
        for _ in 0..<20 where !desk.screen.contains("▶不予受理") { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.value("ref") == "D-XFJ-2024-00009" && desk.value("reason") == NonAcceptance.alreadyFinal.rawValue)
    }

    @Test func anIDTypedWithSpacesFindsThePersonsEarlierCases() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("r"))
        desk.tab(to: "petitioner.idNumber")
        let spaced = Fixtures.liNaID.prefix(6) + " " + Fixtures.liNaID.dropFirst(6).prefix(8) + " " + Fixtures.liNaID.suffix(4).lowercased()
        desk.type(String(spaced))
        desk.press(.tab)
        #expect(desk.screen.contains("D-XFJ-2025-00001"), "\(desk.screen)")
    }

    @Test func thePracticeReceiptClockFitsTheQueuesClockColumn() throws {
        let desk = try Desk(Fixtures.clerk, events: Scenario.at(.transferred).log)
        desk.press(.character("w"))
        #expect(desk.screen.contains("签收 ") && !desk.screen.contains("签收（"), "\(desk.screen)")
    }

    @Test func theTimelineDetailsTheFlagRecordedWithTheRegistration() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("w"), .enter, .end)
        // The flag's own step names the earlier case, not the registration's details again.
        #expect(desk.screen.contains("在先案件：D-XFJ-2024-00009 已终结：同一事项不再受理"), "\(desk.screen)")
    }

    @Test func aPasteIntoSearchIsTyped() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("s"), .paste("李娜\n"))
        #expect(desk.state.query.text == "李娜 " && desk.screen.contains("D-XFJ-2025-00001"), "\(desk.screen)")
    }

    @Test func aPasteWithAControlCharacterIsRefusedWholeNamingIt() throws {
        let desk = try Desk(Fixtures.clerk, events: try Self.flaggedLog())
        desk.press(.character("r"))
        desk.tab(to: "facts")
        desk.press(.paste("按申诉\u{07}求决\u{1B}[31m类办理"))
        #expect(desk.value("facts") ?? "" == "")
        #expect(desk.state.form?.errors["facts"]?.contains("\\u{7}") == true, "\(desk.state.form?.errors ?? [:])")
    }
}
