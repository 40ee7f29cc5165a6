/// How many terminal columns text takes, measured per grapheme cluster.
///
/// CJK ideographs, kana, Hangul, full-width forms and emoji take 2 columns;
/// combining marks and zero-width characters take 0 (they join the grapheme
/// before them); everything else takes 1. See docs/decisions/0003-display-width.md.
package enum DisplayWidth {
    package static func of(_ grapheme: Character) -> Int {
        guard let first = grapheme.unicodeScalars.first else { return 0 }
        if grapheme.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        if grapheme.unicodeScalars.count > 1, grapheme.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2
        }
        return scalarWidth(first)
    }

    package static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break  // Unicode's categories, not ours: the rest are measured below
        }
        let v = s.value
        if v == 0 { return 0 }
        for range in wide where range.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to the blocks a
    /// petition's text uses).
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Cuts text to at most `columns` columns without splitting a wide character,
    /// adding `…` when something was cut.
    package static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        for g in text {
            let w = of(g)
            if used + w > columns - 1 { break }
            out.append(g)
            used += w
        }
        return out + "…"
    }

    /// Pads with spaces to exactly `columns` columns (truncating first if needed).
    package static func pad(_ text: String, to columns: Int) -> String {
        let t = truncate(text, to: columns)
        return t + String(repeating: " ", count: max(0, columns - of(t)))
    }
}

extension DisplayWidth {
    /// `text` wrapped after `label` with a hanging indent: the first row starts with the label,
    /// every later row (a wrap or a line break of the text) under the text's first character.
    package static func wrap(_ text: String, after label: String, to columns: Int) -> [String] {
        let indent = of(label)
        let pad = String(repeating: " ", count: indent)
        return wrap(text, to: columns - indent).enumerated().map { ($0.offset == 0 ? label : pad) + $0.element }
    }

    /// Breaks text into rows of at most `columns` columns: at each line break it holds,
    /// and wherever the next grapheme would not fit. A wide character is never split;
    /// Latin words are kept whole where a row can take them (CJK text breaks anywhere,
    /// as Chinese typesetting does). An empty text, or an empty line in it, is one empty row.
    package static func wrap(_ text: String, to columns: Int) -> [String] {
        let width = max(2, columns)
        var rows: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var row = ""
            var used = 0
            var lastSpace: String.Index?
            for g in line {
                let w = of(g == "\t" ? " " : g)
                if used + w > width {
                    // Break at the last space of the row when the row holds one past its middle.
                    if let space = lastSpace, g != " ", of(row[..<space]) > width / 2 {
                        let rest = String(row[row.index(after: space)...])
                        rows.append(String(row[..<space]))
                        row = rest
                        used = of(rest)
                    } else {
                        rows.append(row)
                        row = ""
                        used = 0
                    }
                    lastSpace = nil
                    if g == " " { continue }  // a space at a break is not carried to the next row
                }
                if g == " " { lastSpace = row.endIndex }
                row.append(g == "\t" ? " " : g)
                used += w
            }
            rows.append(row)
        }
        return rows
    }
}
