import Foundation
import TestSupport
import Testing

/// Runs the built `xinfang` executable in a temporary folder with its own log.
struct CLI {
    let dir: String
    /// The log: a file in `dir`, or a database of the test's own (`CLI(store: .postgres)`).
    let log: String

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-e2e-\(UUID().uuidString)").path
        log = dir + "/cases.log"
        // Exactly 0700, whatever the umask `make test` runs under: xinfang refuses a log
        // in a folder anyone may write.
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    /// The stores an end-to-end test runs against: the file always; PostgreSQL when a test
    /// server is named (`$XINFANG_TEST_PG`) or required (`make test` starts one and requires
    /// it, so a missing server fails the test there: decision 0028).
    enum Store: String, CaseIterable, Sendable {
        case file, postgres
        static let under: [Store] = {
            let env = ProcessInfo.processInfo.environment
            let named = !(env["XINFANG_TEST_PG"] ?? "").isEmpty || env["XINFANG_TEST_PG_REQUIRED"] == "1"
            return named ? [.file, .postgres] : [.file]
        }()
    }

    /// A CLI on a log in `store`: for PostgreSQL, a fresh database on the test server (made
    /// with `createdb` as the account running the tests, its superuser by peer authentication).
    init(store: Store) throws {
        self.init()
        guard store == .postgres else { return }
        let folder = try #require(ProcessInfo.processInfo.environment["XINFANG_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 },
                                  "no PostgreSQL test server: make test starts one (scripts/pg-cluster.sh)")
        let name = "e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/createdb")
        p.arguments = ["-h", folder, String(name)]
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "createdb \(name) exited \(p.terminationStatus)")
        self = CLI(dir: dir, log: "postgresql:///\(name)?host=\(folder)")
    }

    private init(dir: String, log: String) {
        self.dir = dir
        self.log = log
    }

    static let binary = Fixtures.root + "/.build/debug/xinfang"

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Exactly the child's environment: nothing is inherited from the developer's shell,
    /// where a stray `XINFANG_TRAINING`, `XINFANG_LOG`, `XDG_DATA_HOME` or `NO_COLOR` would
    /// change what the executable does. HOME is the test's folder, so the per-user log
    /// path never points at a real log. `USER` picks the trainee's name on a training log
    /// only: a production log names the account running the test, and refuses a `USER`
    /// that names another.
    func environment(user: String = "tester", training: Bool = true) -> [String: String] {
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                   "XINFANG_LOG": log, "XINFANG_DATA": Fixtures.dataFolder]
        env["USER"] = training ? user : nil
        env["XINFANG_TRAINING"] = training ? "1" : nil
        return env
    }

    @discardableResult
    func run(_ args: [String], stdin: String? = nil, user: String = "tester", training: Bool = true,
             env extra: [String: String] = [:]) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        p.environment = environment(user: user, training: training).merging(extra) { $1 }
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        do { try p.run() } catch { return Result(status: -1, out: "", err: "\(error)") }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: e, as: UTF8.self))
    }

    func json(_ args: [String], training: Bool = true) -> Any? {
        let r = run(args + ["--json"], training: training)
        return try? JSONSerialization.jsonObject(with: Data(r.out.utf8))
    }

    var logBytes: Data { FileManager.default.contents(atPath: log) ?? Data() }

    static let groupVisit = """
        {"channel":"visit","receivedAt":"2025-04-28","organ":"D-XFJ",
         "petitioner":{"kind":"citizen","name":"张伟","idNumber":"11010519491231002X","phone":"13800138000","address":"临江区滨江路1号"},
         "request":"要求落实安置补偿","facts":"安置房至今未交付","reasons":"依据征收补偿协议","category":"RESETTLEMENT",
         "type":"grievance","group":{"people":12,"representatives":[{"name":"张伟","idNumber":"11010519491231002X"},
         {"name":"李娜","idNumber":"110102198001011239"}]}}
        """

    /// The log's records as `log dump` prints them, one object each.
    var dump: [[String: Any]] {
        run(["log", "dump"]).out.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The records of the log that hold case events (after the staff records `init` writes).
    var eventRecords: [[String: Any]] { dump.filter { $0["type"] as? String == "events" } }

    /// A log of two one-record commands (a registration, then a transfer) whose first
    /// case record is damaged inside its payload, which the second record vouches for:
    /// damage, never a torn tail. Returns its sequence number too.
    static func withDamagedFirstRecord() throws -> (cli: CLI, seq: Int) {
        let cli = CLI()
        cli.run(["init"])
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
        #expect(cli.run(["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ", "--now", "2025-04-30"]).status == 0)
        let records = cli.eventRecords
        let offset = try #require(records[1]["offset"] as? Int)
        var damaged = cli.logBytes
        damaged[offset - 40] ^= 0x10
        try damaged.write(to: URL(fileURLWithPath: cli.log))
        return (cli, try #require(records[0]["seq"] as? Int))
    }
}
