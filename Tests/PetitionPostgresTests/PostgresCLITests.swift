import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

/// The xinfang executable on a database log, in a folder of its own removed at the end.
final class PostgresCLI {
    let dir: String
    static let binary = Fixtures.root + "/.build/debug/xinfang"

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-pg-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func run(_ args: [String], training: Bool = true) -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args + ["--lang", "en"]
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                   "XINFANG_DATA": Fixtures.dataFolder]
        if training { env["XINFANG_TRAINING"] = "1"; env["USER"] = "tester" }
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (-1, "", "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// `log verify`'s first line: the record count and head hash.
    func head(_ log: String, training: Bool = true) -> String {
        run(["log", "verify", "--log", log], training: training).out.split(separator: "\n").first.map(String.init) ?? ""
    }
}

@Suite("xinfang on a PostgreSQL log", .enabled(if: TestServer.enabled))
struct PostgresCLITests {
    @Test func aFileLogCopiedIntoTheDatabaseAndBackVerifiesWithTheSameHeadHash() throws {
        let cli = PostgresCLI()
        let file = cli.dir + "/district.log"
        #expect(cli.run(["generate", "--cases", "40", "--log", file]).status == 0)
        let database = try TestServer.freshDatabase()
        let url = "postgresql:///\(database)?host=\(try #require(TestServer.folder))"
        let copied = cli.run(["log", "copy", "--from", file, "--to", url])
        #expect(copied.status == 0, "\(copied.err)")
        let fileHead = cli.head(file)
        #expect(fileHead.contains("head hash"))
        #expect(cli.head(url) == fileHead)
        // The database log is a log like any other: its cases are there.
        #expect(cli.run(["queue", "--log", url]).out.contains("cases") )
        let back = cli.dir + "/archive.log"
        #expect(cli.run(["log", "copy", "--from", url, "--to", back]).status == 0)
        #expect(cli.head(back) == fileHead)
        #expect(FileManager.default.contents(atPath: back) == FileManager.default.contents(atPath: file))
    }

    @Test func aDatabaseURLIsNeverTakenForAFilePath() throws {
        let cli = PostgresCLI()
        // (init used to take it for a path and make a folder named "postgresql:" for it.)
        let r = cli.run(["init", "--log", "postgresql:///nosuchdb?host=\(try #require(TestServer.folder))"])
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/postgresql:"))
        #expect(r.err.contains("nosuchdb"))
    }

    @Test func verifyNamesARecordWhoseActorIsNotTheRoleThatAppendedIt() throws {
        let database = try TestServer.freshDatabase()
        _ = try PostgresEventLog.create(try TestServer.location(database), jurisdiction: "D-XFJ", mode: .production,
                                        now: Fixtures.instant("2025-04-28"), dataHash: TestServer.dataHash)
        try TestServer.role("clerk_c", in: database)
        let clerk = try PostgresEventLog.open(try TestServer.location(database, user: "clerk_c", password: "pw-clerk_c"),
                                              writable: true, dataHash: TestServer.dataHash)
        // From psql or a patched client: a well-chained record in another clerk's name.
        try clerk.append([[event(1, by: Actor(user: "clerk_c", role: .clerk, organ: "D-XFJ"))],
                          [event(2, by: Actor(user: "someone_else", role: .clerk, organ: "D-XFJ"))]])
        let cli = PostgresCLI()
        let r = cli.run(["log", "verify", "--log", "postgresql:///\(database)?host=\(try #require(TestServer.folder))"],
                        training: false)
        #expect(r.status == 65)
        #expect(r.out.contains("Record 2 names \"someone_else\" as its actor but was appended by database role \"clerk_c\""))
        #expect(!r.out.contains("Record 1 names"))
    }

    @Test func aRoleThatMayNotReadAccusationsVerifiesTheChainAndIsToldWhatWasWithheld() throws {
        let (database, log) = try TestServer.newLog()
        var accusation = Fixtures.letter()
        accusation.accusedOrgan = "D-ZJJ"
        try log.append([[event(1)]])
        try log.append([[CaseEvent(caseNumber: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 2),
                                   at: Fixtures.instant("2025-04-29T09:00"), actor: Fixtures.clerk, rule: .intakeRegisterAll,
                                   body: .registered(petition: accusation))]])
        try TestServer.role("clerk_d", in: database)
        let folder = try #require(TestServer.folder)
        let cli = PostgresCLI()
        let mine = cli.run(["log", "verify", "--log", "postgresql:///\(database)?host=\(folder)&user=clerk_d&password=pw-clerk_d"])
        #expect(mine.status == 0, "\(mine.err)")
        #expect(mine.out.contains("2 records, head hash \(log.headHash.hex)"))
        #expect(mine.out.contains("1 records are accusations' whose payload the database withholds from role clerk_d"))
        // The owner's verify reads every byte and agrees.
        #expect(cli.head("postgresql:///\(database)?host=\(folder)").contains("head hash \(log.headHash.hex)"))
    }

    /// Identity from the database, end to end: each office's clerk signs in as a role of
    /// its own (SCRAM), acts as the staff record mapping that role says, and verify finds
    /// every record's actor is the role that appended it.
    @Test func twoOfficesRolesActAsTheirStaffRecordsSayAndEveryStampMatches() throws {
        let folder = try #require(TestServer.folder)
        let database = try TestServer.freshDatabase()
        let (east, west) = try twoOffices(host: folder, database: database)
        let cli = PostgresCLI()
        try Data(#"""
            {"channel":"letter","receivedAt":"2025-04-28","organ":"D-XFJ",
             "petitioner":{"kind":"citizen","name":"李娜","idNumber":"110102198001011239","phone":"13900139000","address":"望湖街道2号"},
             "request":"请求解决拖欠工资","facts":"某公司拖欠工资三个月","reasons":"劳动合同约定","category":"WAGES","type":"grievance"}
            """#.utf8).write(to: URL(fileURLWithPath: cli.dir + "/p.json"))
        #expect(cli.run(["register", cli.dir + "/p.json", "--log", east], training: false).status == 0)
        let transfer = cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ", "--log", east], training: false)
        #expect(transfer.status == 0, "\(transfer.err)")
        let receive = cli.run(["act", "D-XFJ-2025-00001", "receive", "--log", west], training: false)
        #expect(receive.status == 0, "\(receive.err)")
        // West is a handler of the housing bureau: registering is not its work.
        let refused = cli.run(["register", cli.dir + "/p.json", "--log", west], training: false)
        #expect(refused.status == 65)
        let shown = cli.run(["show", "D-XFJ-2025-00001", "--json", "--log", west], training: false).out
        #expect(shown.contains("\"user\" : \"east\"") && shown.contains("\"user\" : \"west\""))
        let verified = cli.run(["log", "verify", "--log", "postgresql:///\(database)?host=\(folder)"], training: false)
        #expect(verified.status == 0, "\(verified.out)\(verified.err)")
        #expect(verified.out.contains("Every record's actor is the database role that appended it"))
    }

    @Test func logDumpOnADatabaseLogRecordsItsReasonFirstAndPrintsEveryRecord() throws {
        let folder = try #require(TestServer.folder)
        let database = try TestServer.freshDatabase()
        _ = try twoOffices(host: folder, database: database)
        let url = "postgresql:///\(database)?host=\(folder)"
        let cli = PostgresCLI()
        let dumped = cli.run(["log", "dump", "--reason", "审计抽查", "--log", url], training: false)
        #expect(dumped.status == 0, "\(dumped.err)")
        let lines = dumped.out.split(separator: "\n")
        #expect(lines.count == 5, "three staff records, their batch's commit and the disclosure: \(dumped.out)")
        #expect(lines.last?.contains("审计抽查") == true)
        let stamps = try PostgresAdmin.column(try TestServer.location(database),
                                              "SELECT db_user || ' ' || actor FROM xinfang.records WHERE kind = \(Int(LogRecord.Kind.disclosure.rawValue))")
        #expect(stamps == ["\(TestServer.account) \(TestServer.account)"])
    }
}
