import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang training clock|report|reset`: the trainer's and the trainee's commands of a
/// training log (docs/decisions/0026-training.md, docs/guide-trainer.md).
struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "培训 — move a training log's clock; trainers: progress report, reset a trainee's log.",
        subcommands: [Clock.self, Start.self, Status.self, Report.self, Reset.self])

    /// Exercises are on training logs only: on a production log `training start` and
    /// `training status` refuse with one line naming why, with the exit code of the clock's
    /// refusal there (65, bad data: the log is not one they apply to), and read or write nothing more.
    static func requireTraining(_ book: CaseBook, _ command: String) throws {
        guard book.mode == .training else {
            throw UsageError("练习只在培训日志中提供：这是正式日志，xinfang \(command) 不能用于它",
                             "Exercises are on training logs only: this is a production log, and xinfang \(command) does not apply to it",
                             badData: true)
        }
    }

    /// `xinfang training clock +1d|+7d|next|YYYY-MM-DD`: moves the simulated clock forward,
    /// as the console's clock keys do; with no argument, prints it.
    struct Clock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clock",
            abstract: "Print a training log's simulated time, or move it forward: +Nd (days), next (the next deadline) or a date.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "+1d, +7d, next, or YYYY-MM-DD[THH:MM]; omitted: print the simulated time.") var to: String?

        func run() throws {
            try Session.run(options) { session in
                let book = try session.openBook(writable: to != nil)
                let now = try session.now(for: book)
                guard let to else {
                    let kind = book.clock == nil ? (session.language == .zh ? "（未拨动：系统时钟或 --now）" : " (never moved: the system clock or --now)") : ""
                    return print(now.beijingDescription + kind)
                }
                let target: Instant?
                if to == "next" {
                    target = TrainingClock.target(.nextDeadline, from: now, nextDeadline: TrainingClock.nextDeadline(
                        after: Day(now), in: book.states, calendar: session.reference.calendar,
                        directory: session.reference.directory))
                    guard target != nil else {
                        throw UsageError("今天以后没有正在计算的期限", "No running deadline after today")
                    }
                } else if to.hasPrefix("+"), to.hasSuffix("d"), let days = Int(to.dropFirst().dropLast()), days > 0 {
                    // More days than the dates this product records span is refused here, not
                    // multiplied into an overflow; the rest the clock decides (Day.supported).
                    guard days <= Day.supported.lowerBound.days(to: Day.supported.upperBound) else {
                        throw UsageError("模拟时钟「\(to)」超出可记录的日期范围（\(Day.supportedText)）",
                                         "The simulated clock \"\(to)\" goes past the dates this product records (\(Day.supportedText))",
                                         badData: true)
                    }
                    target = Instant(millisecondsSince1970: now.millisecondsSince1970 + Int64(days) * 86_400_000)
                } else if let day = Day(iso: to) {
                    target = TrainingClock.target(.date(day), from: now, nextDeadline: nil)
                } else {
                    target = Instant(iso: to)
                }
                guard let target else {
                    throw UsageError("「\(to)」不是 +N d、next 或日期（YYYY-MM-DD[THH:MM]）",
                                     "\"\(to)\" is not +Nd, next or a date (YYYY-MM-DD[THH:MM])")
                }
                let actor = try session.actor(in: book)
                let move = try book.moveClock(to: target, by: actor.user, given: now)
                session.say("模拟时钟已拨至 \(move.to.beijingDescription)", "The clock now reads \(move.to.beijingDescription)")
            }
        }
    }

    /// `xinfang training start ID`: starts an exercise from the command line, as Enter on
    /// the console's exercise list does (its seed is written, then its start note).
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "start", abstract: "Start an exercise (its seed is written); prints its cases.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The exercise's id (xinfang training status lists them).") var id: String

        func run() throws {
            try Session.run(options) { session in
                let book = try session.openBook(writable: true)
                try TrainingCommand.requireTraining(book, "training start")
                let files = try ExerciseCatalog.load(from: session.reference.folder)
                guard let file = files.first(where: { $0.exercise.id == id }) else {
                    throw UsageError("没有练习「\(id)」（可用：\(files.map(\.exercise.id).joined(separator: " "))）",
                                     "No exercise \"\(id)\" (there are: \(files.map(\.exercise.id).joined(separator: " ")))")
                }
                let given = try session.advanceClock(book)
                let clockBefore = book.clock?.to
                let start = try book.startExercise(file, given: given, actor: try session.actor(in: book),
                                                   reference: session.reference, staff: try session.staff(in: book))
                let cases = start.cases.enumerated().map { "$\($0.offset + 1)=\($0.element)" }.joined(separator: " ")
                session.say("练习 \(id) 已开始：\(cases)", "Exercise \(id) started: \(cases)")
                // An exercise set on a day of its own moved the clock there: said, with the day it left.
                if let moved = book.clock?.to, moved != clockBefore {
                    let from = Day(clockBefore ?? given)
                    session.say("本练习发生在\(Day(moved))：模拟时钟已从\(from)拨至 \(moved.beijingDescription)",
                                "This exercise is set on \(Day(moved)): the clock moved from \(from) to \(moved.beijingDescription)")
                }
            }
        }
    }

    /// `xinfang training status`: each exercise and where the acting trainee stands on it;
    /// the feedback of the latest run.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "The exercises and where you stand on each; the latest run's feedback.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Session.run(options) { session in
                let book = try session.openBook()
                try TrainingCommand.requireTraining(book, "training status")
                let user = try session.actor(in: book).user
                let runs = book.exerciseRuns(of: user)
                let language = session.language
                let exercises = try ExerciseCatalog.load(from: session.reference.folder).map(\.exercise)
                // The standing the console's list and `training report` show too (decision 0029).
                for (exercise, standing) in zip(exercises, book.standings(of: user, in: exercises)) {
                    let articles = Report.articles(standing.mistakes, session)
                    let extra = (articles.isEmpty ? "" : (language == .zh ? "  出错：" : "  mistakes: ") + articles)
                        + (standing.minutes.map { language == .zh ? "  用时\($0)分" : "  \($0) min" } ?? "")
                    // A title's control characters shown as escapes, as the console shows them.
                    print(InputText.visible("\(exercise.id)  \(exercise.title.text(language))  \(standing.label(language))" + extra))
                }
                if let run = runs.last, let exercise = exercises.first(where: { $0.id == run.start.exercise }) {
                    let result = ExerciseEngine.evaluate(exercise, run)
                    for f in result.feedback {
                        let article = f.rule.map { session.reference.articles.short($0, language) } ?? ""
                        print(InputText.visible((f.right ? "✓ " : "✗ ") + "\(exercise.id) \(f.step + 1) \(article) " + f.text.text(language)))
                    }
                }
            }
        }
    }

    /// `xinfang training report --folder DIR [--user NAME] [--csv]`: who passed what and which
    /// articles they trip on, read from a trainer's folder of per-trainee logs (`NAME.log`).
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Trainers: each trainee's exercises (passed, right first time, mistakes by article, hints), from a folder of training logs NAME.log.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The trainer's folder: one training log per trainee, named after them (NAME.log).") var folder: String
        @Option(help: "Only this trainee.") var user: String?
        @Flag(help: "Print CSV (UTF-8 with a byte-order mark, for spreadsheets).") var csv = false

        func run() throws {
            var options = self.options
            options.training = true
            try Session.run(options) { session in
                let zh = session.language == .zh
                let exercises = try ExerciseCatalog.load(from: session.reference.folder).map(\.exercise)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
                      let listed = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                    var missing = UsageError("培训文件夹 \(folder) 不存在或无法读取", "The trainer's folder \(folder) does not exist or cannot be read")
                    missing.exitCode = 74
                    throw missing
                }
                let names = listed.filter { $0.hasSuffix(".log") }.sorted()
                    .map { String($0.dropLast(4)) }.filter { user == nil || $0 == user }
                var unreadable = false
                if let user, names.isEmpty {
                    throw UsageError("\(folder) 中没有学员 \(user) 的日志（\(user).log）", "No log for trainee \(user) in \(folder) (\(user).log)")
                }
                var rows: [[String]] = []
                var summaries: [String] = []
                for name in names {
                    let path = (folder as NSString).appendingPathComponent(name + ".log")
                    // A file that does not open (a link, a damaged log, not a log) is one line on
                    // stderr; the other trainees are still reported (exit 74 at the end).
                    let book: CaseBook
                    do { book = try CaseBook.open(at: path, .init(writable: false)) } catch {
                        session.warn("跳过 \(name).log：" + Failure.describe(error, language: .zh, reference: session.reference).0,
                                     "skipped \(name).log: " + Failure.describe(error, language: .en, reference: session.reference).0)
                        unreadable = true
                        continue
                    }
                    guard book.mode == .training else { continue }
                    // The standing the console's list and `training status` show too (decision 0029).
                    let standings = book.standings(of: name, in: exercises)
                    var trips: [RuleID?: Int] = [:]
                    for standing in standings {
                        trips.merge(standing.mistakes, uniquingKeysWith: +)
                        rows.append([name, standing.exercise, standing.statusWord(session.language), "\(standing.runs)", standing.score,
                                     standing.result.map { "\($0.mistakeCount)" } ?? "", standing.result.map { "\($0.hints)" } ?? "",
                                     standing.minutes.map(String.init) ?? "", Self.articles(standing.mistakes, session)])
                    }
                    let passed = standings.filter(\.passed).count
                    let often = Self.articles(trips, session)
                    summaries.append(zh ? "\(name)：通过 \(passed)/\(exercises.count)" + (often.isEmpty ? "" : "；出错条款：\(often)")
                                        : "\(name): passed \(passed)/\(exercises.count)" + (often.isEmpty ? "" : "; trips on \(often)"))
                }
                let header = zh ? ["学员", "练习", "状态", "次数", "一次做对", "错误", "提示", "用时（分）", "出错条款"]
                                : ["trainee", "exercise", "status", "runs", "right first time", "mistakes", "hints", "minutes", "articles tripped on"]
                if csv {
                    print(CSV.text([header] + rows, bom: true), terminator: "")
                } else {
                    Output.printTable(header, rows)
                    for line in summaries { print(line) }
                }
                if unreadable { throw ExitCode(74) }
            }
        }

        /// "第36条第3款×2；第31条×1", most first; a refusal no article forbids counts as 其他.
        static func articles(_ counts: [RuleID?: Int], _ session: Session) -> String {
            counts.sorted { ($1.value, $0.key?.rawValue ?? "") < ($0.value, $1.key?.rawValue ?? "") }.map { rule, n in
                (rule.map { session.reference.articles.short($0, session.language) } ?? (session.language == .zh ? "其他" : "other")) + "×\(n)"
            }.joined(separator: session.language == .zh ? "；" : "; ")
        }
    }

    /// `xinfang training reset NAME --folder DIR`: sets a trainee's log aside (renamed, kept,
    /// with its snapshot) and seeds a fresh one; no other trainee's log is touched.
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset",
            abstract: "Trainers: set a trainee's log aside (renamed NAME.log.YYYYMMDD-HHMMSS, kept) and seed a fresh one with practice cases.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The trainee (their log is NAME.log in the folder).") var name: String
        @Option(help: "The trainer's folder of training logs.") var folder: String
        @Option(help: "Practice cases in the fresh log.") var cases: Int = 300
        @Option(help: "Seed for the practice cases.") var seed: UInt64 = 1

        func run() throws {
            var options = self.options
            options.training = true
            try Session.run(options) { session in
                // The trainee's name is their account on the log (the staff's rule: ASCII letters,
                // digits, . _ -), checked before anything is moved or written.
                guard !name.isEmpty, name.count <= 32, name.unicodeScalars.allSatisfy({ $0.isASCII && (Character($0).isLetter || Character($0).isNumber || "._-".unicodeScalars.contains($0)) }),
                      !name.hasPrefix("."), !name.hasPrefix("-") else {
                    throw UsageError("学员名「\(InputText.visible(name))」无效：须是登录账户名（英文字母、数字、- _ .，如 zhangwei）",
                                     "\"\(InputText.visible(name))\" is not a trainee's account name (ASCII letters, digits, - _ ., such as zhangwei)")
                }
                let samples = Roster.training(osUser: "", jurisdiction: session.reference.directory.jurisdiction).members.map(\.user).filter { !$0.isEmpty }
                guard !samples.contains(name) else {
                    throw UsageError("学员名「\(name)」是培训日志自带的示例账户（\(samples.joined(separator: "、"))），请用学员自己的账户名",
                                     "\"\(name)\" is one of a training log's sample accounts (\(samples.joined(separator: ", "))); use the trainee's own account")
                }
                let path = (folder as NSString).appendingPathComponent(name + ".log")
                try session.checkOfficeFolder(holds: path)
                let fm = FileManager.default
                var kept: String?
                if fm.fileExists(atPath: path) {
                    // Only a training log is set aside: a production log is never renamed by this.
                    let book = try CaseBook.open(at: path, .init(writable: false))
                    guard book.mode == .training else {
                        throw UsageError("\(path) 是正式日志，不能重置", "\(path) is a production log; it is not reset", badData: true)
                    }
                    let stamp = Self.stamp(Session.systemNow)
                    let aside = path + "." + stamp
                    try fm.moveItem(atPath: path, toPath: aside)
                    let snapshot = CaseSnapshot.path(forLog: path)
                    if fm.fileExists(atPath: snapshot) { try? fm.moveItem(atPath: snapshot, toPath: aside + ".snapshot") }
                    kept = aside
                }
                let now = try session.now(for: .training)
                var generator = try SyntheticCases(reference: session.reference, seed: seed)
                let records = generator.cases(max(1, cases), from: Day(now).adding(days: -3 * 365), until: Day(now))
                do {
                    let log = try DurableLog.create(at: path, mode: .training, jurisdiction: session.reference.directory.jurisdiction,
                                                    now: records.first?.first?.at ?? now)
                    let book = try CaseBook(log: log)
                    try book.changeStaff(
                        Roster.training(osUser: name, jurisdiction: session.reference.directory.jurisdiction)
                            .enrolment(by: name, at: records.first?.first?.at ?? now), directory: session.reference.directory)
                    try log.importRecords(records)
                    // The fresh log's clock, as generate sets one (decision 0029's addendum): the
                    // trainer's --now, else now; every later command runs from it.
                    try book.moveClock(to: now, by: name, given: Instant(millisecondsSince1970: now.millisecondsSince1970 - 1))
                } catch {
                    // A refused reset leaves nothing behind: no half-seeded log, and the
                    // trainee's log back where it was.
                    try? fm.removeItem(atPath: path)
                    if let kept {
                        try? fm.moveItem(atPath: kept, toPath: path)
                        if fm.fileExists(atPath: kept + ".snapshot") {
                            try? fm.moveItem(atPath: kept + ".snapshot", toPath: CaseSnapshot.path(forLog: path))
                        }
                    }
                    throw error
                }
                if let kept {
                    session.say("已将 \(name) 的日志移至 \(kept)（保留），并新建 \(path)：\(cases)件练习案件",
                                "Set \(name)'s log aside as \(kept) (kept) and seeded \(path) with \(cases) practice cases")
                } else {
                    session.say("已新建 \(path)：\(cases)件练习案件", "Seeded \(path) with \(cases) practice cases")
                }
            }
        }

        /// `YYYYMMDD-HHMMSS`, Beijing time.
        static func stamp(_ instant: Instant) -> String {
            let text = instant.beijingDescription  // YYYY-MM-DDTHH:MM:SS+08:00
            return String(text.prefix(19)).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
                .replacingOccurrences(of: "T", with: "-")
        }
    }
}
