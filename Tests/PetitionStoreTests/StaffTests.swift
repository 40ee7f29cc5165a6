import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// Staff as records in the log (decision 0016): who may act is decided by the staff
/// records before each command, whoever's name the command was typed under; every
/// change is checked and names who made it; a snapshot carries the staff.
@Suite("Staff records")
struct StaffTests {
    static let path = "/log/cases.log"
    let ref = Fixtures.reference

    /// A production log whose creator `admin` enrolled a clerk and a handler.
    func staffedLog(_ fs: SimulatedFileSystem = SimulatedFileSystem(), mode: LogMode = .production) throws -> CaseBook {
        let log = try DurableLog.create(at: Self.path, mode: mode, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-04-01"),
                                        options: .init(writable: true, fs: fs))
        let book = try CaseBook(log: log)
        let roster = Roster(members: [
            .init(user: "admin", name: "管理员", role: .administrator, organ: "D-XFJ"),
            .init(user: "clerk", name: "窗口登记员", role: .clerk, organ: "D-XFJ"),
            .init(user: "handler", name: "承办人", role: .handler, organ: "D-ZJJ"),
        ])
        try book.changeStaff(roster.enrolment(by: "admin", at: Fixtures.instant("2025-04-01T09:00")), directory: ref.directory)
        return book
    }

    func register(_ book: CaseBook, as actor: Actor, at time: String = "2025-04-28T09:30") throws -> CaseNumber {
        try book.register([Fixtures.letter(received: "2025-04-28")], now: Fixtures.instant(time), actor: actor,
                          reference: ref)[0]
    }

    @Test func anAccountRemovedActsNoMoreThoughItsConsoleIsStillOpen() throws {
        let book = try staffedLog()
        let number = try register(book, as: Fixtures.clerk)
        // Another process (the administrator's) removes the clerk; this book reads it under the lock.
        let admin = try CaseBook(log: DurableLog.open(at: Self.path, .init(writable: true, fs: (book.log as! DurableLog).fs)))
        try admin.changeStaff([StaffChange(.remove, user: "clerk", by: "admin", at: Fixtures.instant("2025-04-29T08:00"))],
                              directory: ref.directory)
        #expect(throws: Rejection(.notStaff, ["user": "clerk"])) {
            _ = try book.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: Fixtures.instant("2025-04-29T09:00"),
                                 actor: Fixtures.clerk, reference: ref)
        }
    }

    @Test func theRoleTheStaffRecordsGiveDecidesNotTheOneTyped() throws {
        let book = try staffedLog()
        // Typed as a supervisor, but the staff records say clerk: voiding (a supervisor's) is refused.
        let number = try register(book, as: Fixtures.clerk)
        let moved = try book.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: Fixtures.instant("2025-04-28T10:00"),
                                     actor: Fixtures.clerk, reference: ref)
        let borrowed = Actor(user: "clerk", role: .supervisor, organ: "D-XFJ")
        #expect(throws: Rejection.self) {
            _ = try book.execute(.void(seq: moved[0].seq, reason: "误操作"), on: number,
                                 now: Fixtures.instant("2025-04-28T11:00"), actor: borrowed, reference: ref)
        }
        // The records name the role the staff gave.
        #expect(book[number]?.steps.map(\.actor.role) == [.clerk, .clerk])
    }

    @Test(arguments: [
        (StaffChange(.add, user: "x", name: "某人", role: .clerk, organ: "D-XFJ", by: "clerk", at: Fixtures.instant("2025-04-02")),
         Rejection.Code.staffByAdministrator),
        (StaffChange(.add, user: "clerk", name: "又一个", role: .clerk, organ: "D-XFJ", by: "admin", at: Fixtures.instant("2025-04-02")),
         .staffExists),
        (StaffChange(.add, user: "x", name: "某人", role: .clerk, organ: "NOPE", by: "admin", at: Fixtures.instant("2025-04-02")),
         .unknownOrgan),
        (StaffChange(.add, user: "x", name: "某人", role: .trainee, organ: "D-XFJ", by: "admin", at: Fixtures.instant("2025-04-02")),
         .staffTraineeInProduction),
        (StaffChange(.change, user: "nobody", role: .clerk, by: "admin", at: Fixtures.instant("2025-04-02")), .staffUnknown),
        // An account name no system makes, a name with a terminal escape in it, a name too long.
        (StaffChange(.add, user: "bad name", name: "某人", role: .clerk, organ: "D-XFJ", by: "admin", at: Fixtures.instant("2025-04-02")),
         .invalidValue),
        (StaffChange(.add, user: "x", name: "某\u{1B}]0;pwned\u{07}", role: .clerk, organ: "D-XFJ", by: "admin",
                     at: Fixtures.instant("2025-04-02")), .forbiddenCharacter),
        (StaffChange(.change, user: "clerk", name: String(repeating: "名", count: 65), by: "admin", at: Fixtures.instant("2025-04-02")),
         .fieldTooLong),
        // Invisible only: no name at all.
        (StaffChange(.change, user: "clerk", name: "\u{200B}", by: "admin", at: Fixtures.instant("2025-04-02")), .missingField),
        // The only administrator, who is also the owner, leaving: no one could manage the staff.
        (StaffChange(.remove, user: "admin", by: "admin", at: Fixtures.instant("2025-04-02")), .staffLastAdministrator),
    ])
    func aChangeThatWouldMakeAnUnsoundStaffIsRefusedAndWritesNothing(_ change: StaffChange, _ code: Rejection.Code) throws {
        let fs = SimulatedFileSystem()
        let book = try staffedLog(fs)
        let before = fs.contents(Self.path)
        let refusal = #expect(throws: Rejection.self) { try book.changeStaff([change], directory: ref.directory) }
        #expect(refusal?.code == code)
        #expect(fs.contents(Self.path) == before)
    }

    @Test func theOwnerOfALogMadeByOneClerkCanStillManageItsStaff() throws {
        let log = try DurableLog.create(at: Self.path, mode: .production, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-04-01"),
                                        options: .init(writable: true, fs: SimulatedFileSystem()))
        let book = try CaseBook(log: log)
        try book.changeStaff(Roster(members: [.init(user: "clerk", name: "窗口", role: .clerk, organ: "D-XFJ")])
            .enrolment(by: "clerk", at: Fixtures.instant("2025-04-01")), directory: ref.directory)
        try book.changeStaff([StaffChange(.add, user: "head", name: "负责人", role: .organHead, organ: "D-ZJJ", by: "clerk",
                                          at: Fixtures.instant("2025-04-02"))], directory: ref.directory)
        #expect(book.staff["head"]?.role == .organHead && book.staff.owner == "clerk")
    }

    @Test func aSnapshotCarriesTheStaffAndChangesAfterItAreRead() throws {
        let fs = SimulatedFileSystem()
        let book = try staffedLog(fs)
        _ = try register(book, as: Fixtures.clerk)
        try book.writeSnapshot(to: CaseSnapshot.path(forLog: Self.path))
        try book.changeStaff([StaffChange(.change, user: "handler", role: .organHead, by: "admin",
                                          at: Fixtures.instant("2025-04-30"))], directory: ref.directory)
        let opened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect((opened.log as? DurableLog)?.resumed == true)
        #expect(opened.staff == (try CaseBook(log: DurableLog.open(at: Self.path, .init(fs: fs)))).staff)
        #expect(opened.staff["handler"]?.role == .organHead && opened.staff.owner == "admin")
    }
}

/// A roster is read strictly, as every import: a role that is none of the roles is refused in
/// one line naming them (as `--role` is), not a crash.
@Suite("Roster files")
struct RosterFileTests {
    @Test func aRosterWithAnUnknownRoleIsRefusedNamingTheRoles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/roster.json"
        try Data(#"{"members":[{"user":"x","name":"x","role":"boss","organ":"D-XFJ"}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        do throws(StoreError) {
            _ = try Roster.load(from: path)
            Issue.record("a roster with role boss was read")
        } catch {
            #expect(error.code == .badRoster && error.message(.zh).hasPrefix("人员名单有误"), "\(error.message(.zh))")
            #expect(error.cause.contains("字段「members[0].role」的值「boss」无效：应为 clerk、handler、organHead、supervisor、administrator、trainee"),
                    "\(error.cause)")
        }
    }
}
