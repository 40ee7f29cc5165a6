import ConsoleUI
import PetitionCore
import Testing

@Suite("Display width and the cell grid")
struct CellGridTests {
    @Test(arguments: [("张伟", 4), ("abc", 3), ("e\u{301}", 1), ("Ｚ", 2), ("👍", 2), ("临江区信访局", 12), ("", 0)])
    func widthsArePerGrapheme(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func aWideCharacterIsNeverSplitAtTheRightEdge() {
        var grid = CellGrid(rows: 1, columns: 5)
        grid.put("ab张伟", row: 0, column: 0)
        // 张 fills columns 2–3; 伟 would need 4–5 and is replaced by a space.
        #expect(grid.text == ["ab张 "])
        #expect(grid[0, 3].width == 0)
    }

    @Test func controlBidiAndZeroWidthCharactersAreShownAsEscapes() {
        var grid = CellGrid(rows: 1, columns: 40)
        grid.put("a\u{1B}[31mb\n\u{202E}c\u{200B}", row: 0, column: 0)
        #expect(grid.text[0].hasPrefix("a\\u{1B}[31mb\\u{A}<U+202E>c<U+200B>"))
        #expect(!grid.text[0].unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func truncationAndPaddingMeasureColumns() {
        #expect(DisplayWidth.truncate("临江区信访局", to: 7) == "临江区…")
        #expect(DisplayWidth.pad("张伟", to: 6) == "张伟  ")
    }

    @Test func onlyChangedCellsAreRedrawnAndAWideCellRedrawsFromItsStart() {
        var a = CellGrid(rows: 2, columns: 6)
        a.put("张伟", row: 0, column: 0)
        var b = a
        b.put("张三", row: 0, column: 0)
        let changes = b.changes(since: a)
        #expect(changes.map(\.column) == [2])
        #expect(b.changes(since: nil).count == 12)
    }
}
