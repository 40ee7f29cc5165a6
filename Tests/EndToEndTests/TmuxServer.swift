#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A tmux server of one test's own: a private socket (`tmux -L`), no configuration file,
/// and an environment that holds only what the console needs.
///
/// The default server is shared with whatever else the developer runs, and a session's
/// processes inherit its global environment: a stray `tmux set-environment -g
/// XINFANG_TRAINING 1` there once opened a test's console in training mode. Here every
/// tmux client runs under `env -i`, so the server it starts begins from nothing, and
/// the test kills the server when it ends (`defer { server.kill() }`), failed or not.
final class TmuxServer {
    /// Unique per test: the process, and a random part for the tests of one run.
    let socket = "xinfang-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    /// Scratch space: the server's HOME, and where each tmux client's output lands.
    let dir: String
    private var killed = false

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-tmux-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    deinit { kill() }

    /// Exactly the server's environment, and so the base of every pane's: a search path
    /// for the shell, `sleep` and `env`, a home of its own, a terminal type, and a UTF-8
    /// locale (`C.UTF-8` is the one every glibc system has). A test adds what it sets on
    /// purpose on the pane's command line.
    var environment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": dir, "TERM": "xterm-256color",
         "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
    }

    /// Runs one tmux client on this server and returns what it printed. Through the
    /// shell: Foundation's Process did not reap the tmux client once the server had
    /// forked from it.
    @discardableResult
    func run(_ args: [String]) -> String {
        // After `kill` its folder is gone and so is every session: nothing to run.
        guard !killed else { return "" }
        let out = dir + "/tmux-out"
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let command = ["env", "-i"] + env + ["tmux", "-L", socket, "-f", "/dev/null"] + args
        _ = system(command.map(Self.quoted).joined(separator: " ") + " > \(Self.quoted(out)) 2>/dev/null < /dev/null")
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Ends the server and every console on it, and removes its socket (tmux leaves it
    /// behind) and scratch folder. Safe to call twice.
    func kill() {
        guard !killed else { return }
        run(["kill-server"])
        killed = true
        // Under `env -i` there is no TMUX_TMPDIR: the socket is in tmux's default folder.
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// What a pane shows now.
    func screen(of pane: String) -> String { run(["capture-pane", "-p", "-t", pane]) }

    /// Waits up to `seconds` for a pane to show `text`.
    @discardableResult
    func waitFor(_ text: String, in pane: String, seconds: Double = 5) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if screen(of: pane).contains(text) { return true }
            usleep(100_000)
        }
        return false
    }

    /// The processes a pane's shell started (a pane runs `… xinfang …; echo …; sleep`: xinfang
    /// is the shell's child).
    func processes(in pane: String) -> [Int32] {
        let shell = run(["display", "-p", "-t", pane, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { Int32($0) }
    }

    /// Whether a process of the pane has `path` open.
    func opens(_ path: String, in pane: String) -> Bool {
        processes(in: pane).contains { pid in
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            return fds.contains { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")) == path }
        }
    }

    /// `text` as one single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
