/// Text as XML or HTML character data, for the documents' HTML page and the spreadsheet
/// export alike: `& < > " '` escaped; characters XML 1.0 cannot hold (the C0 controls but
/// tab, LF and CR, and U+FFFE, U+FFFF) dropped — case data is checked at input
/// (`InputText`), so only one that slipped through is lost here.
package enum Markup {
    /// `breaksAsReferences`: tab, LF and CR as character references, which a spreadsheet
    /// cell keeps through the parser's whitespace normalisation; otherwise as themselves.
    package static func escaped(_ text: String, breaksAsReferences: Bool = false) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t":
                if breaksAsReferences { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
