import Foundation
import PetitionCore
import TestSupport
import Testing

/// Every citation in `data/regulation.json` names an article, paragraph and item that the
/// regulation has (`data/regulation-structure.json`, derived from the full text by
/// `scripts/regulation-structure.py`).
@Suite("data/regulation-structure.json")
struct RegulationStructureTests {
    static let structure: RegulationStructure = {
        let path = Fixtures.dataFolder + "/regulation-structure.json"
        guard let data = FileManager.default.contents(atPath: path), let s = try? RegulationStructure(json: data) else {
            preconditionFailure("\(path) cannot be read")
        }
        return s
    }()

    static let cited: [(RuleID, Citation)] = Fixtures.reference.articles.articles.values
        .sorted { $0.id < $1.id }
        .flatMap { a in a.citations.map { (a.id, $0) } }

    @Test func theStructureHasTheFiftyArticlesAndTheParagraphsTheRulesTurnOn() {
        let s = Self.structure
        #expect(s.paragraphs.keys.sorted() == Array(1...50))
        #expect(s.paragraphs[22] == [3, 0], "Art 22: para 1 with three items, para 2")
        #expect(s.paragraphs[23] == [0, 0, 0, 0])
        #expect(s.paragraphs[31] == [6], "Art 31: one paragraph of six items")
        #expect(s.paragraphs[44] == [3] && s.paragraphs[45] == [4])
    }

    @Test(arguments: cited.map { "\($0.0.rawValue) \($0.1.en)" })
    func everyRuleCitesAPlaceTheRegulationHas(_ row: String) {
        let (rule, citation) = Self.cited.first { "\($0.0.rawValue) \($0.1.en)" == row }!
        #expect(Self.structure.problem(with: citation) == nil, "\(rule.rawValue)")
    }

    /// The old numbering (issue 12) would not pass: the check can fail.
    @Test(arguments: [
        (Citation(article: 22, paragraph: 1, item: 4), "Art 22(1) has no item 4"),
        (Citation(article: 31, paragraph: 1, item: 6), "Art 31 has one paragraph: cite it without 款"),
        (Citation(article: 44, item: 4), "Art 44 has no item 4"),
        (Citation(article: 22, item: 1), "Art 22 has 2 paragraphs: name the item's paragraph"),
        (Citation(article: 39, paragraph: 4), "Art 39 has no paragraph 4"),
        (Citation(article: 51), "there is no Art 51"),
    ])
    func aCitationOfAPlaceTheRegulationLacksIsFound(_ citation: Citation, _ problem: String) {
        #expect(Self.structure.problem(with: citation) == problem)
    }

    @Test func everyRegulationRuleCitesAtLeastItsArticleAndPracticeNone() {
        for a in Fixtures.reference.articles.articles.values {
            #expect(a.basis == "practice" ? a.citations.isEmpty : !a.citations.isEmpty, "\(a.id.rawValue)")
        }
    }
}
