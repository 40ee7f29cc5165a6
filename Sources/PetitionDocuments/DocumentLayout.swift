import PetitionCore

/// Lays a document's canonical lines out as plain text at 80 display columns (for the
/// dot-matrix and receipt printers at windows) and as a self-contained A4 HTML page.
///
/// The canonical lines' markup: `^ ` the letterhead (the issuing organ), `# ` the title,
/// `> ` a right-aligned line (signature, date); an empty line is a gap; any other line is a
/// paragraph, wrapped (CJK-width-aware, decision 0003).
package struct DocumentLayout: Sendable {
    package static let columns = 80

    enum Block: Equatable {
        case letterhead(String), title(String), right(String), gap, paragraph(String)
    }

    let blocks: [Block]
    let language: Language
    let code: String

    init(lines canonical: String, language: Language, code: String) {
        blocks = canonical.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
            let line = String(raw)
            if line.hasPrefix("^ ") { return .letterhead(String(line.dropFirst(2))) }
            if line.hasPrefix("# ") { return .title(String(line.dropFirst(2))) }
            if line.hasPrefix("> ") { return .right(String(line.dropFirst(2))) }
            return line.isEmpty ? .gap : .paragraph(line)
        }
        self.language = language
        self.code = code
    }

    /// The line that carries the verification code, and how to check it.
    var codeLine: String {
        language == .zh ? "核验码：\(code)（xinfang doc verify 可核验本文书）"
            : "Verification code: \(code) (xinfang doc verify checks this document)"
    }

    /// Plain text: every row at most 80 display columns, ending in a newline.
    package func text() -> String {
        let width = Self.columns
        var rows: [String] = []
        func centred(_ s: String) {
            for row in Self.wrap(s, to: width) {
                rows.append(String(repeating: " ", count: max(0, (width - DisplayWidth.of(row)) / 2)) + row)
            }
        }
        for block in blocks {
            switch block {
            case .letterhead(let s):
                centred(s)
                rows.append(String(repeating: "=", count: width))
            case .title(let s):
                rows.append("")
                centred(s)
                rows.append("")
            case .right(let s):
                for row in DisplayWidth.wrap(s, to: width) {
                    rows.append(String(repeating: " ", count: max(0, width - DisplayWidth.of(row))) + row)
                }
            case .gap: rows.append("")
            case .paragraph(let s): rows += Self.wrap(s, to: width)
            }
        }
        rows.append("")
        rows.append(String(repeating: "-", count: width))
        rows += DisplayWidth.wrap(codeLine, to: width)
        return rows.map { row in
            var r = row
            while r.last == " " { r.removeLast() }
            return r
        }.joined(separator: "\n") + "\n"
    }

    /// A self-contained HTML page: print CSS for A4, the organ's name as letterhead, no
    /// external resources (fonts are the system's: Noto CJK where installed).
    package func html() -> String {
        var body: [String] = []
        for block in blocks {
            switch block {
            case .letterhead(let s): body.append("<header class=\"letterhead\">\(Markup.escaped(s))</header>")
            case .title(let s): body.append("<h1>\(Markup.escaped(s))</h1>")
            case .right(let s): body.append("<p class=\"right\">\(Markup.escaped(s))</p>")
            case .gap: body.append("<div class=\"gap\"></div>")
            case .paragraph(let s): body.append("<p>\(Markup.escaped(s))</p>")
            }
        }
        body.append("<footer class=\"code\">\(Markup.escaped(codeLine))</footer>")
        let title = blocks.compactMap { if case .title(let s) = $0 { s } else { nil } }.first ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escaped(title))</title>
            <style>
            @page { size: A4; margin: 25mm 22mm 22mm 22mm; }
            html { background: #fff; }
            body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif;
                   font-size: 12pt; line-height: 1.9; color: #000; max-width: 166mm; margin: 0 auto; }
            .letterhead { text-align: center; color: #c00; font-size: 22pt; font-weight: bold; letter-spacing: 0.1em;
                          padding-bottom: 4mm; border-bottom: 2px solid #c00; margin-bottom: 6mm; }
            h1 { text-align: center; font-size: 18pt; margin: 6mm 0; }
            p { margin: 0; white-space: pre-wrap; }
            p.right { text-align: right; }
            .gap { height: 1em; }
            .code { margin-top: 10mm; padding-top: 2mm; border-top: 1px solid #000; font-size: 10pt; }
            @media print { body { max-width: none; } }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// Chinese punctuation that never starts a row (避头点: 。，、；：？！）》」』”’).
    static let noRowStart: Set<Character> = Set("。，、；：？！）》」』〉】”’…")
    /// Opening punctuation that never ends a row (避尾点: （《「『“‘).
    static let noRowEnd: Set<Character> = Set("（《「『〈【“‘")

    /// Rows of at most `columns` columns, as `DisplayWidth.wrap` breaks them, except that a
    /// row never starts with closing Chinese punctuation nor ends with opening punctuation:
    /// the character before goes down with it, and what no longer fits moves on.
    static func wrap(_ text: String, to columns: Int) -> [String] {
        var rows = DisplayWidth.wrap(text, to: columns)
        var i = 1
        while i < rows.count {
            while rows[i - 1].count > 1,
                  rows[i].first.map(noRowStart.contains) == true || rows[i - 1].last.map(noRowEnd.contains) == true {
                let moved = rows[i - 1].removeLast()
                rows[i].insert(moved, at: rows[i].startIndex)
            }
            var overflow = ""
            while DisplayWidth.of(rows[i]) > columns, let last = rows[i].popLast() { overflow.insert(last, at: overflow.startIndex) }
            if !overflow.isEmpty {
                if i + 1 < rows.count { rows[i + 1] = overflow + rows[i + 1] } else { rows.append(overflow) }
            }
            i += 1
        }
        return rows
    }
}
