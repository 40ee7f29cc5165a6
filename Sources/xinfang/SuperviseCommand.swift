import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang supervise list|interview|circular|listing|inspection`: supervision acts that
/// concern an organ rather than one case (decision 0024) — Art 39 para 3's interviews,
/// circulars and listed supervision of a leadership team or leader, Art 38's inspections.
/// Each is a record of no case in the log. Supervision of one case (督办 with its
/// suggestion, the feedback) stays `xinfang act CASE order-supervision|record-feedback`.
struct SuperviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise",
        abstract: "督办措施 — interviews, circulars, listed supervision (Art 39(3)) and inspections (Art 38) of an organ.",
        subcommands: [List.self, Interview.self, Circular.self, Listing.self, Inspection.self, Lift.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every supervision act of an organ, oldest first (--organ: of those organs).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only acts concerning this organ (code, name or short name).") var organ: String?
        @Flag(help: "Print JSON.") var json = false

        struct Line: Encodable {
            var number: Int
            var act: OrganSupervisionRecord
            /// The record that lifted an Art 39 para 3 measure, if one did (decision 0030).
            var lifted: OrganSupervisionRecord?
        }

        func run() throws {
            try Session.run(options) { session in
                let book = try session.openBook()
                let actor = try session.actor(in: book)
                let wanted = try organ.map { try session.organs(named: $0) }
                let name = session.actorName(actor, in: book)
                let today = try session.asOfDay(nil, book: book)
                // Art 30: a cited accusation the reader may not see is left out, and the note withheld.
                let lines = OrganActEntry.ledger(book.organRecords)
                    .filter { wanted?.contains($0.act.organ) ?? true }
                    .map { $0.visible(to: actor, name: name) { book[$0] } }
                    .map { Line(number: $0.number, act: $0.act, lifted: $0.lifted) }
                if json { return Output.printJSON(lines) }
                let zh = session.language == .zh, language = session.language
                let directory = session.reference.directory
                // A table row is one line: a note's line breaks shown as " / ".
                func oneLine(_ text: String) -> String {
                    text.split(whereSeparator: \.isNewline).joined(separator: " / ")
                }
                Output.printTable(zh ? ["序号", "日期", "措施", "机关", "对象", "整改期限", "状态", "所涉案件", "事由", "依据"]
                                     : ["no.", "date", "act", "organ", "target", "rectify by", "state", "cases", "note", "article"],
                                  lines.map { line in
                                      let act = line.act
                                      let target = act.target.map { t in
                                          t.label.text(language) + (act.leader.map { "（\($0)）" } ?? "")
                                      } ?? "—"
                                      // The console's words (在办, 整改期满 past its day, —), the lifting's reason after.
                                      let state = line.lifted.map { (zh ? "\($0.day)解除：" : "lifted \($0.day): ") + oneLine($0.note) }
                                          ?? OrganActEntry(number: line.number, act: act, lifted: nil).status(asOf: today).text(language)
                                      return ["\(line.number)", "\(act.day)", act.measure.label.text(language),
                                              directory.name(act.organ, language), target, act.due.map { "\($0)" } ?? "—", state,
                                              act.cases.map(\.description).joined(separator: ","), oneLine(act.note),
                                              session.citation(act.measure.rule)]
                                  })
                session.say("共\(lines.count)项", "\(lines.count) acts")
            }
        }
    }

    /// The options every act takes.
    struct ActOptions: ParsableArguments {
        @Option(help: "The organ concerned (code, name or short name).") var organ: String
        @Option(help: "What was found, or why (事由).") var note: String
        @Option(help: "The case numbers behind it, comma-separated.") var cases: String?

        func command(_ measure: OrganMeasure, target: LeadershipTarget?, leader: String?, days: Int?,
                     session: Session) throws -> OrganSupervisionCommand {
            let code = try session.organ(named: organ)
            var numbers: [CaseNumber] = []
            for part in (cases ?? "").split(separator: ",") {
                let text = String(part).trimmed
                guard let number = CaseNumber(text) else {
                    throw Rejection(.invalidValue, field: "cases", ["value": text, "expected": "D-XFJ-2025-00001"])
                }
                numbers.append(number)
            }
            return OrganSupervisionCommand(measure: measure, organ: code, target: target, leader: leader, cases: numbers,
                                           note: note, days: days)
        }
    }

    /// The options of an Art 39 para 3 measure: its target and the days to put things right.
    struct LeadershipOptions: ParsableArguments {
        @Option(help: "leadershipTeam (领导班子) or leader (领导干部).") var target: String
        @Option(help: "The leader's name and post, when --target leader.") var leader: String?
        @Option(help: "Days to put things right (practice, 1–90).") var days: Int

        func parsedTarget() throws -> LeadershipTarget {
            guard let t = LeadershipTarget(rawValue: target)
                ?? LeadershipTarget.allCases.first(where: { $0.label.zh == target }) else {
                throw Rejection(.invalidValue, field: "target", ["value": target, "expected": "leadershipTeam|leader"])
            }
            return t
        }
    }

    static func record(_ measure: OrganMeasure, _ act: ActOptions, _ leadership: LeadershipOptions?,
                       _ options: GlobalOptions, json: Bool) throws {
        try Session.run(options) { session in
            let command = try act.command(measure, target: try leadership?.parsedTarget(), leader: leadership?.leader,
                                          days: leadership?.days, session: session)
            let book = try session.openBook(only: Set(command.cases), writable: true)
            let cited = command.cases.compactMap { book[$0]?.steps.last { !$0.annotation }?.at }
            try session.checkRecordable(try session.now(for: book), after: (cited + book.organRecords.map(\.at)).max())
            let record = try book.recordOrganAct(command, now: try session.advanceClock(book),
                                                 actor: try session.actor(in: book), reference: session.reference,
                                                 staff: try session.staff(in: book))
            if json { return Output.printJSON(record) }
            let organ = session.reference.directory.name(record.organ, session.language)
            let due = record.due.map { "，限\($0)前整改" } ?? ""
            let dueEn = record.due.map { ", to put right by \($0)" } ?? ""
            session.say("已记录\(measure.label.zh)：\(organ)\(due)（依据\(session.citation(measure.rule))）",
                        "Recorded \(measure.label.en) of \(organ)\(dueEn) (\(session.citation(measure.rule)))")
        }
    }

    struct Interview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "interview",
            abstract: "约谈 an organ's leadership team or leader, with the cases behind it (Art 39 para 3).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var act: ActOptions
        @OptionGroup var leadership: LeadershipOptions
        @Flag(help: "Print the record as JSON.") var json = false
        func run() throws { try SuperviseCommand.record(.interview, act, leadership, options, json: json) }
    }

    struct Circular: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circular",
            abstract: "通报 an organ's leadership team or leader, with the cases behind it (Art 39 para 3).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var act: ActOptions
        @OptionGroup var leadership: LeadershipOptions
        @Flag(help: "Print the record as JSON.") var json = false
        func run() throws { try SuperviseCommand.record(.circular, act, leadership, options, json: json) }
    }

    struct Listing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "listing",
            abstract: "挂牌督办 an organ's leadership team or leader, with the cases behind it (Art 39 para 3).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var act: ActOptions
        @OptionGroup var leadership: LeadershipOptions
        @Flag(help: "Print the record as JSON.") var json = false
        func run() throws { try SuperviseCommand.record(.listing, act, leadership, options, json: json) }
    }

    struct Lift: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "解除 an interview, circular or listed supervision once things are put right, with the reason (decision 0030).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The act's number, as supervise list shows it.") var act: Int
        @Option(help: "Why it is lifted: what was put right.") var note: String
        @Flag(help: "Print the record as JSON.") var json = false

        func run() throws {
            try Session.run(options) { session in
                let book = try session.openBook(writable: true)
                let ledger = OrganActEntry.ledger(book.organRecords)
                let target = ledger.indices.contains(act - 1) ? ledger[act - 1].act : nil
                let command = OrganSupervisionCommand(measure: target?.measure ?? .listing, organ: target?.organ ?? "",
                                                      note: note, lifts: act)
                try session.checkRecordable(try session.now(for: book), after: book.organRecords.map(\.at).max())
                let record = try book.recordOrganAct(command, now: try session.advanceClock(book),
                                                     actor: try session.actor(in: book), reference: session.reference,
                                                     staff: try session.staff(in: book))
                if json { return Output.printJSON(record) }
                let organ = session.reference.directory.name(record.organ, session.language)
                session.say("已解除第\(act)项\(record.measure.label.zh)：\(organ)（依据\(session.citation(record.measure.rule))）",
                            "Lifted act \(act), \(record.measure.label.en) of \(organ) (\(session.citation(record.measure.rule)))")
            }
        }
    }

    struct Inspection: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspection",
            abstract: "督查 how an organ carries out petition work, with what was found (Art 38).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var act: ActOptions
        @Flag(help: "Print the record as JSON.") var json = false
        func run() throws { try SuperviseCommand.record(.inspection, act, nil, options, json: json) }
    }
}
