import ArgumentParser
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// Everything a subcommand works with, resolved from the options and the environment:
/// reference data, the log and its cases, the acting user, and the clock.
struct Session {
    let options: GlobalOptions
    let reference: ReferenceData
    var language: Language { options.language }
    /// In the console service (decision 0033), the client a session is for: its account,
    /// from the socket's peer credentials, and the `USER` and `LOGNAME` it was started with.
    /// Nil in a process of one's own, whose account and environment are its own.
    var client: Client?

    struct Client {
        var account: String
        var environmentUser: String?
        var environmentLogname: String?
        /// The `USER` a console of its own takes a training log's trainee from (none running
        /// set-group-id, which ignores the environment).
        var trainee: String?
    }

    init(options: GlobalOptions, reference: ReferenceData, client: Client? = nil) {
        (self.options, self.reference, self.client) = (options, reference, client)
    }

    /// The environment, less what an office installation ignores (`Installation`).
    static var environment: [String: String] {
        Installation.current.environment(ProcessInfo.processInfo.environment).kept
    }

    /// The reference data: `$XINFANG_DATA`, else the installation's, else a `data/`
    /// beside the executable or under the current folder. Running set-group-id, only
    /// the installation's (checked in `run`).
    static var referenceFolder: String {
        var environment = environment
        if environment["XINFANG_DATA"] == nil, let data = Installation.current.data { environment["XINFANG_DATA"] = data }
        // The executable's own path (not argv[0], which may be a bare name found on PATH).
        return ReferenceData.locate(environment: environment, executable: Bundle.main.executablePath ?? CommandLine.arguments[0],
                                    currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Runs a subcommand body, turning every error into its line and exit code.
    static func run(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
        guard Language(rawValue: options.lang) != nil else {
            throw Failure.report(UsageError("--lang 只能是 zh 或 en", "--lang must be zh or en"),
                                 language: .zh, reference: nil)
        }
        var reference: ReferenceData?
        do {
            try checkInstallation(options)
            let loaded = try ReferenceData.load(from: referenceFolder)
            reference = loaded
            let session = Session(options: options, reference: loaded)
            // Running set-group-id, an account not in the log's roster reads nothing of it
            // through xinfang either (it cannot read the file itself).
            // (Reading its staff costs an open more, on an installed xinfang only: a point open
            // of no case, which reads the staff and not every case when the snapshot serves.)
            if Installation.current.privileged, FileManager.default.fileExists(atPath: session.logPath) {
                _ = try session.actor(in: try session.openBook(only: []))
            }
            try body(session)
        } catch {
            throw Failure.report(error, language: options.language, reference: reference)
        }
    }

    /// The log path: `--log`, else `$XINFANG_LOG`, else the office folder's
    /// `xinfang.log` when installed, else the per-user data path:
    /// `$XDG_DATA_HOME/xinfang/xinfang.log`, else `$HOME/.local/share/xinfang/xinfang.log`
    /// (`$HOME` unset: the account's home). Running set-group-id, the environment is not
    /// read and `--log` must name a file in the office folder (`checkInstallation`).
    var logPath: String { Self.logPath(options) }

    /// The log path the options and the environment name, before anything is loaded.
    static func logPath(_ options: GlobalOptions) -> String {
        if let log = options.log { return log }
        if let env = environment["XINFANG_LOG"], !env.isEmpty { return env }
        return defaultFileLog
    }

    /// The log file when neither `--log` nor `$XINFANG_LOG` names one.
    static var defaultFileLog: String {
        if let folder = Installation.current.folder { return (folder as NSString).appendingPathComponent("xinfang.log") }
        let nonEmpty = { (name: String) in Self.environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let base = nonEmpty("XDG_DATA_HOME")
            ?? ((nonEmpty("HOME") ?? Installation.accountHome ?? NSHomeDirectory()) as NSString)
                .appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("xinfang/xinfang.log")
    }

    /// The name a training roster gives the person at the keyboard: `$USER` (a trainee
    /// may play anyone), else the account.
    var osUser: String {
        if let client { return client.trainee.flatMap { $0.isEmpty ? nil : $0 } ?? client.account }
        return Self.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Installation.current.account
    }

    /// Refuses to run set-group-id on an installation it cannot trust, or on a file
    /// outside the office folder; says which `XINFANG_*` variables it ignores.
    static func checkInstallation(_ options: GlobalOptions) throws {
        let installation = Installation.current
        guard installation.privileged else { return }
        if let problem = installation.problem {
            throw UsageError("xinfang 安装有误（\(problem)），请联系系统管理员（docs/install.md）",
                             "xinfang is installed wrongly (\(problem)); ask the administrator (docs/install.md)")
        }
        let ignored = installation.environment(ProcessInfo.processInfo.environment).ignored
        if !ignored.isEmpty {
            let names = ignored.joined(separator: ", ")
            let line = options.language == .zh ? "办公室安装版本不读取环境变量 \(names)，已忽略" : "An office installation does not read \(names); ignored"
            FileHandle.standardError.write(Data(("xinfang: " + line + "\n").utf8))
        }
        if let log = options.log, !installation.holds(log) {
            throw UsageError("办公室安装版本只打开办公目录 \(installation.folder ?? "") 中的日志，不能打开 \(log)（个人练习请用未安装的 xinfang）",
                             "An office installation opens logs in its folder \(installation.folder ?? "") only, not \(log) (for practice of your own, use an xinfang that is not installed)")
        }
    }

    /// Refuses, running set-group-id, a file to write outside the office folder.
    func checkOfficeFolder(holds path: String) throws {
        let installation = Installation.current
        guard installation.privileged, !installation.holds(path) else { return }
        throw UsageError("办公室安装版本只在办公目录 \(installation.folder ?? "") 中写文件，不能写 \(path)",
                         "An office installation writes only in its folder \(installation.folder ?? ""), not \(path)")
    }

    /// Opens the log and replays it. A writer moves a torn tail aside; anyone is told
    /// on stderr what recovery did, or that the log is damaged and read-only.
    func openBook(writable: Bool = false) throws -> CaseBook {
        if let location = try database() { return try CaseBook(log: try openDatabaseLog(location, writable: writable)) }
        return try CaseBook.open(at: logPath, .init(writable: writable)) { log in
            try checkMode(log.header.mode)
            report(log, writable: writable)
        }
    }

    /// A book of some cases (a point query, decision 0021): those cases read from the
    /// mapped snapshot and the log's tail, or every case when the snapshot cannot be used.
    /// `linked`: with the cases their links name and the cases linking to them (`show`).
    func openBook(only numbers: Set<CaseNumber>, linked: Bool = false, writable: Bool = false) throws -> CaseBook {
        // A database log has no snapshot: its book holds every case.
        if let location = try database() { return try CaseBook(log: try openDatabaseLog(location, writable: writable)) }
        return try CaseBook.open(at: logPath, .init(writable: writable), only: numbers, linked: linked) { log in
            try checkMode(log.header.mode)
            report(log, writable: writable)
        }
    }

    /// A writer's book for registering (decision 0021, addendum): the cases registration
    /// decides against, read from the snapshot, with the petitions `prepare` reads given a
    /// book that knows the staff and the clock; every case when the snapshot cannot be used.
    func openBook(registering prepare: (CaseBook) throws -> [Petition],
                  also: Set<CaseNumber> = []) throws -> (book: CaseBook, petitions: [Petition]) {
        // A database log has no snapshot: its book holds every case.
        if let location = try database() {
            let book = try CaseBook(log: try openDatabaseLog(location, writable: true))
            return (book, try prepare(book))
        }
        return try CaseBook.open(at: logPath, .init(writable: true), registering: prepare, also: also) { log in
            try checkMode(log.header.mode)
            report(log, writable: true)
        }
    }

    /// Tells the user on stderr what opening found: a recovery done, a torn tail left
    /// for a writer, or damage. A writer is not told of damage here: its write is
    /// refused with one line that names the record (docs/cli.md: a failure is one
    /// line), and the console shows it on its first screen.
    private func report(_ log: DurableLog, writable: Bool) {
        for note in log.recoveries {
            warn("日志末尾有\(note.bytes)字节未写完（崩溃遗留），已移至隔离文件 \(note.quarantine) 并记入日志",
                 "\(note.bytes) bytes of an unfinished record (a crash leftover) were moved to \(note.quarantine) and the cut was recorded")
        }
        if log.pendingTornTail != nil {
            warn("日志末尾有未写完的记录（崩溃遗留），下次登记或办理时将移至隔离文件",
                 "The log ends in an unfinished record (a crash leftover); the next write moves it aside")
        }
        if !writable, let damage = log.damage, case .damage = damage {
            warn("日志已损坏：\(damage.located(.zh))，只读显示此前的记录；请运行 xinfang log recover",
                 "The log is damaged at \(damage.located(.en)); showing the records before it, read-only; run xinfang log recover")
        }
    }

    /// Whether the user asked for a training log (`--training` or `XINFANG_TRAINING=1`).
    /// (A console service's session asks as its client asked, not as the service's environment says.)
    var trainingRequested: Bool { options.training || (client == nil && Self.environment["XINFANG_TRAINING"] == "1") }

    /// Training and production logs never open as each other: practice cases are
    /// never mistaken for real ones, nor real ones changed in practice.
    func checkMode(_ mode: LogMode) throws {
        switch (mode, trainingRequested) {
        case (.training, false):
            throw UsageError("\(logName) 是培训日志：请加 --training（或设置 XINFANG_TRAINING=1；用 make 时：make run ARGS=--training）",
                             "\(logName) is a training log: add --training (or set XINFANG_TRAINING=1; with make: make run ARGS=--training)")
        case (.production, true):
            throw UsageError("\(logName) 是正式日志，不能以培训模式打开", "\(logName) is a production log; it does not open in training mode")
        case (.training, true), (.production, false):
            break
        }
    }

    func warn(_ zh: String, _ en: String) {
        FileHandle.standardError.write(Data(("xinfang: " + (language == .zh ? zh : en) + "\n").utf8))
    }

    /// The time: the system clock, or `--now` on a training log. A production log
    /// never takes a simulated clock.
    func now(for mode: LogMode) throws -> Instant {
        guard let text = options.now else { return Self.systemNow }
        guard mode == .training else {
            throw UsageError("正式日志只使用系统时钟，不能用 --now（培训日志才可以）",
                             "A production log uses the system clock only; --now is for training logs")
        }
        guard let instant = Instant(iso: text) else {
            throw UsageError("--now「\(text)」不是有效的日期时间（YYYY-MM-DD 或 YYYY-MM-DDTHH:MM）",
                             "--now \"\(text)\" is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
        }
        // Only a time the log can hold (Day.supported, decision 0029's addendum).
        guard Instant.supported.contains(instant) else {
            throw UsageError("--now「\(text)」超出可记录的日期范围（\(Day.supportedText)）",
                             "--now \"\(text)\" is outside the dates this product records (\(Day.supportedText))")
        }
        return instant
    }

    /// The time commands on this log use: on a training log whose clock was moved, the
    /// latest clock record (decision 0026) — a later `--now` goes past it, an earlier one
    /// never takes the log back before it; else the system clock, or `--now` on a
    /// training log.
    func now(for book: CaseBook) throws -> Instant {
        let given = try now(for: book.mode)
        guard let clock = book.clock else { return given }
        return options.now == nil ? clock.to : max(given, clock.to)
    }

    /// A writing command's `--now` on a training log whose clock was moved (decision 0029's
    /// addendum): past the clock, it moves the clock there first, as a clock record, so that
    /// no later record — a command without `--now`, a console — is dated before it; before
    /// the clock it is raised to it (`now(for:)`). A log with no clock record keeps `--now`
    /// a time of one command: `training reset --now` gives a fresh log its clock. Returns
    /// the time the command runs at.
    @discardableResult
    func advanceClock(_ book: CaseBook) throws -> Instant {
        let now = try now(for: book)
        guard options.now != nil, let clock = book.clock, now > clock.to,
              (book.log as? DurableLog)?.writable == true else { return now }
        // Decided again under the lock against the latest clock record.
        return try book.moveClock(to: now, by: try actor(in: book).user, given: clock.to).to
    }

    /// A day a training log's `--now` may record on: not before the regulation came into force
    /// (2022-05-01), and not before the day of `last` — the case's last workflow step (a note
    /// or a log recovery, made at the system's time, aside), or the latest act of an organ: a
    /// record never goes back before what the log already holds. Refused with one
    /// line naming `--now`; nothing is written.
    func checkRecordable(_ now: Instant, after last: Instant?) throws {
        // Only a `--now` (training logs) can name a time; the system clock is taken as it is.
        guard options.now != nil else { return }
        let day = Day(now)
        if day < PetitionValidation.inForce {
            throw UsageError("--now \(day) 早于《信访工作条例》施行（第50条：\(PetitionValidation.inForce)）",
                             "--now \(day) is before the Regulations came into force (Art 50: \(PetitionValidation.inForce))")
        }
        // By the day: `--now 2025-04-28` is that day, whatever hour the last record was made.
        if let last, day < Day(last) {
            throw UsageError("--now \(day) 早于日志中已有的记录（\(Day(last))）：培训日志的时间只能向前",
                             "--now \(day) is before a record the log already holds (\(Day(last))): a training log's time only goes forward")
        }
    }

    static var systemNow: Instant {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Who works where, for the checks that name a person (a handler assigned must be of
    /// the holding organ; the accused person is recognised by name, Art 30): the log's
    /// staff records (decision 0016), or an older log's roster file.
    func staff(in book: CaseBook) throws -> StaffDirectory {
        if book.keepsStaff { return StaffDirectory(book.staff.sorted) }
        return try Roster.load(from: Roster.path(forLog: logPath)).staff
    }

    /// The acting user's own name, where the staff has it.
    func actorName(_ actor: Actor, in book: CaseBook) -> String? { (try? staff(in: book))?.member(actor.user)?.name }

    /// The acting user: from the log's staff records (docs/decisions/0016-staff.md), or,
    /// on a log made before there were any, from the roster file beside it. On a
    /// production log it is the real user id's account, whoever `--as`, `$USER` or
    /// `$LOGNAME` say (decision 0014); on a training log `--as` (else `$USER`) picks a
    /// role to play.
    func actor(in book: CaseBook) throws -> Actor {
        let user = book.mode == .training ? options.user ?? osUser : try productionUser(of: book.log)
        // Damage among the first records can hide the staff: say what is wrong, not who is missing.
        if !book.keepsStaff, let log = book.log as? DurableLog, case .damage(let at, let seq, let reason)? = log.damage {
            throw StoreError(.corruptRecord, path: logPath, seq: seq, cause: "offset \(at): \(reason)")
        }
        guard book.keepsStaff else {
            let path = Roster.path(forLog: logPath)
            try FileModes.checkNotWorldWritable(path, fs: PosixFileSystem())
            let roster = try Roster.load(from: path)
            guard let actor = roster.actor(user) else { throw StoreError(.notInRoster, path: path, cause: user) }
            return actor
        }
        guard let actor = book.staff.actor(user) else {
            throw StoreError(.notInRoster, path: (book.log as? PostgresEventLog)?.location.description ?? logPath, cause: user)
        }
        return actor
    }

    /// The account that acts on a production log; refuses any attempt to name another.
    /// On a database log it is the database role the connection authenticated as (peer
    /// authentication over the Unix socket makes it the account; SCRAM, the URL's user).
    func productionUser(of log: (any EventLog)? = nil) throws -> String {
        if let database = log as? PostgresEventLog {
            if let asked = options.user {
                throw UsageError("正式日志上的每条记录都以您的数据库角色「\(database.sessionUser)」记名，不能用 --as \(asked) 代他人操作（--as 只用于培训日志）",
                                 "Every record on a production log names your own database role \"\(database.sessionUser)\"; --as \(asked) is refused (--as is for training logs)")
            }
            return database.sessionUser
        }
        let account = client?.account ?? Installation.current.account
        if let asked = options.user {
            throw UsageError("正式日志上的每条记录都以您的系统账号「\(account)」记名，不能用 --as \(asked) 代他人操作（--as 只用于培训日志）",
                             "Every record on a production log names your own account \"\(account)\"; --as \(asked) is refused (--as is for training logs)")
        }
        let given = client.map { ["USER": $0.environmentUser, "LOGNAME": $0.environmentLogname].compactMapValues { $0 } }
            ?? ProcessInfo.processInfo.environment
        for name in ["USER", "LOGNAME"] {
            if let claimed = given[name], !claimed.isEmpty, claimed != account {
                throw UsageError("环境变量 \(name)=\(claimed) 与您的系统账号「\(account)」不符：正式日志只以系统账号记名；请去掉这一设置",
                                 "\(name)=\(claimed) is not your account \"\(account)\": a production log names the system account only; unset it")
            }
        }
        return account
    }


    func citation(_ rule: RuleID) -> String { reference.articles.citation(rule, language) }

    func say(_ zh: String, _ en: String) { print(language == .zh ? zh : en) }
}
