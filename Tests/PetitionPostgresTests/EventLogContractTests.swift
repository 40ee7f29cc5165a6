import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

/// What every store promises behind `EventLog` (docs/decisions/0010-one-house.md), run
/// against memory, the file and PostgreSQL alike. The PostgreSQL case is there whenever a
/// test server is named or required (`make test`), and then fails if it is not reachable.
enum Store: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory, file, postgres
    var testDescription: String { rawValue }

    static let under: [Store] = [.memory, .file] + (TestServer.enabled ? [.postgres] : [])

    /// A new empty training log for D-XFJ, and a way to open another handle on it (another
    /// process's, for the file and the database).
    func make() throws -> (log: any EventLog, another: () throws -> any EventLog) {
        switch self {
        case .memory:
            let log = InMemoryEventLog(header: Fixtures.trainingHeader)
            return (log, { log.handle() })
        case .file:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let path = dir + "/cases.log"
            let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: Fixtures.instant("2025-04-28"))
            return (log, { try DurableLog.open(at: path, .init(writable: true)) })
        case .postgres:
            let (database, log) = try TestServer.newLog()
            // Asks the server at every poll: the contract is about what, not when (the
            // notification that makes a console ask at once is tested on its own).
            log.pollFallback = 0
            return (log, {
                let other = try PostgresEventLog.open(try TestServer.location(database), writable: true,
                                                      dataHash: TestServer.dataHash)
                other.pollFallback = 0
                return other
            })
        }
    }
}

func event(_ n: Int, by actor: Actor = Fixtures.clerk) -> CaseEvent {
    CaseEvent(caseNumber: CaseNumber(organ: "D-XFJ", year: 2025, sequence: n), at: Fixtures.instant("2025-04-29T09:00"),
              actor: actor, rule: .intakeRegisterAll, body: .registered(petition: Fixtures.letter()))
}

@Suite("The store contract: memory, file and PostgreSQL")
struct EventLogContractTests {
    @Test(arguments: Store.under)
    func recordsAreNumberedDenselyAndABatchIsClosedByItsCommit(store: Store) throws {
        let (log, another) = try store.make()
        let batch = try log.append([[event(1)], [event(2)]])
        let single = try log.append([[event(3)]])
        #expect(batch.map(\.seq) == [1, 2])
        #expect(single.map(\.seq) == [4], "record 3 is the batch's commit record")
        let read = try another().readAll()
        #expect(read.map(\.caseNumber.sequence) == [1, 2, 3])
        #expect(read.map(\.seq) == [1, 2, 4])
    }

    @Test(arguments: Store.under)
    func aTransactionIsHandedWhatAnotherHandleAppendedSince(store: Store) throws {
        let (log, another) = try store.make()
        let other = try another()
        try log.append([[event(1)]])
        let (new, stored) = try other.transact { new in
            #expect(new.map(\.caseNumber.sequence) == [1])
            return [.events([event(2)])]
        }
        #expect(new.map(\.seq) == [1])
        #expect(stored.map(\.seq) == [2])
    }

    @Test(arguments: Store.under)
    func aBodyThatThrowsWritesNothing(store: Store) throws {
        let (log, another) = try store.make()
        struct Refused: Error {}
        #expect(throws: Refused.self) { try log.transact { _ in throw Refused() } }
        try log.append([[event(1)]])
        #expect(try another().readAll().map(\.seq) == [1])
    }

    @Test(arguments: Store.under)
    func pollHandsOverOthersRecordsOnce(store: Store) throws {
        let (log, another) = try store.make()
        let other = try another()
        #expect(try other.poll().isEmpty)
        try log.append([[event(1)], [event(2)]])
        #expect(try other.poll().map(\.caseNumber.sequence) == [1, 2])
        #expect(try other.poll().isEmpty)
    }

    @Test(arguments: Store.under)
    func aRecordsFullEventsReadBackBySequenceNumber(store: Store) throws {
        let (log, _) = try store.make()
        try log.append([[event(1)], [event(2), event(3)]])
        let back = try log.events(inRecords: [2])
        #expect(back.map(\.caseNumber.sequence) == [2, 3])
        #expect(back.first?.body == event(2).body)
    }

    @Test(arguments: Store.under)
    func staffRecordsAnotherHandleWroteAreSeen(store: Store) throws {
        let (log, another) = try store.make()
        let other = try another()
        let change = StaffChange(.add, user: "x", name: "某人", role: .clerk, organ: "D-XFJ", by: "admin",
                                 at: Fixtures.instant("2025-04-02"))
        _ = try log.transact { _ in [.staff(change)] }
        _ = try other.poll()
        #expect(other.staffChanges == [change])
        #expect(try another().staffChanges == [change])
    }

    @Test(arguments: Store.under)
    func aCaseBookOnEachStoreRefusesAStaleCommandWithWhatChanged(store: Store) throws {
        let (log, another) = try store.make()
        let ref = Fixtures.reference
        let now = Fixtures.instant("2025-04-29T09:00")
        let mine = try CaseBook(log: log)
        let number = try #require(try mine.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        let other = try CaseBook(log: try another())
        _ = try other.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: now,
                              actor: Actor(user: "clerk2", role: .clerk, organ: "D-XFJ"), reference: ref)
        #expect(throws: Conflict.self) {
            _ = try mine.execute(.assign(to: "D-RSJ", days: 20, note: nil), on: number, now: now, actor: Fixtures.clerk,
                                 reference: ref)
        }
        #expect(mine[number]?.phase == .transferred)
    }

    /// The workflow's integration through each store: REGULATION.md's worked example, from
    /// the visit to finality, decided by a case book on the store, read back by another.
    @Test(arguments: Store.under)
    func theWorkedExampleRunsToFinalityThroughEachStoreAndReplaysTheSame(store: Store) throws {
        let (log, another) = try store.make()
        let ref = Fixtures.reference
        let book = try CaseBook(log: log)
        // (A trainee may enrol anyone, on a training log.)
        try book.changeStaff(Roster(members: Fixtures.staffMembers).enrolment(by: "trainee", at: Fixtures.instant("2025-04-01")),
                             directory: ref.directory)
        let first = Scenario.workedExample[0]
        guard case .register(let petition) = first.command else { Issue.record("the example starts with a visit"); return }
        let number = try #require(try book.register([petition], now: Fixtures.instant(first.time), actor: first.actor,
                                                    reference: ref).first)
        for step in Scenario.workedExample.dropFirst() {
            _ = try book.execute(step.command, on: number, now: Fixtures.instant(step.time), actor: step.actor, reference: ref)
        }
        #expect(book[number]?.phase == .final)
        let replayed = try CaseBook(log: try another())
        #expect(replayed[number] == book[number])
        #expect(try replayed.history(of: number).count == Scenario.workedExample.count)
    }
}
