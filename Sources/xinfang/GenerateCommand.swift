import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang generate --cases N --log PATH`: a training log of realistic synthetic cases.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "生成演示数据 — write a new training log of N realistic synthetic cases over several years.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "How many cases.") var cases: Int
    @Option(help: "Seed for the random choices (same seed, same log).") var seed: UInt64 = 1
    @Option(help: "First day cases are received (YYYY-MM-DD).") var from: String = "2023-01-01"
    @Option(help: "Last day anything happens (YYYY-MM-DD); default today.") var until: String?

    func run() throws {
        try Session.run(options) { session in
            guard !session.isDatabaseLog else {
                throw UsageError("generate 只写培训日志文件；要放进数据库，请先生成文件，再用 xinfang log copy --from 文件 --to 数据库地址",
                                 "generate writes a training log file; to put one in a database, generate a file, then xinfang log copy --from FILE --to URL")
            }
            guard (1...2_000_000).contains(cases) else {
                throw UsageError("--cases 应为1至2000000", "--cases must be 1 to 2,000,000")
            }
            // Only days the log can hold (decision 0029's addendum): a case's deadlines run past its day.
            let start = try session.day(from, option: "from")
            let end = try until.map { try session.day($0, option: "until") } ?? Day(Session.systemNow)
            guard start <= end else {
                throw UsageError("--from \(start) 晚于 --until \(end)：没有可生成的日子", "--from \(start) is after --until \(end): no days to generate")
            }
            var generator = try SyntheticCases(reference: session.reference, seed: seed)
            let records = generator.cases(cases, from: start, until: end)
            let log = try DurableLog.create(at: session.logPath, mode: .training,
                                            jurisdiction: session.reference.directory.jurisdiction,
                                            now: records.first?.first?.at ?? Session.systemNow)
            // The training staff first (their records decide who may act), then the cases:
            // one batch, one sync.
            try CaseBook(log: log).changeStaff(
                Roster.training(osUser: session.osUser, jurisdiction: session.reference.directory.jurisdiction)
                    .enrolment(by: session.osUser, at: records.first?.first?.at ?? Session.systemNow),
                directory: session.reference.directory)
            try log.importRecords(records)
            // The practice world's time is its last day, 10:00 (or just after its last record):
            // a clock record, so the console, the exercises and every command start there rather
            // than at the real date, when the cases would all be long overdue (decision 0026).
            let last = records.last?.last?.at ?? Session.systemNow
            let opening = Instant(millisecondsSince1970: end.start.millisecondsSince1970 + 10 * 3_600_000)
            _ = try CaseBook(log: log).moveClock(to: max(opening, Instant(millisecondsSince1970: last.millisecondsSince1970 + 1000)),
                                                 by: session.osUser, given: last)
            // A writer's open puts the snapshot and its checkpoint beside a large log, so that
            // read commands (which write nothing) need not replay it all.
            _ = try CaseBook.open(at: session.logPath, .init(writable: true))
            session.say("已生成培训日志 \(session.logPath)：\(cases)件案件，\(records.count)条记录",
                        "Wrote training log \(session.logPath): \(cases) cases, \(records.count) records")
        }
    }
}
