import Mustache
import PetitionCore

/// Renders the regulation's written documents from a case's records with the templates
/// passed in (issue 15; decision 0025). Pure: no file, no clock — the issue day comes in the
/// request, the templates and directory in the reference.
package struct DocumentRenderer: Sendable {
    package let reference: DocumentReference
    private let library: MustacheLibrary

    /// Parses every template once; a template that does not parse is named.
    package init(_ reference: DocumentReference) throws(DocumentError) {
        self.reference = reference
        var library = MustacheLibrary()
        for (name, text) in reference.templates.texts.sorted(by: { $0.key < $1.key }) {
            do {
                // Plain text throughout: the layout escapes for HTML, once, at the end.
                try library.register("{{% CONTENT_TYPE: TEXT}}" + text, named: name)
            } catch {
                throw DocumentError(.template, Localized("文书模板 \(name) 有误：\(error)", "Template \(name) does not parse: \(error)"))
            }
        }
        self.library = library
    }

    /// Renders one document: its Chinese canonical text (whose digest is the record's), and
    /// the text and HTML in the request's language.
    package func render(_ request: DocumentRequest) throws(DocumentError) -> RenderedDocument {
        var zhRequest = request
        zhRequest.language = .zh
        let zhModel = try DocumentModel(zhRequest, reference)
        let canonicalZh = try canonical(zhModel)
        let digest = RenderedDocument.sha256(canonicalZh)
        let model = request.language == .zh ? zhModel : try DocumentModel(request, reference)
        let canonical = request.language == .zh ? canonicalZh : try self.canonical(model)
        let code = RenderedDocument.code(ofDigest: digest)
        let layout = DocumentLayout(lines: canonical, language: request.language, code: code)
        return RenderedDocument(kind: request.kind, language: request.language, recipient: try model.recipient(),
                                canonical: canonical, digest: digest, text: layout.text(), html: layout.html())
    }

    /// The template's output for the model, with trailing spaces and runs of blank lines
    /// folded, so the digest does not depend on how a template's sections fall on lines.
    private func canonical(_ model: DocumentModel) throws(DocumentError) -> String {
        let name = DocumentTemplates.name(model.request.kind, model.request.language)
        guard let output = library.render(try model.values(), withTemplate: name) else {
            throw DocumentError(.template, Localized("没有文书模板 \(name)（data/templates/\(name).mustache）",
                                                     "No template \(name) (data/templates/\(name).mustache)"))
        }
        var lines: [String] = []
        for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension DocumentRenderer {
    /// Whether `document`, made for a reader who sees the petitioner's personal data masked
    /// (`DocumentRequest.personalDataMasked`), is not the document made whole: it carries a phone
    /// or address the reader may not see, so the reader may not issue it (decision 0031, addendum).
    package func withholdsPersonalData(_ document: RenderedDocument, of request: DocumentRequest) -> Bool {
        guard request.personalDataMasked else { return false }
        var whole = request
        whole.personalDataMasked = false
        return (try? render(whole))?.text != document.text
    }
}
