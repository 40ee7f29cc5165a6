import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

@Suite("The PostgreSQL store", .enabled(if: TestServer.enabled))
struct PostgresStoreTests {
    @Test func aPostgresURLIsADatabaseAndNeverAFilePath() throws {
        let socket = try PostgresLocation(parsing: "postgresql:///city?host=/run/pg&jurisdiction=D-XFJ", account: "clerk1")
        #expect(socket.host == nil && socket.socketPath == "/run/pg/.s.PGSQL.5432")
        #expect(socket.user == "clerk1" && socket.database == "city" && socket.jurisdiction == "D-XFJ")
        let tcp = try PostgresLocation(parsing: "postgres://clerk2:secret@db.city:6432/city", account: "x")
        #expect(tcp.host == "db.city" && tcp.port == 6432 && tcp.user == "clerk2" && tcp.password == "secret")
        #expect(!tcp.description.contains("secret"))
        #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation(parsing: "postgres://host", account: "x") }
        #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation(parsing: "postgres://h/db?sslmode=maybe", account: "x") }
    }

    @Test func theSchemaIsMigratedOnceAndASecondInitChangesNothing() throws {
        let database = try TestServer.freshDatabase()
        let now = Fixtures.instant("2025-04-28")
        let first = try PostgresEventLog.create(try TestServer.location(database), jurisdiction: "D-XFJ", mode: .training,
                                                now: now, dataHash: TestServer.dataHash)
        let second = try PostgresEventLog.create(try TestServer.location(database), jurisdiction: "D-ZJJ", mode: .training,
                                                 now: now, dataHash: TestServer.dataHash)
        #expect(first == Array(1...PostgresSchema.version))
        #expect(second == [])
        #expect(throws: StoreError(.logExists, path: try TestServer.location(database, jurisdiction: "D-XFJ").description)) {
            try PostgresEventLog.create(try TestServer.location(database), jurisdiction: "D-XFJ", mode: .training,
                                        now: now, dataHash: TestServer.dataHash)
        }
    }

    @Test(arguments: ["UPDATE xinfang.records SET kind = 1", "DELETE FROM xinfang.records", "TRUNCATE xinfang.records",
                      "DELETE FROM xinfang.logs", "UPDATE xinfang.logs SET head_seq = 0"])
    func theDatabaseRefusesToChangeARecordEvenToItsOwner(statement: String) throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        #expect(throws: StoreError.self) { try PostgresAdmin.execute(try TestServer.location(database), [statement]) }
        #expect(try PostgresEventLog.open(try TestServer.location(database)).readAll().count == 1)
    }

    @Test func aClerkCannotInsertARecordAndWhatItAppendsIsStampedWithItsRole() throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        try TestServer.role("clerk_a", in: database)
        let clerk = try TestServer.location(database, user: "clerk_a", password: "pw-clerk_a")
        #expect(throws: StoreError.self) {
            try PostgresAdmin.execute(clerk, ["INSERT INTO xinfang.records SELECT * FROM xinfang.records"])
        }
        let mine = try PostgresEventLog.open(clerk, writable: true, dataHash: TestServer.dataHash)
        #expect(mine.sessionUser == "clerk_a")
        try mine.append([[event(2, by: Actor(user: "clerk_a", role: .clerk, organ: "D-XFJ"))]])
        let stamps = try PostgresAdmin.column(try TestServer.location(database),
                                              "SELECT db_user::text FROM xinfang.records ORDER BY seq")
        #expect(stamps == [TestServer.account, "clerk_a"])
    }

    @Test func aFrameThatDoesNotChainToTheHeadIsRefusedByTheDatabase() throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        // A well-formed frame, but chained to the genesis hash rather than to record 1.
        let forged = LogFormat.encodeFrame(seq: 2, kind: .events, format: .binary, time: Fixtures.instant("2025-04-29"),
                                           durableBefore: 0, writerID: 0, prevHash: log.format.genesisHash,
                                           payload: LogRecord.events([event(9)]).encoded().1, seed: log.format.seed)
        let hex = forged.map { String(format: "%02x", $0) }.joined()
        #expect(throws: StoreError.self) {
            try PostgresAdmin.execute(try TestServer.location(database), [
                "SELECT xinfang.append('D-XFJ', 1, '\(TestServer.dataHash)', ARRAY['\\x\(hex)'::bytea], ARRAY[NULL::text], ARRAY[NULL::text], ARRAY[false])",
            ])
        }
        #expect(try PostgresEventLog.open(try TestServer.location(database)).lastSeq == 1)
    }

    @Test func aWriterWithOtherReferenceDataIsRefusedAndWritesNothing() throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        let other = try PostgresEventLog.open(try TestServer.location(database), writable: true, dataHash: "other-data")
        #expect(throws: StoreError.self) { try other.append([[event(2)]]) }
        #expect(try PostgresEventLog.open(try TestServer.location(database)).lastSeq == 1)
    }

    @Test func aConnectionCutMidTransactionCommitsNothingAndTheNextCallReconnects() throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        // The server ends the writer's session while it holds the head's lock, deciding.
        #expect(throws: StoreError.self) {
            try log.transact { _ in
                _ = try PostgresAdmin.column(try TestServer.location("postgres"),
                    "SELECT pg_terminate_backend(pid, 5000)::text FROM pg_stat_activity WHERE datname = '\(database)' AND xact_start IS NOT NULL")
                return [.events([event(2)]), .events([event(3)])]
            }
        }
        #expect(try PostgresEventLog.open(try TestServer.location(database)).readAll().map(\.seq) == [1])
        let stored = try log.append([[event(4)]])
        #expect(stored.map(\.seq) == [2])
    }

    /// A log longer than one page of records is read whole, a page a query (opening the
    /// million-record bench log in one query outlasted the 30 s a query may take).
    @Test func aLogLongerThanAPageIsReadWholeAndItsImageChains() throws {
        let (database, log) = try TestServer.newLog()
        // Written as every writer writes a large import, in batches of 1,000 (`register`; `log
        // copy` takes 2,000): one append of 20,000 records keeps the server's append function
        // busy past the 30 s a query may take on this machine.
        let count = PostgresEventLog.page + 37
        let batches = stride(from: 0, to: count, by: 1_000).map { min(1_000, count - $0) }
        for size in batches { try log.append((1...size).map { _ in [event(1)] }) }
        let reader = try PostgresEventLog.open(try TestServer.location(database))
        let records = count + batches.filter { $0 > 1 }.count  // each batch closed by its commit record
        #expect(try reader.readAll().map(\.seq) == Array(1...records).filter { !Self.commitSeqs(batches).contains($0) })
        // Every record, the batches' closing commit records too, each where a file would hold it.
        let image = try reader.image()
        #expect(image.stamps.map(\.seq) == Array(1...records))
    }

    /// The sequence numbers of the commit records that close batches of these sizes, written
    /// one after another from the first record.
    static func commitSeqs(_ batches: [Int]) -> Set<Int> {
        var seq = 0, commits: Set<Int> = []
        for size in batches {
            seq += size
            if size > 1 {
                seq += 1
                commits.insert(seq)
            }
        }
        return commits
    }

    @Test func aNotificationWakesAnotherHandleWithinASecond() throws {
        let (database, log) = try TestServer.newLog()
        let other = try PostgresEventLog.open(try TestServer.location(database))
        other.pollFallback = 3600
        #expect(try other.poll().isEmpty)
        try log.append([[event(1)]])
        var seen: [CaseEvent] = []
        let start = Date()
        while seen.isEmpty, Date().timeIntervalSince(start) < 1 {
            seen = try other.poll()
            usleep(20_000)
        }
        #expect(seen.map(\.seq) == [1])
    }

    @Test func anAccusationsPayloadIsWithheldFromARoleThatMayNotReadItButTheChainStillChecks() throws {
        let (database, log) = try TestServer.newLog()
        var accusation = Fixtures.letter()
        accusation.accusedOrgan = "D-ZJJ"
        let number = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 2)
        let accused = CaseEvent(caseNumber: number, at: Fixtures.instant("2025-04-29T09:00"), actor: Fixtures.clerk,
                                rule: .intakeRegisterAll, body: .registered(petition: accusation))
        var later = event(2)
        later.body = .escalated(proposal: "转办")
        try log.append([[event(1)]])
        try log.append([[accused]])
        try log.append([[later]])
        try log.append([[event(3)]])
        try TestServer.role("clerk_b", in: database)
        try TestServer.role("auditor_b", in: database, accusations: true)
        let clerk = try PostgresEventLog.open(try TestServer.location(database, user: "clerk_b", password: "pw-clerk_b"))
        #expect(clerk.withheld == [2, 3], "the registration and the case's later record")
        #expect(try clerk.readAll().map(\.caseNumber.sequence) == [1, 3])
        #expect(clerk.headHash == log.headHash)
        let auditor = try PostgresEventLog.open(try TestServer.location(database, user: "auditor_b", password: "pw-auditor_b"))
        #expect(auditor.withheld.isEmpty)
        #expect(try auditor.image().bytes.count == log.end)
    }
}

@Suite("The reference data in force on a database log", .enabled(if: TestServer.enabled))
struct ReferenceDataTests {
    @Test func theOwnerRecordsNewDataAndFromThenOnOnlyHostsWithItMayWrite() throws {
        let (database, log) = try TestServer.newLog()
        try log.recordReferenceData()
        try log.append([[event(1)]])
        // Every host installs new data; the owner records it.
        let newer = try PostgresEventLog.open(try TestServer.location(database), writable: true, dataHash: "new-data")
        try newer.recordReferenceData()
        #expect(newer.referenceData == ReferenceDataRecord(sha256: "new-data", by: TestServer.account))
        #expect(throws: StoreError.self) { try log.append([[event(2)]]) }
        try newer.append([[event(3)]])
        let read = try PostgresEventLog.open(try TestServer.location(database))
        #expect(read.referenceData?.sha256 == "new-data")
        #expect(read.logDataHash == "new-data")
        #expect(try read.readAll().map(\.caseNumber.sequence) == [1, 3])
    }

    @Test func aClerkCannotRecordReferenceData() throws {
        let (database, log) = try TestServer.newLog()
        try log.append([[event(1)]])
        try TestServer.role("clerk_e", in: database)
        let clerk = try PostgresEventLog.open(try TestServer.location(database, user: "clerk_e", password: "pw-clerk_e"),
                                              writable: true, dataHash: "clerks-own-data")
        #expect(throws: StoreError.self) { try clerk.recordReferenceData() }
        #expect(try PostgresEventLog.open(try TestServer.location(database)).logDataHash == TestServer.dataHash)
    }
}
