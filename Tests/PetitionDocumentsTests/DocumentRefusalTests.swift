import Foundation
import PetitionCore
import PetitionDocuments
import Testing
import TestSupport

/// What a document refuses to be: one with a blank, one shown to those Art 30 keeps an
/// accusation from, one altered and still taken for the issued one.
@Suite struct DocumentRefusalTests {
    /// Why the request makes no document; nil when it makes one.
    static func refusal(_ request: DocumentRequest) -> DocumentError? {
        do throws(DocumentError) {
            _ = try DocumentFixtures.renderer.render(request)
            return nil
        } catch { return error }
    }

    @Test func anOpinionWithoutItsTextNamesTheOpinionInsteadOfPrintingABlank() {
        var events = DocumentFixtures.events(for: .receipt)
        events = DocumentFixtures.appending(.opinionIssued(outcome: .explain, opinion: " \u{3000}", basis: "有关规定", measures: [.explained]),
                                            to: events, by: Fixtures.housingHandler, rule: .handlingOpinion)
        let refusal = Self.refusal(DocumentFixtures.request(.handlingOpinion, events: events))
        #expect(refusal?.field == "opinion" && refusal?.text(.zh).contains("缺少处理意见") == true)
    }

    @Test func aReceiptByPostWithoutAnAddressNamesTheAddress() {
        var events = DocumentFixtures.events(for: .receipt)
        if case .registered(var petition) = events[0].body {
            petition.petitioner.address = nil
            events[0].body = .registered(petition: petition)
        }
        let refusal = Self.refusal(DocumentFixtures.request(.receipt, events: events, delivery: .post))
        #expect(refusal?.field == "address" && refusal?.text(.zh).contains("缺少信访人通讯地址") == true)
    }

    /// Art 30: the accused organ's handler cannot print the accusation's receipt.
    @Test func theAccusedOrgansHandlerCannotPrintAnAccusation() {
        var events = DocumentFixtures.events(for: .receipt)
        if case .registered(var petition) = events[0].body {
            petition.type = .accusation
            petition.accusedOrgan = "D-ZJJ"
            events[0].body = .registered(petition: petition)
        }
        let accused = DocumentFixtures.request(.receipt, events: events, actor: Fixtures.housingHandler)
        #expect(Self.refusal(accused)?.code == .art30)
        #expect((try? DocumentFixtures.renderer.render(DocumentFixtures.request(.receipt, events: events, actor: Fixtures.clerk))) != nil)
    }

    @Test func oneAlteredCharacterIsADifferenceAndRewrappingIsNot() throws {
        let doc = try DocumentFixtures.render(.handlingOpinion)
        #expect(DocumentVerification.difference(file: doc.text, rendered: doc.text) == nil)
        #expect(DocumentVerification.difference(file: doc.html, rendered: doc.html) == nil)
        let typedBack = doc.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(DocumentVerification.difference(file: typedBack, rendered: doc.text) == nil)
        let altered = doc.text.replacingOccurrences(of: "不予支持", with: "予以支持")
        #expect(altered != doc.text)
        #expect(DocumentVerification.difference(file: altered, rendered: doc.text) != nil)
        let alteredPage = doc.html.replacingOccurrences(of: "不予支持", with: "予以支持")
        #expect(alteredPage != doc.html)
        #expect(DocumentVerification.difference(file: alteredPage, rendered: doc.html) != nil)
        #expect(DocumentVerification.code(in: doc.html) == doc.code)
    }
}


/// A clerk's text keeps its line breaks in a document, each line a paragraph of the letter:
/// a line of the facts that begins like the layout's marks is not a title or a letterhead.
@Suite("Documents: the clerk's text stays text")
struct DocumentTextTests {
    @Test func aLineOfTheFactsThatLooksLikeATitleStaysAParagraph() throws {
        let events = DocumentFixtures.events(for: .receipt).map { event -> CaseEvent in
            guard case .registered(var petition) = event.body else { return event }
            petition.facts = "安置房至今未交付\n# 伪造的标题\n^ 伪造的机关"
            var changed = event
            changed.body = .registered(petition: petition)
            return changed
        }
        let doc = try DocumentFixtures.renderer.render(DocumentFixtures.request(.receipt, events: events))
        #expect(doc.text.contains("　　# 伪造的标题"), "\(doc.text)")
        #expect(!doc.html.contains("<h1>伪造的标题</h1>"))
        #expect(!doc.html.contains("<header class=\"letterhead\">伪造的机关</header>"))
    }
}
