import Foundation
import PetitionCore
import PetitionStore
import TestSupport
import Testing

@Suite("The plain log file")
struct FileEventLogTests {
    let dir: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-store-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    func header(_ mode: LogMode = .training) -> LogHeader {
        LogHeader(mode: mode, logId: "test", jurisdiction: "D-XFJ", createdAt: Fixtures.instant("2025-04-28"))
    }

    func workedExampleEvents() throws -> [CaseEvent] {
        var s = Scenario()
        for step in Scenario.workedExample { try s.run(step.command, as: step.actor, at: step.time) }
        return s.log.map { var e = $0; e.seq = 0; return e }
    }

    @Test func eventsWrittenAreReadBackInOrderWithDenseSequenceNumbers() throws {
        let path = dir + "/a.log"
        let log = try FileEventLog.create(at: path, header: header())
        let events = try workedExampleEvents()
        let stored = try log.append(Array(events.prefix(5))) + (try log.append(Array(events.dropFirst(5))))
        #expect(stored.map(\.seq) == Array(1...events.count))
        let reopened = try FileEventLog.open(at: path)
        #expect(reopened.header == header())
        let read = try reopened.readAll()
        #expect(read == stored)
        let book = try CaseBook(log: reopened)
        #expect(book.cases.values.first?.phase == .final)
    }

    @Test func anExistingLogIsNeverOverwritten() throws {
        let path = dir + "/b.log"
        _ = try FileEventLog.create(at: path, header: header())
        #expect(throws: StoreError(.logExists, path: path)) { _ = try FileEventLog.create(at: path, header: header()) }
    }

    @Test func aFileThatIsNotALogIsRefused() throws {
        let path = dir + "/c.log"
        try "hello\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError(.notALog, path: path, line: 1)) { _ = try FileEventLog.open(at: path) }
    }

    @Test func aLogFromAFutureVersionIsRefusedWithItsVersion() throws {
        let path = dir + "/d.log"
        try #"{"format":"xinfang-log","version":9,"mode":"training"}"#.appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError(.futureVersion, path: path, cause: "9")) { _ = try FileEventLog.open(at: path) }
    }

    @Test func aDamagedRecordIsReportedWithItsLine() throws {
        let path = dir + "/e.log"
        let log = try FileEventLog.create(at: path, header: header())
        _ = try log.append(try workedExampleEvents())
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"seq\":3}", with: "\"seq\":3")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError(.corruptRecord, path: path, line: 4, cause: "undecodable")) {
            _ = try FileEventLog.open(at: path).readAll()
        }
    }

    @Test func theLogIsReadableByOwnerAndGroupOnly() throws {
        let path = dir + "/f.log"
        _ = try FileEventLog.create(at: path, header: header())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o007 } == 0)
    }
}

@Suite("The case book")
struct CaseBookTests {
    func book() throws -> CaseBook {
        try CaseBook(log: InMemoryEventLog(header: LogHeader(mode: .training, logId: "t", jurisdiction: "D-XFJ",
                                                            createdAt: Fixtures.instant("2025-04-28"))))
    }

    func context(_ book: CaseBook, _ actor: PetitionCore.Actor = Fixtures.clerk) -> DecisionContext {
        book.context(now: Fixtures.instant("2025-04-28T10:00"), actor: actor, reference: Fixtures.reference)
    }

    @Test func caseNumbersRunPerOrganAndYear() throws {
        let b = try book()
        let numbers = try b.register([Fixtures.letter(), Fixtures.groupVisit(), Fixtures.letter(received: "2025-01-02")],
                                     context: context(b))
        #expect(numbers.map(\.description) == ["D-XFJ-2025-00001", "D-XFJ-2025-00002", "D-XFJ-2025-00003"])
        let more = try b.register([Fixtures.letter()], context: context(b))
        #expect(more.map(\.description) == ["D-XFJ-2025-00004"])
    }

    @Test func aBatchWithOneBadPetitionWritesNothing() throws {
        let b = try book()
        var bad = Fixtures.letter()
        bad.request = ""
        #expect(throws: BatchRejection.self) {
            _ = try b.register([Fixtures.letter(), bad], context: context(b))
        }
        #expect(b.cases.isEmpty)
        #expect(try b.log.readAll().isEmpty)
    }

    @Test func aRefusedCommandWritesNothing() throws {
        let b = try book()
        let number = try #require(try b.register([Fixtures.letter()], context: context(b)).first)
        #expect(throws: Rejection.self) {
            _ = try b.execute(.extend(days: 10, reason: "x"), on: number, context: context(b, Fixtures.housingHead))
        }
        #expect(try b.log.readAll().count == 1)
    }

    @Test func notAcceptingARepeatReadsTheEarlierCaseThroughTheBook() throws {
        // Art 19(3): pending at the district housing bureau, raised again at the city petition bureau.
        let b = try book()
        let first = try #require(try b.register([Fixtures.letter()], context: context(b)).first)
        for command: CaseCommand in [.transfer(to: "D-ZJJ", note: nil), .receive(on: nil), .accept(route: "办理", on: nil)] {
            _ = try b.execute(command, on: first, context: context(b, Fixtures.trainee))
        }
        var again = Fixtures.letter()
        again.organ = "C-XFJ"
        let cityClerk = PetitionCore.Actor(user: "city", role: .clerk, organ: "C-XFJ")
        let second = try #require(try b.register([again], context: context(b, cityClerk)).first)
        #expect(second.description == "C-XFJ-2025-00001")
        _ = try b.execute(.notAccept(reason: .pendingElsewhere, ref: first, note: nil), on: second, context: context(b, cityClerk))
        #expect(b.cases[second]?.phase == .notAccepted)
        // A pending matter is not a final one (Art 36(3)).
        let third = try #require(try b.register([again], context: context(b, cityClerk)).first)
        #expect(throws: Rejection(.notFinal, field: "ref", ["case": "\(first)"])) {
            _ = try b.execute(.notAccept(reason: .alreadyFinal, ref: first, note: nil), on: third,
                              context: context(b, cityClerk))
        }
    }
}
