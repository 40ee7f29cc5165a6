import Foundation
import PetitionCore
import PetitionDocuments
import Testing
import TestSupport

/// Every document kind rendered for a case that reaches it, compared whole with golden files
/// (Chinese and the English reference copy; `RECORD_SNAPSHOTS=1` re-records, and fails).
@Suite struct DocumentRenderingTests {
    static let folder = Fixtures.root + "/Tests/PetitionDocumentsTests/Snapshots"

    @Test(arguments: DocumentKind.allCases)
    func eachKindRendersAsItsGoldenFileInChineseAndEnglish(_ kind: DocumentKind) throws {
        let zh = try DocumentFixtures.render(kind, .zh)
        let en = try DocumentFixtures.render(kind, .en)
        let mismatches = [GoldenFile.mismatch(zh.text, at: "\(Self.folder)/\(kind.rawValue).zh.txt"),
                          GoldenFile.mismatch(en.text, at: "\(Self.folder)/\(kind.rawValue).en.txt")].compactMap { $0 }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test(arguments: [DocumentKind.receipt, .handlingOpinion])
    func theHTMLPageRendersAsItsGoldenFile(_ kind: DocumentKind) throws {
        let html = try DocumentFixtures.render(kind, .zh).html
        let mismatch = GoldenFile.mismatch(html, at: "\(Self.folder)/\(kind.rawValue).zh.html")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test(arguments: DocumentKind.allCases)
    func everyRowOfTheTextFitsEightyColumns(_ kind: DocumentKind) throws {
        for language in Language.allCases {
            let text = try DocumentFixtures.render(kind, language).text
            let wide = text.split(separator: "\n").filter { DisplayWidth.of($0) > 80 }
            #expect(wide.isEmpty, "\(kind) \(language): \(wide)")
        }
    }

    @Test(arguments: DocumentKind.allCases)
    func everyDocumentCarriesCaseNumberOrganDateArticleAndCode(_ kind: DocumentKind) throws {
        let doc = try DocumentFixtures.render(kind, .zh)
        let events = DocumentFixtures.events(for: kind)
        #expect(doc.text.contains("案号：\(events[0].caseNumber)"))
        #expect(doc.text.contains("2025年11月3日"))
        #expect(doc.text.contains("出具依据：《信访工作条例》第"))
        #expect(doc.text.contains("核验码：\(doc.code)"))
        #expect(doc.html.contains("<header class=\"letterhead\">"))
    }

    @Test func theEnglishCopyIsHeadedAsAReferenceTranslationAndCarriesTheChineseCode() throws {
        let zh = try DocumentFixtures.render(.handlingOpinion, .zh)
        let en = try DocumentFixtures.render(.handlingOpinion, .en)
        #expect(en.text.hasPrefix("译文仅供参考"))
        #expect(en.digest == zh.digest)
        #expect(en.text.contains("Verification code: \(zh.code)"))
    }

    @Test func theOpinionTellsWhereAndByWhenToAskForReview() throws {
        // Rows break anywhere in Chinese text: read it as a reader does, without the breaks.
        let text = DocumentVerification.normalized(try DocumentFixtures.render(.handlingOpinion).text)
        #expect(text.contains("自收到本意见书之日起30日内，请求江城市住房和城乡建设局复查（《信访工作条例》第35条）"))
        #expect(text.contains("处理意见：交付时间符合协议"))
    }

    /// A supervision letter goes where its suggestion's paragraph of Art 40 sends it, in that
    /// paragraph's words: a policy suggestion to the bureau's own level's Party committee and
    /// government, an accountability suggestion to the organ with authority over the one
    /// supervised — not, as every letter once did, to the organ supervised "你单位".
    @Test(arguments: [
        (Suggestion.improvePolicy, ["中共临江区委员会、临江区人民政府：", "涉及临江区住房和城乡建设局", "第40条第2款", "完善政策的建议"],
         ["D-PC", "D-GOV"]),
        (Suggestion.pursueAccountability, ["临江区人民政府：", "临江区住房和城乡建设局在信访事项", "第40条第3款", "追究责任的建议"],
         ["D-GOV"]),
    ])
    func aSupervisionLetterGoesWhereItsSuggestionsParagraphSendsIt(_ suggestion: Suggestion, says: [String],
                                                                  to: [OrganCode]) throws {
        let events = DocumentFixtures.appending(
            .supervisionOrdered(organ: "D-ZJJ", suggestion: suggestion, reason: "补偿标准各街道不一", due: Fixtures.day("2025-06-13")),
            to: Scenario.at(.transferred).log, by: Fixtures.supervisor, rule: suggestion.rule)
        let document = try DocumentFixtures.renderer.render(DocumentFixtures.request(.supervisionLetter, events: events))
        let text = DocumentVerification.normalized(document.text)
        for phrase in says { #expect(text.contains(phrase), "\(phrase): \(document.text)") }
        #expect(!text.contains("你单位"), "\(document.text)")
        #expect(document.recipient == to.joined(separator: ","))
    }

    @Test func theAssignmentLetterCarriesItsDeadlineAndTheCompletionReport() throws {
        let text = DocumentVerification.normalized(try DocumentFixtures.render(.assignmentLetter).text)
        #expect(text.contains("请于2025年5月30日前办结，并向本机关报送办结报告"))
    }
}
