import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Issue 11, item 5, at the window: every bad input typed into the register form gets
/// its message (beside the field and on the flash line, with escapes, never raw) and
/// writes nothing; control characters cannot be typed at all.
@Suite("Console register form: input that cannot slip through")
struct FormInputRulesTests {
    /// A visit filled in fully and correctly, then one field typed as `value`.
    static func fill(_ desk: Desk, _ field: String, _ value: String) {
        FormTests.fillGroupVisit(desk)
        desk.tab(to: field)
        desk.press(.control("u"))  // clears the field (Home is the row's start in a long text field)
        desk.type(value)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var label: String
        var field: String
        var value: String
        /// What the flash line and the field's own line say.
        var message: String
        var testDescription: String { label }
    }

    static let refused: [Row] = [
        Row(label: "invisible-only name", field: "petitioner.name", value: "\u{200B}\u{200B}",
            message: "第1位代表的姓名（名称）（依据《信访工作条例》第19条第1款）"),
        Row(label: "bidi override in a name", field: "petitioner.name", value: "张\u{202E}伟",
            message: "信访人的姓名（名称）第2个字符 <U+202E> 是控制字符、双向文字控制符或零宽字符"),
        Row(label: "zero-width space in a name", field: "petitioner.name", value: "张\u{200B}伟",
            message: "第2个字符 <U+200B>"),
        Row(label: "zero-width joiner in an address", field: "petitioner.address", value: "临江\u{200D}区",
            message: "信访人的住址第3个字符 <U+200D>"),
        Row(label: "name over 64 characters", field: "petitioner.name", value: String(repeating: "张", count: 65),
            message: "信访人的姓名（名称）过长：最多64个字符，现为65个字符"),
        Row(label: "address over 256 characters", field: "petitioner.address", value: String(repeating: "路", count: 257),
            message: "信访人的住址过长：最多256个字符"),
        Row(label: "override in the request", field: "request", value: "要求\u{202E}补偿",
            message: "信访请求第3个字符 <U+202E> 是控制字符或双向文字控制符"),
        Row(label: "invisible-only request", field: "request", value: "\u{FEFF}\u{200B}",
            message: "没有信访请求，不构成信访事项"),
    ]

    /// Missing reasons are a warning, not a refusal: the visit is registered with the gap
    /// flagged for a supplement (Art 22 para 1; issue 12).
    @Test func aVisitWithoutReasonsIsSavedAndFlagged() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fill(desk, "reasons", "")
        desk.press(.function(2))
        let state = try #require(desk.book.states.first, "\(desk.state.flash?.text ?? "no flash")")
        #expect(state.flags.contains(.missingReasons))
    }

    @Test(arguments: refused)
    func aBadValueIsRefusedWithItsMessageAndNothingIsWritten(row: Row) throws {
        let desk = try Desk(Fixtures.clerk)
        let before = desk.log.events
        Self.fill(desk, row.field, row.value)
        desk.press(.function(2))
        #expect(desk.log.events.count == before.count, "nothing written")
        #expect(desk.book.states.isEmpty)
        #expect(desk.state.flash?.text.contains(row.message) == true, "\(desk.state.flash?.text ?? "no flash")")
        #expect(desk.state.form?.focus == row.field, "the cursor is put on the field")
        // Nothing invisible reaches the terminal: every cell is a visible grapheme.
        #expect(!desk.screen.unicodeScalars.contains { InputText.isInvisible($0) && $0 != "\n" })
    }

    /// NUL and other control characters are not entered by typing: the form keeps only
    /// what is printable, and the rest of the text is saved as typed. (ESC is the Esc key,
    /// which asks before throwing the typing away, and Ctrl-G and Ctrl-S are keys of the
    /// form: the terminal never delivers them as text.)
    @Test(arguments: ["\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{9B}"])
    func aControlCharacterCannotBeTypedIntoAField(control: String) throws {
        let desk = try Desk(Fixtures.clerk)
        FormTests.fillGroupVisit(desk)
        desk.tab(to: "petitioner.address")
        desk.press(.end)
        desk.type("2" + control + "号")
        #expect(desk.value("petitioner.address") == "临江区滨江路1号2号")
        desk.press(.function(2))
        #expect(desk.book.states.count == 1)
        #expect(desk.book.states.first?.petition?.petitioner.address == "临江区滨江路1号2号")
    }

    @Test func anActionFormRefusesAnOverrideOrAnOverlongTextAndWritesNothing() throws {
        let transferred = Scenario.at(.transferred)
        let desk = try Desk(Fixtures.housingHandler, at: "2025-05-06T09:00", events: transferred.log)
        desk.press(.character("s"))
        desk.type(Fixtures.liNaID)
        desk.press(.enter, .character("a"), .enter, .function(2))
        #expect(desk.book.states[0].phase == .received)
        let before = desk.log.events.count
        desk.press(.character("a"))
        #expect(desk.screen.contains("▶受理告知"))
        desk.press(.enter)
        desk.type("依照\u{202E}第32条办理")
        desk.press(.function(2))
        #expect(desk.state.flash?.text.contains("办理途径和程序第3个字符 <U+202E>") == true, "\(desk.state.flash?.text ?? "")")
        #expect(desk.log.events.count == before && desk.book.states[0].phase == .received)
        #expect(!desk.screen.unicodeScalars.contains { InputText.isInvisible($0) && $0 != "\n" })
    }
}
