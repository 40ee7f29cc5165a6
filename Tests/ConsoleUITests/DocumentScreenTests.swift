@testable import ConsoleUI
import PetitionCore
import PetitionDocuments
import PetitionStore
import TestSupport
import Testing

/// The console's documents (issue 15): `p` on a case previews the document its latest step
/// requires; Enter issues it — the issue recorded, the text saved.
@Suite("Console documents")
struct DocumentScreenTests {
    @Test func aReceiptFromTheRegisterFormIsPreviewedAndIssued() throws {
        let desk = try Desk(Fixtures.clerk)
        FormTests.fillGroupVisit(desk)
        desk.press(.function(2))
        guard case .detail(let number) = desk.state.screen else { Issue.record("not registered: \(desk.screen)"); return }
        desk.press(.character("p"))
        #expect(desk.screen.contains("信访事项登记回执") && desk.screen.contains("张伟："), "\(desk.screen)")
        desk.press(.enter)
        #expect(desk.state.screen == .detail(number))
        #expect(desk.screen.contains("已出具信访事项登记回执"))
        let issued = CaseDocuments(events: try desk.book.history(of: number)).issued
        #expect(issued.map(\.kind) == [.receipt] && issued.first?.delivery == .handedOver)
        #expect(desk.host.issuedDocuments.first?.text.contains("核验码：\(issued.first?.code ?? "-")") == true)
    }

    /// → and l open elsewhere; on a preview they issue nothing (only Enter, or F9 p, does).
    @Test func aStrayArrowOnAPreviewIssuesNothing() throws {
        let desk = try Desk(Fixtures.clerk)
        FormTests.fillGroupVisit(desk)
        desk.press(.function(2))
        guard case .detail(let number) = desk.state.screen else { Issue.record("not registered: \(desk.screen)"); return }
        desk.press(.character("p"))
        desk.press(.right, .character("l"))
        #expect(desk.state.screen == .document(number))
        #expect(CaseDocuments(events: try desk.book.history(of: number)).issued.isEmpty)
        #expect(desk.host.issuedDocuments.isEmpty)
    }

    @Test func anOpinionFromACaseGoesByPostWhenDChangesTheDelivery() throws {
        let desk = try Desk(Fixtures.housingHandler, at: "2025-08-01T10:00", events: Scenario.at(.opinionIssued).log)
        let number = Scenario().state.number
        desk.press(.character("s"))
        desk.type("\(number)")
        desk.press(.enter)
        desk.press(.character("p"))
        #expect(desk.screen.contains("信访事项处理意见书") && desk.screen.contains("处理意见：交付时间符合协议"), "\(desk.screen)")
        desk.press(.character("d"))
        #expect(desk.screen.contains("送达：邮寄送达"))
        desk.press(.enter)
        let issued = CaseDocuments(events: try desk.book.history(of: number)).issued
        #expect(issued.map(\.kind) == [.handlingOpinion] && issued.first?.delivery == .post)
    }

    /// The review window says which document's delivery it counts from (Arts 35, 36).
    @Test func theReviewWindowNamesTheIssuedOpinionItCountsFrom() throws {
        var s = Scenario.at(.opinionIssued)
        let digest = String(repeating: "0123456789abcdef", count: 4)
        try s.run(.issueDocument(kind: .handlingOpinion, asOf: s.log.last?.seq ?? 0, to: "张伟", delivery: .handedOver,
                                 digest: digest), as: Fixtures.housingHandler, at: "2025-08-01T10:00")
        try s.run(.deliver(on: nil), as: Fixtures.housingHandler, at: "2025-08-04T09:00")
        let desk = try Desk(Fixtures.housingHandler, at: "2025-08-05T10:00", events: s.log)
        let number = s.state.number
        desk.press(.character("s"))
        desk.type("\(number)")
        desk.press(.enter)
        let lines = CaseScreen.lines(desk.state, desk.data, number, width: 100, printed: true).map(\.0)
        #expect(lines.contains { $0.contains("自信访事项处理意见书（2025-08-01出具，核验码 0123-4567-89AB-CDEF）送达之日 2025-08-04 起算") },
                "\(lines.joined(separator: "\n"))")
    }
}
