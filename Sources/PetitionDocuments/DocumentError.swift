import PetitionCore

/// Why a document cannot be made: each names what is wrong, in both languages, and no
/// document is made with a blank where the missing thing would be (issue 15, item 5).
package struct DocumentError: Error, Equatable, Sendable {
    package enum Code: String, Sendable {
        /// The case has not reached the step the document puts in writing.
        case notReached = "document-not-reached"
        /// A field the document needs is empty: `field` names it.
        case missingField = "document-missing-field"
        /// Art 30: the user may not see the accusation, or the letter would go to an accused organ.
        case art30 = "document-art30"
        /// The templates have no text for this kind in this language, or it does not parse.
        case template = "document-template"
    }

    package var code: Code
    package var message: Localized
    /// The field missing, for `missingField` (its name in `FieldLabels`' terms).
    package var field: String?

    package init(_ code: Code, _ message: Localized, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// A field missing, named as the clerk knows it.
    static func missing(_ field: String, _ label: Localized, for kind: DocumentKind) -> DocumentError {
        DocumentError(.missingField,
                      Localized("不能出具\(kind.title.zh)：缺少\(label.zh)，请先补录",
                                "Cannot issue the \(kind.title.en.lowercased()): the \(label.en) is missing; record it first"),
                      field: field)
    }

    static func notReached(_ kind: DocumentKind, _ number: CaseNumber) -> DocumentError {
        DocumentError(.notReached,
                      Localized("案件\(number)尚无可据以出具\(kind.title.zh)的记录（xinfang doc list \(number) 列出现在可出具的文书）",
                                "Case \(number) has no step to issue a \(kind.title.en.lowercased()) for (xinfang doc list \(number) lists what can be issued now)"))
    }

    package func text(_ language: Language) -> String { message.text(language) }
}
