@testable import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The supervisor's home (督办台, decision 0022): every number opens its cases, Esc returns to
/// the number; the queue filters by organ, state and flag; the desk follows other consoles.
@Suite("Supervisor's desk")
struct SupervisorDeskScreenTests {
    /// Five cases on 2025-06-01 (counted by hand in BreachTests): 1 at the bureau, triage late;
    /// 2 transferred and 3 assigned to the housing bureau, never received; 4 in handling
    /// there under a 督办 whose feedback is late; 5 received, notice late.
    static func fiveCases() throws -> [CaseEvent] {
        var four = Scenario.at(.handling)
        try four.run(.orderSupervision(organ: "D-ZJJ", suggestion: .improveWork, reason: "拖延办理", days: 10),
                     as: Fixtures.supervisor, at: "2025-05-20T09:00")
        let logs = [Scenario.at(.registered).log, Scenario.at(.transferred).log, Scenario.at(.assigned).log, four.log,
                    Scenario.at(.received).log]
        var events: [CaseEvent] = []
        for (i, log) in logs.enumerated() {
            for var event in log {
                event.caseNumber = CaseNumber(organ: "D-XFJ", year: 2025, sequence: i + 1)
                event.seq = events.count + 1
                events.append(event)
            }
        }
        return events
    }

    static func desk(_ actor: PetitionCore.Actor = Fixtures.supervisor) throws -> Desk {
        try Desk(actor, at: "2025-06-01T10:00", events: fiveCases())
    }

    @Test func theSupervisorsHomeMatchesItsGoldenFrame() throws {
        let desk = try Self.desk()
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: ScreenTests.golden("desk"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func anOverdueCountOpensItsCasesAndEscReturnsToIt() throws {
        let desk = try Self.desk()
        // The housing bureau is the latest organ: its line comes first; its third number is overdue.
        desk.press(.character("j"), .character("j"))
        #expect(desk.state.deskSelected == 2)
        desk.press(.enter)
        #expect(desk.state.screen == .queue)
        #expect(Set(desk.state.rows.map(\.number.sequence)) == [2, 3, 4, 5] && desk.state.rows.count == 4)
        #expect(desk.screen.contains("区住建局·已逾期"))
        desk.press(.escape)
        #expect(desk.state.screen == .home && desk.state.deskSelected == 2 && desk.state.drill == nil)
        desk.press(.character("w"))
        #expect(desk.state.rows.count == 5, "the plain queue is not left filtered")
    }

    /// On an organ's number, `a` opens a supervision act of that organ with the number's cases
    /// (decision 0024); F2 records it as a record of no case, and the desk is back.
    @Test func anOrgansOverdueNumberRecordsAnInterviewOfItsLeader() throws {
        let desk = try Self.desk()
        desk.press(.character("j"), .character("j"), .character("a"))
        #expect(desk.state.screen == .organAct("D-ZJJ"), "\(desk.screen)")
        #expect(desk.screen.contains("督办措施：临江区住房和城乡建设局"))
        // 约谈 of a leader: the leader's field appears once the target is a leader.
        desk.press(.tab, .right)
        #expect(desk.screen.contains("领导姓名职务"), "\(desk.screen)")
        desk.press(.tab)
        desk.type("张三 副局长")
        desk.press(.tab)
        desk.type("30")
        desk.press(.tab, .tab)
        desk.press(.function(2))
        #expect(desk.state.screen == .organAct("D-ZJJ") && desk.book.organActs.isEmpty, "no note: nothing written")
        #expect(desk.screen.contains("请填写"), "\(desk.screen)")
        desk.type("四件逾期")
        desk.press(.function(2))
        #expect(desk.state.screen == .home, "\(desk.screen)")
        #expect(desk.screen.contains("已记录：约谈"))
        let act = try #require(desk.book.organActs.first)
        #expect(act.measure == .interview && act.organ == "D-ZJJ" && act.target == .leader && act.leader == "张三 副局长")
        #expect(act.cases.map(\.sequence) == [2, 3, 4, 5] && act.due == Fixtures.day("2025-07-01"))
    }

    @Test func aHandlerHasNoSupervisionActToOpen() throws {
        let desk = try Self.desk(Fixtures.housingHead)
        desk.press(.character("a"))
        #expect(desk.state.screen == .home)
    }

    @Test(arguments: [("区住建局", 4), ("D-ZJJ", 4), ("督办中", 1), ("已接收", 1), ("区信访局", 1)])
    func theQueueFilterFindsByOrganStateAndFlag(_ text: String, _ count: Int) throws {
        let desk = try Self.desk()
        desk.press(.character("w"), .character("/"))
        desk.type(text)
        desk.press(.enter)
        #expect(desk.state.rows.count == count, "\(text): \(desk.state.rows.map(\.number))")
    }

    @Test func aHandlerKeepsTheClerksHomeAndAnOrganHeadSeesTheirOrgansDesk() throws {
        #expect(try Self.desk(Fixtures.housingHandler).state.desk == nil)
        let head = try Self.desk(Fixtures.housingHead)
        #expect(head.state.desk?.organs.map(\.organ) == ["D-ZJJ"])
        #expect(head.screen.contains("本机关督办台"))
    }

    @Test func theDeskFollowsARegistrationFromAnotherConsole() throws {
        let desk = try Self.desk()
        let before = desk.state.desk?.organs.first { $0.organ == "D-XFJ" }?.line.open.count
        let other = try CaseBook(log: desk.log.handle())
        _ = try other.register([Fixtures.letter(received: "2025-06-01")], now: Fixtures.instant("2025-06-01T10:00"),
                               actor: Fixtures.clerk, reference: Fixtures.reference)
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.press(.tick)
        #expect(desk.state.desk?.organs.first { $0.organ == "D-XFJ" }?.line.open.count == (before ?? 0) + 1)
    }
}

/// More organs than the desk's lines: the desk says how many more, and how to reach them.
@Suite("The supervisor's desk with many organs")
struct SupervisorDeskManyOrgansTests {
    @Test func organsPastTheLinesShownAreCountedWithTheWayToThem() throws {
        let organs: [OrganCode] = ["D-ZJJ", "D-RSJ", "D-ZRZY", "D-CGJ", "D-JYJ", "D-MZJ", "D-GAJ", "D-ZFW", "D-JW"]
        var events: [CaseEvent] = []
        for (i, organ) in organs.enumerated() {
            var s = Scenario.at(.registered)
            try s.run(.transfer(to: organ, note: nil), as: Fixtures.clerk, at: "2025-05-20T09:00")
            for var event in s.log {
                event.caseNumber = CaseNumber(organ: "D-XFJ", year: 2025, sequence: i + 1)
                event.seq = events.count + 1
                events.append(event)
            }
        }
        let desk = try Desk(Fixtures.supervisor, at: "2025-06-01T10:00", events: events)
        let screen = desk.grid.snapshot
        #expect(organs.count > DeskScreen.organLines)
        #expect(screen.contains("另有\(organs.count - DeskScreen.organLines)个机关：/ 按机关筛选"), "\(screen)")
    }
}
