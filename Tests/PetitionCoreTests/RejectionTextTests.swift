import PetitionCore
import TestSupport
import Testing

@Suite("Rejection messages")
struct RejectionTextTests {
    @Test(arguments: Rejection.Code.allCases)
    func everyRejectionReadsAsOneLineInBothLanguagesWithItsArticle(_ code: Rejection.Code) {
        let r = Rejection(code, field: "facts", ["due": "2025-05-13", "organ": "D-ZJJ", "phase": "final",
                                                 "action": "withdraw", "allowed": "link", "case": "D-XFJ-2025-00001"])
        for language in Language.allCases {
            let text = r.message(language, articles: Fixtures.reference.articles, directory: Fixtures.directory)
            #expect(!text.isEmpty && !text.contains("\n"))
            if let rule = r.rule {
                let citation = Fixtures.reference.articles.citation(rule, language)
                #expect(text.contains(citation), "\(code.rawValue) should cite \(citation)")
            }
        }
        let zh = r.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
        #expect(zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(code.rawValue) in Chinese")
    }

    @Test func aRefusedActionSaysWhatIsAllowedInstead() throws {
        let s = Scenario.at(.replied)
        let r = try #require(s.attempt(.extend(days: 5, reason: "x"), as: Fixtures.housingHead, at: "2025-08-05T09:00"))
        let text = r.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
        // (Not 收到办结报告: this case was transferred, not assigned — issue 12.)
        #expect(text.hasPrefix("案件处于「已答复」状态，不能「延期」；现在可以：受理复查请求、评价办理情况、撤回"))
        #expect(text.hasSuffix("（依据《信访工作条例》第34条）"))
    }
}
