import ConsoleTerminal
import ConsoleUI
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// A console whose log a console service serves (`xinfang serve`, decision 0033): this
/// process opens no log. It says who asks (the service learns the account from the socket
/// itself), draws the frames the service sends and sends back the keys typed.
enum ConsoleClient {
    /// Runs the console through the service of the log the options name, and returns the
    /// exit status; nil when no service answers for that log (or the console must open the
    /// log itself: `--now`, a database log, no terminal), and the caller opens it.
    static func attach(_ options: GlobalOptions, ascii: Bool) throws -> Int32? {
        guard Language(rawValue: options.lang) != nil, options.now == nil,
              isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        // An installation that refuses to run, or a log outside its folder: the console's own
        // checks say why.
        let installation = Installation.current
        if installation.privileged, installation.problem != nil || options.log.map(installation.holds) == false { return nil }
        let log = Session.logPath(options)
        // A log in a folder anyone may write is refused by the console's own checks; and
        // there anyone could have made the socket.
        var status = stat()
        guard !PostgresLocation.isURL(log), stat(log, &status) == 0,
              (try? FileModes.checkNotWorldWritable(log, fs: PosixFileSystem())) != nil,
              let socket = ConsoleSocket.connect(to: ConsoleSocket.path(forLog: log)) else {
            return nil
        }
        defer { socket.close() }
        let path = ConsoleSocket.path(forLog: log)
        func say(_ zh: String, _ en: String) { Self.say([options.language == .zh ? zh : en]) }
        // Not a key goes to a process that could not write the log itself: whoever made a
        // socket beside it is not thereby the service.
        guard let server = socket.peer, ConsoleSocket.mayWrite(log, user: server.user, group: server.group) else {
            say("\(path) 不是能写入本日志的账号开的控制台服务，不予连接；改为在本进程中打开日志",
                "\(path) is not served by an account that may write this log; not connecting, opening the log in this process")
            return nil
        }
        let environment = Session.environment
        let hello = ConsoleHello(language: options.language,
                                 training: options.training || environment["XINFANG_TRAINING"] == "1", user: options.user,
                                 environmentUser: ProcessInfo.processInfo.environment["USER"],
                                 environmentLogname: ProcessInfo.processInfo.environment["LOGNAME"], ascii: ascii || Session.plainTerminal,
                                 trainee: environment["USER"], device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        var reader = ConsoleWire.Reader()
        // A service with no room answers and closes at once: its answer is read even if the
        // hello could not be sent whole.
        socket.send(.hello(hello))
        // The service answers at once (it has the log open and waits for nothing long).
        switch socket.message(within: 10_000, &reader) {
        case .success(.ready?):
            break
        case .success(.bye(_, let status)?) where status == ConsoleWire.full:
            say("控制台服务（\(path)）已满，改为在本进程中打开日志", "The console service (\(path)) is full; opening the log in this process")
            return nil
        case .success(.bye(_, let status)?) where status == ConsoleWire.otherLog:
            say("控制台服务（\(path)）服务的是另一个日志文件，改为在本进程中打开日志",
                "The console service (\(path)) serves another log file; opening the log in this process")
            return nil
        case .success(.bye(let lines, let status)?):
            Self.say(lines)
            return status
        default:
            say("控制台服务（\(path)）没有回应，改为在本进程中打开日志",
                "The console service (\(path)) did not answer; opening the log in this process")
            return nil
        }
        let terminal = try Terminal(monochrome: environment["NO_COLOR"] != nil || environment["TERM"] == "vt100",
                                    pollMilliseconds: 0)
        let hung = Localized("控制台服务没有回应（\(Int(hangSeconds))秒）；再按 Ctrl-C 或 F10 退出本控制台",
                             "The console service is not answering (\(Int(hangSeconds)) s); press Ctrl-C or F10 again to leave")
            .text(options.language)
        let ending = relay(socket, &reader, terminal, hung: hung)
        terminal.close()
        switch ending {
        case .bye(let lines, let status):
            Self.say(lines)
            return status
        case .quit:
            return 0
        case .lost:
            say("与控制台服务的连接已断开（服务已停止或出错）；再运行 xinfang 即可重新打开",
                "The console service's connection was lost (it stopped or failed); run xinfang again to reopen")
            return 1
        case .leftHung:
            say("控制台服务没有回应，已退出本控制台（未保存的表单已丢失）；请管理员检查 xinfang serve",
                "The console service did not answer; this console was closed (an unsaved form is lost); ask the administrator to check xinfang serve")
            return 1
        }
    }

    private enum Ending {
        case bye([String], status: Int32)
        /// The terminal went away or a signal came: the session ends when the socket closes.
        case quit
        case lost
        /// The service answered no key for `hangSeconds`, and the user left.
        case leftHung
    }

    /// After a key, how long without a frame before the service is taken as hung: every key
    /// is answered with a frame (`SocketBackend.draw`), so a silence this long is not work.
    static let hangSeconds = 5.0

    /// Keys to the service, frames from it, until either end stops. Keys wait in `outgoing`
    /// and go as the socket takes them, while frames are read: a burst of keys (a paste
    /// without the terminal's paste marks) never has both ends waiting to send. A service
    /// that answers no key for `hangSeconds` is said to be so on the status line, and Ctrl-C
    /// or F10 then leave at once.
    private static func relay(_ socket: ConsoleSocket, _ reader: inout ConsoleWire.Reader, _ terminal: Terminal,
                              hung message: String) -> Ending {
        func size() -> ConsoleMessage {
            let (rows, columns) = ConsoleWire.bounded(rows: terminal.size.rows, columns: terminal.size.columns)
            return .size(rows: rows, columns: columns)
        }
        _ = fcntl(socket.descriptor, F_SETFL, fcntl(socket.descriptor, F_GETFL) | O_NONBLOCK)
        var outgoing = ConsoleWire.encode(size())
        var waits = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)]
        var last: CellGrid?
        // The size asks for the first frame as a key does for the next.
        var unanswered: Double? = ProcessInfo.processInfo.systemUptime
        var hung = false
        while true {
            // Every key curses holds (a sequence may have brought several), then wait for more.
            while true {
                let key = terminal.readKey()
                if terminal.stopRequested { return .quit }
                if key == .tick { break }
                if hung, key == .control("c") || key == .function(10) { return .leftHung }
                let message: ConsoleMessage = switch key {
                case .resize: size()
                case .paste(let text): .key(.paste(ConsoleWire.bounded(paste: text)))
                default: .key(key)
                }
                outgoing += ConsoleWire.encode(message)
                if unanswered == nil { unanswered = ProcessInfo.processInfo.systemUptime }
            }
            if !outgoing.isEmpty {
                let n = outgoing.withUnsafeBytes { Glibc.send(socket.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n > 0 {
                    outgoing.removeFirst(n)
                } else if n < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
                    return .lost
                }
            }
            if !hung, let since = unanswered, ProcessInfo.processInfo.systemUptime - since >= hangSeconds {
                hung = true
                // Said over the last frame, or over nothing if none came.
                var grid = last ?? CellGrid(rows: terminal.size.rows, columns: terminal.size.columns)
                grid.fill(row: grid.rows - 1, style: .overdue)
                grid.put(DisplayWidth.pad(" " + message, to: grid.columns), row: grid.rows - 1, column: 0, style: .overdue)
                terminal.draw(grid)
            }
            waits[0].revents = 0
            waits[1].revents = 0
            waits[1].events = Int16(outgoing.isEmpty ? POLLIN : POLLIN | POLLOUT)
            // A signal (a resize) ends the wait early; curses then reads it as a key.
            guard poll(&waits, 2, 500) > 0, waits[1].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
            guard socket.receive(into: &reader) else {
                if errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return .lost
            }
            do {
                while let message = try reader.next() {
                    switch message {
                    case .frame(let grid):
                        terminal.draw(grid)
                        last = grid
                        hung = false
                        // Answered once every key sent has been taken and a frame followed.
                        if outgoing.isEmpty { unanswered = nil }
                    case .bye(let lines, let status): return .bye(lines, status: status)
                    case .hello, .ready, .size, .key: return .lost
                    }
                }
            } catch {
                return .lost
            }
        }
    }

    static func say(_ lines: [String]) {
        for line in lines { FileHandle.standardError.write(Data(("xinfang: " + InputText.visible(line) + "\n").utf8)) }
    }
}
