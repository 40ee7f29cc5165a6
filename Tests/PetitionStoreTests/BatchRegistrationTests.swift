import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// A large import: checked whole, then written in batches each synced on its own; a
/// failure part-way names the cases written and the first petition not written.
@Suite("Registration in batches")
struct BatchRegistrationTests {
    let now = Fixtures.instant("2025-04-28T10:00")
    let ref = Fixtures.reference

    /// An in-memory log whose disk fills up after `failAfter` transactions.
    final class FillingLog: EventLog {
        let inner: InMemoryEventLog
        var failAfter: Int
        private(set) var transactions = 0
        init(failAfter: Int) {
            inner = InMemoryEventLog(header: Fixtures.trainingHeader)
            self.failAfter = failAfter
        }
        var header: LogHeader { inner.header }
        func readAll() throws(StoreError) -> [CaseEvent] { try inner.readAll() }
        func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
            guard transactions < failAfter else { throw StoreError(.io, path: "/simulated", cause: "No space left on device") }
            transactions += 1
            return try inner.transact(body)
        }
        func poll() throws(StoreError) -> [CaseEvent] { try inner.poll() }
        func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent] { try inner.events(inRecords: seqs) }
        var reservedNumbers: [CaseNumber] { inner.reservedNumbers }
        var staffChanges: [StaffChange] { inner.staffChanges }
        var supervisionRecords: [OrganSupervisionRecord] { inner.supervisionRecords }
        var clock: ClockMove? { inner.clock }
        var trainingNotes: [NumberedNote] { inner.trainingNotes }
    }

    @Test func tenThousandPetitionsAreWrittenInBatchesEachItsOwnTransaction() throws {
        let log = FillingLog(failAfter: .max)
        let book = try CaseBook(log: log)
        let petitions = Fixtures.letters(10_000)
        try book.check(petitions, now: now, actor: Fixtures.clerk, reference: ref)
        var progress: [Int] = []
        let numbers = try book.register(petitions, inBatchesOf: 1_000, now: now, actor: Fixtures.clerk, reference: ref,
                                        progress: { progress.append($0) })
        #expect(numbers.count == 10_000 && numbers.last?.description == "D-XFJ-2025-10000")
        #expect(log.transactions == 10)
        #expect(progress == Array(stride(from: 1_000, through: 10_000, by: 1_000)))
    }

    @Test func aFailurePartWayNamesTheCasesWrittenAndTheFirstPetitionNotWritten() throws {
        let log = FillingLog(failAfter: 3)
        let book = try CaseBook(log: log)
        let petitions = Fixtures.letters(95)
        do {
            _ = try book.register(petitions, inBatchesOf: 10, now: now, actor: Fixtures.clerk, reference: ref)
            Issue.record("the fourth batch was written on a full disk")
        } catch let partial as PartialRegistration {
            #expect(partial.written.count == 30 && partial.firstNotWritten == 30 && partial.count == 95)
            #expect(partial.written.last?.description == "D-XFJ-2025-00030")
            #expect((partial.cause as? StoreError)?.code == .io)
        }
        #expect(book.states.count == 30, "exactly the three synced batches are in the log")
        #expect(log.inner.events.count == 30)
    }

    @Test func aFailureInTheFirstBatchIsThrownAsItIsWithNothingWritten() throws {
        let book = try CaseBook(log: FillingLog(failAfter: 0))
        #expect(throws: StoreError.self) {
            _ = try book.register(Fixtures.letters(5), inBatchesOf: 2, now: now,
                                  actor: Fixtures.clerk, reference: ref)
        }
    }

    @Test func aRefusalIsFoundBeforeAnythingIsWrittenAndNamesItsIndexInTheWholeImport() throws {
        let log = FillingLog(failAfter: .max)
        let book = try CaseBook(log: log)
        var petitions = Fixtures.letters(2_500)
        petitions[2_345].petitioner.name = "张\u{202E}伟"
        do {
            try book.check(petitions, now: now, actor: Fixtures.clerk, reference: ref)
            Issue.record("the override was not found")
        } catch {
            #expect(error.index == 2_345 && error.count == 2_500 && error.rejection.code == .forbiddenCharacter)
        }
        #expect(log.transactions == 0)
    }
}
