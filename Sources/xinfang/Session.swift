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

    /// Opens the log and replays it.
    func openBook() throws -> CaseBook {
        try CaseBook(log: try FileEventLog.open(at: logPath))
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

    /// The acting user, from the roster beside the log.
    func actor() throws -> Actor {
        let user = options.user ?? osUser
        let path = Roster.path(forLog: logPath)
        let roster = try Roster.load(from: path)
        guard let actor = roster.actor(user) else { throw StoreError(.notInRoster, path: path, cause: user) }
        return actor
    }

    func context(_ book: CaseBook) throws -> DecisionContext {
        book.context(now: try now(for: book.mode), actor: try actor(), reference: reference)
    }

    func citation(_ rule: RuleID) -> String { reference.articles.citation(rule, language) }

    func say(_ zh: String, _ en: String) { print(language == .zh ? zh : en) }
}
