import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang calendar add`: a due date, with the holidays it skipped.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "期限计算 — day counting as the regulation's clocks do it.",
        subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "The due date N days (or N working days) after a date.",
            discussion: """
                Calendar days: the start day is not counted; a last day on a weekend or holiday moves to \
                the next working day; make-up working days count as working days. Working days skip \
                weekends and holidays. Years without a loaded State Council notice are provisional.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "The start date, YYYY-MM-DD (not counted).")
        var from: String

        @Option(help: "How many days.")
        var days: Int

        @Flag(help: "Count working days instead of calendar days.")
        var working = false

        @Flag(help: "Print JSON.")
        var json = false

        struct Result: Encodable {
            var from: String
            var days: Int
            var working: Bool
            var due: String
            var provisional: Bool
            var skipped: [SkippedDay]
            var holidaysWithin: [SkippedDay]
        }

        func run() throws {
            try Session.run(options) { session in
                let start = try session.day(from, option: "from")
                guard (0...3650).contains(days) else {
                    throw Rejection(.invalidValue, field: "days", ["value": "\(days)", "expected": "0–3650"])
                }
                let cal = session.reference.calendar
                let due = working ? cal.adding(workingDays: days, to: start) : cal.adding(calendarDays: days, to: start)
                let within = working ? [] : cal.holidays(after: start, before: start.adding(days: days))
                if json {
                    Output.printJSON(Result(from: "\(start)", days: days, working: working, due: "\(due.due)",
                                            provisional: due.provisional, skipped: due.skipped,
                                            holidaysWithin: within))
                    return
                }
                let zh = session.language == .zh
                let weekdays = zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                let wd = weekdays[due.due.weekday - 1]
                let unit = working ? (zh ? "个工作日" : " working days") : (zh ? "日" : " days")
                var line = zh ? "\(start) 起算 \(days)\(unit)：\(due.due)（星期\(wd)）" : "\(days)\(unit) from \(start): \(due.due) (\(wd))"
                if cal.kind(of: due.due) == .makeUpWorkingDay { line += zh ? " 调休上班日" : " make-up working day" }
                if due.provisional { line += zh ? "  暂定：该年放假安排尚未发布" : "  provisional: that year's holiday notice is not loaded" }
                print(line)
                // Consecutive days with the same reason read as one range: 2025-10-01至10-08 国庆节（8天）.
                func list(_ days: [SkippedDay]) -> String {
                    var runs: [(first: SkippedDay, last: Day, count: Int)] = []
                    for d in days {
                        if let last = runs.last, last.last.adding(days: 1) == d.day, last.first.reason == d.reason {
                            runs[runs.count - 1] = (last.first, d.day, last.count + 1)
                        } else {
                            runs.append((d, d.day, 1))
                        }
                    }
                    return runs.map { run in
                        let reason = zh ? run.first.reason : run.first.reasonEn
                        guard run.count > 1 else { return "\(run.first.day) \(reason)" }
                        return zh ? "\(run.first.day)至\(run.last) \(reason)（\(run.count)天）"
                                  : "\(run.first.day) to \(run.last) \(reason) (\(run.count) days)"
                    }.joined(separator: zh ? "；" : "; ")
                }
                if !due.skipped.isEmpty {
                    print((working ? (zh ? "跳过：" : "Skipped: ") : (zh ? "顺延跳过：" : "Rolled past: ")) + list(due.skipped))
                }
                if !within.isEmpty {
                    print((zh ? "期间内节假日（不扣除）：" : "Holidays within (not deducted): ") + list(within))
                }
            }
        }
    }
}
