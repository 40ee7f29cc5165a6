import ConsoleTerminal
import ConsoleUI
import Foundation
import PetitionCore
import PetitionPostgres

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
        guard !PostgresLocation.isURL(log), let socket = ConsoleSocket.connect(to: ConsoleSocket.path(forLog: log)) else {
            return nil
        }
        defer { socket.close() }
        let environment = Session.environment
        let hello = ConsoleHello(language: options.language,
                                 training: options.training || environment["XINFANG_TRAINING"] == "1", user: options.user,
                                 environmentUser: ProcessInfo.processInfo.environment["USER"],
                                 environmentLogname: ProcessInfo.processInfo.environment["LOGNAME"], ascii: ascii || Session.plainTerminal)
        var reader = ConsoleWire.Reader()
        guard socket.send(.hello(hello)) else { return nil }
        // The service answers at once (it has the log open); a minute covers a busy host.
        switch socket.message(within: 60_000, &reader) {
        case .success(.ready?):
            break
        case .success(.bye(let lines, let status)?):
            say(lines)
            return status
        default:
            let zh = "控制台服务（\(ConsoleSocket.path(forLog: log))）没有回应，改为在本进程中打开日志"
            let en = "The console service (\(ConsoleSocket.path(forLog: log))) did not answer; opening the log in this process"
            say([options.language == .zh ? zh : en])
            return nil
        }
        let terminal = try Terminal(monochrome: environment["NO_COLOR"] != nil || environment["TERM"] == "vt100",
                                    pollMilliseconds: 0)
        let ending = relay(socket, &reader, terminal)
        terminal.close()
        switch ending {
        case .bye(let lines, let status):
            say(lines)
            return status
        case .quit:
            return 0
        case .lost:
            say([options.language == .zh ? "与控制台服务的连接已断开（服务已停止或出错）；再运行 xinfang 即可重新打开"
                                         : "The console service's connection was lost (it stopped or failed); run xinfang again to reopen"])
            return 1
        }
    }

    private enum Ending {
        case bye([String], status: Int32)
        /// The terminal went away or a signal came: the session ends when the socket closes.
        case quit
        case lost
    }

    /// Keys to the service, frames from it, until either end stops.
    private static func relay(_ socket: ConsoleSocket, _ reader: inout ConsoleWire.Reader, _ terminal: Terminal) -> Ending {
        guard socket.send(.size(rows: terminal.size.rows, columns: terminal.size.columns)) else { return .lost }
        var waits = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            // Every key curses holds (a sequence may have brought several), then wait for more.
            while true {
                let key = terminal.readKey()
                if terminal.stopRequested { return .quit }
                if key == .tick { break }
                let sent = key == .resize
                    ? socket.send(.size(rows: terminal.size.rows, columns: terminal.size.columns))
                    : socket.send(.key(key))
                guard sent else { return .lost }
            }
            waits[0].revents = 0
            waits[1].revents = 0
            // A signal (a resize) ends the wait early; curses then reads it as a key.
            guard poll(&waits, 2, 500) > 0, waits[1].revents != 0 else { continue }
            guard socket.receive(into: &reader) else { return .lost }
            do {
                while let message = try reader.next() {
                    switch message {
                    case .frame(let grid): terminal.draw(grid)
                    case .bye(let lines, let status): return .bye(lines, status: status)
                    case .hello, .ready, .size, .key: return .lost
                    }
                }
            } catch {
                return .lost
            }
        }
    }

    private static func say(_ lines: [String]) {
        for line in lines { FileHandle.standardError.write(Data(("xinfang: " + InputText.visible(line) + "\n").utf8)) }
    }
}
