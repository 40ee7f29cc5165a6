import Foundation
import Glibc
import TestSupport
import Testing

/// An office installation of the built executable (`scripts/install.sh`) in a temporary
/// prefix of its own, and the accounts that use it, run as those accounts: what
/// docs/install.md describes, tried as root the way an office's machine would be.
struct Office {
    /// The test accounts: two clerks and one account that is on no staff.
    static let clerk1 = "xf-clerk1", clerk2 = "xf-clerk2", outsider = "xf-outsider"

    let prefix: String
    var binary: String { prefix + "/bin/xinfang" }
    var folder: String { prefix + "/var/lib/xinfang" }
    var log: String { folder + "/xinfang.log" }
    /// A file in the office folder the clerks must not read through xinfang (the snapshot's name).
    var privateFile: String { folder + "/xinfang.snapshot" }

    /// Installs into a new prefix (its folders traversable by the test accounts), after
    /// making sure the accounts exist.
    init() throws {
        try Self.accountsReady.get()
        prefix = "/tmp/xinfang-office-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let r = Self.shell(["/bin/sh", Fixtures.root + "/scripts/install.sh", prefix, CLI.binary], env: Self.baseEnvironment)
        guard r.status == 0 else { throw Failed("install.sh: \(r.err)") }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The accounts, made once per test run whichever suite asks first. A file lock keeps
    /// two test processes from running `useradd` for the same name at once.
    static let accountsReady: Result<Void, Failed> = {
        let fd = open("/tmp/xinfang-test-accounts.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failure(Failed("lock: \(errno)")) }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        for name in [clerk1, clerk2, outsider] where getpwnam(name) == nil {
            let r = shell(["/usr/sbin/useradd", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name],
                          env: baseEnvironment)
            guard r.status == 0 else { return .failure(Failed("useradd \(name): \(r.err)")) }
        }
        return .success(())
    }()

    static let baseEnvironment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]

    /// The environment a login as `account` would give: its name in USER and LOGNAME.
    static func login(_ account: String) -> [String: String] {
        baseEnvironment.merging(["USER": account, "LOGNAME": account, "HOME": "/nonexistent"]) { $1 }
    }

    /// Runs the installed xinfang as `account` (its own user and group ids, its groups),
    /// under `umask`, with exactly `env`; root runs it as root.
    func run(_ account: String, _ args: [String], env: [String: String]? = nil, umask: String = "022",
             stdin: String? = nil) -> CLI.Result {
        Self.shell(Self.asAccount(account, ["/bin/sh", "-c", "umask \(umask); exec \"$@\"", "sh", binary] + args),
                   env: env ?? Self.login(account), stdin: stdin)
    }

    /// A command as `account`, with `setpriv` (root stays root).
    static func asAccount(_ account: String, _ command: [String]) -> [String] {
        guard account != "root" else { return command }
        return ["/usr/bin/setpriv", "--reuid=\(account)", "--regid=\(account)", "--init-groups", "--"] + command
    }

    static func shell(_ command: [String], env: [String: String], stdin: String? = nil) -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        do { try p.run() } catch { return CLI.Result(status: -1, out: "", err: "\(error)") }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                          err: String(decoding: e, as: UTF8.self))
    }

    /// The production log, created by root as the administrator, with both clerks added
    /// to its staff the way docs/install.md says (the administrator's `xinfang staff add`).
    func openForBusiness(umask: String = "022") throws {
        let r = run("root", ["init", "--role", "administrator"], umask: umask)
        guard r.status == 0 else { throw Failed("init: \(r.err)") }
        // The administrator enrols the clerks, as docs/install.md says: staff records in the log.
        for (user, name) in [(Self.clerk1, "窗口一"), (Self.clerk2, "窗口二")] {
            let added = run("root", ["staff", "add", user, "--name", name, "--role", "clerk", "--organ", "D-XFJ"], umask: umask)
            guard added.status == 0 else { throw Failed("staff add: \(added.err)") }
        }
    }

    /// Permission bits (with set-group-id) and owning group of a path.
    static func mode(_ path: String) -> (mode: Int, group: String)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let group = getgrgid(st.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "\(st.st_gid)"
        return (Int(st.st_mode & 0o7777), group)
    }

    func remove() { try? FileManager.default.removeItem(atPath: prefix) }
}
