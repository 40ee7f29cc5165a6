/// Comma-separated values as RFC 4180 writes them, for spreadsheets: fields with a comma,
/// a double quote, a carriage return, a line feed or a tab are quoted and their quotes doubled;
/// records end in CRLF. With `bom`, the text starts with U+FEFF so that a spreadsheet
/// opened with no import filter reads it as UTF-8 (Chinese intact).
///
/// A text field that a spreadsheet would read as a formula — one beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return — is written with a leading apostrophe, OWASP's neutralisation
/// of CSV injection: a petitioner's request `=HYPERLINK(…)` stays text. A number (`-3`, `+1.5`)
/// is not text and is written as it is.
package enum CSV {
    package static func field(_ text: String) -> String {
        let safe = neutralised(text)
        let needsQuotes = safe.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\t" }
        guard needsQuotes else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The text with a leading apostrophe when a spreadsheet would take it for a formula.
    package static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first), !isNumber(text) else { return text }
        return "'" + text
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A plain decimal number, signed: what a spreadsheet reads as a number, not a formula.
    static func isNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    package static func record(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    package static func text(_ rows: [[String]], bom: Bool) -> String {
        (bom ? "\u{FEFF}" : "") + rows.map(record).joined()
    }
}
