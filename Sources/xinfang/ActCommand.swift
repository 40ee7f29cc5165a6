import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang act CASE ACTION [--field value ...]`: one workflow action on a case; `xinfang
/// act CASE` lists the actions its state allows now, each with its article and whether the
/// acting account may take it.
struct ActCommand: ParsableCommand {
    /// Made once: the argument parser asks for every command's configuration on every run.
    static let configuration: CommandConfiguration = {
        let lines = ActionKind.allCases.filter { $0 != .register && $0 != .recordLoss }.map { kind in
            let spec = ActionCatalog.spec(kind)
            return "  \(kind.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0))\(spec.title.zh) — \(spec.help.en)"
        }
        return CommandConfiguration(
            commandName: "act",
            abstract: "办理操作 — apply one workflow action to a case.",
            discussion: "Actions (xinfang act ACTION --help for fields and article):\n" + lines.joined(separator: "\n"))
    }()

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case number, e.g. D-XFJ-2025-00001.")
    var caseNumber: String

    @Argument(help: "The action (see the list above); without one, the actions allowed on the case now.")
    var action: String?

    @Argument(parsing: .allUnrecognized, help: "The action's fields: --name value ...")
    var fields: [String] = []

    @Flag(help: "Print the recorded events as JSON.")
    var json = false

    static func isAction(_ word: String) -> Bool { ActionKind(rawValue: word) != nil && word != "register" }

    func run() throws {
        try Session.run(options) { session in
            guard let action else { return try listActions(session) }
            guard let kind = ActionKind(rawValue: action), kind != .register else {
                throw UsageError("没有「\(action)」这个操作（xinfang act --help 列出全部操作）",
                                 "No action \"\(action)\" (xinfang act --help lists them)")
            }
            guard let number = CaseNumber(caseNumber) else {
                throw Rejection(.invalidValue, field: "case", ["value": caseNumber, "expected": "D-XFJ-2025-00001"])
            }
            var values = try Self.parseFields(fields)
            try Self.checkFieldNames(values, of: kind)
            try Self.resolveOrgans(&values, of: kind, in: session)
            let command = try ActionCatalog.command(kind, values)
            // Only this case and any case the command reads (from the snapshot's index and
            // the log's tail); the command is still decided under the lock against the latest state.
            let book = try session.openBook(only: Set([number] + command.otherCases), writable: true)
            // A `--now` before what the case holds is refused before any clock moves (nothing written).
            try session.checkRecordable(try session.now(for: book), after: book[number]?.steps.last { !$0.annotation }?.at)
            let now = try session.advanceClock(book), actor = try session.actor(in: book)
            let events: [CaseEvent]
            do {
                events = try book.execute(command, on: number, now: now, actor: actor, reference: session.reference,
                                          staff: try session.staff(in: book))
            } catch let rejection as Rejection {
                // On a training log a refusal of an action on a case is kept as an attempt, to be
                // scored (decision 0026); a production log writes nothing (`record` does nothing
                // there), nor does a case number that names no case (a typo, not a mistake of law).
                if book[number] != nil { _ = try? book.record(.refused(TrainingAttempt(rejection, action: kind.rawValue, caseNumber: number,
                                                              by: actor.user, at: now))) }
                throw rejection
            }
            if json {
                Output.printJSON(events)
                return
            }
            let spec = ActionCatalog.spec(kind)
            let rule = events.last?.rule ?? kind.rule
            let state = book[number]
            let phase = state?.phase.title.text(session.language) ?? ""
            session.say("\(number) \(spec.title.zh)完成，现为「\(phase)」（依据\(session.citation(rule))）",
                        "\(number): \(spec.title.en) done; now \(phase) (\(session.citation(rule)))")
        }
    }

    /// One line per action the case's state allows now: its title, its article, and —
    /// checked as a save would be, for the acting account — whether it may be taken, or why not.
    struct Allowed: Encodable {
        var action: String
        var title: String
        var article: String
        var refusal: String?
    }

    func listActions(_ session: Session) throws {
        let book = try CaseNumber(caseNumber).map { try session.openBook(only: [$0]) } ?? session.openBook()
        guard let number = CaseNumber(caseNumber), let state = book[number] else {
            throw Rejection(.unknownCase, field: "case", ["case": caseNumber])
        }
        // (Names of actions and the phase only: nothing of an accusation's content, Art 30.)
        let actor = try session.actor(in: book)
        let context = book.context(now: try session.now(for: book), actor: actor, reference: session.reference,
                                   staff: try session.staff(in: book))
        let language = session.language
        // Documents are issued by `xinfang doc`, which lists them itself (issue 15).
        let rows = Workflow.actions(for: state).filter { $0 != .register && $0 != .issueDocument }.map { kind in
            var refusal: String?
            do throws(Rejection) { try Workflow.precheck(kind, state, context) } catch {
                refusal = error.message(language, articles: session.reference.articles, directory: session.reference.directory)
            }
            return Allowed(action: kind.rawValue, title: ActionCatalog.spec(kind).title.text(language),
                           article: session.reference.articles.places(kind.rule, language), refusal: refusal)
        }
        if json { return Output.printJSON(rows) }
        let zh = language == .zh
        session.say("\(number) 现为「\(state.phase.title.text(language))」，现在可以办理：",
                    "\(number) is \(state.phase.title.text(language)); the actions allowed now:")
        Output.printTable(zh ? ["操作", "名称", "依据", "本账户"] : ["action", "title", "article", "you"],
                          rows.map { [$0.action, $0.title, $0.article, $0.refusal.map { "✗ " + $0 } ?? (zh ? "可办理" : "yes")] })
        session.say("办理：xinfang act \(number) 操作 [--字段 值 …]；xinfang act 操作 --help 列出字段",
                    "Act: xinfang act \(number) ACTION [--field value …]; xinfang act ACTION --help lists its fields")
    }

    /// A field the action does not have (a misspelled option) is a usage error, worded as the
    /// argument parser words an unknown option: one line naming it, the nearest field, and
    /// where the action's fields are listed (exit 64; nothing written).
    static func checkFieldNames(_ values: [String: String], of kind: ActionKind) throws {
        let names = ActionCatalog.spec(kind).fields.map(\.name)
        for key in values.keys.sorted() where !names.contains(key) {
            let nearest = JSONInputError.nearest(to: key, in: names)
            throw UsageError("命令行有误：\(kind.rawValue) 没有字段 --\(key)" + (nearest.map { "（是不是 --\($0)？）" } ?? "")
                                 + "（字段见 xinfang act \(kind.rawValue) --help）",
                             "Unknown field '--\(key)' of \(kind.rawValue)." + (nearest.map { " Did you mean '--\($0)'?" } ?? "")
                                 + " (fields: xinfang act \(kind.rawValue) --help)")
        }
    }

    /// An organ field takes a code, a name or a short name, as the queue's `--organ` and the
    /// console's pickers do (`区住建局`, `住建局`, `d-zjj`; `Session.organ(named:)`, which refuses
    /// a text naming several). A text naming none is left for the decision to refuse with the
    /// field's own words (被督办机关…, with its article).
    static func resolveOrgans(_ values: inout [String: String], of kind: ActionKind, in session: Session) throws {
        let directory = session.reference.directory
        for field in ActionCatalog.spec(kind).fields {
            guard case .organ = field.kind, let raw = values[field.name] else { continue }
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard directory[text] == nil, !directory.organs(matching: text).isEmpty else { continue }
            values[field.name] = try session.organ(named: text, option: field.name)
        }
    }

    /// `--name value` and `--name=value` pairs. A field given twice is refused: which of
    /// the two was meant cannot be guessed.
    static func parseFields(_ words: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        func set(_ name: String, _ value: String) throws {
            guard values[name] == nil else {
                throw UsageError("字段 --\(name) 写了两次：每个字段只能给一次", "The field --\(name) is given twice: give each field once")
            }
            values[name] = value
        }
        var i = 0
        while i < words.count {
            let word = words[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw UsageError("多余的参数「\(word)」：字段应写成 --名称 值", "Unexpected \"\(word)\": fields are --name value")
            }
            let body = String(word.dropFirst(2))
            if let eq = body.firstIndex(of: "=") {
                try set(String(body[..<eq]), String(body[body.index(after: eq)...]))
                i += 1
            } else {
                guard i + 1 < words.count else {
                    throw UsageError("字段 --\(body) 缺少值", "The field --\(body) needs a value")
                }
                try set(body, words[i + 1])
                i += 2
            }
        }
        return values
    }

    /// The help of one action: what it does, its article, its fields.
    static func printHelp(action: String, arguments: [String]) {
        guard let kind = ActionKind(rawValue: action) else { return }
        let spec = ActionCatalog.spec(kind)
        let en = arguments.contains("en") && arguments.contains("--lang")
        var citation = kind.rule.rawValue
        if let reference = try? ReferenceData.load(from: Session.referenceFolder) {
            citation = reference.articles.citation(kind.rule, en ? .en : .zh)
        }
        print("xinfang act CASE \(kind.rawValue)" + spec.fields.map { f in
            f.required ? " --\(f.name) <\(f.name)>" : " [--\(f.name) <\(f.name)>]"
        }.joined())
        print("")
        print(en ? "\(spec.title.en): \(spec.help.en)" : "\(spec.title.zh)：\(spec.help.zh)")
        print(en ? "Under: \(citation)" : "依据：\(citation)")
        if !spec.fields.isEmpty {
            print("")
            for f in spec.fields {
                var line = "  --\(f.name.padding(toLength: 18, withPad: " ", startingAt: 0))\(en ? f.help.en : f.help.zh)"
                switch f.kind {
                case .choice(let values), .choices(let values): line += " [\(values.joined(separator: "|"))]"
                case .day: line += " (YYYY-MM-DD)"
                case .yesNo: line += " (yes|no)"
                case .text, .organ, .integer, .caseNumber: break
                }
                if !f.required { line += en ? " (optional)" : "（可选）" }
                print(line)
            }
        }
    }
}
