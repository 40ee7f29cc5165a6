import Foundation
import Testing

/// A log of one's own (not installed): its files' modes, the permissions it refuses, where
/// it is by default, and who its records name (docs/security.md).
@Suite("A private log's modes, place and author")
struct FileModeTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Runs xinfang under a umask, with `env`.
    static func run(_ cli: CLI, umask: String, _ args: [String], env: [String: String]) -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask \(umask); exec \"$@\"", "sh", CLI.binary] + args
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: cli.dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return CLI.Result(status: -1, out: "", err: "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test(arguments: ["000", "077"])
    func everyFileOfAPrivateLogIsTheOwnersAloneWhateverTheUmask(umask: String) throws {
        let cli = CLI()
        let folder = cli.dir + "/new/folder"
        var env = cli.environment()
        env["XINFANG_LOG"] = folder + "/cases.log"
        #expect(Self.run(cli, umask: umask, ["generate", "--cases", "800", "--until", "2026-11-27"], env: env).status == 0)
        // A damage note and a recovered log, too: damage the first record, then recover.
        let log = folder + "/cases.log"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        bytes[bytes.count / 2] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: log))
        #expect(Self.run(cli, umask: umask, ["log", "verify"], env: env).status != 0)
        let recovered = Self.run(cli, umask: umask, ["log", "recover", "--out", folder + "/recovered.log"], env: env)
        #expect(recovered.status == 0, "\(recovered.err)")
        #expect(Self.mode(cli.dir + "/new") == 0o700 && Self.mode(folder) == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        for expected in ["cases.log", "cases.snapshot", "cases.damaged", "recovered.log"] {
            #expect(names.contains(expected), "\(expected) in \(names)")
        }
        for name in names {
            // The damaged log was rewritten by the test itself (Data.write): not xinfang's.
            guard name != "cases.log" else { continue }
            #expect(Self.mode(folder + "/" + name) == 0o600, "\(name): \(String(Self.mode(folder + "/" + name) ?? 0, radix: 8))")
        }
    }

    @Test func aLogAnyoneCouldChangeIsRefusedWithHowToFixIt() throws {
        let cli = CLI()
        #expect(cli.run(["init"]).status == 0)
        for (path, mode) in [(cli.log, 0o666), (cli.dir, 0o777), (cli.dir, 0o1777)] {
            let before = Self.mode(path) ?? 0
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let r = cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
            #expect(r.status == 74, "\(path) \(String(mode, radix: 8)): \(r.err)")
            #expect(r.err.contains("权限不安全") && r.err.contains("chmod o-w \(path)"), "\(r.err)")
            let english = cli.run(["register", "-", "--lang", "en", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit)
            #expect(english.status == 74 && english.err.hasPrefix("xinfang: Bad permissions: \(path)"), "\(english.err)")
            try FileManager.default.setAttributes([.posixPermissions: before], ofItemAtPath: path)
        }
        #expect(cli.run(["register", "-", "--now", "2025-04-28T09:30"], stdin: CLI.groupVisit).status == 0)
    }

    @Test func theDefaultLogFollowsXdgDataHomeElseHome() {
        let cli = CLI()
        var env = cli.environment()
        env["XINFANG_LOG"] = nil
        env["HOME"] = cli.dir + "/home"
        #expect(Self.run(cli, umask: "022", ["init"], env: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.dir + "/home/.local/share/xinfang/xinfang.log"))
        env["XDG_DATA_HOME"] = cli.dir + "/xdg"
        #expect(Self.run(cli, umask: "022", ["init"], env: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.dir + "/xdg/xinfang/xinfang.log"))
    }

    @Test func aProductionLogNamesTheAccountAndRefusesAnyOtherName() throws {
        let cli = CLI()
        #expect(cli.run(["init", "--role", "clerk"], training: false).status == 0)
        let account = String(cString: getpwuid(getuid()).pointee.pw_name)
        let staff = try #require(cli.json(["staff", "list"], training: false) as? [[String: Any]])
        #expect(staff.map { $0["user"] as? String } == [account], "\(staff)")
        let before = cli.logBytes
        let byFlag = cli.run(["register", "-", "--as", account], stdin: CLI.groupVisit, training: false)
        #expect(byFlag.status == 64 && byFlag.err.contains("--as"), "\(byFlag.err)")
        var env = cli.environment(training: false)
        env["USER"] = "supervisor"
        let byUser = Self.run(cli, umask: "022", ["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ"], env: env)
        #expect(byUser.status == 64 && byUser.err.contains("USER=supervisor"), "\(byUser.err)")
        env["USER"] = nil
        env["LOGNAME"] = "supervisor"
        #expect(Self.run(cli, umask: "022", ["act", "D-XFJ-2025-00001", "transfer", "--to", "D-ZJJ"], env: env).status == 64)
        #expect(cli.logBytes == before)
        let own = cli.run(["register", "-"], stdin: CLI.groupVisit, training: false)
        #expect(own.status == 0, "\(own.err)")
        let shown = cli.run(["show", String(own.out.prefix { $0 != " " })], training: false)
        #expect(shown.out.contains(account), "\(shown.out)")
    }
}
