import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13's memory target: the sum of the proportional set sizes (Pss, from
/// `/proc/PID/smaps_rollup`) of `count` consoles open on the same log at once, each in a
/// tmux session of its own as at a window terminal, once their home screen is drawn and
/// their search index taken — and again once each has opened its queue. Pss divides every
/// shared page (the mapped snapshot, the executable and libraries) among the processes
/// mapping it, so the sum is what the host pays. By default the consoles run through one
/// console service (`xinfang serve`, decision 0033), whose Pss is in the sum; with
/// `standalone`, each opens the log in a process of its own. Beside it, the same run's one
/// console alone (in a process of its own), times `count`: what the host would pay if
/// nothing were shared.
@MainActor func consolesBench(xinfang: String, log: String, count: Int, standalone: Bool = false) {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
        print("  consoles: no tmux (make setup installs it)")
        return
    }
    let tag = "xfbench\(getpid())"
    /// Runs tmux on a server of the bench's own and returns what it printed (through a
    /// file: the server a `new-session` starts would hold a pipe open for good). Spawned and
    /// waited for directly, as `spawn` does.
    func tmux(_ arguments: [String], output: Bool = true) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(tag)-out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, output ? file : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv = (["/usr/bin/tmux", "-L", tag] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        guard output else { return "" }
        defer { unlink(file) }
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }
    defer { _ = tmux(["kill-server"], output: false) }

    let environment = "env TERM=xterm-256color LANG=C.UTF-8 XINFANG_TRAINING=1"
    /// Starts consoles `range`, waits until each shows its home screen, and returns their pids.
    func start(_ range: Range<Int>, alone: Bool) -> [Int32] {
        for i in range {
            let command = "\(environment) \(xinfang) --log \(log) --as clerk" + (alone ? " --standalone" : "")
            _ = tmux(["new-session", "-d", "-s", "c\(i)", "-x", "80", "-y", "24", "exec " + command], output: false)
        }
        var pids: [Int32] = []
        for i in range {
            let started = now()
            // The home screen with its counts, then a second for the search index to be taken.
            while now() - started < 120, !tmux(["capture-pane", "-p", "-t", "c\(i)"]).contains("案件总数") { usleep(100_000) }
            if let pid = pid("c\(i)") { pids.append(pid) }
        }
        sleep(3)
        return pids
    }
    func pid(_ session: String) -> Int32? {
        Int32(tmux(["display", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    /// Opens the queue in consoles `range` (as a clerk at the window does) and waits for it.
    func openQueues(_ range: Range<Int>) {
        for i in range {
            _ = tmux(["send-keys", "-t", "c\(i)", "w"], output: false)
            let started = now()
            while now() - started < 60, !tmux(["capture-pane", "-p", "-t", "c\(i)"]).contains("案件队列") { usleep(100_000) }
        }
        sleep(3)
    }
    func pss(_ pid: Int32) -> (pss: Double, privateMB: Double) {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
        func kb(_ field: String) -> Double {
            let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
            return Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return (kb("Pss") / 1024, (kb("Private_Clean") + kb("Private_Dirty")) / 1024)
    }

    // The baseline: one console alone, in a process of its own, with nothing else open.
    guard let first = start(0..<1, alone: true).first else {
        print("  consoles: the first console did not start")
        return
    }
    let one = pss(first)
    let baseline = "one console alone \(f(one.pss, " MB")) × \(count) = \(f(one.pss * Double(count), " MB"))"
    guard !standalone else {
        let pids = [first] + start(1..<count, alone: true)
        func report(_ what: String) {
            let all = pids.map(pss)
            let privates = all.map(\.privateMB).sorted()
            row("sum of Pss, \(all.count) consoles on one log, \(what)", f(all.reduce(0) { $0 + $1.pss }, " MB"), baseline,
                "each in a process of its own; private per console \(f(privates[privates.count / 2], " MB")) (median)")
        }
        report("home screen")
        openQueues(0..<count)
        report("queue open")
        return
    }
    _ = tmux(["kill-session", "-t", "c0"], output: false)
    usleep(500_000)

    // The service, then `count` consoles through it.
    _ = tmux(["new-session", "-d", "-s", "service", "-x", "200", "-y", "5", "exec \(environment) \(xinfang) serve --log \(log)"],
             output: false)
    let started = now()
    while now() - started < 120, !tmux(["capture-pane", "-p", "-t", "service"]).contains("控制台服务已就绪") { usleep(100_000) }
    guard let service = pid("service") else {
        print("  consoles: the console service did not start")
        return
    }
    let ready = now() - started
    let clients = start(0..<count, alone: false)
    func report(_ what: String) {
        let served = pss(service)
        let all = clients.map(pss)
        let total = all.reduce(served.pss) { $0 + $1.pss }
        let perClient = all.map(\.pss).sorted()
        row("sum of Pss, \(all.count) consoles through one service, \(what)", f(total, " MB"), baseline,
            "the service \(f(served.pss, " MB")) (private \(f(served.privateMB, " MB"))), each console \(f(perClient[perClient.count / 2], " MB")) (median)")
    }
    report("home screen")
    openQueues(0..<count)
    report("queue open")
    row("console service: opened and ready", f(ready, " s"), "—")
}
