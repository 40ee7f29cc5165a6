import ArgumentParser
import ConsoleTerminal
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang` with no subcommand: the console. For now the home screen, with the
/// counts that matter; the register, queue and case screens come next.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "打开控制台 — open the console.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try Session.run(options) { session in
            let path = session.logPath
            guard FileManager.default.fileExists(atPath: path) else {
                session.say("还没有日志文件：\(path)", "No log yet at \(path)")
                session.say("  创建培训日志：xinfang init --training", "  practice log:   xinfang init --training")
                session.say("  创建正式日志：xinfang init", "  production log: xinfang init")
                return
            }
            let book = try session.openBook()
            let actor = try session.actor()
            let today = Day(try session.now(for: book.mode))
            let ref = session.reference
            let states = book.states
            let rows = states.queue(QueueFilter(), asOf: today, calendar: ref.calendar, directory: ref.directory)
            let model = HomeModel(
                user: actor.user, role: ref.policy.name(of: actor.role, session.language),
                organ: ref.directory.name(actor.organ, session.language), training: book.mode == .training,
                today: today,
                registeredToday: states.filter { $0.events.first.map { Day($0.at) == today } ?? false }.count,
                dueWithin3Days: rows.filter { ($0.next?.daysLeft ?? 99) >= 0 && ($0.next?.daysLeft ?? 99) <= 3 }.count,
                overdue: rows.filter { !$0.overdue.isEmpty }.count,
                underSupervision: states.filter { $0.flags.contains(.underSupervision) }.count)
            guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
                print(HomeScreen.render(model, rows: 24, columns: 80, language: session.language).text
                    .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
                    .joined(separator: "\n"))
                return
            }
            let env = Session.environment
            let terminal = Terminal(monochrome: env["NO_COLOR"] != nil || env["TERM"] == "vt100")
            defer { terminal.close() }
            while true {
                let size = terminal.size
                terminal.draw(HomeScreen.render(model, rows: size.rows, columns: size.columns, language: session.language))
                switch terminal.readKey() {
                case .character("q"), .function(10): return
                default: continue
                }
            }
        }
    }
}
