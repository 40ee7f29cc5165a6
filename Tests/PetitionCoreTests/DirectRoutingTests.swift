import PetitionCore
import TestSupport
import Testing

/// Art 23 para 1: an organ other than a petition department that a petitioner comes to
/// directly sends the matter on only to the lower organs of its own system; for anything
/// else it tells the petitioner which organ to approach. (区住建局 transferred a direct
/// petition to the education bureau, the police, the court and three subdistricts.)
@Suite("Art 23(1): a department sends on only within its own system")
struct DirectRoutingTests {
    static let cityHousing = Actor(user: "c-clerk", role: .clerk, organ: "C-ZJJ")
    static let districtHousing = Actor(user: "z-clerk", role: .clerk, organ: "D-ZJJ")

    func registered(at actor: Actor) throws -> Scenario {
        var s = Scenario()
        try s.run(.register(Fixtures.letter(organ: actor.organ)), as: actor, at: "2025-04-28T09:00")
        return s
    }

    @Test(arguments: ["D-JYJ", "D-GAJ", "S-BJ", "D-RSJ"])
    func aDistrictDepartmentSendsNothingOutsideItsSystem(_ target: String) throws {
        let s = try registered(at: Self.districtHousing)
        for command in [CaseCommand.transfer(to: target, note: nil), .assign(to: target, days: 30, note: nil)] {
            let refused = s.attempt(command, as: Self.districtHousing, at: "2025-04-28T10:00")
            #expect(refused?.code == .notOwnSystem && refused?.rule == .directRouteOrRedirect, "\(command)")
        }
        // What it does instead: tells the petitioner where to go.
        #expect(s.attempt(.redirect(to: target, note: nil), as: Self.districtHousing, at: "2025-04-28T10:00") == nil)
    }

    @Test func aCityDepartmentSendsOnToItsOwnLowerOrganOnly() throws {
        var s = try registered(at: Self.cityHousing)
        #expect(s.attempt(.transfer(to: "D-RSJ", note: nil), as: Self.cityHousing, at: "2025-04-28T10:00")?.code == .notOwnSystem)
        try s.run(.transfer(to: "D-ZJJ", note: nil), as: Self.cityHousing, at: "2025-04-28T10:00")
        #expect(s.state.holder == "D-ZJJ")
    }
}

/// Art 23 para 3 and Art 22(1)(3): one objection to one receipt; a completion report only
/// on an assigned case (issue 12: a receiver objected twice; 收到办结报告 was offered on a
/// transferred case).
@Suite("Objections and completion reports")
struct ObjectionAndCompletionTests {
    @Test func aSecondObjectionToTheSameReceiptIsRefused() throws {
        var s = Scenario.at(.received)
        try s.run(.object(reason: "不属本局职权"), as: Fixtures.housingHandler, at: "2025-04-30T09:00")
        try s.run(.decideObjection(upheld: false, note: "属本局职权"), as: Fixtures.clerk, at: "2025-05-02T09:00")
        let again = s.attempt(.object(reason: "仍不属本局"), as: Fixtures.housingHandler, at: "2025-05-02T10:00")
        #expect(again?.code == .objectionAlreadyMade && again?.rule == .receiptObjection)
    }

    @Test func aTransferredCaseIsNotOfferedACompletionReport() throws {
        let s = Scenario.at(.replied)
        #expect(s.attempt(.reportCompletion(note: nil), as: Fixtures.clerk, at: "2025-08-05T09:00")?.code == .notAssigned)
    }
}

/// A reply whose review window the petitioner let pass has closed (Art 35): no clock says
/// 逾期 for a window that was the petitioner's to use (issue 12: `show` said 已答复 with
/// "申请复查期限 逾期1天" while its JSON said closed).
@Suite("A lapsed petitioner's window")
struct LapsedWindowTests {
    @Test func aLapsedReviewWindowIsNoClockAndTheCaseHasClosed() throws {
        let s = Scenario.at(.replied)
        let calendar = Fixtures.reference.calendar
        let delivered = try #require(s.state.deliveredOn)
        let due = calendar.adding(calendarDays: 30, to: delivered).due
        #expect(s.state.clocks(asOf: due, calendar: calendar, directory: Fixtures.directory).contains { $0.kind == .reviewWindow })
        let after = due.adding(days: 1)
        #expect(!s.state.clocks(asOf: after, calendar: calendar, directory: Fixtures.directory).contains { $0.kind == .reviewWindow })
        #expect(s.state.effectivePhase(asOf: after, calendar: calendar) == .closed)
    }
}

extension LapsedWindowTests {
    /// The objection window is the receiver's option: once it has passed it is no clock,
    /// and so no breach in `queue --overdue` (it was listed as 提出异议 逾期353天).
    @Test func aLapsedObjectionWindowIsNoClock() throws {
        let s = Scenario.at(.received)
        let calendar = Fixtures.reference.calendar
        let received = try #require(s.state.receivedOn)
        let due = calendar.adding(workingDays: 5, to: received).due
        let clocks = { (day: Day) in s.state.clocks(asOf: day, calendar: calendar, directory: Fixtures.directory).map(\.kind) }
        #expect(clocks(due).contains(.objection))
        #expect(!clocks(due.adding(days: 1)).contains(.objection))
        #expect(clocks(due.adding(days: 1)).contains(.receiverNotice), "the notice is a duty: its clock runs on")
    }
}
