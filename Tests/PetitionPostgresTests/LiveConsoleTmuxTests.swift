#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

/// Consoles in tmux on a database log: each as a database role of its own organ, on a tmux
/// server of the test's own (a private socket, an environment of nothing but what is given).
final class LiveConsoles {
    let socket = "xinfang-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let dir: String

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-pg-tmux-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    deinit {
        tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(atPath: dir)
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String]) -> String {
        let out = dir + "/tmux-out"
        let env = ["PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(dir)", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
        let command = ["env", "-i"] + env + ["tmux", "-L", socket, "-f", "/dev/null"] + args
        _ = system(command.map(Self.quoted).joined(separator: " ") + " > \(Self.quoted(out)) 2>/dev/null < /dev/null")
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Opens a console on `url` in session `name`, 100×30.
    func open(_ name: String, url: String) {
        let command = "env XINFANG_DATA=\(Self.quoted(Fixtures.dataFolder)) \(Self.quoted(PostgresCLI.binary)) --log \(Self.quoted(url)) --lang en; sleep 60"
        tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", command])
    }

    func keys(_ name: String, _ keys: String...) { tmux(["send-keys", "-t", name] + keys) }
    func type(_ name: String, _ text: String) { tmux(["send-keys", "-t", name, "-l", text]) }
    func screen(_ name: String) -> String { tmux(["capture-pane", "-p", "-t", name]) }

    /// Waits at most `seconds` for the screen to hold `text`.
    func waitFor(_ name: String, _ text: String, seconds: Double = 5) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if screen(name).contains(text) { return true }
            usleep(50_000)
        }
        return screen(name).contains(text)
    }

    /// How long until the screen holds `text`, or nil after `limit`.
    func timeUntil(_ name: String, _ text: String, limit: Double = 5) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            if screen(name).contains(text) { return Date().timeIntervalSince(start) }
            usleep(20_000)
        }
        return nil
    }
}

/// A production log in a fresh database with two offices' clerks as roles: east, the
/// bureau's clerk (D-XFJ), and west, a handler of the housing bureau (D-ZJJ).
func twoOffices(host folder: String, database: String) throws -> (east: String, west: String) {
    let admin = try PostgresLocation(parsing: "postgresql:///\(database)?host=\(folder)", account: TestServer.account)
    _ = try PostgresEventLog.create(admin, jurisdiction: "D-XFJ", mode: .production, now: Fixtures.instant("2025-04-28"),
                                    dataHash: TestServer.dataHash)
    let log = try PostgresEventLog.open(admin, writable: true, dataHash: TestServer.dataHash)
    let book = try CaseBook(log: log)
    let at = Fixtures.instant("2025-04-28")
    try book.changeStaff(Roster(members: [
        .init(user: TestServer.account, name: "管理员", role: .administrator, organ: "D-XFJ"),
        .init(user: "east", name: "东", role: .clerk, organ: "D-XFJ"),
        .init(user: "west", name: "西", role: .handler, organ: "D-ZJJ"),
    ]).enrolment(by: TestServer.account, at: at), directory: Fixtures.directory)
    for role in ["east", "west"] {
        let exists = try PostgresAdmin.column(admin, "SELECT rolname::text FROM pg_roles WHERE rolname = '\(role)'")
        try PostgresAdmin.execute(admin, (exists.isEmpty ? ["CREATE ROLE \(role) LOGIN PASSWORD 'pw-\(role)'"] : [])
                                  + ["GRANT xinfang_staff TO \(role)"])
    }
    let url = "postgresql:///\(database)?host=\(folder)"
    return (url + "&user=east&password=pw-east", url + "&user=west&password=pw-west")
}

@Suite("Consoles on a PostgreSQL log, in tmux", .enabled(if: TestServer.enabled), .serialized)
struct LiveConsoleTmuxTests {
    @Test func twoConsolesAsTwoRolesOfTwoOrgansSeeEachOthersChangesWithinASecond() throws {
        let folder = try #require(TestServer.folder)
        let database = try TestServer.freshDatabase()
        let (east, west) = try twoOffices(host: folder, database: database)
        let consoles = LiveConsoles()
        consoles.open("east", url: east)
        consoles.open("west", url: west)
        #expect(consoles.waitFor("east", "east  reception clerk"), "\(consoles.screen("east"))")
        #expect(consoles.waitFor("west", "west  handling officer"), "\(consoles.screen("west"))")
        consoles.keys("east", "w")
        consoles.keys("west", "w")
        #expect(consoles.waitFor("west", "0 cases"))
        // Another office's clerk registers (its own process, as east).
        let cli = PostgresCLI()
        try Data(#"""
            {"channel":"visit","receivedAt":"2025-04-28","organ":"D-XFJ",
             "petitioner":{"kind":"citizen","name":"张伟","idNumber":"11010519491231002X","phone":"13800138000","address":"临江区滨江路1号"},
             "request":"要求落实安置补偿","facts":"安置房至今未交付","reasons":"依据征收补偿协议","category":"RESETTLEMENT","type":"grievance"}
            """#.utf8).write(to: URL(fileURLWithPath: cli.dir + "/p.json"))
        let registered = cli.run(["register", cli.dir + "/p.json", "--log", east], training: false)
        #expect(registered.status == 0, "\(registered.err)")
        let seen = consoles.timeUntil("west", "D-XFJ-2025-00001")
        #expect(seen.map { $0 < 1 } == true, "west saw the registration after \(String(describing: seen)) s")
        #expect(consoles.waitFor("east", "D-XFJ-2025-00001"))
        // East transfers it to the housing bureau from its console; west's queue shows it.
        consoles.keys("east", "Enter")
        #expect(consoles.waitFor("east", "Allowed now"))
        consoles.keys("east", "a")
        consoles.keys("east", "Enter")
        #expect(consoles.waitFor("east", "destination"))
        consoles.keys("east", "Enter")
        consoles.type("east", "住房")
        #expect(consoles.waitFor("east", "▶Linjiang Housing"))
        consoles.keys("east", "Enter")
        consoles.keys("east", "C-s")
        #expect(consoles.waitFor("east", "State: transferred"), "\(consoles.screen("east"))")
        let transferred = consoles.timeUntil("west", "transferred")
        #expect(transferred.map { $0 < 1 } == true, "west saw the transfer after \(String(describing: transferred)) s")
    }

    @Test func aConsoleThatLosesTheServerSaysSoKeepsItsScreenSavesNothingAndReconnects() throws {
        let cluster = try OwnCluster()
        defer { cluster.stop() }
        try PostgresAdmin.execute(try cluster.location(), ["CREATE DATABASE live"])
        let (east, _) = try twoOffices(host: cluster.folder, database: "live")
        let clerk = try PostgresEventLog.open(try PostgresLocation(parsing: east, account: "east"), writable: true,
                                              dataHash: TestServer.dataHash)
        _ = try CaseBook(log: clerk).register([Fixtures.letter()], now: Fixtures.instant("2025-04-29T09:00"),
                                              actor: Actor(user: "east", role: .clerk, organ: "D-XFJ"),
                                              reference: Fixtures.reference)
        let consoles = LiveConsoles()
        consoles.open("east", url: east)
        #expect(consoles.waitFor("east", "east  reception clerk"))
        consoles.keys("east", "w")
        #expect(consoles.waitFor("east", "D-XFJ-2025-00001"))
        consoles.keys("east", "Enter")
        #expect(consoles.waitFor("east", "Allowed now"))
        try cluster.kill()
        #expect(consoles.waitFor("east", "Database connection lost", seconds: 3), "\(consoles.screen("east"))")
        #expect(consoles.screen("east").contains("Allowed now"), "the case stays on the screen")
        // No form opens while the connection is lost: nothing can be saved.
        consoles.keys("east", "a")
        consoles.keys("east", "Enter")
        usleep(500_000)
        #expect(!consoles.screen("east").contains("F2 ^S save"), "\(consoles.screen("east"))")
        consoles.keys("east", "Escape")
        consoles.keys("east", "Escape")
        try cluster.restart()
        let end = Date().addingTimeInterval(5)
        while consoles.screen("east").contains("connection lost"), Date() < end { usleep(100_000) }
        #expect(!consoles.screen("east").contains("connection lost"), "\(consoles.screen("east"))")
        // Back: the same keys open the form.
        consoles.keys("east", "w")
        consoles.keys("east", "Enter")
        #expect(consoles.waitFor("east", "Allowed now"))
        consoles.keys("east", "a")
        consoles.keys("east", "Enter")
        #expect(consoles.waitFor("east", "F2 ^S save"), "\(consoles.screen("east"))")
    }
}
