import ArgumentParser
import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore

/// `xinfang register FILE|-`: registers petitions from JSON and prints their case numbers.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "登记信访事项 — register one petition or an array of them from JSON (Art 21).",
        discussion: """
            Fields: channel (online|letter|phone|fax|visit), receivedAt (YYYY-MM-DD), organ, \
            petitioner {kind, name, idNumber, phone, address}, request, facts, reasons, category, \
            type (suggestion|accusation|grievance), group {people, representatives: [petitioner]}, \
            accusedOrgan, accusedPerson {name, post, organ}. Any other key, or a key given twice, is refused. All petitions are \
            checked first; if one is refused, none is written. More than \(CaseBook.batchLimit) are \
            then written in batches of \(CaseBook.batchLimit), each synced on its own; if writing \
            stops part-way, the cases written are printed and the first petition not written is \
            named (exit 74).
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A JSON file, or - for standard input.")
    var file: String

    @Flag(help: "Print the case numbers as JSON.")
    var json = false

    @Option(help: "Enter one petition again under the number a log recovery lost its registration of (after a supervisor's review-recovery).")
    var into: String?

    func run() throws {
        try Session.run(options) { session in
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                // Read with the caller's own group: a set-group-id xinfang must not read
                // the office folder's files for them.
                guard let contents = Installation.asCaller({ FileManager.default.contents(atPath: file) }) else {
                    throw StoreError(.io, path: file, cause: "cannot read")
                }
                data = contents
            }
            let inputs = try PetitionInput.decodeAll(data)
            let intoNumber = try into.map { into in
                guard let number = CaseNumber(into) else {
                    throw UsageError("--into「\(into)」不是案件号（如 D-XFJ-2025-00012）", "--into \"\(into)\" is not a case number (such as D-XFJ-2025-00012)")
                }
                return number
            }
            // Who registers, and when, come from the log (its staff, a training log's clock);
            // then each petition is read with the registering organ as its default.
            func petitions(_ book: CaseBook) throws -> [Petition] {
                let now = try session.now(for: book), actor = try session.actor(in: book)
                return try inputs.enumerated().map { i, input in
                    do throws(Rejection) {
                        return try input.petition(defaultOrgan: actor.organ, today: Day(now))
                    } catch {
                        throw BatchRejection(index: i, count: inputs.count, rejection: error)
                    }
                }
            }
            // Up to a batch, only what registration decides against is read from the snapshot
            // (the persons' earlier cases, the last numbers given: decision 0021, addendum);
            // a larger import reads every case once.
            let (book, petitions) = inputs.count <= CaseBook.batchLimit
                ? try session.openBook(registering: petitions, also: intoNumber.map { [$0] } ?? [])
                : try { let book = try session.openBook(writable: true); return (book, try petitions(book)) }()
            let now = try session.advanceClock(book)
            let actor = try session.actor(in: book)
            let numbers: [CaseNumber]
            if let number = intoNumber {
                guard petitions.count == 1 else {
                    throw UsageError("--into 只能补录一件信访事项", "--into enters exactly one petition")
                }
                // The core decides: only a case whose registration was lost, once reviewed, takes one.
                _ = try book.execute(.register(petitions[0]), on: number, now: now, actor: actor, reference: session.reference,
                                     staff: try session.staff(in: book))
                numbers = [number]
            } else {
                // The whole import is checked before its first batch is written.
                try book.check(petitions, now: now, actor: actor, reference: session.reference)
                let bar = ProgressLine(total: petitions.count, language: session.language,
                                       shown: petitions.count > CaseBook.batchLimit && isatty(STDERR_FILENO) == 1)
                do {
                    numbers = try book.register(petitions, now: now, actor: actor, reference: session.reference,
                                                progress: bar.show)
                    bar.finish()
                } catch let partial as PartialRegistration {
                    bar.finish()
                    // The cases that were written are acknowledged as any others; stderr says where it stopped.
                    report(partial.written, book, session)
                    throw partial
                }
            }
            report(numbers, book, session)
        }
    }

    /// One registered case as `--json` prints it: its number, and what registration found
    /// (decision 0017) and what it lacks (Art 19 para 1).
    struct Registered: Encodable {
        var caseNumber: String
        var earlierCases: [EarlierFlagJSON]
        var missing: [String]
    }

    private func report(_ numbers: [CaseNumber], _ book: CaseBook, _ session: Session) {
        let registered = numbers.map { number in
            Registered(caseNumber: number.description,
                       earlierCases: (book[number]?.earlierFlags ?? []).map { EarlierFlagJSON($0, session) },
                       missing: (book[number]?.petition?.missingContent ?? []).map(\.rawValue))
        }
        if json {
            Output.printJSON(registered)
        } else {
            for r in registered {
                guard let number = CaseNumber(r.caseNumber) else { continue }
                print("\(number)  \(number.spoken(session.reference.directory, session.language))")
                guard let state = book[number] else { continue }
                for line in CaseScreen.earlierLines(state, articles: session.reference.articles, session.language,
                                                    printed: true) {
                    print("  " + line.label + line.text)
                }
            }
        }
    }
}

/// A progress bar on stderr, redrawn in place, for an import of several batches on a terminal.
struct ProgressLine {
    let total: Int
    let language: Language
    let shown: Bool

    func show(_ written: Int) {
        guard shown else { return }
        let width = 30
        let filled = total == 0 ? width : written * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let text = language == .zh ? "登记中 [\(bar)] \(written)/\(total)" : "registering [\(bar)] \(written)/\(total)"
        FileHandle.standardError.write(Data(("\r" + text).utf8))
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
