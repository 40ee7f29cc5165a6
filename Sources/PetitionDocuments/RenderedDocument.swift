import Foundation
import Crypto
import PetitionCore

/// A document made: its canonical text (the template's lines, what the digest covers), the
/// digest and the verification code taken from it, and its two printable forms.
package struct RenderedDocument: Sendable, Equatable {
    package var kind: DocumentKind
    package var language: Language
    /// Who it is addressed to: the petitioner's name or the organ's code.
    package var recipient: String
    /// The template's output, one logical line each (decision 0025's markup: `^` letterhead,
    /// `#` title, `>` right-aligned). Its SHA-256 is what the issue record keeps.
    package var canonical: String
    /// SHA-256 of the Chinese canonical text, in lower-case hex. An English reference copy
    /// carries the digest and code of the Chinese document it translates.
    package var digest: String
    /// Plain text at 80 display columns.
    package var text: String
    /// A self-contained HTML page for A4.
    package var html: String

    /// The verification code printed on the document: the digest's first 16 hex digits, in
    /// groups of four (`3F2A-9C01-77B4-0E5D`).
    package var code: String { Self.code(ofDigest: digest) }

    package static func code(ofDigest digest: String) -> String { DocumentCode.of(digest: digest) }

    /// SHA-256 of a text's UTF-8 bytes, lower-case hex.
    package static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension RenderedDocument {
    /// A preview: the same document, its code replaced by a mark that it was not issued
    /// (so a preview printed and handed over cannot pass `doc verify`).
    package func marked(preview: Bool) -> RenderedDocument {
        guard preview else { return self }
        var copy = self
        let mark = language == .zh ? "样稿（未出具，无核验码）" : "DRAFT (not issued, no code)"
        // The code with the line's "how to check it", which a draft cannot be.
        let checked = language == .zh ? "\(code)（xinfang doc verify 可核验本文书）" : "\(code) (xinfang doc verify checks this document)"
        copy.text = text.replacingOccurrences(of: checked, with: mark).replacingOccurrences(of: code, with: mark)
        copy.html = html.replacingOccurrences(of: checked, with: mark).replacingOccurrences(of: code, with: mark)
        return copy
    }
}
