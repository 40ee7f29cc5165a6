/// The XML spreadsheet of Excel 2003 (SpreadsheetML, "XML 表格 2003"): one worksheet, every
/// cell a string. A file form spreadsheets recognise by its content, so it opens with no
/// import filter and no character-set question: UTF-8 is declared in the file. LibreOffice 7.4
/// (Debian 12) reads a CSV given no filter as Windows-1252 whatever its BOM, and detects this
/// form (decision 0024); Excel and WPS open it as a workbook.
package enum SpreadsheetXML {
    /// Text as XML character data: markup characters escaped, and line breaks and tabs as
    /// character references so that they survive attribute-free normalisation. Characters XML
    /// 1.0 cannot hold (the C0 controls but tab, LF and CR) never reach a cell: case data is
    /// checked at input (`InputText`), and one that slipped through is dropped here.
    package static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The workbook: `rows` on one sheet named `sheet`, the first row the headers.
    package static func text(_ rows: [[String]], sheet: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" \
            xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="\(escaped(sheet))"><Table>

            """
        for row in rows {
            out += "<Row>"
            for field in row { out += "<Cell><Data ss:Type=\"String\">\(escaped(field))</Data></Cell>" }
            out += "</Row>\n"
        }
        out += "</Table></Worksheet></Workbook>\n"
        return out
    }
}
