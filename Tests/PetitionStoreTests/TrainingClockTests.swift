import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The training clock (decision 0026): a record of no case that moves a training log's
/// simulated time forward, read back after a restart and through a snapshot; a
/// production log refuses it in the store and writes nothing.
@Suite("Training clock")
struct TrainingClockTests {
    static let path = "/log/practice.log"
    let ref = Fixtures.reference

    func log(_ fs: SimulatedFileSystem, mode: LogMode = .training) throws -> CaseBook {
        try CaseBook(log: DurableLog.create(at: Self.path, mode: mode, jurisdiction: "D-XFJ",
                                            now: Fixtures.instant("2025-04-01"), options: .init(writable: true, fs: fs)))
    }

    @Test func theClockMovedSurvivesARestartAndLaterCommandsCarryIt() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        try book.moveClock(to: Fixtures.instant("2025-05-20T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        let reopened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        let now = reopened.now(given: Fixtures.instant("2025-05-12T10:00"))
        #expect(now == Fixtures.instant("2025-05-20T10:00"))
        let number = try reopened.register([Fixtures.letter(received: "2025-05-20")], now: now, actor: Fixtures.clerk,
                                           reference: ref)[0]
        #expect(reopened[number]?.steps.first?.at == Fixtures.instant("2025-05-20T10:00"))
    }

    @Test func aSnapshotCarriesTheClockAndTheTrainingNotes() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        _ = try book.register([Fixtures.letter(received: "2025-05-12")], now: Fixtures.instant("2025-05-12T10:00"),
                              actor: Fixtures.clerk, reference: ref)
        try book.moveClock(to: Fixtures.instant("2025-06-01T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        let note = TrainingNote.hintShown(HintShown(exercise: "e1", step: 0, by: "trainee", at: Fixtures.instant("2025-06-01T10:00")))
        try book.record(note)
        try book.writeSnapshot(to: CaseSnapshot.path(forLog: Self.path))
        let opened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        #expect((opened.log as? DurableLog)?.resumed == true)
        #expect(opened.clock?.to == Fixtures.instant("2025-06-01T10:00"))
        #expect(opened.trainingNotes.map(\.note) == [note])
    }

    @Test func theClockNeverMovesBackNorStandsStill() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        try book.moveClock(to: Fixtures.instant("2025-05-20T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        let size = fs.contents(Self.path)?.count
        for back in ["2025-05-19T10:00", "2025-05-20T10:00"] {
            #expect(throws: Rejection(.clockNotForward, field: "to", ["now": "2025-05-20", "to": String(back.prefix(10))])) {
                try book.moveClock(to: Fixtures.instant(back), by: "trainee", given: Fixtures.instant("2025-05-30T10:00"))
            }
        }
        #expect(fs.contents(Self.path)?.count == size)
        #expect(book.clock?.to == Fixtures.instant("2025-05-20T10:00"))
    }

    @Test func theClockStopsAtTheLastDayThisProductRecords() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        let size = fs.contents(Self.path)?.count
        for beyond in ["2100-01-01", "9999-12-31"] {
            #expect(throws: Rejection(.invalidValue, field: "clock", ["value": beyond, "expected": "2000-01-01…2099-12-31"])) {
                try book.moveClock(to: Fixtures.instant(beyond), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
            }
        }
        #expect(fs.contents(Self.path)?.count == size)
        try book.moveClock(to: Fixtures.instant("2099-12-31T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        #expect(book.clock?.to == Fixtures.instant("2099-12-31T10:00"))
    }

    @Test func theWriterRefusesARecordItCouldNotReadBack() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        let size = fs.contents(Self.path)?.count
        // Past the days the binary codec holds (…2169): written, it would read back as damage.
        #expect(throws: StoreError.self) {
            _ = try book.register([Fixtures.letter(received: "2170-01-01")], now: Fixtures.instant("2170-01-01T10:00"),
                                  actor: Fixtures.clerk, reference: ref)
        }
        #expect(fs.contents(Self.path)?.count == size)
        let reopened = try CaseBook.open(at: Self.path, .init(writable: true, fs: fs))
        _ = try reopened.register([Fixtures.letter(received: "2025-05-12")], now: Fixtures.instant("2025-05-12T10:00"),
                                  actor: Fixtures.clerk, reference: ref)
        #expect(reopened.states.count == 1)
    }

    @Test func aLogSetAsideWhileOpenTakesNothingMore() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs)
        // A trainer's `training reset` renames the log under an open console.
        try fs.rename(Self.path, Self.path + ".aside")
        let aside = fs.contents(Self.path + ".aside")
        #expect(throws: StoreError(.movedAway, path: Self.path)) {
            try book.moveClock(to: Fixtures.instant("2025-05-20T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        }
        #expect(fs.contents(Self.path + ".aside") == aside)
    }

    @Test func aProductionLogRefusesTheClockAndWritesNothing() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs, mode: .production)
        let size = fs.contents(Self.path)?.count
        #expect(throws: Rejection(.clockTrainingOnly)) {
            try book.moveClock(to: Fixtures.instant("2025-05-20T10:00"), by: "clerk", given: Fixtures.instant("2025-05-12T10:00"))
        }
        #expect(fs.contents(Self.path)?.count == size)
        #expect(book.clock == nil)
    }

    @Test func aProductionLogWritesNothingForARefusal() throws {
        let fs = SimulatedFileSystem()
        let book = try log(fs, mode: .production)
        let size = fs.contents(Self.path)?.count
        let attempt = TrainingAttempt(Rejection(.groupTooManyRepresentatives), action: "register", caseNumber: nil, by: "clerk",
                                      at: Fixtures.instant("2025-05-12T10:00"))
        #expect(try book.record(.refused(attempt)) == false)
        #expect(fs.contents(Self.path)?.count == size)
    }

    @Test func theNextDeadlineIsTheSoonestRunningDueDayAfterToday() throws {
        let book = try CaseBook(log: InMemoryEventLog(header: Fixtures.trainingHeader))
        _ = try book.register([Fixtures.letter(received: "2025-05-12")], now: Fixtures.instant("2025-05-12T10:00"),
                              actor: Fixtures.clerk, reference: ref)
        // Triage by the petition department: 15 days from receipt (Art 22), 2025-05-27.
        let next = TrainingClock.nextDeadline(after: Fixtures.day("2025-05-12"), in: book.states, calendar: ref.calendar,
                                              directory: ref.directory)
        #expect(TrainingClock.target(.nextDeadline, from: Fixtures.instant("2025-05-12T10:00"), nextDeadline: next)
                    == Fixtures.instant("2025-05-27T10:00"))
    }
}
