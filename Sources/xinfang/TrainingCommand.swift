import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang training clock|report|reset`: the trainer's and the trainee's commands of a
/// training log (docs/decisions/0026-training.md, docs/guide-trainer.md).
struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "培训 — move a training log's clock; trainers: progress report, reset a trainee's log.",
        subcommands: [Clock.self])

    /// `xinfang training clock +1d|+7d|next|YYYY-MM-DD`: moves the simulated clock forward,
    /// as the console's clock keys do; with no argument, prints it.
    struct Clock: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                    let rows = book.nextDeadlines(asOf: Day(now), calendar: session.reference.calendar,
                                                  directory: session.reference.directory)
                    target = TrainingClock.target(.nextDeadline, from: now, rows: rows)
                    guard target != nil else {
                        throw UsageError("今天以后没有正在计算的期限", "No running deadline after today")
                    }
                } else if to.hasPrefix("+"), to.hasSuffix("d"), let days = Int(to.dropFirst().dropLast()), days > 0 {
                    target = Instant(millisecondsSince1970: now.millisecondsSince1970 + Int64(days) * 86_400_000)
                } else if let day = Day(iso: to) {
                    target = TrainingClock.target(.date(day), from: now, rows: [])
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
}
