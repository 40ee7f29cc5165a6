import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// Supervision acts of organs in the log (decision 0024): a record of kind 4, read back by
/// every open — from the snapshot's header or the records after it — and written whole or not at all.
@Suite("Organ supervision records")
struct OrganActStoreTests {
    static let path = "/log/cases.log"
    let ref = Fixtures.reference

    func book(_ fs: SimulatedFileSystem) throws -> (CaseBook, CaseNumber) {
        let log = try DurableLog.create(at: Self.path, mode: .training, jurisdiction: "D-XFJ",
                                        now: Fixtures.instant("2025-04-01"), options: .init(writable: true, fs: fs))
        let book = try CaseBook(log: log)
        let number = try book.register([Fixtures.letter(received: "2025-04-28")], now: Fixtures.instant("2025-04-28T09:30"),
                                       actor: Fixtures.clerk, reference: ref)[0]
        return (book, number)
    }

    /// An act of the bureau the case was registered at (the case must concern the organ, decision 0030).
    func act(_ measure: OrganMeasure, _ number: CaseNumber, note: String) -> OrganSupervisionCommand {
        OrganSupervisionCommand(measure: measure, organ: "D-XFJ", target: .leadershipTeam, cases: [number], note: note, days: 30)
    }

    @Test func actsBeforeAndAfterTheSnapshotAreAllReadBackInOrder() throws {
        let fs = SimulatedFileSystem()
        let (book, number) = try book(fs)
        try book.recordOrganAct(act(.interview, number, note: "前"), now: Fixtures.instant("2025-05-06T09:00"),
                                actor: Fixtures.supervisor, reference: ref)
        try book.writeSnapshot(to: CaseSnapshot.path(forLog: Self.path))
        try book.recordOrganAct(act(.circular, number, note: "后"), now: Fixtures.instant("2025-05-07T09:00"),
                                actor: Fixtures.supervisor, reference: ref)
        // The first act lifted after the snapshot (decision 0030): a record of its own, not an act.
        try book.recordOrganAct(OrganSupervisionCommand(measure: .interview, organ: "D-XFJ", note: "已整改", lifts: 1),
                                now: Fixtures.instant("2025-05-08T09:00"), actor: Fixtures.supervisor, reference: ref)
        let opened = try CaseBook.open(at: Self.path, .init(fs: fs))
        #expect((opened.log as? DurableLog)?.resumed == true)
        #expect(opened.organActs.map(\.note) == ["前", "后"])
        #expect(OrganActEntry.ledger(opened.organRecords).map { $0.lifted?.note } == ["已整改", nil])
        #expect(opened.organActs == (try CaseBook(log: DurableLog.open(at: Self.path, .init(fs: fs)))).organActs)
    }

    @Test func aRefusedActWritesNothing() throws {
        let fs = SimulatedFileSystem()
        let (book, number) = try book(fs)
        let before = fs.contents(Self.path)
        #expect(throws: Rejection.self) {
            try book.recordOrganAct(act(.listing, number, note: "x"), now: Fixtures.instant("2025-05-06T09:00"),
                                    actor: Fixtures.clerk, reference: ref)
        }
        #expect(fs.contents(Self.path) == before && book.organActs.isEmpty)
    }
}
