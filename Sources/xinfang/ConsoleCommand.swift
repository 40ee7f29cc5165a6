import ArgumentParser
import ConsoleTerminal
import ConsoleUI
import Foundation
import PetitionCore
import PetitionDocuments
import PetitionStore

/// `xinfang` with no subcommand: the console.
///
/// It opens the log and hands it, with the terminal, to `ConsoleLoop` (key → update →
/// render → draw the changes; every half second, the records other consoles appended).
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "打开控制台 — open the console.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Plain ASCII charts on the statistics screen (also when TERM is vt100 or dumb).")
    var ascii = false

    @Flag(help: "Open the log in this process even where a console service (xinfang serve) serves it.")
    var standalone = false

    func run() throws {
        // Where a console service serves the log (decision 0033), this process is only the
        // terminal: the service runs the console on its one case book.
        if !standalone {
            let status: Int32?
            do { status = try ConsoleClient.attach(options, ascii: ascii) } catch {
                throw Failure.report(error, language: options.language, reference: nil)
            }
            if let status {
                guard status == 0 else { throw ExitCode(status) }
                return
            }
        }
        try Session.run(options) { session in
            let path = session.logPath
            var training = session.trainingRequested
            // A database log is there or `init` makes it: nothing to offer, no file to look for.
            let database = session.isDatabaseLog
            if !database, !FileManager.default.fileExists(atPath: path), isatty(STDIN_FILENO) == 1,
               let choice = Self.offerToCreate(session, path) {
                training = choice == .training
            }
            guard database || FileManager.default.fileExists(atPath: path) else {
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
            // Writable as the process is (its effective group: an installed xinfang writes the
            // office folder its clerks cannot), not as the account is.
            // (A database decides each append itself: its roles' rights, checked at the write.)
            if database || faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 {
                book = try session.openBook(writable: true)
            } else {
                book = try session.openBook()
                session.warn("没有写入 \(path) 的权限：控制台以只读方式打开，不能登记或办理",
                             "No permission to write \(path): the console opens read-only; nothing can be saved")
            }
            let actor = try session.actor(in: book)
            try session.advanceClock(book)
            let clock = { () throws -> Instant in try session.now(for: book) }
            let staff = try session.staff(in: book)
            // A training log offers the exercises (decision 0026).
            let exercises = book.mode == .training ? try ExerciseCatalog.load(from: session.reference.folder) : []
            let data = try Self.data(session, actor: actor, staff: staff, now: try clock(), training: book.mode == .training,
                                     ascii: ascii || session.plainTerminal, exercises: exercises,
                                     documents: try session.documentRenderer())
            let host = BookHost(book: book, session: session, actor: actor, staff: staff, exercises: exercises)
            let state = AppState(language: session.language)
            guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
                // Not a terminal: print the first screen as text, drawn by the same loop
                // into memory (no time passes for it, so it picks nothing up).
                let screen = TestBackend(rows: 24, columns: 80)
                let loop = ConsoleLoop(state: state, data: data, backend: screen, host: host, clock: clock, seconds: { 0 })
                loop.open()
                try loop.run()
                print((screen.last?.text ?? [])
                    .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
                    .joined(separator: "\n"))
                return
            }
            let env = Session.environment
            let terminal = try Terminal(monochrome: env["NO_COLOR"] != nil || env["TERM"] == "vt100")
            defer { terminal.close() }
            let loop = ConsoleLoop(state: state, data: data, backend: terminal, host: host, clock: clock,
                                   seconds: { ProcessInfo.processInfo.systemUptime })
            // The first screen is drawn as soon as the cases are read; the deadlines of
            // every case are computed after it, and the counts fill in.
            loop.open()
            // Opened from a snapshot, the records it covers were not re-read: check them
            // now, in the background. Damage turns the console read-only, with a warning.
            host.startBackgroundCheck()
            try loop.run()
        }
    }

    /// What the screens start from: the reference data, who is at the console, the time,
    /// and how to draw; the cases come from the host (`ConsoleLoop`).
    static func data(_ session: Session, actor: Actor, staff: StaffDirectory, now: Instant, training: Bool, ascii: Bool,
                     exercises: [ExerciseFile], documents: DocumentRenderer) throws -> ConsoleData {
        var data = ConsoleData(states: [], directory: session.reference.directory,
                               calendar: session.reference.calendar, categories: session.reference.categories,
                               articles: session.reference.articles, policy: session.reference.policy, actor: actor,
                               now: now, training: training)
        data.staff = staff
        // The statistics screen's bars and sparklines, as `stats` draws them for this terminal.
        data.ascii = ascii
        // Work over every case (the desk) on every core.
        data.cores = ProcessInfo.processInfo.activeProcessorCount
        data.concurrently = { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
        data.documents = documents
        data.exercises = exercises.map(\.exercise)
        return data
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
                let log = try DurableLog.create(at: path, mode: .training,
                                                jurisdiction: session.reference.directory.jurisdiction,
                                                now: Session.systemNow)
                try CaseBook(log: log).changeStaff(
                    Roster.training(osUser: session.osUser, jurisdiction: session.reference.directory.jurisdiction)
                        .enrolment(by: session.osUser, at: Session.systemNow), directory: session.reference.directory)
                try log.importRecords(records)
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
                let account = try session.productionUser()
                let log = try DurableLog.create(at: path, mode: .production, jurisdiction: jurisdiction,
                                                now: Session.systemNow)
                // The one at the window, as a clerk; as the log's owner they also manage its staff.
                try CaseBook(log: log).changeStaff(
                    Roster(members: [.init(user: account, name: account, role: .clerk, organ: jurisdiction)])
                        .enrolment(by: account, at: Session.systemNow), directory: session.reference.directory)
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
