import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionDocuments
import PetitionStore

/// `xinfang serve`: one case book for every console on this host (decision 0033).
///
/// A bureau's window terminals are sessions on one server. Each console in a process of
/// its own holds every case (about 330 MB for 130,000 cases); with a service, the cases
/// are held once, and each `xinfang` started on the host is only its terminal: it sends
/// keys, draws frames, and the service runs the console's one run loop for it on the
/// shared book, as the account the kernel says is at the other end of the socket.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "为本机的控制台提供共享的案件簿 — serve this host's consoles from one case book.",
        discussion: "Opens the log once and listens on the socket beside it (xinfang.console beside xinfang.log). "
            + "Every `xinfang` started on this host for that log then runs through it. Stops on Ctrl-C or SIGTERM; "
            + "consoles open then are told so. `xinfang --standalone` opens the log in a process of its own even "
            + "while a service runs.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try Session.run(options) { session in
            guard !session.isDatabaseLog else {
                throw UsageError("数据库日志不用控制台服务：每个控制台以自己的数据库角色连接数据库",
                                 "A database log needs no console service: each console connects as its own database role")
            }
            guard options.now == nil, options.user == nil else {
                throw UsageError("serve 不接受 --now 或 --as：每个控制台以自己的账号连接，时间由日志决定",
                                 "serve takes no --now or --as: each console connects as its own account, at the log's time")
            }
            let path = session.logPath
            guard FileManager.default.fileExists(atPath: path) else {
                throw UsageError("还没有日志文件：\(path)（先运行 xinfang init）", "No log yet at \(path) (run xinfang init first)")
            }
            guard faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 else {
                throw UsageError("没有写入 \(path) 的权限：控制台服务要为各控制台登记和办理",
                                 "No permission to write \(path): the console service writes for every console")
            }
            // What each console checks of the service before it speaks (`ConsoleSocket.mayWrite`):
            // a service they would all turn away is refused here, with why.
            guard ConsoleSocket.mayWrite(path, user: geteuid(), group: getegid()) else {
                throw UsageError("控制台服务须以 \(path) 的所有者、root，或以其（可写的）组为主组运行（sg 组名 -c \"xinfang serve\"），控制台才会连接",
                                 "The console service must run as \(path)'s owner, root, or with its (writable) group as primary group (sg GROUP -c \"xinfang serve\"), or no console connects")
            }
            let service = try ConsoleService(session: session, book: try session.openBook(writable: true))
            try service.run()
        }
    }
}

/// The service: the book, its lock, and a session (a thread running `ConsoleLoop`) for
/// each console connected.
final class ConsoleService: @unchecked Sendable {
    private let session: Session
    private let book: CaseBook
    /// Every use of the book is under it: a session's reads and writes, its clock.
    private let lock = NSLock()
    /// Bumped under the lock whenever the book changed (a session wrote, or records other
    /// processes appended were read): each session compares it with the one it last saw.
    private var generation = 0
    private var stopping = false
    private var sessions = 0
    /// One check of a snapshot's records for every session (`BookHost.warning`).
    private let background = BackgroundCheck()
    private let exercises: [ExerciseFile]
    private let documents: DocumentRenderer

    init(session: Session, book: CaseBook) throws {
        self.session = session
        self.book = book
        exercises = book.mode == .training ? try ExerciseCatalog.load(from: session.reference.folder) : []
        documents = try session.documentRenderer()
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Readies the book as a first console would (today's queue rows, the search index),
    /// listens, and serves until a signal says stop.
    func run() throws {
        let reference = session.reference
        _ = book.nextDeadlines(asOf: Day(try session.now(for: book)), calendar: reference.calendar, directory: reference.directory)
        _ = book.searchIndex()
        let socketPath = ConsoleSocket.path(forLog: session.logPath)
        let listener: ConsoleSocket
        do throws(ConsoleSocket.ListenError) {
            listener = try ConsoleSocket.listen(at: socketPath, likeLog: session.logPath)
        } catch {
            switch error {
            case .tooLong:
                throw UsageError("套接字路径 \(socketPath) 太长（最多107字节）：请把日志放在路径较短的目录",
                                 "The socket path \(socketPath) is too long (107 bytes at most): keep the log in a shorter folder")
            case .inUse:
                throw UsageError("已有控制台服务在为 \(session.logPath) 服务（\(socketPath)）",
                                 "A console service already serves \(session.logPath) (\(socketPath))")
            case .notASocket:
                throw UsageError("\(socketPath) 已存在且不是套接字：请查明后移走",
                                 "\(socketPath) exists and is not a socket: find out what it is and move it away")
            case .system(let reason):
                throw UsageError("不能在 \(socketPath) 监听：\(reason)", "Cannot listen at \(socketPath): \(reason)")
            }
        }
        defer {
            unlink(socketPath)
            listener.close()
        }
        if let log = book.log as? DurableLog, log.resumed, let head = log.snapshotCovered {
            background.start(session.logPath, covered: head)
        }
        let signals = [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in locked { stopping = true } }
            source.resume()
            return source
        }
        defer { for source in signals { source.cancel() } }
        session.say("控制台服务已就绪：\(session.logPath)（\(book.states.count) 件案件），控制台经 \(socketPath) 连接；Ctrl-C 停止",
                    "Console service ready: \(session.logPath) (\(book.states.count) cases), consoles connect at \(socketPath); Ctrl-C stops it")
        fflush(nil)
        var status = stat()
        guard stat(session.logPath, &status) == 0 else { throw StoreError(.io, path: session.logPath, cause: "stat") }
        let identity = (device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        var replaced = false
        while !locked({ stopping }) {
            // A log replaced under it (`training reset`, a recovered log moved into place) is
            // not this service's any more: it stops, and is started again on the new file.
            if let log = book.log as? DurableLog, !locked({ log.stillAtItsPath }) {
                replaced = true
                locked { stopping = true }
                break
            }
            guard let client = listener.accept(waiting: 500) else { continue }
            // A thread a console, so a cap on them, and a smaller one for each account: one
            // account that only connects cannot keep the others out. The console told so
            // (`ConsoleWire.full`) opens the log itself.
            guard let peer = client.peer, locked({ admit(peer.user) }) else {
                client.send(.bye([], status: ConsoleWire.full))
                client.close()
                continue
            }
            // The account's name here, on one thread (`getpwuid` is not safe on several).
            let account = Installation.accountName(peer.user)
            let thread = Thread { [self] in
                serve(client, as: account, log: identity)
                locked { leave(peer.user) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Each session ends within its poll and tells its console why.
        let started = ProcessInfo.processInfo.systemUptime
        while locked({ sessions }) > 0, ProcessInfo.processInfo.systemUptime - started < 5 { usleep(50_000) }
        // A session still inside a save finishes it; none starts another before the process ends.
        lock.lock()
        if replaced {
            throw UsageError("\(session.logPath) 已被另一个文件替换（training reset、log recover 等），控制台服务停止；请重新运行 xinfang serve",
                             "\(session.logPath) was replaced by another file (training reset, log recover…); the console service stopped; run xinfang serve again")
        }
        session.say("控制台服务已停止", "Console service stopped")
    }

    private var isStopping: Bool { locked { stopping } }

    /// Far more window terminals than a bureau has on one host; and than one person uses.
    static let maximumSessions = 256
    static let maximumSessionsOfOneAccount = 32
    /// Sessions open, by the user id at the other end (under the lock).
    private var sessionsOf: [uid_t: Int] = [:]

    /// A session more for this user id, if the caps allow it (under the lock).
    private func admit(_ user: uid_t) -> Bool {
        guard sessions < Self.maximumSessions, sessionsOf[user, default: 0] < Self.maximumSessionsOfOneAccount else {
            return false
        }
        sessions += 1
        sessionsOf[user, default: 0] += 1
        return true
    }

    private func leave(_ user: uid_t) {
        sessions -= 1
        sessionsOf[user, default: 1] -= 1
        if sessionsOf[user] == 0 { sessionsOf[user] = nil }
    }

    /// One console: who it is, then its run loop until it quits, its socket closes or the
    /// service stops.
    private func serve(_ client: ConsoleSocket, as account: String, log identity: (device: UInt64, inode: UInt64)) {
        defer { client.close() }
        var reader = ConsoleWire.Reader()
        guard case .success(.hello(let hello)?) = client.message(within: 10_000, &reader) else { return }
        let language = hello.language
        func refuse(_ zh: String, _ en: String) { client.send(.bye([language == .zh ? zh : en], status: 1)) }
        guard hello.version == ConsoleWire.version else {
            return refuse("控制台服务的版本与本 xinfang 不同：请用 xinfang --standalone，或重启服务",
                          "The console service is another version of xinfang: use xinfang --standalone, or restart it")
        }
        // `foo` and `foo.log` share a socket: a console of the other file opens its log itself.
        guard hello.device == identity.device, hello.inode == identity.inode else {
            client.send(.bye([], status: ConsoleWire.otherLog))
            return
        }
        var options = session.options
        options.lang = language.rawValue
        options.user = hello.user
        options.training = hello.training
        let mine = Session(options: options, reference: session.reference,
                           client: .init(account: account, environmentUser: hello.environmentUser,
                                         environmentLogname: hello.environmentLogname, trainee: hello.trainee))
        let opened: (actor: Actor, staff: StaffDirectory, now: Instant, training: Bool)
        do {
            opened = try locked {
                try mine.checkMode(book.mode)
                return (try mine.actor(in: book), try mine.staff(in: book), try mine.now(for: book), book.mode == .training)
            }
        } catch {
            let (line, status) = Failure.describe(error, language: language, reference: session.reference)
            client.send(.bye([line], status: status))
            return
        }
        guard client.send(.ready),
              case .success(.size(let rows, let columns)?) = client.message(within: 10_000, &reader) else {
            return refuse("控制台服务没有收到终端的大小，已断开", "The console service got no terminal size; disconnected")
        }
        let backend = SocketBackend(client, reader: reader, size: (rows, columns)) { [self] in isStopping }
        let host = SharedBookHost(self, BookHost(book: book, session: mine, actor: opened.actor, staff: opened.staff,
                                                 exercises: exercises, background: background))
        do {
            let data = try ConsoleCommand.data(mine, actor: opened.actor, staff: opened.staff, now: opened.now,
                                               training: opened.training, ascii: hello.ascii, exercises: exercises,
                                               documents: documents)
            let loop = ConsoleLoop(state: AppState(language: language), data: data, backend: backend, host: host,
                                   clock: { [self] in try locked { try mine.now(for: book) } },
                                   seconds: { ProcessInfo.processInfo.systemUptime })
            loop.open()
            try loop.run()
        } catch {
            let (line, status) = Failure.describe(error, language: language, reference: session.reference)
            client.send(.bye([line], status: status))
            return
        }
        if backend.broken {
            refuse("控制台服务收到无法识别的消息，已断开本控制台", "The console service got a message it cannot read; this console is disconnected")
        } else if isStopping {
            refuse("控制台服务已停止，本控制台随之关闭；再运行 xinfang 即可重新打开",
                   "The console service stopped, and this console with it; run xinfang again to reopen")
        } else {
            client.send(.bye([], status: 0))
        }
    }

    /// A session's log: the book's host for its user, every call under the service's lock.
    final class SharedBookHost: ConsoleHost {
        private let service: ConsoleService
        private let inner: BookHost
        private var seen: Int

        init(_ service: ConsoleService, _ inner: BookHost) {
            self.service = service
            self.inner = inner
            seen = service.locked { service.generation }
        }

        private func locked<T>(_ body: () throws -> T) rethrows -> T { try service.locked(body) }

        var cases: (states: [CaseState], positions: CasePositions) { locked { inner.cases } }
        func rows(asOf day: Day) -> [QueueRow] { locked { inner.rows(asOf: day) } }
        func searchIndex() -> SearchIndex { locked { inner.searchIndex() } }
        func history(of number: CaseNumber) -> [CaseEvent] { locked { inner.history(of: number) } }

        /// What other processes appended, read once for every session; and whether the book
        /// changed since this session last looked (another session's save included).
        func pickUp() throws -> Bool {
            try locked {
                if try inner.pickUp() { service.generation += 1 }
                defer { seen = service.generation }
                return seen != service.generation
            }
        }

        func perform(_ effect: Effect, now: Instant) -> EffectResult {
            let result = locked {
                let result = inner.write(effect, now: now)
                service.generation += 1
                seen = service.generation
                return result
            }
            // Printed with the lock let go: `lp` takes its time, the other windows do not wait.
            return inner.printed(result)
        }

        func view(asOf day: Day) -> (cases: (states: [CaseState], positions: CasePositions), rows: [QueueRow],
                                     search: SearchIndex) {
            locked { (inner.cases, inner.rows(asOf: day), inner.searchIndex()) }
        }

        func warning() -> String? { locked { inner.warning() } }
        var checking: Bool { locked { inner.checking } }
        var staffList: (members: [StaffMember], owner: String?) { locked { inner.staffList } }
        func exerciseRuns() -> [ExerciseRun] { locked { inner.exerciseRuns() } }
        var organRecords: [OrganSupervisionRecord] { locked { inner.organRecords } }
    }
}

/// A console's terminal at the other end of the socket: frames go out as messages, keys
/// and sizes come in.
final class SocketBackend: TerminalBackend {
    private let socket: ConsoleSocket
    private var reader: ConsoleWire.Reader
    private(set) var size: (rows: Int, columns: Int)
    private var keys: [Key] = []
    private var closed = false
    /// The console sent bytes that are no message (`ConsoleWire`): the session ends.
    private(set) var broken = false
    private var last: CellGrid?
    /// A key was read since the last frame went: the next goes even if unchanged, so the
    /// console knows it was heard (and that the service is not hung).
    private var answering = false
    private var sentAt = 0.0
    private let stopping: () -> Bool

    init(_ socket: ConsoleSocket, reader: ConsoleWire.Reader, size: (rows: Int, columns: Int), stopping: @escaping () -> Bool) {
        (self.socket, self.reader, self.size, self.stopping) = (socket, reader, size, stopping)
    }

    var stopRequested: Bool { closed || stopping() }

    /// Sends a frame unless it is the one sent last and no key came since (the loop draws on
    /// every poll).
    func draw(_ grid: CellGrid) {
        // While keys wait (a burst), the frame is already stale: the one after the last goes,
        // and one a second meanwhile, so the console sees the work go on.
        let now = ProcessInfo.processInfo.systemUptime
        guard !closed, keys.isEmpty || now - sentAt >= 1, grid != last || answering else { return }
        sentAt = now
        last = grid
        answering = false
        if !socket.send(.frame(grid)) { closed = true }
    }

    /// The next key the console sent, waiting a quarter of a second for one (the loop's poll).
    func readKey() -> Key {
        if keys.isEmpty, !closed { take(within: 250) }
        guard !keys.isEmpty else { return .tick }
        answering = true
        return keys.removeFirst()
    }

    private func take(within milliseconds: Int32) {
        guard socket.readable(within: milliseconds) else { return }
        guard socket.receive(into: &reader) else {
            closed = true
            return
        }
        do {
            while let message = try reader.next() {
                switch message {
                case .key(.tick), .key(.resize): break
                case .key(let key): keys.append(key)
                case .size(let rows, let columns):
                    size = (rows, columns)
                    keys.append(.resize)
                case .hello, .ready, .frame, .bye:
                    (closed, broken) = (true, true)
                    return
                }
            }
        } catch {
            (closed, broken) = (true, true)
        }
    }
}
