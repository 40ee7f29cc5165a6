import ConsoleUI
import Foundation
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Long text fields edited over many rows (issue 12, item 1): wrapping by display width
/// with Chinese, the cursor moving across wrapped rows, Enter for a new line, a page
/// pasted at once, and the core's limits.
@Suite("Console: long text fields")
struct LongTextTests {
    @Test func rowsWrapByDisplayWidthAndNeverSplitAWideCharacter() {
        // 9 columns: 4 Chinese characters (8 columns) fit, the 5th starts the next row.
        let editor = LineEditor("一二三四五六七八九十")
        #expect(editor.rows(width: 9).map { String(editor.graphemes[$0.start..<$0.end]) } == ["一二三四", "五六七八", "九十"])
        let mixed = LineEditor("ab一二\n三")
        #expect(mixed.rows(width: 6).map { String(mixed.graphemes[$0.start..<$0.end]) } == ["ab一二", "三"])
        #expect(LineEditor("").rows(width: 5).count == 1)
        #expect(LineEditor("一\n").rows(width: 5).count == 2, "a line break at the end opens an empty row")
    }

    @Test func theCursorMovesUpAndDownByTheRowsAsShown() {
        var editor = LineEditor("一二三四五六七八九十")
        #expect(editor.position(width: 9) == (2, 4))
        let up = editor.moveRow(by: -1, width: 9)
        #expect(up)
        #expect(editor.position(width: 9) == (1, 4) && editor.cursor == 6)
        editor.insert("X")
        #expect(editor.text == "一二三四五六X七八九十")
        let twice = editor.moveRow(by: -1, width: 9)
        let beyond = editor.moveRow(by: -1, width: 9)
        #expect(twice && !beyond, "no row above the first")
        editor.rowHome(width: 9)
        #expect(editor.cursor == 0)
        editor.rowEnd(width: 9)
        #expect(editor.cursor == 4)
        // A column in the middle of a wide character lands before it.
        var latin = LineEditor("abc\n一二")
        latin.setCursor(1)
        let down = latin.moveRow(by: 1, width: 10)
        #expect(down && latin.cursor == 4)
    }

    static func factsField(_ desk: Desk) {
        desk.press(.character("r"))
        desk.tab(to: "facts")
    }

    /// Enter starts a new line in the facts (it moved to the next field), Tab moves on,
    /// and the register form shows the facts over several rows while it has the cursor.
    @Test func enterStartsANewLineInFactsAndTabMovesOn() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.factsField(desk)
        desk.type("安置房至今未交付")
        desk.press(.enter)
        desk.type("过渡费停发")
        #expect(desk.value("facts") == "安置房至今未交付\n过渡费停发")
        #expect(desk.state.form?.focus == "facts")
        let rows = desk.grid.text
        let first = try #require(rows.firstIndex { $0.contains("安置房至今未交付") })
        #expect(rows[first + 1].contains("过渡费停发"), "the new line is the next row")
        #expect(desk.grid.cursor?.row == first + 1)
        desk.press(.up)
        #expect(desk.state.form?.focus == "facts" && desk.grid.cursor?.row == first, "↑ moves to the row above")
        desk.press(.up)
        #expect(desk.state.form?.focus == "request", "↑ on the first row goes to the field above")
        desk.press(.tab, .tab)
        #expect(desk.state.form?.focus == "reasons")
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: CaseScreenTests.golden("register-facts"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func aFocusedLongFieldMatchesItsGoldenFrame() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.factsField(desk)
        desk.press(.paste(CaseScreenTests.facts))
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: CaseScreenTests.golden("register-facts-focused"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// A page of text pasted at once goes in whole, its line breaks kept, as one key (one
    /// frame drawn, not one a character); typed key by key (a paste without the terminal's
    /// marks) it arrives whole too. (How fast is `make bench`'s to say, not a test's.)
    @Test func aPageOfTextPastesWholeAndFast() throws {
        let page = String(repeating: CaseScreenTests.facts + "\n", count: 20)  // some 2,500 characters
        let desk = try Desk(Fixtures.clerk)
        Self.factsField(desk)
        let frames = desk.backend.drawn
        desk.press(.paste(page))
        let pasted = desk.backend.drawn - frames
        desk.press(.left)
        #expect(pasted == desk.backend.drawn - frames - pasted, "one paste draws what one key draws")
        #expect(desk.value("facts") == page)
        let typed = try Desk(Fixtures.clerk)
        Self.factsField(typed)
        let chunk = String(CaseScreenTests.facts.prefix { $0 != "\n" })  // a terminal sends a line break as Enter
        typed.type(chunk)
        #expect(typed.value("facts") == chunk)
    }

    /// The core's limit (8,000 characters of facts) is shown at once when a paste passes
    /// it, and the save refuses it, naming the field.
    @Test func theCoresLimitStillApplies() throws {
        let desk = try Desk(Fixtures.clerk)
        FormTests.fillGroupVisit(desk)
        desk.tab(to: "facts")
        desk.press(.paste(String(repeating: "长", count: 8001)))
        #expect(desk.state.form?.errors["facts"]?.contains("最多8000个字符") == true)
        let before = desk.log.events.count
        desk.press(.function(2))
        #expect(desk.log.events.count == before)
        #expect(desk.state.form?.focus == "facts")
    }

    /// A one-line field takes a paste as one line.
    @Test func aPasteIntoANameIsOneLine() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.address")
        desk.press(.paste("临江区\n滨江路1号"))
        #expect(desk.value("petitioner.address") == "临江区 滨江路1号")
    }
}
