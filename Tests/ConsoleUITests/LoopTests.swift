@testable import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The run loop itself: what it picks up from other consoles and when, the effect a
/// save returns, and the data version that tells the screens to recompute.
@Suite("Console run loop")
struct LoopTests {
    @Test func anotherConsolesRecordShowsAfterTheHalfSecondPollNotOnAKeyPress() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("w"))
        #expect(desk.screen.contains("共0件"))
        // Another console on the same log registers a case.
        let other = try CaseBook(log: desk.log.handle())
        _ = try other.register([Fixtures.groupVisit()], now: Fixtures.instant("2025-05-12T10:00"), actor: Fixtures.clerk,
                               reference: Fixtures.reference)
        desk.press(.tick)
        #expect(desk.screen.contains("共0件"), "not before the poll is due")
        desk.wait(seconds: ConsoleLoop.pollInterval)
        desk.press(.tick)
        #expect(desk.screen.contains("共1件") && desk.screen.contains("D-XFJ-2025-00001"), "\(desk.screen)")
    }

    @Test func aSaveReturnsItsEffectAndWritesNothingItself() throws {
        let desk = try Desk(Fixtures.clerk)
        FormTests.fillGroupVisit(desk)
        var state = desk.state
        let effect = Update.apply(.function(2), to: &state, data: desk.data, pageSize: 18)
        guard case .register(let petition) = effect else { Issue.record("no register effect: \(String(describing: effect))"); return }
        #expect(petition.petitioner.name == "张伟" && petition.group?.people == 12)
        #expect(desk.book.states.isEmpty && state.screen == .register, "written only when the loop performs it")
        #expect(Update.apply(.tab, to: &state, data: desk.data, pageSize: 18) == nil)
    }

    @Test func theDataVersionMovesWithTheCasesTheRowsAndTheDayOnly() throws {
        let r = Fixtures.reference
        var data = ConsoleData(states: [], directory: r.directory, calendar: r.calendar, categories: r.categories,
                               articles: r.articles, policy: r.policy, actor: Fixtures.clerk,
                               now: Fixtures.instant("2025-05-12T10:00"), training: true)
        #expect(data.version == 0)
        data.now = Fixtures.instant("2025-05-12T16:00")
        data.warning = "⚠"
        #expect(data.version == 0, "the same day, a warning: nothing to recompute")
        data.now = Fixtures.instant("2025-05-13T09:00")
        #expect(data.version == 1)
        data.rows = []
        #expect(data.version == 2)
        let s = Scenario.at(.registered).state
        data.update([s], positions: CasePositions([s]))
        #expect(data.version == 3 && data.state(s.number) != nil)
    }
}

/// 人员名单 (F8 u): the staff as the log's staff records give them, the user at the keyboard
/// marked; read-only (changes are an administrator's `xinfang staff`, recorded).
@Suite("The staff screen")
struct StaffScreenTests {
    @Test func theStaffScreenListsTheStaffRecordsAndMarksTheUser() throws {
        let desk = try Desk(Fixtures.clerk)
        try desk.book.changeStaff(Roster(members: [
            .init(user: "clerk", name: "王登记", role: .clerk, organ: "D-XFJ"),
            .init(user: "handler", name: "李承办", role: .handler, organ: "D-ZJJ"),
        ]).enrolment(by: "clerk", at: Fixtures.instant("2025-05-01")), directory: Fixtures.reference.directory)
        desk.wait(seconds: 1)
        desk.press(.character("u"))
        #expect(desk.state.screen == .staff)
        #expect(desk.screen.contains("王登记") && desk.screen.contains("李承办"), "\(desk.screen)")
        #expect(desk.screen.contains("（本人）") && desk.screen.contains("xinfang staff add"))
    }
}

/// Search and filter start fresh, and Ctrl-U clears what is typed (issue 12: `s 王秀英`,
/// back, `s 于婷` searched 王秀英于婷; Ctrl-U did nothing).
@Suite("Typing starts fresh")
struct FreshTypingTests {
    @Test func aNewSearchStartsFromNothingAndCtrlUClearsTheQuery() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("s"))
        desk.type("王秀英")
        desk.press(.escape, .character("s"))
        desk.type("于婷")
        #expect(desk.state.query.text == "于婷")
        desk.press(.control("u"))
        #expect(desk.state.query.text.isEmpty)
    }

    @Test func ctrlUClearsAFormFieldAndANewFilterStartsEmpty() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.name")
        desk.type("张伟")
        #expect(desk.value("petitioner.name") == "张伟")
        desk.press(.control("u"))
        #expect(desk.value("petitioner.name") == "")
        desk.press(.escape, .character("y"), .character("w"), .character("/"))
        desk.type("李")
        desk.press(.enter, .character("/"))
        #expect(desk.state.filter.isEmpty)
    }
}

/// Keys as the help says they act (issue 12): End, G and PgDn on the action list; nothing
/// unseen on the too-small screen, except quitting.
@Suite("Keys where they were dead or acted unseen")
struct KeyCoverageTests {
    @Test func endAndPageDownMoveOnTheActionList() throws {
        let desk = try Desk(Fixtures.clerk, events: Scenario.at(.registered).log)
        desk.press(.character("w"), .enter, .character("a"))
        guard case .actions(let number) = desk.state.screen else { Issue.record("no action list: \(desk.screen)"); return }
        let count = Update.actions(number, desk.data).count
        desk.press(.end)
        #expect(desk.state.actionSelected == count - 1)
        desk.press(.character("g"), .pageDown)
        #expect(desk.state.actionSelected == min(count - 1, Console.pageSize(rows: 24)))
    }

    @Test func theTooSmallScreenTakesNoKeyButQuit() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.resize(rows: 20, columns: 60)
        desk.press(.character("r"), .character("w"))
        #expect(desk.state.screen == .home && desk.state.form == nil)
        desk.press(.character("q"))
        #expect(desk.state.quit)
    }
}

/// Save lists every problem at once, beside each field, in the form's order, with the
/// cursor on the first (issue 12: one problem a save, in no order).
@Suite("Every problem at once")
struct EveryProblemAtOnceTests {
    @Test func anEmptyVisitSavedShowsEveryMissingFieldAndGoesToTheFirst() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"), .function(2))
        let form = try #require(desk.state.form)
        for key in ["petitioner.name", "petitioner.idNumber", "category", "request"] {
            #expect(form.errors[key] != nil, "\(key): \(form.errors)")
        }
        #expect(form.focus == "petitioner.name")
        #expect(desk.state.flash?.text.hasPrefix("共") == true, "\(desk.state.flash?.text ?? "")")
        #expect(desk.book.states.isEmpty, "nothing was written")
    }
}

/// An action's form names its fields as the form does: 关联's relation is 关系, not a
/// petitioner's 类别 (issue 12).
@Suite("Action forms name their own fields")
struct ActionFieldNamesTests {
    @Test func theLinkFormAsksForItsRelationByItsName() throws {
        let desk = try Desk(Fixtures.clerk, events: Scenario.at(.registered).log)
        desk.press(.character("w"), .enter, .character("a"), .end, .enter)
        guard case .action(_, .link) = desk.state.screen else { Issue.record("not the link form: \(desk.screen)"); return }
        desk.press(.control("s"))
        let messages = (desk.state.form?.errors.values.map { $0 } ?? []) + [desk.state.flash?.text ?? ""]
        #expect(messages.contains { $0.contains("关联案件编号") }, "\(messages)")
        #expect(!messages.contains { $0.contains("类别") }, "\(messages)")
    }
}

/// The organ picker offers only what the save would take (issue 12: it offered organs the
/// save then refused).
@Suite("Pickers offer what may be chosen")
struct PickerOfferTests {
    func offered(_ kind: ActionKind, _ desk: Desk) throws -> [String] {
        let number = try #require(desk.book.states.first?.number)
        let fields = ActionForm.fields(kind, on: number, Form(focus: "to"), desk.data, .zh)
        let to = try #require(fields.first { $0.key == "to" })
        return to.options.map { $0.value }
    }

    @Test func aTransferFromTheBureauOffersOrgansWithinItsReachOnly() throws {
        let desk = try Desk(Fixtures.clerk, events: Scenario.at(.registered).log)
        let offered = try offered(.transfer, desk)
        #expect(offered.contains("D-ZJJ") && offered.contains("S-BJ"))
        #expect(!offered.contains("D-XFJ") && !offered.contains("C-ZJJ") && !offered.contains("C-GOV"), "\(offered)")
        let political = try self.offered(.referPoliticalLegal, desk)
        #expect(!political.isEmpty && political.allSatisfy { Fixtures.directory[$0]?.type == .politicalLegal }, "\(political)")
    }
}
