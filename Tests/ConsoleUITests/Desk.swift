import ConsoleUI
import PetitionCore
import PetitionDocuments
import PetitionStore
import TestSupport
import Testing

/// A console on an in-memory log, driven by keys as a person at the window would: the
/// real run loop (`ConsoleLoop`) reads them from a `TestBackend`, every save's effect is
/// written through the case book (the same lock, decision and fold the terminal console
/// uses), and the screen is the frame the loop drew last.
final class Desk {
    let log: InMemoryEventLog
    let book: CaseBook
    let backend = TestBackend(rows: 24, columns: 80)
    let time: DeskTime
    let host: DeskHost
    private let loop: ConsoleLoop

    init(_ actor: PetitionCore.Actor, language: Language = .zh, at time: String = "2025-05-12T10:00",
         events: [CaseEvent] = [], damage: String? = nil, checking: Bool = false, exercises: Bool = false,
         ascii: Bool = false) throws {
        log = InMemoryEventLog(header: Fixtures.trainingHeader, events: events)
        book = try CaseBook(log: log)
        let clock = DeskTime(now: Fixtures.instant(time))
        self.time = clock
        let r = Fixtures.reference
        var data = ConsoleData(states: [], directory: r.directory, calendar: r.calendar, categories: r.categories,
                               articles: r.articles, policy: r.policy, actor: actor, now: clock.now, training: true)
        data.staff = Fixtures.staff
        data.ascii = ascii
        data.documents = try? DocumentRenderer(DocumentReference(directory: r.directory, articles: r.articles,
                                                                 templates: r.templates))
        // The exercises of data/exercises, started through the case book as the terminal console does.
        let files = exercises ? try ExerciseCatalog.load(from: Fixtures.dataFolder) : []
        data.exercises = files.map(\.exercise)
        host = DeskHost(book: book, actor: actor, language: language, damage: damage, exercises: files)
        host.checking = checking
        loop = ConsoleLoop(state: AppState(language: language), data: data, backend: backend, host: host,
                           clock: { [book] in book.now(given: clock.now) }, seconds: { clock.seconds })
        loop.open()
        try loop.run()
    }

    var state: AppState { loop.state }
    var data: ConsoleData { loop.data }

    func press(_ keys: Key...) { press(keys) }

    /// Hands the keys to the terminal and runs the loop until it has read them all
    /// and drawn the frame after the last.
    func press(_ keys: [Key]) {
        backend.script(keys)
        do { try loop.run() } catch { Issue.record("the run loop threw: \(error)") }
    }

    /// Types text as a terminal delivers it: one scalar at a time.
    func type(_ text: String) {
        for scalar in text.unicodeScalars { press(.character(Character(scalar))) }
    }

    /// The terminal changes size, and says so with a resize key, as curses does.
    func resize(rows: Int, columns: Int) {
        backend.size = (rows, columns)
        press(.resize)
    }

    /// Lets time pass on the loop's monotonic clock (the poll for other consoles' records).
    func wait(seconds: Double) { time.seconds += seconds }

    /// The first frame the console drew, before any key.
    var firstScreen: String { (backend.first?.text ?? []).joined(separator: "\n") }

    var grid: CellGrid { backend.last ?? CellGrid(rows: backend.size.rows, columns: backend.size.columns) }
    var screen: String { grid.text.joined(separator: "\n") }

    /// The value typed in a field of the open form.
    func value(_ key: String) -> String? { state.form?.values[key]?.text }

    /// Moves the form's focus to a field with Tab (or Shift-Tab back), as a person would.
    func tab(to key: String) {
        for _ in 0..<40 where state.form?.focus != key { press(.tab) }
        for _ in 0..<40 where state.form?.focus != key { press(.backTab) }
        if state.form?.focus != key { Issue.record("no field \(key) on this form") }
    }
}

/// The desk's clocks: the time of day the console reads, and the seconds that pass
/// for its poll, both moved only by the test.
final class DeskTime {
    var now: Instant
    var seconds = 0.0
    init(now: Instant) { self.now = now }
}

/// The in-memory log behind a desk, as the run loop asks for it.
final class DeskHost: ConsoleHost {
    let book: CaseBook
    let actor: PetitionCore.Actor
    let language: Language

    /// The warning of a log found damaged when it was opened (an in-memory log cannot be).
    let damage: String?
    /// The documents the console issued: the file each would be saved as, and its text.
    var issuedDocuments: [(name: String, text: String)] = []

    /// The exercises a desk opened with `exercises: true` offers.
    let exercises: [ExerciseFile]

    init(book: CaseBook, actor: PetitionCore.Actor, language: Language, damage: String? = nil, exercises: [ExerciseFile] = []) {
        self.exercises = exercises
        self.book = book
        self.actor = actor
        self.language = language
        self.damage = damage
    }

    var cases: (states: [CaseState], positions: CasePositions) { (book.states, book.position) }

    func rows(asOf day: Day) -> [QueueRow] {
        book.nextDeadlines(asOf: day, calendar: Fixtures.reference.calendar, directory: Fixtures.reference.directory)
    }

    func searchIndex() -> SearchIndex { book.searchIndex() }

    func pickUp() throws -> Bool { !(try book.refresh()).isEmpty }

    func history(of number: CaseNumber) -> [CaseEvent] { (try? book.history(of: number)) ?? [] }

    func exerciseRuns() -> [ExerciseRun] { book.exerciseRuns(of: actor.user) }

    func perform(_ effect: Effect, now: Instant) -> EffectResult {
        do {
            switch effect {
            case .register(let petition):
                return .registered(try book.register([petition], now: now, actor: actor, reference: Fixtures.reference,
                                                   staff: Fixtures.staff)[0])
            case .execute(let command, let number):
                _ = try book.execute(command, on: number, now: now, actor: actor, reference: Fixtures.reference,
                                     staff: Fixtures.staff)
                return .executed(number)
            case .recordOrganAct(let command):
                try book.recordOrganAct(command, now: now, actor: actor, reference: Fixtures.reference, staff: Fixtures.staff)
                return .recordedOrganAct(command)
            case .issueDocument(let command, let number, let text, let fileName):
                _ = try book.execute(command, on: number, now: now, actor: actor, reference: Fixtures.reference,
                                     staff: Fixtures.staff)
                issuedDocuments.append((fileName, text))
                return .issued(number, path: "documents/" + fileName, printed: false)
            case .moveClock(let to):
                return .clockMoved(try book.moveClock(to: to, by: actor.user, given: now).to)
            case .startExercise(let id):
                guard let file = exercises.first(where: { $0.exercise.id == id }) else { return .failed("no exercise \(id)", field: nil) }
                try book.startExercise(file, given: now, actor: actor, reference: Fixtures.reference, staff: Fixtures.staff)
                return .exerciseStarted(id)
            case .recordNote(let note):
                _ = try? book.record(note)
                return .noteRecorded
            }
        } catch {
            // As the executable's host: a refusal, alone or of a batch, names its field.
            let refusal: Rejection? = switch error {
            case let r as Rejection: r
            case let b as BatchRejection: b.rejection
            default: nil
            }
            if let rejection = refusal {
                let reference = Fixtures.reference
                return .failed(rejection.message(language, articles: reference.articles, directory: reference.directory),
                               field: rejection.field)
            }
            return .failed("\(error)", field: nil)
        }
    }

    func warning() -> String? { damage }

    /// Whether the log is still being checked after opening (as the executable's
    /// background check of a snapshot's records), set by the test.
    var checking = false

    var staffList: (members: [StaffMember], owner: String?) { (book.staff.sorted, book.staff.owner) }

    var organRecords: [OrganSupervisionRecord] { book.organRecords }
}
