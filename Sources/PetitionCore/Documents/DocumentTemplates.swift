/// The document templates as data: Mustache texts keyed by name (`zh/receipt`, `en/_head`),
/// read from `data/templates/` by the store's reference data and passed in, so the documents'
/// wording is edited without a build and the renderer reads no file (decision 0025).
package struct DocumentTemplates: Sendable, Equatable {
    /// Each template's text by its name: the path under `data/templates/` without `.mustache`.
    package var texts: [String: String]

    package init(texts: [String: String] = [:]) { self.texts = texts }

    /// The name of a kind's template in a language: `zh/handling-opinion`.
    package static func name(_ kind: DocumentKind, _ language: Language) -> String {
        "\(language.rawValue)/\(kind.rawValue)"
    }
}

/// The verification code printed on a document: the first 16 hex digits of its digest, in
/// groups of four (`3F2A-9C01-77B4-0E5D`), found again in the log by `xinfang doc verify`.
package enum DocumentCode {
    package static func of(digest: String) -> String {
        let head = Array(digest.prefix(16).uppercased())
        return stride(from: 0, to: head.count, by: 4).map { String(head[$0..<min($0 + 4, head.count)]) }
            .joined(separator: "-")
    }
}
