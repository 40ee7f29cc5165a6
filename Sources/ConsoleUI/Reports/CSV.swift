/// Comma-separated values as RFC 4180 writes them, for spreadsheets: fields with a comma,
/// a double quote, a carriage return or a line feed are quoted and their quotes doubled;
/// records end in CRLF. With `bom`, the text starts with U+FEFF so that a spreadsheet
/// opened with no import filter reads it as UTF-8 (Chinese intact).
package enum CSV {
    package static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    package static func record(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    package static func text(_ rows: [[String]], bom: Bool) -> String {
        (bom ? "\u{FEFF}" : "") + rows.map(record).joined()
    }
}
