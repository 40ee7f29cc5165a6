import ConsoleUI
import PetitionCore
import TestSupport
import Testing

/// Art 30 at the console: the home screen and its lists, the queue and its filter,
/// search and the case screen, driven by keys on the real run loop (`Desk`), as the
/// accused organ's staff, show nothing of the accuser; the bureau's clerk sees it.
/// A new screen an accusation can reach is one more line in `screens`.
@Suite("Art 30 at the console")
struct Art30ConsoleTests {
    static let secrets = ["赵检举", Fixtures.liNaID, "13900139000", "临江区秘密路9号", "举报住建局科长受贿", "某科长收受开发商财物"]

    static func events() throws -> [CaseEvent] {
        var p = Fixtures.letter(type: .accusation)
        p.petitioner = Petitioner(name: "赵检举", idNumber: Fixtures.liNaID, phone: "13900139000", address: "临江区秘密路9号")
        p.request = "举报住建局科长受贿"
        p.facts = "某科长收受开发商财物"
        p.category = "DISCIPLINE"
        p.accusedOrgan = "D-ZJJ"
        p.accusedPerson = AccusedPerson(name: "钱科长", post: "科长", organ: "D-ZJJ")
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-05-12T09:00")
        return s.log
    }

    /// A screen, reached by keys from the home screen.
    struct Screen: Sendable, CustomTestStringConvertible {
        var name: String
        var reach: @Sendable (Desk) -> Void
        /// What the bureau's clerk finds there (nil: nothing of the accuser is shown there to anyone).
        var sees: String? = "赵检举"
        /// What the user typed to get there (a query, a filter): their own words on the
        /// screen, not a disclosure, so they are not looked for.
        var typed: String? = nil
        var testDescription: String { name }
    }

    static let screens: [Screen] = [
        Screen(name: "home", reach: { _ in }, sees: nil),
        Screen(name: "queue", reach: { $0.press(.character("w")) }),
        Screen(name: "queue, due within 3 days", reach: { d in d.press(.character("w")); Self.view(d, .dueSoon) }),
        Screen(name: "queue filtered by the accuser's name", reach: { d in
            d.press(.character("w"), .character("/")); d.type("赵检举"); d.press(.enter)
        }, sees: "D-XFJ-2025-00001", typed: "赵检举"),
        Screen(name: "search by case number", reach: { d in d.press(.character("s")); d.type("D-XFJ-2025-00001") },
               typed: "D-XFJ-2025-00001"),
        Screen(name: "search by name", reach: { d in d.press(.character("s")); d.type("赵检举") }, sees: "姓名", typed: "赵检举"),
        Screen(name: "search by ID number", reach: { d in d.press(.character("s")); d.type(Fixtures.liNaID) },
               sees: "证件号码", typed: Fixtures.liNaID),
        Screen(name: "search by phone", reach: { d in d.press(.character("s")); d.type("13900139000") },
               sees: "联系电话", typed: "13900139000"),
        Screen(name: "search by words", reach: { d in d.press(.character("s")); d.type("受贿") }, sees: "内容", typed: "受贿"),
        Screen(name: "case screen", reach: { $0.press(.character("w"), .enter) }),
        // (Only a role that registers has the form: for the others `r` opens nothing to type in.)
        Screen(name: "register form, the accuser's earlier cases", reach: { d in
            d.press(.character("r"))
            guard d.state.form != nil else { return }
            d.tab(to: "petitioner.idNumber"); d.type(Fixtures.liNaID)
        }, sees: "D-XFJ-2025-00001", typed: Fixtures.liNaID),
        // Decision 0024: a supervision act of an organ, from the desk — supervisors' alone; an
        // accused organ's head has the desk of its own organ and no act to open from it.
        Screen(name: "supervision act form from the desk", reach: { d in d.press(.character("j"), .character("a")) }, sees: nil),
        // Decision 0030: the list of acts from the desk (an organ head's own), with an interview
        // of the accused organ citing the accusation and lifted for a reason that names it.
        Screen(name: "list of acts of organs, an act and its lift citing the accusation", reach: { d in
            Self.interviewAndLift(d)
            for _ in 0..<4 { d.press(.right) }
            for _ in 0..<30 where !d.screen.contains(/督办措施 +▶/) { d.press(.down) }
            d.press(.enter)
        }, sees: nil),
        // Issue 14 item 4: the statistics screen (a supervisor's, or an organ head's own organ's)
        // shows figures of cases, by each breakdown, and names no one.
        Screen(name: "statistics screen, by category and by organ", reach: { d in
            d.press(.character("c"))
            guard d.state.screen == .statistics else { return }
            for secret in Self.secrets { #expect(!d.screen.contains(secret), "statistics by category") }
            d.press(.tab)
        }, sees: nil),
        // Issue 16 (decision 0026): the exercises and the clock prompt show the exercises'
        // own stories and the simulated time, nothing of a case's petitioner.
        Screen(name: "exercises", reach: { $0.press(.character("e")) }, sees: nil),
        Screen(name: "clock prompt", reach: { $0.press(.character("t")) }, sees: nil),
    ]

    /// An interview of the accused organ over the accusation, its note and its lift's reason
    /// naming it, recorded as a supervisor at another console would.
    static func interviewAndLift(_ d: Desk) {
        let r = Fixtures.reference
        let cases = [CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)]
        _ = try? d.book.recordOrganAct(OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ", target: .leadershipTeam,
                                                               cases: cases, note: "举报住建局科长受贿一案查处不力", days: 30),
                                       now: Fixtures.instant("2025-05-12T10:00"), actor: Fixtures.supervisor, reference: r)
        _ = try? d.book.recordOrganAct(OrganSupervisionCommand(measure: .interview, organ: "D-ZJJ",
                                                               note: "某科长收受开发商财物已查处", lifts: 1),
                                       now: Fixtures.instant("2025-05-12T10:00"), actor: Fixtures.supervisor, reference: r)
        d.wait(seconds: ConsoleLoop.pollInterval)
        d.press(.tick)
    }

    /// The accused organ's staff: its handler and head, and its clerk (who registers).
    static let accused = [Fixtures.housingHandler, Fixtures.housingHead,
                          PetitionCore.Actor(user: "z-clerk", role: .clerk, organ: "D-ZJJ")]

    /// Cycles the queue's view until it is `view` (the key that does it, as the help lists it).
    static func view(_ desk: Desk, _ view: QueueView) {
        for _ in 0..<QueueView.allCases.count where desk.state.view != view {
            desk.press(.tab)
        }
        #expect(desk.state.view == view)
    }

    @Test(arguments: screens)
    func theAccusedOrgansStaffFindNothingOfTheAccuser(_ screen: Screen) throws {
        for actor in Self.accused {
            let desk = try Desk(actor, events: try Self.events())
            screen.reach(desk)
            let shown = screen.typed.map { desk.screen.replacingOccurrences(of: $0, with: "") } ?? desk.screen
            for secret in Self.secrets {
                #expect(!shown.contains(secret), "\(screen.name) shows \(secret) to \(actor.user)")
            }
            if screen.typed != nil { #expect(!shown.contains("D-XFJ-2025-00001"), "\(screen.name) finds it for \(actor.user)") }
        }
        let clerk = try Desk(Fixtures.clerk, events: try Self.events())
        screen.reach(clerk)
        if let sees = screen.sees { #expect(clerk.screen.contains(sees), "\(screen.name): \(clerk.screen)") }
    }
}

/// The accused organ's head reaches the list of acts on its own desk: the interview of its
/// organ is listed, its cases, note and lifting reason withheld (Art 30; decision 0030).
@Suite("Art 30 on the list of acts")
struct Art30OrganActsTests {
    @Test func theAccusedHeadSeesTheActOfItsOrganButNothingOfTheAccusation() throws {
        let desk = try Desk(Fixtures.housingHead, events: try Art30ConsoleTests.events())
        Art30ConsoleTests.interviewAndLift(desk)
        for _ in 0..<4 { desk.press(.right) }
        for _ in 0..<30 where !desk.screen.contains(/督办措施 +▶/) { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.state.screen == .organActs, "\(desk.screen)")
        #expect(desk.screen.contains("约谈") && desk.screen.contains("已解除"), "\(desk.screen)")
        #expect(desk.screen.contains("事由：" + PersonalData.withheld) && desk.screen.contains("解除：" + PersonalData.withheld),
                "\(desk.screen)")
        for secret in Art30ConsoleTests.secrets + ["D-XFJ-2025-00001"] { #expect(!desk.screen.contains(secret), "\(secret)") }
    }
}
