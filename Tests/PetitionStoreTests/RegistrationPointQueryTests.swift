import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// Registration reads from the snapshot only what it decides against (decision 0021,
/// addendum): the cases of the petition's persons, the last number of its organ and year,
/// and the log's tail — and so gives the numbers and finds the earlier cases a book of
/// every case would.
@Suite("Registration from the snapshot")
struct RegistrationPointQueryTests {
    let ref = Fixtures.reference
    let snapshots = SnapshotTests()
    let now = Fixtures.instant("2025-06-10T09:00")

    /// A log with a vouched snapshot beside it, and its cases replayed whole.
    func logWithSnapshot() throws -> (path: String, truth: CaseBook) {
        let (path, _) = try snapshots.makeLog(cases: 600)
        _ = try snapshots.snapshotted(path)
        return (path, try snapshots.replayed(path))
    }

    /// The same log and snapshot in a folder of their own.
    func copy(_ path: String) throws -> String {
        let to = temporaryFolder() + "/cases.log"
        for (from, into) in [(path, to), (CaseSnapshot.path(forLog: path), CaseSnapshot.path(forLog: to))] {
            try FileManager.default.copyItem(atPath: from, toPath: into)
        }
        return to
    }

    /// A book opened for registering these petitions.
    func registering(_ path: String, _ petitions: [Petition]) throws -> CaseBook {
        try CaseBook.open(at: path, .init(writable: true), registering: { _ in petitions }).book
    }

    /// The petition of `state` brought again, by letter, on 2025-06-10.
    func again(_ state: CaseState) throws -> Petition {
        var petition = try #require(state.petition)
        petition.channel = .letter
        petition.receivedOn = Fixtures.day("2025-06-10")
        return petition
    }

    @Test func theNumberAndTheEarlierCasesAreThoseOfABookOfEveryCase() throws {
        let (path, truth) = try logWithSnapshot()
        // The newest case of a person with an ID number: the one a repeat names.
        let person = try #require(truth.states.reversed().first {
            $0.petition?.petitioner.idNumber != nil && $0.petition?.group == nil && $0.voided.isEmpty
                && $0.petition?.accusedOrgan == nil && $0.petition?.accusedPerson == nil
        })
        // One by a person with an earlier case, one by someone new.
        let petitions = [try again(person), Fixtures.letter(received: "2025-06-10", idNumber: Fixtures.wangFangID)]
        let other = try copy(path)
        let point = try registering(path, petitions)
        #expect((point.log as? DurableLog)?.resumed == true)
        #expect(point.states.count < truth.states.count / 10, "only what registration decides against is read")
        let full = try CaseBook.open(at: other, .init(writable: true))
        let numbers = try point.register(petitions, now: now, actor: Fixtures.clerk, reference: ref)
        #expect(numbers == (try full.register(petitions, now: now, actor: Fixtures.clerk, reference: ref)))
        #expect(point[numbers[0]]?.earlierFlags.contains { $0.ref == person.number } == true)
        for number in numbers { #expect(point[number] == full[number]) }
    }

    @Test func aCaseRegisteredByAnotherWriterMeanwhileIsSeenSoNoNumberIsGivenTwice() throws {
        let (path, _) = try logWithSnapshot()
        let letter = Fixtures.letter(received: "2025-06-10", idNumber: Fixtures.wangFangID)
        let point = try registering(path, [letter])
        // Another writer registers the same person between this book's open and its write.
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        let theirs = try #require(try writer.register([letter], now: now, actor: Fixtures.clerk, reference: ref).first)
        let ours = try #require(try point.register([letter], now: now, actor: Fixtures.clerk, reference: ref).first)
        #expect(ours == CaseNumber(organ: theirs.organ, year: theirs.year, sequence: theirs.sequence + 1))
        #expect(point[ours]?.earlierFlags.map(\.ref) == [theirs])
    }

    @Test func aPersonCorrectedAfterTheSnapshotIsFoundUnderTheirNewNumber() throws {
        let (path, truth) = try logWithSnapshot()
        let corrected = try #require(truth.states.dropFirst(100).first {
            $0.phase == .registered && $0.voided.isEmpty && $0.petition?.group == nil && $0.petition?.accusedOrgan == nil
        })
        let writer = try CaseBook(log: try DurableLog.open(at: path, .init(writable: true)))
        _ = try writer.execute(.correct(field: .idNumber, value: Fixtures.wangFangID, reason: "登记笔误"), on: corrected.number,
                               now: now, actor: Fixtures.clerk, reference: ref)
        let letter = Fixtures.letter(received: "2025-06-10", idNumber: Fixtures.wangFangID)
        let point = try registering(path, [letter])
        #expect((point.log as? DurableLog)?.resumed == true)
        let number = try #require(try point.register([letter], now: now, actor: Fixtures.clerk, reference: ref).first)
        #expect(point[number]?.earlierFlags.map(\.ref) == [corrected.number])
    }
}
