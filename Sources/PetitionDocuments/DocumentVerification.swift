import Foundation
import PetitionCore

/// Reading a document back: its visible text, whatever its form (the text file, the HTML
/// page, or the text typed back from paper), the code it carries, and the comparison with
/// the document rendered again from the log (decision 0025).
package enum DocumentVerification {
    /// The verification code a document carries (`XXXX-XXXX-XXXX-XXXX`), if any.
    package static func code(in content: String) -> String? {
        let chars = Array(visible(content).uppercased())
        let hex = Set("0123456789ABCDEF")
        guard chars.count >= 19 else { return nil }
        for start in 0...(chars.count - 19) {
            let window = chars[start..<start + 19]
            let ok = window.enumerated().allSatisfy { i, c in (i + 1) % 5 == 0 ? c == "-" : hex.contains(c) }
            if ok { return String(window) }
        }
        return nil
    }

    /// Whether the content is an HTML page.
    package static func isHTML(_ content: String) -> Bool {
        let head = content.prefix(200).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    /// Whether the content is the English reference copy (headed 译文仅供参考).
    package static func isTranslation(_ content: String) -> Bool { content.contains("译文仅供参考") }

    /// What a reader sees: for HTML, the body's text (the head and tags dropped, entities
    /// read); for text, itself.
    package static func visible(_ content: String) -> String {
        guard isHTML(content) else { return content }
        var s = content
        if let head = s.range(of: "<head>"), let end = s.range(of: "</head>"), head.lowerBound < end.upperBound {
            s.removeSubrange(head.lowerBound..<end.upperBound)
        }
        var out = ""
        var inTag = false
        for c in s {
            if c == "<" { inTag = true; out.append(" "); continue }
            if c == ">", inTag { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out
    }

    /// The visible text without any white space (line breaks, the wrapping's and the
    /// centring's spaces, full-width spaces), without the rules of `=` and `-` (three or
    /// more in a row: drawn lines, which a clerk typing back from paper shortens or leaves
    /// out), and with the code in capitals. What typing back from paper keeps.
    package static func normalized(_ content: String) -> String {
        var text = String(visible(content).filter { !$0.isWhitespace })
        text = text.replacingOccurrences(of: "={3,}|-{3,}", with: "", options: .regularExpression)
        let code = "[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
        var out = "", rest = text[...]
        while let range = rest.range(of: code, options: .regularExpression) {
            out += rest[..<range.lowerBound] + rest[range].uppercased()
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Where the file differs from the document rendered again: nil when they match; else
    /// the first difference, with a little context, for the message.
    package static func difference(file: String, rendered: String) -> (expected: String, found: String)? {
        let a = Array(normalized(rendered)), b = Array(normalized(file))
        guard a != b else { return nil }
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        let from = max(0, i - 6)
        return (String(a[from..<min(a.count, i + 6)]), String(b[from..<min(b.count, i + 6)]))
    }
}
