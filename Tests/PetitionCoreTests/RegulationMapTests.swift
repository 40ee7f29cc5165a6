import PetitionCore
import TestSupport
import Testing

/// docs/regulation-map.md is generated from the code (`RegulationMap`); it may not drift.
@Suite("docs/regulation-map.md")
struct RegulationMapTests {
    static let map = RegulationMap.render(root: Fixtures.root, articles: Fixtures.reference.articles)

    @Test func theCommittedMapIsWhatTheGeneratorWritesToday() {
        #expect(GoldenFile.mismatch(Self.map, at: Fixtures.root + "/docs/regulation-map.md") == nil)
    }

    /// A test citing the article alone, or another item, is no test of an item's rule.
    @Test func testsAreMatchedByParagraphAndItemNotByArticle() throws {
        let assign = try #require(Self.map.split(separator: "\n").first { $0.hasPrefix("| `triage.assign`") })
        #expect(assign.contains("| Art 22(1)(3) |"))
        // FormTests+Actions cites 第22条第1款第1项 (a transfer), not the assignment's item 3.
        #expect(!assign.contains("FormTests+Actions.swift"))
        let transfer = try #require(Self.map.split(separator: "\n").first { $0.hasPrefix("| `triage.transfer`") })
        #expect(transfer.contains("FormTests+Actions.swift"))
        let escalate = try #require(Self.map.split(separator: "\n").first { $0.hasPrefix("| `triage.escalate-major`") })
        #expect(escalate.contains("Arts 22(1)(1) and 25"))

    }

    @Test func theMapPointsAtTheTableOfTerms() {
        #expect(Self.map.contains("`Sources/PetitionCore/Clocks/StatutoryTerms.swift`"))
        #expect(Self.map.contains("| `objection` | 5 | working days | `receipt.objection` | Art 23(3) | regulation |"))
        #expect(Self.map.contains("| `assignment` | 1–90 | calendar days | `triage.assign` | Art 22(1)(3) | practice"))
    }
}
