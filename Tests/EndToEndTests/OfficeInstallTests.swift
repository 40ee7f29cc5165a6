import Foundation
import Testing

/// The office installation (docs/install.md, docs/security.md "Identity"): the built
/// executable installed set-group-id into a temporary prefix and run as real accounts.
/// Needs root (to install and to create the accounts); skipped otherwise.
@Suite("An office installation, run as its clerks", .enabled(if: getuid() == 0))
struct OfficeInstallTests {
    @Test func aClerksRecordsNameTheirOwnAccountWhateverTheyClaim() throws {
        let office = try Office()
        defer { office.remove() }
        try office.openForBusiness()
        let first = office.run(Office.clerk1, ["register", "-"], stdin: CLI.groupVisit)
        #expect(first.status == 0, "\(first.err)")

        // Another clerk claiming clerk1's name, by environment or by flag: refused, nothing written.
        let before = try Data(contentsOf: URL(fileURLWithPath: office.log))
        var claimed = Office.login(Office.clerk2)
        claimed["USER"] = Office.clerk1
        let byUser = office.run(Office.clerk2, ["register", "-"], env: claimed, stdin: CLI.groupVisit)
        #expect(byUser.status == 64)
        #expect(byUser.err.contains("USER=\(Office.clerk1)") && byUser.err.contains(Office.clerk2), "\(byUser.err)")
        let byFlag = office.run(Office.clerk2, ["register", "-", "--as", Office.clerk1], stdin: CLI.groupVisit)
        #expect(byFlag.status == 64)
        #expect(byFlag.err.contains("不能用 --as"), "\(byFlag.err)")
        let english = office.run(Office.clerk2, ["register", "-", "--as", "root", "--lang", "en"], stdin: CLI.groupVisit)
        #expect(english.status == 64)
        #expect(english.err == "xinfang: Every record on a production log names your own account \"\(Office.clerk2)\"; --as root is refused (--as is for training logs)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: office.log)) == before)

        let second = office.run(Office.clerk2, ["register", "-"], stdin: CLI.groupVisit)
        #expect(second.status == 0, "\(second.err)")
        let dump = office.run("root", ["log", "dump"])
        #expect(dump.status == 0, "\(dump.err)")
        let actors = dump.out.split(separator: "\n").compactMap { line -> String? in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            let actor = (record["events"] as? [[String: Any]])?.first?["actor"] as? [String: Any]
            return actor?["user"] as? String
        }
        #expect(actors.contains(Office.clerk1) && actors.contains(Office.clerk2), "\(dump.out.prefix(600))")
    }

    @Test func noClerkCanWriteTheLogNorAnyOtherAccountReadIt() throws {
        let office = try Office()
        defer { office.remove() }
        try office.openForBusiness()
        #expect(office.run(Office.clerk1, ["register", "-"], stdin: CLI.groupVisit).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: office.log))
        // Opening the log for writing (append, as a shell's >> does) fails with EACCES.
        let write = Office.shell(Office.asAccount(Office.clerk1, ["/bin/sh", "-c", "exec 3>>\"$0\"", office.log]),
                                 env: Office.login(Office.clerk1))
        #expect(write.status != 0)
        #expect(write.err.contains("Permission denied"), "\(write.err)")
        let chmod = Office.shell(Office.asAccount(Office.clerk1, ["/bin/chmod", "0666", office.log]), env: Office.login(Office.clerk1))
        #expect(chmod.status != 0, "the clerk cannot even reach the file to change its mode")
        for account in [Office.clerk1, Office.outsider] {
            let read = Office.shell(Office.asAccount(account, ["/bin/cat", office.log]), env: Office.login(account))
            #expect(read.status != 0 && read.err.contains("Permission denied"), "\(account): \(read.err)")
        }
        // Nor does the installed xinfang show the log to an account its staff does not name.
        for args in [["queue"], ["show", "D-XFJ-2025-00001"], ["log", "dump"]] {
            let shown = office.run(Office.outsider, args)
            #expect(shown.status == 64, "\(args): \(shown.err)")
            #expect(shown.out.isEmpty && shown.err.contains(Office.outsider), "\(args): \(shown.out)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: office.log)) == before)
    }

    @Test func runningSetGroupIDItIgnoresTheEnvironmentAndRefusesFilesOutsideItsFolder() throws {
        let office = try Office()
        defer { office.remove() }
        try office.openForBusiness()
        let elsewhere = "/tmp/xinfang-elsewhere-\(UUID().uuidString)"
        var env = Office.login(Office.clerk1)
        env["XINFANG_LOG"] = elsewhere + "/x.log"
        env["XINFANG_DATA"] = elsewhere
        env["XINFANG_TRAINING"] = "1"
        env["XDG_DATA_HOME"] = elsewhere
        env["HOME"] = elsewhere
        let r = office.run(Office.clerk1, ["register", "-"], env: env, stdin: CLI.groupVisit)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("D-XFJ-2025-00001"))
        #expect(r.err.contains("XINFANG_DATA, XINFANG_LOG, XINFANG_TRAINING") && r.err.contains("已忽略"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere))

        let other = office.run(Office.clerk1, ["queue", "--log", "/tmp/other.log"])
        #expect(other.status == 64 && other.err.contains("办公目录"), "\(other.err)")
        let sneaky = office.run(Office.clerk1, ["queue", "--log", office.folder + "/../../../tmp/x.log"])
        #expect(sneaky.status == 64, "\(sneaky.err)")
        let recover = office.run("root", ["log", "recover", "--out", "/tmp/recovered-\(UUID().uuidString).log"])
        #expect(recover.status == 64, "\(recover.err)")
        // A petition file is read with the clerk's own group: the office folder stays closed.
        let peek = office.run(Office.clerk1, ["register", office.log])
        #expect(peek.status == 74, "\(peek.err)")
        #expect(!peek.err.contains("clerk"), "\(peek.err)")
    }

    @Test(arguments: ["000", "077"])
    func filesInTheOfficeFolderAreSharedWithTheGroupOnlyWhateverTheUmask(umask: String) throws {
        let office = try Office()
        defer { office.remove() }
        try office.openForBusiness(umask: umask)
        for _ in 0..<2 {
            #expect(office.run(Office.clerk1, ["register", "-"], umask: umask, stdin: CLI.groupVisit).status == 0)
        }
        #expect(Office.mode(office.folder)?.mode == 0o2770)
        let names = try FileManager.default.contentsOfDirectory(atPath: office.folder)
        #expect(names.contains("xinfang.log"), "\(names)")
        for name in names {
            let m = Office.mode(office.folder + "/" + name)
            #expect(m?.mode == 0o660 && m?.group == "xinfang", "\(name): \(String(m?.mode ?? 0, radix: 8)) \(m?.group ?? "")")
        }
        #expect(Office.mode(office.binary)?.mode == 0o2755 && Office.mode(office.binary)?.group == "xinfang")
    }

    /// A clerk's console on the installed log saves: the log is writable by the program's
    /// group, not by the clerk's account, and the console asks the former (it asked the
    /// latter, opened read-only, and refused every save). And a clerk cannot make logs in
    /// the office folder (the administrator does).
    @Test func aClerksConsoleSavesAndAClerkMakesNoLogs() throws {
        let office = try Office()
        defer { office.remove() }
        try office.openForBusiness()
        let server = TmuxServer()
        defer { server.kill() }
        let command = (Office.asAccount(Office.clerk1, [office.binary]).map { "'\($0)'" }).joined(separator: " ")
        server.run(["new-session", "-d", "-s", "c", "-x", "80", "-y", "24",
                    "env USER=\(Office.clerk1) LOGNAME=\(Office.clerk1) HOME=/nonexistent \(command); sleep 30"])
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<50 where !server.run(["capture-pane", "-p", "-t", "c"]).contains(text) { usleep(100_000) }
            return server.run(["capture-pane", "-p", "-t", "c"]).contains(text)
        }
        #expect(waitFor("信访 · 首页"), "\(server.run(["capture-pane", "-p", "-t", "c"]))")
        server.run(["send-keys", "-t", "c", "r"])
        #expect(waitFor("收到日期"))
        server.run(["send-keys", "-t", "c", "Tab", "Tab", "Tab"])
        server.run(["send-keys", "-t", "c", "-l", "张伟"])
        server.run(["send-keys", "-t", "c", "Tab"])
        server.run(["send-keys", "-t", "c", "-l", "11010519491231002X"])
        for _ in 0..<4 { server.run(["send-keys", "-t", "c", "Tab"]) }
        server.run(["send-keys", "-t", "c", "-l", "安置补偿"])  // the category's picker
        #expect(waitFor("共1项"), "one category matches 安置补偿")
        server.run(["send-keys", "-t", "c", "Enter"])
        for text in ["要求落实安置补偿", "安置房至今未交付", "依据征收补偿协议"] {
            server.run(["send-keys", "-t", "c", "Tab"])
            server.run(["send-keys", "-t", "c", "-l", text])
        }
        server.run(["send-keys", "-t", "c", "F2"])
        #expect(waitFor("登记成功"), "\(server.run(["capture-pane", "-p", "-t", "c"]))")

        let made = office.run(Office.clerk1, ["init", "--log", office.folder + "/mine.log"])
        #expect(made.status == 64 && !FileManager.default.fileExists(atPath: office.folder + "/mine.log"), "\(made.err)")
    }

    /// The installation brings shell completions for bash, zsh and fish, written by the
    /// executable itself; bash knows them once sourced (issue 12, item 6).
    @Test func theInstallationBringsShellCompletions() throws {
        let office = try Office()
        defer { office.remove() }
        let bash = office.prefix + "/share/bash-completion/completions/xinfang"
        for path in [bash, office.prefix + "/share/zsh/site-functions/_xinfang",
                     office.prefix + "/share/fish/vendor_completions.d/xinfang.fish"] {
            #expect(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").contains("xinfang"), "\(path)")
        }
        let known = Office.shell(["/bin/bash", "-c", "source \"$0\"; complete -p xinfang", bash], env: Office.baseEnvironment)
        #expect(known.status == 0 && known.out.contains("xinfang"), "\(known.err)")
    }
}
