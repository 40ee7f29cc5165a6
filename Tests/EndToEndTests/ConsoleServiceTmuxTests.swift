#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport
import Testing

/// The console service (`xinfang serve`, decision 0033): one case book for every console
/// on the host, each console a terminal that sends keys and draws frames. Tried as the
/// window staff would meet it, in tmux: consoles that see each other's work, a service that
/// stops and says so, one that dies, and a production log that knows each console by the
/// account at the other end of the socket.
@Suite("The console service in tmux", .serialized)
struct ConsoleServiceTmuxTests {
    typealias Console = ConsoleTmuxTests.Session

    /// `xinfang serve` in a tmux session of its own on `cli`'s log, ready (an issue if it is not).
    final class Service {
        let name = "sv\(UInt32.random(in: 0...UInt32.max))"
        let server: TmuxServer

        init(on server: TmuxServer, cli: CLI, training: Bool = true) {
            self.server = server
            let vars = ["XINFANG_DATA=\(Fixtures.dataFolder)", "LANG=C.UTF-8"] + (training ? ["XINFANG_TRAINING=1"] : [])
            server.run(["new-session", "-d", "-s", name, "-x", "120", "-y", "10",
                        "env \(vars.joined(separator: " ")) \(CLI.binary) serve --log \(cli.log); echo SERVICE-EXITED-$?; sleep 30"])
            #expect(waitFor("控制台服务已就绪"), "\(screen())")
        }

        func screen() -> String { server.screen(of: name) }

        @discardableResult
        func waitFor(_ text: String, seconds: Double = 10) -> Bool { server.waitFor(text, in: name, seconds: seconds) }

        /// The service's own process (the pane's shell started it).
        var processes: [Int32] { server.processes(in: name) }
    }

    /// A training log of 120 practice cases, as the console tests use.
    static func practiceLog() -> CLI {
        let cli = CLI()
        _ = cli.run(["generate", "--cases", "120", "--until", "2026-11-27", "--log", cli.log])
        return cli
    }

    /// Whether the console's own process has the log file open: a console of the service
    /// opens no log (it is only the terminal); one in a process of its own does.
    static func holdsLog(_ console: Console) -> Bool { console.server.opens(console.cli.log, in: console.name) }

    @Test func twoConsolesOnOneServiceSeeEachOthersWorkAndCloseWhenItStops() {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        let service = Service(on: server, cli: cli)
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        let other = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("案件总数") && other.waitFor("案件总数"), "\(clerk.screen())")
        #expect(!Self.holdsLog(clerk) && !Self.holdsLog(other), "a console of the service opened the log itself")
        #expect(clerk.screen().contains("窗口登记员"))
        // The socket is as private as the log it serves.
        var socket = stat()
        #expect(stat(cli.dir + "/cases.console", &socket) == 0 && socket.st_mode & 0o777 == 0o600)

        // One console registers; the other finds the case within its poll.
        clerk.fillZhangWeisVisit()
        clerk.keys("F2")
        #expect(clerk.waitFor("登记成功"), "\(clerk.screen())")
        other.keys("s")
        other.type("张伟")
        #expect(other.waitFor("11010519491231002X"), "\(other.screen())")

        // Ctrl-C to the service: each console closes and says why.
        service.server.run(["send-keys", "-t", service.name, "C-c"])
        #expect(clerk.waitFor("控制台服务已停止，本控制台随之关闭"), "\(clerk.screen())")
        #expect(clerk.waitFor("CONSOLE-EXITED-1") && other.waitFor("CONSOLE-EXITED-1"), "\(other.screen())")
        #expect(service.waitFor("SERVICE-EXITED-0"), "\(service.screen())")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/cases.console"))
    }

    /// A service killed outright leaves its socket: its consoles say the connection is lost,
    /// a console started then opens the log itself, and a new service takes the socket over.
    @Test func aServiceKilledOutrightLeavesConsolesThatCanBeReopened() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        let service = Service(on: server, cli: cli)
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("案件总数"), "\(clerk.screen())")
        for pid in service.processes { Glibc.kill(pid, SIGKILL) }
        #expect(clerk.waitFor("与控制台服务的连接已断开"), "\(clerk.screen())")
        #expect(clerk.waitFor("CONSOLE-EXITED-1"))

        let alone = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(alone.waitFor("案件总数"), "\(alone.screen())")
        #expect(Self.holdsLog(alone), "with no service answering, the console opens the log itself")

        _ = Service(on: server, cli: cli)
        let served = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(served.waitFor("案件总数"), "\(served.screen())")
        #expect(!Self.holdsLog(served))
        // `--standalone` opens the log in a process of its own while the service runs.
        let own = Console(on: server, sharing: cli, arguments: "--as clerk --standalone")
        #expect(own.waitFor("案件总数"), "\(own.screen())")
        #expect(Self.holdsLog(own))
    }

    /// Whoever may open the log may connect, nobody else: the socket has the log's group and
    /// its owner's and group's bits.
    @Test(.enabled(if: getuid() == 0, "giving the log another group needs root"))
    func theSocketHasTheLogsGroupAndMode() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        #expect(chown(cli.log, 0, 65534) == 0 && chmod(cli.log, 0o640) == 0)
        _ = Service(on: server, cli: cli)
        var socket = stat()
        #expect(stat(cli.dir + "/cases.console", &socket) == 0)
        #expect(socket.st_gid == 65534 && socket.st_mode & 0o777 == 0o640)
    }

    /// A service that stops answering (here: stopped with SIGSTOP) does not hold its consoles:
    /// after five seconds the status line says so, and Ctrl-C leaves.
    @Test func aConsoleLeavesAServiceThatStoppedAnswering() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        let service = Service(on: server, cli: cli)
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("案件总数"), "\(clerk.screen())")
        let pids = service.processes
        #expect(!pids.isEmpty)
        for pid in pids { Glibc.kill(pid, SIGSTOP) }
        defer { for pid in pids { Glibc.kill(pid, SIGCONT) } }
        clerk.keys("w")
        #expect(clerk.waitFor("控制台服务没有回应", seconds: 10), "\(clerk.screen())")
        clerk.keys("C-c")
        #expect(clerk.waitFor("CONSOLE-EXITED-1"), "\(clerk.screen())")
        #expect(clerk.screen().contains("控制台服务没有回应，已退出本控制台"))
    }

    /// Keys arriving faster than frames are drawn (a paste without the terminal's paste
    /// marks: 3,000 keys at once) all arrive, and the console still answers: neither end waits
    /// on the other to read.
    @Test func aBurstOfKeysArrivesWholeAndTheConsoleAnswersAfter() {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        _ = Service(on: server, cli: cli)
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("案件总数"), "\(clerk.screen())")
        clerk.keys("s")
        #expect(clerk.waitFor("查找："))
        clerk.type(String(repeating: "x", count: 3_000) + "END")
        #expect(clerk.waitFor("xEND", seconds: 60), "\(clerk.screen())")
        clerk.keys("Escape")
        clerk.keys("w")
        #expect(clerk.waitFor("案件队列", seconds: 10), "\(clerk.screen())")
        #expect(!clerk.screen().contains("没有回应"))
    }

    /// A service that says it is ready and then draws nothing is left the same way: the
    /// console says so after five seconds, and Ctrl-C leaves.
    @Test func aServiceThatNeverDrawsIsLeft() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        let script = cli.dir + "/silent.py"
        try """
        import socket, sys, time
        s = socket.socket(socket.AF_UNIX)
        s.bind(sys.argv[1])
        s.listen(1)
        c, _ = s.accept()
        c.recv(65536)
        c.sendall(bytes([2, 0, 0, 0, 0]))  # ready, and then nothing
        time.sleep(60)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        server.run(["new-session", "-d", "-s", "silent", "/usr/bin/python3 \(script) \(cli.dir)/cases.console; sleep 30"])
        let end = Date().addingTimeInterval(5)
        while Date() < end, !FileManager.default.fileExists(atPath: cli.dir + "/cases.console") { usleep(50_000) }
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("控制台服务没有回应", seconds: 10), "\(clerk.screen())")
        clerk.keys("C-c")
        #expect(clerk.waitFor("CONSOLE-EXITED-1"), "\(clerk.screen())")
    }

    /// A socket beside the log made by an account that may not write the log is not the
    /// service: the console sends it nothing (not even who it is) and opens the log itself.
    @Test(.enabled(if: getuid() == 0, "making the socket as another account needs root"))
    func aSocketAnotherAccountMadeBesideTheLogHearsNothing() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = Self.practiceLog()
        // The folder lets the group nogroup make files in it (the world may not: a console
        // refuses such a folder outright).
        #expect(chown(cli.dir, 0, 65534) == 0 && chmod(cli.dir, 0o770) == 0)
        let heard = cli.dir + "/heard", script = cli.dir + "/listen.py"
        try """
        import socket, os, sys
        s = socket.socket(socket.AF_UNIX)
        s.bind(sys.argv[1])
        os.chmod(sys.argv[1], 0o777)
        s.listen(1)
        c, _ = s.accept()
        c.settimeout(5)
        data = b''
        try:
            while True:
                b = c.recv(65536)
                if not b:
                    break
                data += b
        except Exception:
            pass
        open(sys.argv[2], 'wb').write(data)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o644)
        server.run(["new-session", "-d", "-s", "listener", "setpriv --reuid=65534 --regid=65534 --clear-groups "
                    + "/usr/bin/python3 \(script) \(cli.dir)/cases.console \(heard); sleep 30"])
        let end = Date().addingTimeInterval(5)
        while Date() < end, !FileManager.default.fileExists(atPath: cli.dir + "/cases.console") { usleep(50_000) }
        let clerk = Console(on: server, sharing: cli, arguments: "--as clerk")
        #expect(clerk.waitFor("案件总数"), "\(clerk.screen())")
        #expect(Self.holdsLog(clerk), "the console opened the log itself")
        clerk.keys("r")
        let heardBy = Date().addingTimeInterval(5)
        while Date() < heardBy, !FileManager.default.fileExists(atPath: heard) { usleep(50_000) }
        let bytes = try #require(FileManager.default.contents(atPath: heard), "the listener was connected to and closed")
        #expect(bytes.isEmpty, "the other account's socket heard \(bytes.count) bytes")
    }

    /// On a production log the service acts for the account the kernel names at the other
    /// end of the socket, and refuses what a console of its own refuses: another name in
    /// `USER`, an `--as`.
    @Test func aProductionServiceActsForTheConsolesOwnAccountOnly() {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = CLI()
        let account = String(cString: getpwuid(getuid()).pointee.pw_name)
        #expect(cli.run(["init", "--role", "clerk"], training: false).status == 0)
        _ = Service(on: server, cli: cli, training: false)

        let mine = Console(on: server, env: ["USER": account], generate: false, sharing: cli)
        #expect(mine.waitFor("窗口登记员"), "\(mine.screen())")
        #expect(mine.screen().contains(account))
        #expect(!Self.holdsLog(mine))

        let claimed = Console(on: server, env: ["USER": "zhangsan"], generate: false, sharing: cli)
        #expect(claimed.waitFor("环境变量 USER=zhangsan 与您的系统账号「\(account)」不符"), "\(claimed.screen())")
        #expect(claimed.waitFor("CONSOLE-EXITED-64"), "\(claimed.screen())")

        let asked = Console(on: server, env: ["USER": account], generate: false, sharing: cli, arguments: "--as zhangsan")
        #expect(asked.waitFor("不能用 --as zhangsan"), "\(asked.screen())")
        #expect(asked.waitFor("CONSOLE-EXITED-64"), "\(asked.screen())")

        // A console that asks for a training log is not given the production one.
        let trainee = Console(on: server, env: ["USER": account, "XINFANG_TRAINING": "1"], generate: false, sharing: cli)
        #expect(trainee.waitFor("不能以培训模式打开"), "\(trainee.screen())")
        #expect(trainee.waitFor("CONSOLE-EXITED-64"), "\(trainee.screen())")
    }

    /// The account is the kernel's word for the process at the other end: a console started
    /// as another account (nobody, enrolled as a clerk) works as that account through a
    /// service running as root — not as the service's account, and not by opening the log.
    @Test(.enabled(if: getuid() == 0, "starting a console as another account needs root"))
    func aConsoleOfAnotherAccountActsAsThatAccount() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let cli = CLI()
        #expect(cli.run(["init", "--role", "administrator"], training: false).status == 0)
        #expect(cli.run(["staff", "add", "nobody", "--name", "王芳", "--role", "clerk", "--organ", "D-XFJ"],
                        training: false).status == 0)
        // nobody may reach and write the log through its group, as a clerk of an office would.
        #expect(chown(cli.dir, 0, 65534) == 0 && chmod(cli.dir, 0o770) == 0)
        #expect(chown(cli.log, 0, 65534) == 0 && chmod(cli.log, 0o660) == 0)
        _ = Service(on: server, cli: cli, training: false)
        let name = "nb\(UInt32.random(in: 0...UInt32.max))"
        server.run(["new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                    "setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=\(cli.dir) USER=nobody LANG=C.UTF-8 "
                    + "\(CLI.binary) --log \(cli.log); echo CONSOLE-EXITED-$?; sleep 30"])
        #expect(server.waitFor("窗口登记员", in: name, seconds: 10), "\(server.screen(of: name))")
        #expect(server.screen(of: name).contains("nobody"), "\(server.screen(of: name))")
        #expect(!server.processes(in: name).isEmpty && !server.opens(cli.log, in: name), "nobody's console opened the log itself")
    }
}
