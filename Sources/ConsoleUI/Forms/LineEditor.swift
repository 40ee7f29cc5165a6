import PetitionCore
/// One line of text being typed: edited by grapheme, with the cursor placed by
/// display width, so Chinese characters and combining marks are never split.
package struct LineEditor: Equatable, Sendable {
    package private(set) var graphemes: [Character]
    /// The cursor, as a grapheme index: 0 is before the first grapheme.
    package private(set) var cursor: Int

    package init(_ text: String = "") {
        graphemes = Array(text)
        cursor = graphemes.count
    }

    package var text: String { String(graphemes) }
    package var isEmpty: Bool { graphemes.isEmpty }

    /// Inserts at the cursor. A combining mark typed after a letter joins its grapheme,
    /// as the terminal sends the scalars one by one.
    package mutating func insert(_ c: Character) {
        // A carriage return (a terminal's Enter, a pasted Windows line end) is a line break.
        if c == "\r" || c == "\r\n" {
            insert("\n" as Character)
            return
        }
        if c != "\n", cursor > 0, (String(graphemes[cursor - 1]) + String(c)).count == 1 {
            graphemes[cursor - 1] = Character(String(graphemes[cursor - 1]) + String(c))
            return
        }
        graphemes.insert(c, at: cursor)
        cursor += 1
    }

    package mutating func insert(_ text: String) { for c in text { insert(c) } }

    /// Deletes the grapheme before the cursor.
    package mutating func backspace() {
        guard cursor > 0 else { return }
        graphemes.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the grapheme under the cursor.
    package mutating func delete() {
        guard cursor < graphemes.count else { return }
        graphemes.remove(at: cursor)
    }

    package mutating func left() { cursor = max(0, cursor - 1) }
    package mutating func right() { cursor = min(graphemes.count, cursor + 1) }
    package mutating func home() { cursor = 0 }
    package mutating func end() { cursor = graphemes.count }
    package mutating func clear() { self = LineEditor() }

    /// Places the cursor at a grapheme index (clamped to the text).
    package mutating func setCursor(_ index: Int) { cursor = max(0, min(graphemes.count, index)) }

    /// What fits in `width` columns around the cursor, and the cursor's column in it.
    /// The window scrolls so the cursor is always visible; a wide grapheme is shown
    /// whole or not at all.
    package func window(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        // Start as far left as lets the cursor (plus one column for it) fit.
        var start = cursor
        var used = 1
        while start > 0, used + DisplayWidth.of(graphemes[start - 1]) <= width {
            start -= 1
            used += DisplayWidth.of(graphemes[start])
        }
        var shown = ""
        var columns = 0
        for g in graphemes[start...] {
            let w = DisplayWidth.of(g)
            if columns + w > width { break }
            shown.append(g)
            columns += w
        }
        return (shown, DisplayWidth.of(String(graphemes[start..<cursor])))
    }
}
