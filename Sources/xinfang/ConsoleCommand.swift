import ArgumentParser
import ConsoleTerminal
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang` with no subcommand: the console.
///
/// The loop is: key → update → render → draw the changes; and every poll, the
/// records other consoles appended are folded in (within half a second).
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "打开控制台 — open the console.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try Session.run(options) { session in
            let path = session.logPath
            var training = session.trainingRequested
            if !FileManager.default.fileExists(atPath: path), isatty(STDIN_FILENO) == 1,
               let choice = Self.offerToCreate(session, path) {
                training = choice == .training
            }
            guard FileManager.default.fileExists(atPath: path) else {
                session.say("还没有日志文件：\(path)", "No log yet at \(path)")
                session.say("  创建培训日志：xinfang init --training，然后 xinfang --training",
                            "  practice log:   xinfang init --training, then xinfang --training")
                session.say("  创建正式日志：xinfang init", "  production log: xinfang init")
                session.say("  演示数据：xinfang generate --cases 2000 --log \(path)，然后 xinfang --training",
                            "  demo data:      xinfang generate --cases 2000 --log \(path), then xinfang --training")
                return
            }
            var options = self.options
            options.training = training
            let session = Session(options: options, reference: session.reference)
            // A console writes (registers, acts); without write permission it still
            // opens, read-only, and a save says why it cannot be written.
            let book: CaseBook
            if access(path, W_OK) == 0 { book = try session.openBook(writable: true) } else { book = try session.openBook() }
            let actor = try session.actor()
            let clock = { () throws -> Instant in try session.now(for: book.mode) }
            var data = ConsoleData(states: [], directory: session.reference.directory,
                                   calendar: session.reference.calendar, categories: session.reference.categories,
                                   articles: session.reference.articles, policy: session.reference.policy, actor: actor,
                                   now: try clock(), training: book.mode == .training, version: 0)
            data.update(book.states, positions: book.position)
            let reference = session.reference
            func rows(_ day: Day) -> [QueueRow] {
                book.nextDeadlines(asOf: day, calendar: reference.calendar, directory: reference.directory)
            }
            var state = AppState(language: session.language)
            guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
                data.rows = rows(data.today)
                state.refresh(data)
                // Not a terminal: print the first screen as text.
                print(Console.render(state, data, rows: 24, columns: 80).text
                    .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
                    .joined(separator: "\n"))
                return
            }
            let env = Session.environment
            let terminal = Terminal(monochrome: env["NO_COLOR"] != nil || env["TERM"] == "vt100")
            defer { terminal.close() }
            // The first screen is drawn as soon as the cases are read; the deadlines of
            // every case are computed after it, and the counts fill in.
            data.rowsPending = true
            state.refresh(data)
            terminal.draw(Console.render(state, data, rows: terminal.size.rows, columns: terminal.size.columns))
            data.rows = rows(data.today)
            data.rowsPending = false
            data.version += 1
            state.refresh(data)
            // Opened from a snapshot, the records it covers were not re-read: check them
            // now, in the background. Damage turns the console read-only, with a warning.
            let background = BackgroundCheck()
            if let log = book.log as? DurableLog, log.resumed, let head = log.snapshotCovered {
                background.start(path, covered: head)
            }
            var lastPoll = Date()
            while !state.quit && !terminal.stopRequested {
                let size = terminal.size
                terminal.draw(Console.render(state, data, rows: size.rows, columns: size.columns))
                let key = terminal.readKey()
                if Date().timeIntervalSince(lastPoll) >= 0.5 {
                    lastPoll = Date()
                    let now = try clock()
                    if !(try book.refresh()).isEmpty || Day(now) != data.today {
                        data.update(book.states, positions: book.position)
                        data.rows = rows(Day(now))
                        data.version += 1
                    }
                    data.now = now
                }
                if let problem = background.damage(), case .damage = problem {
                    (book.log as? DurableLog)?.markDamaged(problem)
                    let located = problem.located(session.language)
                    data.warning = session.language == .zh
                        ? "日志已损坏：\(located)；现为只读，请运行 xinfang log verify / log recover"
                        : "The log is damaged at \(located); read-only now; run xinfang log verify / log recover"
                }
                Update.apply(key, to: &state, data: data, pageSize: Console.pageSize(rows: size.rows))
                if let effect = state.pending {
                    let result = Self.perform(effect, book: book, session: session, actor: actor, now: try clock())
                    data.update(book.states, positions: book.position)
                    data.now = try clock()
                    data.rows = rows(data.today)
                    data.version += 1
                    Update.completed(result, &state, data: data)
                }
            }
        }
    }

    /// Writes what a saved form asked for, through the log's lock: the case book
    /// catches up with other consoles, decides again, appends and syncs. A refusal or
    /// a failure comes back as one line, and nothing was written.
    static func perform(_ effect: Effect, book: CaseBook, session: Session, actor: Actor, now: Instant) -> EffectResult {
        do {
            switch effect {
            case .register(let petition):
                let numbers = try book.register([petition], now: now, actor: actor, reference: session.reference)
                return .registered(numbers[0])
            case .execute(let command, let number):
                _ = try book.execute(command, on: number, now: now, actor: actor, reference: session.reference)
                return .executed(number)
            }
        } catch {
            let field: String? = switch error {
            case let r as Rejection: r.field
            case let b as BatchRejection: b.rejection.field
            default: nil
            }
            return .failed(Failure.describe(error, language: session.language, reference: session.reference).0, field: field)
        }
    }

    /// On a machine with no log yet, a newcomer is offered one instead of an error:
    /// a training log with realistic practice cases, or an empty production log.
    static func offerToCreate(_ session: Session, _ path: String) -> LogMode? {
        session.say("还没有日志文件：\(path)", "No log yet at \(path)")
        session.say("  t  创建培训日志（含2000件演示案件，可随意练习）", "  t  create a training log with 2,000 practice cases")
        session.say("  p  创建正式日志（接着选择辖区的信访部门）", "  p  create a production log (then choose its petition bureau)")
        session.say("  q  退出", "  q  quit")
        print(session.language == .zh ? "请选择 [t/p/q]：" : "Choose [t/p/q]: ", terminator: "")
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return nil }
        do {
            switch answer {
            case "t":
                var generator = try SyntheticCases(reference: session.reference, seed: 1)
                let today = Day(Session.systemNow)
                let records = generator.cases(2000, from: today.adding(days: -3 * 365), until: today)
                let log = try DurableLog.create(at: path, mode: .training, jurisdiction: session.reference.directory.jurisdiction, now: Session.systemNow)
                try log.append(records)
                try Roster.training(osUser: session.osUser, jurisdiction: session.reference.directory.jurisdiction)
                    .save(to: Roster.path(forLog: path))
                return .training
            case "p":
                // A production log belongs to one petition bureau: ask which.
                let directory = session.reference.directory
                let bureaus = directory.organs.filter { $0.type == .petitionBureau }
                session.say("正式日志的辖区（信访部门）：", "The production log's jurisdiction (petition bureau):")
                for organ in bureaus {
                    let mark = organ.code == directory.jurisdiction ? (session.language == .zh ? "（默认）" : " (default)") : ""
                    print("  \(organ.code)  \(organ.name(session.language))\(mark)")
                }
                print(session.language == .zh ? "请输入机关代码，回车选默认：" : "Organ code, or Enter for the default: ",
                      terminator: "")
                let typed = (readLine() ?? "").trimmingCharacters(in: .whitespaces).uppercased()
                let jurisdiction = typed.isEmpty ? directory.jurisdiction : typed
                guard bureaus.contains(where: { $0.code == jurisdiction }) else {
                    session.warn("「\(typed)」不是信访部门的机关代码；没有创建日志",
                                 "\"\(typed)\" is not a petition bureau's code; no log was created")
                    return nil
                }
                _ = try DurableLog.create(at: path, mode: .production, jurisdiction: jurisdiction, now: Session.systemNow)
                try Roster(members: [.init(user: session.osUser, name: session.osUser, role: .clerk, organ: jurisdiction)])
                    .save(to: Roster.path(forLog: path))
                return .production
            default:
                return nil
            }
        } catch {
            session.warn("创建日志失败：\(error)", "Could not create the log: \(error)")
            return nil
        }
    }
}

/// Reads the whole log once on another thread, checking every checksum and the chain
/// without decoding, and keeps what it found for the run loop to pick up.
final class BackgroundCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var found: LogScan.Problem?
    private var reported = false

    /// `covered` is where the snapshot's records end: those bytes were read whole when
    /// the snapshot was made, so anything wrong before it is damage, never a torn tail.
    func start(_ path: String, covered: (end: Int, seq: Int)) {
        Thread.detachNewThread { [self] in
            let log = try? DurableLog.open(at: path, .init(writable: false, verifyOnly: true))
            var problem = log?.damage
            if problem == nil, let at = log?.pendingTornTail, at < covered.end {
                problem = .damage(at: at, seq: (log?.lastSeq ?? 0) + 1, reason: "invalid record inside what the snapshot covers")
            }
            lock.lock()
            found = problem
            lock.unlock()
        }
    }

    /// The damage found, once; nil before the check ends, if it found none, and after.
    func damage() -> LogScan.Problem? {
        lock.lock()
        defer { lock.unlock() }
        guard !reported, let found else { return nil }
        reported = true
        return found
    }
}
