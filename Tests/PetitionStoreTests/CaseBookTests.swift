import Foundation
import PetitionCore
import PetitionStore
import TestSupport
import Testing

@Suite("The case book")
struct CaseBookTests {
    func book(_ log: InMemoryEventLog = InMemoryEventLog(header: Fixtures.trainingHeader)) throws -> CaseBook {
        try CaseBook(log: log)
    }

    let now = Fixtures.instant("2025-04-28T10:00")
    let ref = Fixtures.reference

    @Test func caseNumbersRunPerOrganAndYear() throws {
        let b = try book()
        let numbers = try b.register([Fixtures.letter(), Fixtures.groupVisit(), Fixtures.letter(received: "2025-01-02")],
                                     now: now, actor: Fixtures.clerk, reference: ref)
        #expect(numbers.map(\.description) == ["D-XFJ-2025-00001", "D-XFJ-2025-00002", "D-XFJ-2025-00003"])
        let more = try b.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref)
        #expect(more.map(\.description) == ["D-XFJ-2025-00004"])
    }

    @Test func aBatchWithOneBadPetitionWritesNothing() throws {
        let b = try book()
        var bad = Fixtures.letter()
        bad.request = ""
        #expect(throws: BatchRejection.self) {
            _ = try b.register([Fixtures.letter(), bad], now: now, actor: Fixtures.clerk, reference: ref)
        }
        #expect(b.states.isEmpty)
        #expect(try b.log.readAll().isEmpty)
    }

    @Test func aRefusedCommandWritesNothing() throws {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        let b = try book(log)
        let number = try #require(try b.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        #expect(throws: Rejection.self) {
            _ = try b.execute(.extend(days: 10, reason: "x"), on: number, now: now, actor: Fixtures.housingHead, reference: ref)
        }
        #expect(log.events.count == 1)
    }

    @Test func aCommandOvertakenByAnotherClerkFailsWithWhatChangedAndByWhom() throws {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        let mine = try book(log)
        let number = try #require(try mine.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        // Another console transfers the case while this one still shows it as registered.
        let other = try CaseBook(log: log.handle())
        _ = try other.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: now,
                              actor: Actor(user: "clerk2", role: .clerk, organ: "D-XFJ"), reference: ref)
        #expect(mine[number]?.phase == .registered)
        do {
            _ = try mine.execute(.assign(to: "D-RSJ", days: 20, note: nil), on: number, now: now, actor: Fixtures.clerk,
                                 reference: ref)
            Issue.record("the stale command was written")
        } catch let conflict as Conflict {
            #expect(conflict.changes.map(\.actor.user) == ["clerk2"])
            #expect(conflict.rejection.code == .actionNotAllowedNow)
        }
        #expect(log.events.count == 2)
        #expect(mine[number]?.phase == .transferred, "the book caught up while deciding")
    }

    @Test func aCommandStillValidAfterAnotherClerksStepIsWritten() throws {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        let mine = try book(log)
        let number = try #require(try mine.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        let other = try CaseBook(log: log.handle())
        _ = try other.execute(.assignLeader(name: "王区长"), on: number, now: now, actor: Fixtures.supervisor, reference: ref)
        _ = try mine.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: now, actor: Fixtures.clerk, reference: ref)
        #expect(mine[number]?.phase == .transferred)
        #expect(mine[number]?.leader == "王区长")
    }

    @Test func theIndexesFindCasesByIdentityPhaseAndOrgan() throws {
        let b = try book()
        let numbers = try b.register([Fixtures.letter(), Fixtures.groupVisit()], now: now, actor: Fixtures.clerk, reference: ref)
        #expect(b.cases(idNumber: Fixtures.liNaID).map(\.number) == numbers, "李娜 is the letter's writer and a representative")
        #expect(b.cases(idNumber: Fixtures.zhangWeiID).map(\.number) == [numbers[1]])
        _ = try b.execute(.transfer(to: "D-ZJJ", note: nil), on: numbers[0], now: now, actor: Fixtures.clerk, reference: ref)
        #expect(b.cases(in: .transferred).map(\.number) == [numbers[0]])
        #expect(b.cases(in: .registered).map(\.number) == [numbers[1]])
        #expect(b.cases(heldBy: "D-ZJJ").map(\.number) == [numbers[0]])
        #expect(b.cases(name: "李娜", phone: "13900139000").map(\.number) == [numbers[0]])
        // Looked up as people type them: full-width digits, spaces, +86.
        let fullWidth = String(String.UnicodeScalarView(Fixtures.zhangWeiID.unicodeScalars.map {
            $0.properties.isASCIIHexDigit ? Unicode.Scalar($0.value + 0xFEE0)! : $0 }))
        #expect(b.cases(idNumber: fullWidth).map(\.number) == [numbers[1]])
        #expect(b.cases(name: "李娜", phone: "+86 139 0013 9000").map(\.number) == [numbers[0]])
        _ = try b.execute(.correct(field: .idNumber, value: Fixtures.wangFangID, reason: "笔误"), on: numbers[0], now: now,
                          actor: Fixtures.clerk, reference: ref)
        #expect(b.cases(idNumber: Fixtures.wangFangID).map(\.number) == [numbers[0]])
        #expect(b.cases(idNumber: Fixtures.liNaID).map(\.number) == [numbers[1]])
    }

    @Test func notAcceptingARepeatReadsTheEarlierCaseThroughTheBook() throws {
        // Art 19(3): pending at the district housing bureau, raised again at the city petition bureau.
        let b = try book()
        let first = try #require(try b.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        for command: CaseCommand in [.transfer(to: "D-ZJJ", note: nil), .receive(on: nil), .accept(route: "办理", on: nil)] {
            _ = try b.execute(command, on: first, now: now, actor: Fixtures.trainee, reference: ref)
        }
        var again = Fixtures.letter()
        again.organ = "C-XFJ"
        let cityClerk = Actor(user: "city", role: .clerk, organ: "C-XFJ")
        let second = try #require(try b.register([again], now: now, actor: cityClerk, reference: ref).first)
        #expect(second.description == "C-XFJ-2025-00001")
        _ = try b.execute(.notAccept(reason: .pendingElsewhere, ref: first, note: nil), on: second, now: now,
                          actor: cityClerk, reference: ref)
        #expect(b[second]?.phase == .notAccepted)
        // A pending matter is not a final one (Art 36(3)).
        let third = try #require(try b.register([again], now: now, actor: cityClerk, reference: ref).first)
        #expect(throws: Rejection(.notFinal, field: "ref", ["case": "\(first)"])) {
            _ = try b.execute(.notAccept(reason: .alreadyFinal, ref: first, note: nil), on: third, now: now,
                              actor: cityClerk, reference: ref)
        }
    }

    /// The case book keeps each case's brief steps, not its full events: the timeline's
    /// texts are read back from the file, and a supervisor's voiding, which replays the
    /// case, reads them back too — after a reopen, from nothing but the file.
    @Test func fullEventsAreReadBackFromTheFileForHistoryAndForVoiding() throws {
        let path = temporaryFolder() + "/book.log"
        let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: now)
        let b = try CaseBook(log: log)
        let number = try #require(try b.register([Fixtures.groupVisit()], now: now, actor: Fixtures.clerk, reference: ref).first)
        _ = try b.execute(.transfer(to: "D-ZJJ", note: "请依法办理"), on: number, now: Fixtures.instant("2025-04-30T10:00"),
                          actor: Fixtures.clerk, reference: ref)
        #expect(b[number]?.events.isEmpty == true && b[number]?.steps.count == 2)
        let history = try b.history(of: number)
        #expect(history.map(\.seq) == [1, 2])
        guard case .transferred(_, let note)? = history.last?.body else { Issue.record("\(history)"); return }
        #expect(note == "请依法办理")

        // Reopen from the file and void the transfer: the case replays without it.
        let reopened = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        _ = try reopened.execute(.void(seq: 2, reason: "转错机关"), on: number, now: Fixtures.instant("2025-04-30T11:00"),
                                 actor: Fixtures.supervisor, reference: ref)
        let c = try #require(reopened[number])
        #expect(c.phase == .registered && c.holder == "D-XFJ" && c.voided == [2])
        #expect(c.steps.map(\.action) == [.register, .transfer, .void] && c.events.isEmpty)
        // The same state as replaying every event in the core.
        let replayed = Workflow.replay(number, try reopened.history(of: number))
        #expect(replayed.phase == c.phase && replayed.holder == c.holder && replayed.steps == c.steps)
    }

    /// The next-deadline index recomputes only the cases that changed, and gives the
    /// same queue as computing every case again.
    @Test func theNextDeadlineIndexFollowsChangesAsAFullRecomputeWould() throws {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        var generator = try SyntheticCases(reference: ref, seed: 3)
        try log.append(generator.cases(2_100, from: Fixtures.day("2024-01-01"), until: Fixtures.day("2025-04-27")))  // enough for both halves
        let b = try book(log)
        let day = Fixtures.day("2025-04-28")
        func full() -> [QueueRow] { b.states.queue(QueueFilter(), asOf: day, calendar: ref.calendar, directory: ref.directory) }
        #expect(b.nextDeadlines(asOf: day, calendar: ref.calendar, directory: ref.directory) == full())
        let number = try #require(try b.register([Fixtures.groupVisit()], now: now, actor: Fixtures.clerk, reference: ref).first)
        _ = try b.execute(.transfer(to: "D-ZJJ", note: nil), on: number, now: now, actor: Fixtures.clerk, reference: ref)
        let other = try #require(try b.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
        _ = try b.execute(.redirect(to: "江城市中级人民法院", note: nil), on: other, now: now, actor: Fixtures.clerk, reference: ref)
        let incremental = b.nextDeadlines(asOf: day, calendar: ref.calendar, directory: ref.directory)
        #expect(incremental == full())
        #expect(incremental.contains { $0.number == number && $0.phase == .transferred })
        // Another day recomputes everything: days left change.
        let later = Fixtures.day("2025-05-20")
        #expect(b.nextDeadlines(asOf: later, calendar: ref.calendar, directory: ref.directory)
                == b.states.queue(QueueFilter(), asOf: later, calendar: ref.calendar, directory: ref.directory))
    }

    /// Opening a large log folds on both cores; the cases are the same as folding event
    /// by event as they were written, voided steps and all.
    @Test func theFirstFoldOnBothCoresGivesTheCasesTheEventByEventFoldGives() throws {
        let log = InMemoryEventLog(header: Fixtures.trainingHeader)
        let writer = try book(log.handle())
        var generator = try SyntheticCases(reference: ref, seed: 11)
        try log.append(generator.cases(1_500, from: Fixtures.day("2023-01-01"), until: Fixtures.day("2025-04-27")))
        try writer.refresh()
        for k in 0..<3 {
            let number = try #require(try writer.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref).first)
            let moved = try writer.execute(.transfer(to: "D-ZJJ", note: "第\(k)次"), on: number, now: now,
                                           actor: Fixtures.clerk, reference: ref)
            _ = try writer.execute(.void(seq: try #require(moved.first?.seq), reason: "误操作"), on: number, now: now,
                                   actor: Fixtures.supervisor, reference: ref)
        }
        #expect(log.events.count >= 10_000, "large enough for the two-core fold")
        let opened = try book(log.handle())
        #expect(opened.states == writer.states)
        #expect(opened.states.filter { !$0.voided.isEmpty }.count == 3)
        // And it goes on as the writer would: the next number follows on.
        let next = try opened.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref)
        #expect(next.first?.sequence == (writer.states.last?.number.sequence ?? 0) + 1)
    }

    /// A log file is folded as it was read, a window at a time: cases first seen in one
    /// window go on in the next, which each core folds again, and a voiding reads the
    /// case's events back from the file. Still the cases the event-by-event fold gives.
    @Test func aLogFileFoldedWindowByWindowGivesTheSameCases() throws {
        let fs = SimulatedFileSystem()
        let path = "/log/cases.log"
        let generated = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: now,
                                              options: .init(writable: true, fs: fs))
        // The writer reads what the generator appends, as another console would.
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true, fs: fs)))
        var generator = try SyntheticCases(reference: ref, seed: 12)
        try generated.append(generator.cases(3_000, from: Fixtures.day("2023-01-01"), until: Fixtures.day("2025-04-27")))
        try writer.refresh()
        for k in 0..<3 {
            let state = writer.states[k * 900]
            _ = try writer.execute(.void(seq: try #require(state.steps.last?.seq), reason: "误操作"), on: state.number,
                                   now: now, actor: Fixtures.supervisor, reference: ref)
        }
        try generated.append(generator.cases(1_500, from: Fixtures.day("2025-04-28"), until: Fixtures.day("2025-04-28")))
        try writer.refresh()
        let size = try #require(fs.contents(path)).count
        // Windows of 1.5 MiB (over 10,000 events each, so each core folds half): several.
        let window = 3 << 19
        #expect(size > 2 * window)
        let opened = try CaseBook(log: try DurableLog.open(at: path, .init(writable: false, window: window, fs: fs)))
        #expect(opened.states.count == writer.states.count)
        #expect(opened.states == writer.states)
        #expect(opened.states.filter { !$0.voided.isEmpty }.count == 3)
        // Folding each window on a thread of its own while the next is read (what opening
        // a log without a snapshot does) gives the same cases, voidings read back and all.
        let file = temporaryFolder() + "/cases.log"
        try Data(try #require(fs.contents(path))).write(to: URL(fileURLWithPath: file))
        let overlapped = try CaseBook.replaying(at: file, .init(writable: false, window: window)).0
        #expect(overlapped.states == writer.states)
        #expect(overlapped.position[writer.states[1_234].number] == 1_234)
        let next = try CaseBook.replaying(at: file, .init(writable: true, window: window)).0
            .register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref)
        #expect(next == (try writer.register([Fixtures.letter()], now: now, actor: Fixtures.clerk, reference: ref)))
    }

    @Test func aBookOpenedByTheOverlappedReplayIsFreedWithItsLog() throws {
        let fs = SimulatedFileSystem()
        let path = "/data/cases.log"
        let log = try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: now,
                                        options: .init(writable: true, fs: fs))
        var generator = try SyntheticCases(reference: ref, seed: 5)
        try log.append(generator.cases(40, from: Fixtures.day("2025-01-02"), until: Fixtures.day("2025-03-01")))
        weak var book: CaseBook?
        weak var opened: DurableLog?
        do {
            // No snapshot: this is the overlapped replay, whose sink refers to the book.
            let b = try CaseBook.open(at: path, .init(fs: fs))
            #expect(b.states.count == 40)
            book = b
            opened = b.log as? DurableLog
        }
        #expect(book == nil, "the case book outlived its last user")
        #expect(opened == nil, "the log outlived its case book")
    }
}
