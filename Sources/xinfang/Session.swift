import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// Everything a subcommand works with, resolved from the options and the environment:
/// reference data, the log and its cases, the acting user, and the clock.
struct Session {
    let options: GlobalOptions
    let reference: ReferenceData
    var language: Language { options.language }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Runs a subcommand body, turning every error into its line and exit code.
    static func run(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
        guard Language(rawValue: options.lang) != nil else {
            throw Failure.report(UsageError("--lang 只能是 zh 或 en", "--lang must be zh or en"),
                                 language: .zh, reference: nil)
        }
        var reference: ReferenceData?
        do {
            let folder = ReferenceData.locate(environment: environment, executable: CommandLine.arguments[0],
                                              currentDirectory: FileManager.default.currentDirectoryPath)
            let loaded = try ReferenceData.load(from: folder)
            reference = loaded
            try body(Session(options: options, reference: loaded))
        } catch {
            throw Failure.report(error, language: options.language, reference: reference)
        }
    }

    /// The log path: `--log`, else `$XINFANG_LOG`, else the per-user data path.
    var logPath: String {
        if let log = options.log { return log }
        if let env = Self.environment["XINFANG_LOG"], !env.isEmpty { return env }
        let base = Self.environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("xinfang/xinfang.log")
    }

    var osUser: String {
        Self.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }

    /// Opens the log and replays it. A writer moves a torn tail aside; anyone is told
    /// on stderr what recovery did, or that the log is damaged and read-only.
    func openBook(writable: Bool = false) throws -> CaseBook {
        try CaseBook.open(at: logPath, .init(writable: writable)) { log in
            try checkMode(log.header.mode)
            report(log, writable: writable)
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
    var trainingRequested: Bool { options.training || Self.environment["XINFANG_TRAINING"] == "1" }

    /// Training and production logs never open as each other: practice cases are
    /// never mistaken for real ones, nor real ones changed in practice.
    func checkMode(_ mode: LogMode) throws {
        switch (mode, trainingRequested) {
        case (.training, false):
            throw UsageError("\(logPath) 是培训日志：请加 --training（或设置 XINFANG_TRAINING=1；用 make 时：make run ARGS=--training）",
                             "\(logPath) is a training log: add --training (or set XINFANG_TRAINING=1; with make: make run ARGS=--training)")
        case (.production, true):
            throw UsageError("\(logPath) 是正式日志，不能以培训模式打开", "\(logPath) is a production log; it does not open in training mode")
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
        return instant
    }

    static var systemNow: Instant {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Who works where, for the checks that name a person (a handler assigned must be of
    /// the holding organ; the accused person is recognised by name, Art 30). The roster
    /// beside the log answers today; staff records in the log will, behind this function.
    func staff() throws -> StaffDirectory {
        try Roster.load(from: Roster.path(forLog: logPath)).staff
    }

    /// The acting user's own name, where the staff directory has it.
    func actorName(_ actor: Actor) -> String? { (try? staff())?.member(actor.user)?.name }

    /// The acting user, from the roster beside the log.
    func actor() throws -> Actor {
        let user = options.user ?? osUser
        let path = Roster.path(forLog: logPath)
        let roster = try Roster.load(from: path)
        guard let actor = roster.actor(user) else { throw StoreError(.notInRoster, path: path, cause: user) }
        return actor
    }


    func citation(_ rule: RuleID) -> String { reference.articles.citation(rule, language) }

    func say(_ zh: String, _ en: String) { print(language == .zh ? zh : en) }
}
