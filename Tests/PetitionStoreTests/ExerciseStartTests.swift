import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// Starting an exercise (decision 0029): its seed and its start note are one write, so a
/// seed refused part-way writes nothing; an exercise set on a day of its own (Art 23 across
/// the 2025 National Day holiday) falls on the real calendar whatever day the clock is on.
@Suite("Starting an exercise")
struct ExerciseStartTests {
    static let path = "/log/practice.log"

    func book(_ fs: SimulatedFileSystem, mode: LogMode = .training) throws -> CaseBook {
        try CaseBook(log: DurableLog.create(at: Self.path, mode: mode, jurisdiction: "D-XFJ",
                                            now: Fixtures.instant("2025-04-01"), options: .init(writable: true, fs: fs)))
    }

    func exercise(_ id: String) throws -> ExerciseFile {
        try #require(try ExerciseCatalog.load(from: Fixtures.dataFolder).first { $0.exercise.id == id })
    }

    func start(_ file: ExerciseFile, _ book: CaseBook, at now: String) throws -> ExerciseStart {
        try book.startExercise(file, given: Fixtures.instant(now), actor: Fixtures.trainee, reference: Fixtures.reference,
                               staff: Fixtures.staff)
    }

    @Test func anExerciseStartsAgainWhateverItsEarlierRunLeft() throws {
        let fs = SimulatedFileSystem()
        let book = try book(fs)
        let file = try exercise("art36-final")
        let first = try start(file, book, at: "2025-05-12T10:00")
        // The second run's seed is not flagged against the first run's final case.
        let second = try start(file, book, at: "2025-05-13T10:00")
        #expect(Set(second.cases).isDisjoint(with: first.cases) && second.cases.count == 2)
    }

    @Test func aSeedRefusedPartWayWritesNothing() throws {
        let fs = SimulatedFileSystem()
        let book = try book(fs)
        var file = try exercise("art23-objection")
        // Its third seed record, the receipt, made a delivery: refused (not allowed now) after
        // the registration and the transfer before it were decided.
        file.exercise.seed[2].action = "deliver"
        let size = fs.contents(Self.path)?.count
        #expect(throws: Rejection.self) { _ = try start(file, book, at: "2025-05-12T10:00") }
        #expect(fs.contents(Self.path)?.count == size)
        let reopened = try CaseBook.open(at: Self.path, .init(writable: false, fs: fs))
        #expect(reopened.states.isEmpty && reopened.trainingNotes.isEmpty && reopened.clock == nil)
    }

    @Test func anEarlierClockMovesToTheExercisesDayInTheSameWrite() throws {
        let fs = SimulatedFileSystem()
        let book = try book(fs)
        let started = try start(try exercise("art23-objection"), book, at: "2025-05-12T10:00")
        #expect(book.clock?.to == Fixtures.instant("2025-10-13T10:00"))
        #expect(book[started.cases[0]]?.receivedOn == Fixtures.day("2025-09-30"))
        // 13 October is the 4th working day after a receipt on 30 September (1–8 October off,
        // Saturday 11 October worked): the objection made today is in time.
        _ = try book.execute(.object(reason: "不属本局职权"), on: started.cases[0], now: Fixtures.instant("2025-10-13T10:00"),
                             actor: Fixtures.trainee, reference: Fixtures.reference, staff: Fixtures.staff)
    }

    @Test func aLaterClockStaysAndTheSeedKeepsItsDates() throws {
        let fs = SimulatedFileSystem()
        let book = try book(fs)
        try book.moveClock(to: Fixtures.instant("2026-12-02T10:00"), by: "trainee", given: Fixtures.instant("2025-05-12T10:00"))
        let started = try start(try exercise("art23-objection"), book, at: "2025-05-12T10:00")
        #expect(book.clock?.to == Fixtures.instant("2026-12-02T10:00"))
        let number = started.cases[0]
        #expect(book[number]?.receivedOn == Fixtures.day("2025-09-30"))
        func object(on day: String) throws {
            _ = try book.execute(.object(reason: "不属本局职权", on: Fixtures.day(day)), on: number,
                                 now: Fixtures.instant("2026-12-02T10:00"), actor: Fixtures.trainee,
                                 reference: Fixtures.reference, staff: Fixtures.staff)
        }
        // The 5th working day is 14 October: the 15th is late, the 13th (entered later) in time.
        #expect(throws: Rejection.self) { try object(on: "2025-10-15") }
        try object(on: "2025-10-13")
        #expect(book[number]?.phase == .objected)
    }

    @Test func aProductionLogStartsNoExercise() throws {
        let fs = SimulatedFileSystem()
        let book = try book(fs, mode: .production)
        let size = fs.contents(Self.path)?.count
        #expect(throws: Rejection(.clockTrainingOnly)) { _ = try start(try exercise("art31-arbitration"), book, at: "2025-05-12T10:00") }
        #expect(fs.contents(Self.path)?.count == size)
    }
}
