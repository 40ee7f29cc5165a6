import ArgumentParser
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
            accusedOrgan. All petitions are checked first; if one is refused, none is written.
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
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw StoreError(.io, path: file, cause: "cannot read")
                }
                data = contents
            }
            let book = try session.openBook(writable: true)
            let now = try session.now(for: book.mode)
            let actor = try session.actor()
            let inputs = try PetitionInput.decodeAll(data)
            var petitions: [Petition] = []
            for (i, input) in inputs.enumerated() {
                do throws(Rejection) {
                    petitions.append(try input.petition(defaultOrgan: actor.organ, today: Day(now)))
                } catch {
                    throw BatchRejection(index: i, count: inputs.count, rejection: error)
                }
            }
            let numbers: [CaseNumber]
            if let into {
                guard let number = CaseNumber(into) else {
                    throw UsageError("--into「\(into)」不是案件号（如 D-XFJ-2025-00012）", "--into \"\(into)\" is not a case number (such as D-XFJ-2025-00012)")
                }
                guard petitions.count == 1 else {
                    throw UsageError("--into 只能补录一件信访事项", "--into enters exactly one petition")
                }
                // The core decides: only a case whose registration was lost, once reviewed, takes one.
                _ = try book.execute(.register(petitions[0]), on: number, now: now, actor: actor, reference: session.reference,
                                     staff: try session.staff())
                numbers = [number]
            } else {
                numbers = try book.register(petitions, now: now, actor: actor, reference: session.reference,
                                     staff: try session.staff())
            }
            if json {
                Output.printJSON(numbers.map(\.description))
            } else {
                for number in numbers {
                    print("\(number)  \(number.spoken(session.reference.directory, session.language))")
                }
            }
        }
    }
}
