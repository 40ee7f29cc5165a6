import Foundation
import PetitionStore
#if canImport(Glibc)
import Glibc
#endif

/// Who is running xinfang, and whether as an office installation: the real account,
/// whether the executable runs set-group-id, and the configured folders
/// (docs/decisions/0014-identity.md, docs/install.md).
///
/// An office installation is `PREFIX/bin/xinfang` (mode 2755, group `xinfang`) with
/// `PREFIX/etc/xinfang.conf` (owned by root, writable by no one else) naming the office
/// folder and the reference data. Running set-group-id, xinfang trusts nothing the
/// caller controls: not the environment, not a path outside the office folder.
struct Installation {
    /// The account of the real user id: who is acting, whatever the environment says.
    let account: String
    /// Whether the effective group differs from the real one: the executable runs
    /// set-group-id, with access to files its caller cannot reach by themselves.
    let privileged: Bool
    /// The office folder (`folder =` in xinfang.conf), if installed.
    let folder: String?
    /// The reference data (`data =` in xinfang.conf), if installed.
    let data: String?
    /// What is wrong with the installation, when running set-group-id without a
    /// configuration xinfang can trust.
    let problem: String?

    static let current = Installation.inspect()

    /// The configuration file, beside the executable as the kernel reports it (not
    /// `argv[0]`, which the caller chooses).
    static var configurationPath: String? {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let prefix = ((exe as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        return (prefix as NSString).appendingPathComponent("etc/xinfang.conf")
    }

    private static func inspect() -> Installation {
        let account = accountName(getuid())
        let privileged = getegid() != getgid()
        guard let path = configurationPath, FileManager.default.fileExists(atPath: path) else {
            return Installation(account: account, privileged: privileged, folder: nil, data: nil,
                                problem: privileged ? "no xinfang.conf beside the executable" : nil)
        }
        var st = stat()
        guard stat(path, &st) == 0 else {
            return Installation(account: account, privileged: privileged, folder: nil, data: nil, problem: "\(path): \(String(cString: strerror(errno)))")
        }
        // Trusted only if root wrote it and no one else can: like sudoers.
        if st.st_uid != 0 || st.st_mode & 0o022 != 0 {
            return Installation(account: account, privileged: privileged, folder: nil, data: nil,
                                problem: "\(path) must be owned by root and writable by no one else")
        }
        var settings: [String: String] = [:]
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            settings[key] = value
        }
        let folder = settings["folder"].flatMap { $0.hasPrefix("/") ? resolved($0) : nil }
        let data = settings["data"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        return Installation(account: account, privileged: privileged, folder: folder, data: data,
                            problem: (folder == nil || data == nil) && privileged
                                ? "\(path) must name an absolute folder = … and data = …" : nil)
    }

    /// The name of an account by its user id, or the number when it has none.
    static func accountName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "\(uid)" }
        return String(cString: name)
    }

    /// The home folder of the real account, from the password database.
    static var accountHome: String? {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    /// A path made absolute, its folder resolved by the system (`..` and links), so
    /// that no spelling of a path outside the office folder passes for one inside it.
    static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let name = (absolute as NSString).lastPathComponent
        return (resolved((absolute as NSString).deletingLastPathComponent) as NSString).appendingPathComponent(name)
    }

    /// A folder's real path, or its spelling tidied when it does not exist.
    static func resolved(_ folder: String) -> String {
        guard let real = realpath(folder, nil) else { return (folder as NSString).standardizingPath }
        defer { free(real) }
        return String(cString: real)
    }

    /// Runs `body` with the caller's own group, not `xinfang`: for reading a file the
    /// caller names (`register FILE`), which must not reach into the office folder.
    static func asCaller<T>(_ body: () throws -> T) rethrows -> T {
        let raised = getegid()
        guard raised != getgid(), setegid(getgid()) == 0 else { return try body() }
        defer {
            // Back to the group the executable was installed with (the saved set-group-id).
            precondition(setegid(raised) == 0, "could not take back the xinfang group")
        }
        return try body()
    }

    /// Whether `path` names a file directly inside the office folder.
    func holds(_ path: String) -> Bool {
        guard let folder else { return false }
        return (Self.standardized(path) as NSString).deletingLastPathComponent == folder
    }

    /// The environment xinfang reads: as given, or — running set-group-id — without
    /// anything that would choose a file or a user (`XINFANG_*`, `HOME`, `XDG_*`, `USER`,
    /// `LOGNAME`): the configured folder and the real account decide instead. `ignored`
    /// lists the `XINFANG_*` variables dropped, for a warning.
    func environment(_ given: [String: String]) -> (kept: [String: String], ignored: [String]) {
        guard privileged else { return (given, []) }
        let dropped = given.keys.filter {
            $0.hasPrefix("XINFANG_") || $0.hasPrefix("XDG_") || ["HOME", "USER", "LOGNAME"].contains($0)
        }
        // Only xinfang's own are worth a word: HOME and USER are in every login's environment.
        return (given.filter { !dropped.contains($0.key) }, dropped.filter { $0.hasPrefix("XINFANG_") }.sorted())
    }
}
