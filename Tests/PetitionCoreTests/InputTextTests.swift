import PetitionCore
import TestSupport
import Testing

/// Input that cannot slip through (issue 11, item 5): characters, emptiness, lengths,
/// NFC, and the visible escapes every message uses.
@Suite("Input text: characters, lengths, NFC")
struct InputTextTests {
    func register(_ p: Petition, at time: String = "2025-04-28T09:00") -> Rejection? {
        Scenario().attempt(.register(p), as: Fixtures.clerk, at: time)
    }

    func text(_ r: Rejection?) -> String {
        r?.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory) ?? "accepted"
    }

    /// Every bad character in a name, refused with the field, the character as an escape
    /// and its position; the same name of that character alone counts as no name.
    @Test(arguments: [
        ("\u{0}", "\\u{0}"), ("\u{1B}", "\\u{1B}"), ("\u{7F}", "\\u{7F}"), ("\u{85}", "\\u{85}"),
        ("\u{202E}", "<U+202E>"), ("\u{2066}", "<U+2066>"), ("\u{200F}", "<U+200F>"), ("\u{061C}", "<U+061C>"),
        ("\u{200B}", "<U+200B>"), ("\u{200D}", "<U+200D>"), ("\u{2060}", "<U+2060>"), ("\u{FEFF}", "<U+FEFF>"),
        ("\t", "\\u{9}"), ("\n", "\\u{A}"),
    ])
    func aNameWithAnInvisibleCharacterIsRefusedNamingItsField(bad: String, shown: String) throws {
        var p = Fixtures.letter()
        p.petitioner.name = "张" + bad + "伟"
        let r = try #require(register(p))
        #expect(r.code == .forbiddenCharacter && r.field == "petitioner.name")
        #expect(text(r).hasPrefix("信访人的姓名（名称）第2个字符 \(shown) 是控制字符、双向文字控制符或零宽字符，不能录入"), "\(text(r))")
    }

    @Test(arguments: ["\u{200B}", "\u{202E}", "\u{0}", "\u{200B}\u{200B} \u{FEFF}", "\u{3000}\u{200D}"])
    func aNameOfInvisibleCharactersOnlyIsNoName(name: String) throws {
        // A letter without a name is registered, flagged: the petitioner cannot be told (Art 19).
        var letter = Fixtures.letter()
        letter.petitioner.name = name
        #expect(register(letter) == nil)
        #expect(letter.isUnreachable)
        var s = Scenario()
        try s.run(.register(letter), as: Fixtures.clerk, at: "2025-04-28T09:00")
        #expect(s.state.petition?.petitioner.name == nil)
        #expect(s.state.flags.contains(.unreachable))
        // At a visit the name is required.
        var visit = Fixtures.groupVisit()
        visit.group = nil
        visit.petitioner.name = name
        let r = try #require(register(visit))
        #expect(r.code == .missingField && r.field == "petitioner.name")
        #expect(text(r) == "请填写信访人的姓名（名称）（依据《信访工作条例》第19条第1款）")
    }

    @Test func requestFactsAndReasonsOfInvisibleCharactersOnlyAreMissing() {
        var p = Fixtures.letter()
        p.request = "\u{200B}\u{FEFF}\n"
        #expect(register(p)?.code == .notAPetition)
        #expect(register(p)?.field == "request")
    }

    @Test func longTextKeepsLineBreaksAndTabsButNotOtherControlsOrOverrides() {
        var p = Fixtures.letter()
        p.facts = "第一段\n\t第二段\r\n"
        #expect(register(p) == nil)
        for bad in ["\u{1B}]0;pwned\u{7}", "\u{0}", "\u{202E}", "\u{2067}"] {
            p.facts = "事实" + bad
            #expect(register(p)?.code == .forbiddenCharacter, "\(bad.unicodeScalars.map(\.value))")
            #expect(register(p)?.field == "facts")
        }
    }

    @Test(arguments: [("petitioner.name", 64), ("petitioner.idNumber", 32), ("petitioner.phone", 32),
                      ("petitioner.address", 256), ("request", 8000), ("facts", 8000), ("reasons", 8000),
                      ("category", 32)])
    func everyFieldHasAMaximumLengthRefusedNamingTheLimit(field: String, limit: Int) throws {
        var p = Fixtures.letter()
        p.petitioner.kind = .foreigner  // a passport number: its length is the only check before the limit
        let atLimit = String(repeating: "字", count: limit), over = atLimit + "字"
        func set(_ value: String) {
            switch field {
            case "petitioner.name": p.petitioner.name = value
            case "petitioner.idNumber": p.petitioner.idNumber = value
            case "petitioner.phone": p.petitioner.phone = value
            case "petitioner.address": p.petitioner.address = value
            case "request": p.request = value
            case "facts": p.facts = value
            case "reasons": p.reasons = value
            default: p.category = value
            }
        }
        set(over)
        let r = try #require(register(p))
        #expect(r.code == .fieldTooLong && r.field == field)
        #expect(text(r).contains("过长：最多\(limit)个字符，现为\(limit + 1)个字符"), "\(text(r))")
        set(atLimit)
        #expect(register(p)?.code != .fieldTooLong)
    }

    @Test func aFiftyMegabyteFieldIsRefusedByItsLimitNotByTheStore() throws {
        var p = Fixtures.letter()
        p.request = String(repeating: "a", count: 50 << 20)
        let r = try #require(register(p))
        #expect(r.code == .fieldTooLong && r.field == "request" && r.details["length"] == "\(50 << 20)")
    }

    @Test func textIsStoredInNFC() throws {
        var p = Fixtures.letter()
        p.petitioner.name = "Jose\u{301}"  // e + combining acute
        p.request = "cafe\u{301}"
        var s = Scenario()
        try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T09:00")
        #expect(s.state.petition?.petitioner.name?.unicodeScalars.map(\.value) == Array("José".unicodeScalars.map(\.value)))
        #expect(s.state.petition?.request.unicodeScalars.count == 4)
    }

    @Test func anActionsFieldsFollowTheSameRules() throws {
        #expect(throws: Rejection.self) { try ActionCatalog.command(.transfer, ["to": "D-ZJJ\u{202E}"]) }
        #expect(throws: Rejection.self) { try ActionCatalog.command(.withdraw, ["note": String(repeating: "说", count: 2001)]) }
        #expect(throws: Rejection.self) { try ActionCatalog.command(.withdraw, ["note": "撤回\u{1B}[2J"]) }
        // Line breaks in a note are kept; a field of invisible characters only is missing.
        #expect(try ActionCatalog.command(.withdraw, ["note": "本人撤回\n  "]) == .withdraw(note: "本人撤回"))
        do {
            _ = try ActionCatalog.command(.withdraw, ["note": "\u{200B}"])
            Issue.record("an invisible note was accepted")
        } catch {
            #expect(error.code == .missingField && error.field == "note")
        }
    }

    @Test func visibleShowsControlAndBidiCharactersAsEscapes() {
        #expect(InputText.visible("X\u{1B}]0;pwned\u{7}") == "X\\u{1B}]0;pwned\\u{7}")
        #expect(InputText.visible("张\u{202E}伟\u{200B}") == "张<U+202E>伟<U+200B>")
        #expect(InputText.visible("\u{0}\u{9F}") == "\\u{0}\\u{9F}")
        #expect(InputText.visible("临江区 Main St.") == "临江区 Main St.")
    }
}
