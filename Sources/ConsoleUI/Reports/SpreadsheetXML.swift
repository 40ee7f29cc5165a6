import PetitionCore

/// The XML spreadsheet of Excel 2003 (SpreadsheetML, "XML 表格 2003"): one worksheet, every
/// cell a string. A file form spreadsheets recognise by its content, so it opens with no
/// import filter and no character-set question: UTF-8 is declared in the file. LibreOffice 7.4
/// (Debian 12) reads a CSV given no filter as Windows-1252 whatever its BOM, and detects this
/// form (decision 0024); Excel and WPS open it as a workbook.
package enum SpreadsheetXML {
    /// The workbook: `rows` on one sheet named `sheet`, the first row the headers.
    package static func text(_ rows: [[String]], sheet: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" \
            xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="\(Markup.escaped(sheet, breaksAsReferences: true))"><Table>

            """
        for row in rows {
            out += "<Row>"
            for field in row { out += "<Cell><Data ss:Type=\"String\">\(Markup.escaped(field, breaksAsReferences: true))</Data></Cell>" }
            out += "</Row>\n"
        }
        out += "</Table></Worksheet></Workbook>\n"
        return out
    }
}
