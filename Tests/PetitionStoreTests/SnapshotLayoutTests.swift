import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// A case's fields are written once (`CaseState.Fields`); the snapshot writes and reads
/// them through one description (`CaseSnapshot.layout`). These tests fail when a field
/// is added to `Fields` and not to the layout, or does not survive the round trip.
@Suite("Snapshot layout")
struct SnapshotLayoutTests {
    /// A case with every field set to something other than a new case's value.
    static func everyFieldSet() throws -> CaseState {
        let d = Fixtures.day
        var s = CaseState(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 7))
        var events = try workedExampleRecords().joined().map { $0 }
        for i in events.indices { events[i].seq = i + 1 }
        s.phase = .rereviewHearing
        s.petition = Fixtures.groupVisit()
        s.flags = [.groupVisit, .extended, .underSupervision]
        s.holder = "C-ZF"
        s.sender = "D-XFJ"
        s.sentOn = d("2025-04-30")
        s.triageStart = d("2025-04-28")
        s.assignment = CaseState.Assignment(assigner: "D-XFJ", to: "D-ZJJ", on: d("2025-04-30"), due: d("2025-05-30"),
                                            reportedOn: d("2025-05-20"))
        s.receivedOn = d("2025-05-06")
        s.acceptedOn = d("2025-05-09")
        s.handlerOrgan = "D-ZJJ"
        s.route = "申诉求决类第六途径"
        s.type = .grievance
        s.track = 6
        s.handler = "handler"
        s.hearings = [CaseState.Interval(start: d("2025-06-01"), end: d("2025-06-03"))]
        s.extensionGranted = CaseState.Extension(days: 30, reason: "涉及多个部门", approvedBy: "head", on: d("2025-06-30"))
        s.opinion = CaseState.Opinion(outcome: .notSupport, text: "交付时间符合协议", basis: "征收补偿条例第27条",
                                      measures: [.explained, .assisted], on: d("2025-08-01"))
        s.deliveredOn = d("2025-08-04")
        s.review = CaseState.Stage(organ: "C-ZJJ", requestedOn: d("2025-08-26"), outcome: .upheld, opinionOn: d("2025-09-22"),
                                   deliveredOn: d("2025-09-22"))
        s.rereview = CaseState.Stage(organ: "C-ZF", requestedOn: d("2025-09-29"))
        s.rereviewPauses = [CaseState.Interval(start: d("2025-10-13"))]
        s.supervision = [CaseState.SupervisionOrder(index: 1, organ: "D-ZJJ", suggestion: .improveWork, issuedBy: "D-XFJ", reason: "逾期",
                                                    issuedOn: d("2025-07-01"), due: d("2025-07-31"),
                                                    feedback: (adoption: .adoptedInPart, note: "已整改", on: d("2025-07-20")))]
        s.listedOn = d("2025-07-01")
        s.listedDue = d("2025-09-01")
        s.leader = "区长"
        s.links = [CaseState.Link(to: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9), kind: .repeats)]
        s.closedOn = d("2025-10-31")
        s.earlierFlags = [EarlierCaseFlag(kind: .final, ref: CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9),
                                          settled: .differentMatter),
                          EarlierCaseFlag(kind: .leapfrog, ref: nil)]
        s.supplementRequestedOn = d("2025-04-29")
        s.supplementDue = d("2025-05-09")
        s.rehandledOn = d("2025-10-01")
        s.rating = .basicallySatisfied
        s.lastStepDay = d("2025-10-17")
        s.events = events
        s.steps = events.map(CaseState.Step.init)
        s.voided = [3, 5]
        return s
    }

    @Test func theLayoutNamesEveryFieldOfACaseInOrder() {
        let fields = Mirror(reflecting: CaseState.Fields(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)))
        let names = fields.children.compactMap(\.label)
        #expect(names == ["number"] + CaseSnapshot.layout.map(\.name))
    }

    @Test func everyFieldSurvivesTheRoundTrip() throws {
        let sample = try Self.everyFieldSet()
        // The sample leaves no field at a new case's value, so a field the layout drops is noticed.
        let blank = Mirror(reflecting: CaseState.Fields(number: CaseNumber(organ: "", year: 0, sequence: 0))).children
        for (field, empty) in zip(Mirror(reflecting: sample.fields).children, blank) {
            #expect(String(describing: field.value) != String(describing: empty.value), "\(field.label ?? "?") is not set")
        }
        let head = CaseSnapshot.Head(seq: 1, offset: 64, end: 200, hash: RecordHash(of: [1, 2, 3]), recordOffsets: [64])
        let bytes = CaseSnapshot(logId: "abc", head: head, states: [sample]).encode()
        let file = try CaseSnapshot.File(Data(bytes))
        let states = try file.cases()
        #expect(states == [sample])
        // On a failure, name the fields that differ (sets may print in another order).
        if states != [sample], let got = states.first {
            for (a, b) in zip(Mirror(reflecting: got.fields).children, Mirror(reflecting: sample.fields).children)
            where String(describing: a.value) != String(describing: b.value) {
                Issue.record("\(a.label ?? "?") differs after the round trip")
            }
        }
    }
}
