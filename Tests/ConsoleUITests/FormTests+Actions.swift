import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The action forms: picking an action the phase allows, filling it, and the refusals.
extension FormTests {
    @Test func aClerkTransfersByPickingTheOrganFromASearchableList() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fillGroupVisit(desk)
        desk.press(.function(2), .character("a"))
        #expect(desk.screen.contains("▶转送") && desk.screen.contains("第22条第1款第1项"))
        desk.press(.enter)
        #expect(desk.state.screen == .action(CaseNumber("D-XFJ-2025-00001")!, .transfer))
        desk.press(.enter)
        desk.type("住建")
        let picker = desk.screen
        // Only what the transfer may reach: the district's bureau, not the city's (above it).
        #expect(picker.contains("临江区住房和城乡建设局") && !picker.contains("江城市住房和城乡建设局") && picker.contains("共1项"))
        desk.press(.enter)
        #expect(desk.value("to") == "D-ZJJ")
        desk.press(.function(2))
        let c = try #require(desk.book[CaseNumber("D-XFJ-2025-00001")!])
        #expect(c.phase == .transferred && c.holder == "D-ZJJ")
        #expect(desk.state.screen == .detail(c.number) && desk.screen.contains("已办理：转送"))
        desk.press(.escape)
        #expect(desk.state.screen == .home, "back from the case goes where the clerk came from, not into the form")
    }

    @Test func theHandlerFindsTheCaseByIDReceivesAndAcceptsIt() throws {
        let transferred = Scenario.at(.transferred)
        let desk = try Desk(Fixtures.housingHandler, at: "2025-05-06T09:00", events: transferred.log)
        desk.press(.character("s"))
        desk.type(Fixtures.liNaID)
        #expect(desk.screen.contains("找到1件") && desk.screen.contains("D-XFJ-2025-00001") && desk.screen.contains("证件号码"))
        desk.press(.enter, .character("a"))
        #expect(desk.screen.contains("▶接收"))
        desk.press(.enter, .function(2))
        #expect(desk.book.states[0].phase == .received)
        desk.press(.character("a"))
        #expect(desk.screen.contains("▶受理告知"))
        desk.press(.enter, .function(2))
        #expect(desk.state.flash?.text.contains("办理途径和程序") == true, "the route is required: \(desk.state.flash?.text ?? "")")
        desk.type("依照第32条办理，60日内书面答复")
        desk.press(.function(2))
        #expect(desk.book.states[0].phase == .accepted)
        let screen = desk.screen
        // 60 days from 2025-05-06 is Saturday 2025-07-05, which rolls forward to Monday (Art 34, decision 0002).
        #expect(screen.contains("办理") && screen.contains("2025-07-07") && screen.contains("第34条"), "\(screen)")
    }

    @Test func refusedActionsSayWhyInOneSentence() throws {
        let transferred = Scenario.at(.transferred)
        let desk = try Desk(Fixtures.clerk, at: "2025-05-06T09:00", events: transferred.log)
        desk.press(.character("w"), .enter, .character("a"))
        // Supervision is not a clerk's: picking it says so, with the rule.
        let lines = desk.grid.text
        let row = try #require(lines.firstIndex { $0.contains("督办（非本岗位）") })
        for _ in 0..<(row - 2) { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.state.flash?.text.contains("当前岗位（窗口登记员）无权「督办」") == true, "\(desk.state.flash?.text ?? "")")
        // Receiving is the receiving organ's: the bureau's clerk sees it marked, and is told whose it is.
        desk.press(.character("g"))
        #expect(desk.screen.contains("▶接收（非本机关）"))
        desk.press(.enter)
        let flash = try #require(desk.state.flash?.text)
        #expect(flash.contains("临江区住房和城乡建设局") && flash.contains("第5条"), "\(flash)")
        #expect(desk.state.screen == .actions(desk.book.states[0].number) && desk.book.states[0].phase == .transferred)
        #expect(desk.log.events.count == transferred.log.count)
    }

    @Test func aHandlerCannotOpenTheRegisterForm() throws {
        let desk = try Desk(Fixtures.housingHandler, events: Scenario.at(.received).log)
        #expect(desk.screen.contains("本机关：临江区住房和城乡建设局"))
        #expect(!desk.screen.contains("登记新信访事项"), "the home screen offers what this role does")
        // The received case's objection window ends in a day, but objecting is this organ's option,
        // not a duty: it is never counted as due (issue 14 item 2; decision 0031). Its notice is 15 days off.
        #expect(desk.state.dueSoon == 0, "the objection window is not a duty due")
        desk.press(.character("r"))
        #expect(desk.state.screen == .home && desk.state.flash?.text.contains("无权「登记」") == true)
    }
}
