import Foundation
import PetitionCore
import TestSupport
import Testing

/// Art 30 at the core: every view built from a case, as the accused organ's staff and
/// the accused person see it, holds nothing of the accuser; every route to the accused
/// is refused. Adding a place an accusation can surface is adding one line to a table.
@Suite("Art 30 in the core")
struct Art30CoreTests {
    /// The accuser, as registered: none of these may reach the accused.
    static let accuser = ["赵检举", Fixtures.liNaID, "13900139000", "临江区秘密路9号", "举报住建局科长受贿", "某科长收受开发商财物"]

    static func accusation(organ: OrganCode = "D-XFJ") -> Petition {
        var p = Fixtures.letter(type: .accusation, organ: organ)
        p.petitioner = Petitioner(name: "赵检举", idNumber: Fixtures.liNaID, phone: "13900139000", address: "临江区秘密路9号")
        p.request = "举报住建局科长受贿"
        p.facts = "某科长收受开发商财物"
        p.category = "DISCIPLINE"
        p.accusedOrgan = "D-ZJJ"
        p.accusedPerson = AccusedPerson(name: "钱科长", post: "科长", organ: "D-CGJ")
        return p
    }

    static func registered() throws -> Scenario {
        var s = Scenario()
        s.staff = StaffDirectory(Fixtures.staffMembers + [
            StaffMember(user: "qian", name: "钱科长", role: .handler, organ: "D-RSJ"),
        ])
        try s.run(.register(accusation()), as: Fixtures.clerk, at: "2025-04-28T09:00")
        return s
    }

    /// A place the core shows a case: what it gives this user, as text.
    struct Surface: Sendable, CustomTestStringConvertible {
        var name: String
        var text: @Sendable (CaseState, [CaseEvent], Actor, String?) -> String
        var testDescription: String { name }
    }

    static let surfaces: [Surface] = [
        Surface(name: "queue row") { state, _, actor, name in
            let row = [state].queue(QueueFilter(), asOf: Fixtures.day("2025-04-28"), calendar: Fixtures.calendar,
                                    directory: Fixtures.directory)[0]
            return "\(row.disclosed(to: actor, name: name, case: state))"
        },
        Surface(name: "content (show, case screen)") { state, _, actor, name in
            state.contentVisible(to: actor, name: name) ? "\(state.petition as Any)" : ""
        },
        Surface(name: "masked events (log dump)") { _, events, _, _ in
            "\(events.map { $0.redacted(accusation: true) })"
        },
    ]

    /// Those the accuser is kept from: the accused organ's handler and head, and the
    /// accused person (recognised by the name the staff directory gives, at another organ).
    static let accused: [(Actor, String?)] = [
        (Fixtures.housingHandler, "承办人"), (Fixtures.housingHead, "机关负责人"),
        (Actor(user: "qian", role: .handler, organ: "D-RSJ"), "钱科长"),
        (Actor(user: "cgj", role: .handler, organ: "D-CGJ"), nil),
    ]

    @Test(arguments: surfaces)
    func theAccusedFindNothingOfTheAccuser(_ surface: Surface) throws {
        let s = try Self.registered()
        for (actor, name) in Self.accused {
            let text = surface.text(s.state, s.log, actor, name)
            for secret in Self.accuser {
                #expect(!text.contains(secret), "\(surface.name) shows \(secret) to \(actor.user)")
            }
        }
    }

    @Test func theBureausOwnStaffStillSeeIt() throws {
        let s = try Self.registered()
        for actor in [Fixtures.clerk, Fixtures.supervisor] {
            #expect(s.state.contentVisible(to: actor))
            #expect(Self.surfaces[0].text(s.state, s.log, actor, nil).contains("赵检举"))
        }
    }

    struct Route: Sendable, CustomTestStringConvertible {
        var name: String
        var command: CaseCommand
        var testDescription: String { name }
    }

    /// Every route to the accused organ or the accused person's organ, refused under Art 30.
    static let routes: [Route] = [
        Route(name: "transfer to the accused organ", command: .transfer(to: "D-ZJJ", note: nil)),
        Route(name: "transfer to the accused person's organ", command: .transfer(to: "D-CGJ", note: nil)),
        Route(name: "assign to the accused organ", command: .assign(to: "D-ZJJ", days: 30, note: nil)),
        Route(name: "redirect to the accused organ by code", command: .redirect(to: "D-ZJJ", note: nil)),
        Route(name: "redirect to the accused organ by name", command: .redirect(to: "临江区住房和城乡建设局", note: nil)),
        Route(name: "redirect to the accused person's organ", command: .redirect(to: "D-CGJ", note: nil)),
        // As a clerk might write it: lower case, full-width forms, spaces, part of the name.
        Route(name: "redirect by code in lower case", command: .redirect(to: "d-zjj", note: nil)),
        Route(name: "redirect by code in full-width forms", command: .redirect(to: "Ｄ－ＺＪＪ", note: nil)),
        Route(name: "redirect by part of the name", command: .redirect(to: "住房和城乡建设局", note: nil)),
        Route(name: "redirect by name with spaces", command: .redirect(to: " 临江区 住房和城乡建设局 ", note: nil)),
    ]

    @Test(arguments: routes)
    func noRouteLeadsToTheAccused(_ route: Route) throws {
        let s = try Self.registered()
        let refused = s.attempt(route.command, as: Fixtures.clerk, at: "2025-04-28T10:00")
        #expect(refused?.code == .routeToAccused && refused?.rule == .classifyAccusation)
    }

    @Test func anAccusationFiledAtTheAccusedOrganIsOnlyRoutedAwayFromIt() throws {
        var s = Scenario()
        let zjjClerk = Actor(user: "z-clerk", role: .clerk, organ: "D-ZJJ")
        try s.run(.register(Self.accusation(organ: "D-ZJJ")), as: zjjClerk, at: "2025-04-28T09:00")
        #expect(s.state.heldByAccused)
        #expect(s.attempt(.accept(route: "自行办理", on: nil), as: zjjClerk, at: "2025-04-28T10:00")?.code == .accusedMayNotAct)
        #expect(s.attempt(.accept(route: "自行办理", on: nil), as: Fixtures.trainee, at: "2025-04-28T10:00")?.code
                == .heldByAccused)
        #expect(s.attempt(.correct(field: .accusedOrgan, value: "D-RSJ", reason: "x"), as: zjjClerk,
                          at: "2025-04-28T10:00")?.code == .accusedMayNotAct)
        let moved = try s.run(.referDiscipline(to: "D-JW", note: nil), as: zjjClerk, at: "2025-04-28T10:00")
        #expect(moved.first?.rule == .triageReferDiscipline && s.state.holder == "D-JW")
    }

    @Test func classifyingAsAnAccusationAtTheAccusedOrganMakesItMoveFirst() throws {
        var s = Scenario.at(.accepted)  // a grievance at D-ZJJ, accepted there
        try s.run(.correct(field: .accusedOrgan, value: "D-ZJJ", reason: "来信所检举即本局"), as: Fixtures.clerk,
                  at: "2025-05-10T09:00")
        #expect(!s.state.heldByAccused, "a grievance accuses no one")
        try s.run(.classify(type: .accusation, track: nil), as: Fixtures.housingHandler, at: "2025-05-10T10:00")
        #expect(s.state.heldByAccused)
        let refused = s.attempt(.extend(days: 10, reason: "复杂"), as: Fixtures.trainee, at: "2025-05-10T11:00")
        #expect(refused?.code == .heldByAccused && refused?.rule == .classifyAccusation)
        #expect(s.attempt(.assignHandler(user: "handler", recusalChecked: true), as: Fixtures.housingHead,
                          at: "2025-05-10T11:00")?.code == .accusedMayNotAct)
        let housingClerk = Actor(user: "z-clerk", role: .clerk, organ: "D-ZJJ")
        let moved = try s.run(.transfer(to: "D-JW", note: nil), as: housingClerk, at: "2025-05-10T11:00")
        #expect(moved.first?.rule == .classifyAccusation, "it moves under Art 30")
        #expect(s.state.holder == "D-JW" && !s.state.heldByAccused)
    }

    @Test func theAccusedPersonCanBeAddedByACorrection() throws {
        var s = Scenario()
        var p = Self.accusation()
        p.accusedOrgan = nil
        p.accusedPerson = nil
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T09:00")
        #expect(s.attempt(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.clerk, at: "2025-04-28T10:00") == nil)
        try s.run(.correct(field: .accusedPersonName, value: "钱科长", reason: "补录"), as: Fixtures.clerk, at: "2025-04-28T10:00")
        try s.run(.correct(field: .accusedPersonOrgan, value: "D-ZJJ", reason: "补录"), as: Fixtures.clerk, at: "2025-04-28T10:00")
        #expect(s.state.petition?.accusedPerson == AccusedPerson(name: "钱科长", organ: "D-ZJJ"))
        #expect(s.attempt(.transfer(to: "D-ZJJ", note: nil), as: Fixtures.clerk, at: "2025-04-28T10:00")?.code == .routeToAccused)
        #expect(!s.state.contentVisible(to: Fixtures.housingHandler))
    }

    @Test func aHandlerIsStaffOfTheHoldingOrganAndNeverTheAccused() throws {
        var s = Scenario.at(.classified)
        let head = Fixtures.housingHead
        #expect(s.attempt(.assignHandler(user: "nobody", recusalChecked: true), as: head, at: "2025-05-10T09:00")?.code
                == .handlerNotStaff)
        #expect(s.attempt(.assignHandler(user: "c-handler", recusalChecked: true), as: head, at: "2025-05-10T09:00")?.code
                == .handlerNotStaff)
        #expect(s.attempt(.assignHandler(user: "handler", recusalChecked: true), as: head, at: "2025-05-10T09:00") == nil)
        s.staff = .none
        #expect(s.attempt(.assignHandler(user: "handler", recusalChecked: true), as: head, at: "2025-05-10T09:00")?.code
                == .handlerNotStaff, "no staff known: refused, never waved through")
    }
}
