import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The register form, action forms and search, driven by keys on an in-memory log.
@Suite("Console forms")
struct FormTests {
    /// Fills the register form for the group visit of REGULATION.md's worked example.
    static func fillGroupVisit(_ desk: Desk) {
        desk.press(.character("r"))
        desk.tab(to: "petitioner.name")
        desk.type("张伟")
        desk.press(.tab)
        desk.type(Fixtures.zhangWeiID)
        desk.press(.tab)
        desk.type("13800138000")
        desk.press(.tab)
        desk.type("临江区滨江路1号")
        desk.tab(to: "category")
        desk.press(.enter)
        desk.type("安置")
        desk.press(.enter)
        desk.press(.tab)
        desk.type("要求落实安置补偿")
        desk.press(.tab)
        desk.type("2024年房屋被征收，安置房至今未交付")
        desk.press(.tab)
        desk.type("依据征收补偿协议")
        desk.tab(to: "group.people")
        desk.type("12")
        desk.press(.tab)
        desk.type("李娜")
        desk.press(.tab)
        desk.type(Fixtures.liNaID)
    }

    @Test func aClerkRegistersAGroupVisitWithChineseNamesAndSeesItsDeadline() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fillGroupVisit(desk)
        #expect(desk.screen.contains("代表2姓名") && desk.screen.contains("李娜"))
        #expect(desk.book.states.isEmpty, "nothing is written before F2")
        desk.press(.function(2))
        #expect(desk.book.states.count == 1)
        let c = try #require(desk.book.states.first)
        #expect(c.petition?.group?.people == 12)
        #expect(c.petition?.group?.representatives.map { $0.name ?? "" } == ["张伟", "李娜"])
        #expect(c.petition?.category == "RESETTLEMENT" && c.petition?.channel == .visit)
        let screen = desk.screen
        #expect(screen.contains("登记成功：D-XFJ-2025-00001"), "\(screen)")
        #expect(screen.contains("张伟 等12人") && screen.contains("代表2：李娜"))
        // The triage clock of Art 22: 15 days from 2025-05-12.
        #expect(screen.contains("信访部门分办") && screen.contains("2025-05-27") && screen.contains("第22条"))
    }

    @Test func aWrongIDIsShownUnderItsFieldAndAMissingRequestBlocksTheSaveNamingArticle19() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.name")
        desk.type("张伟")
        desk.press(.tab)
        desk.type("110105194912310021")  // wrong check digit
        desk.press(.tab)
        let lines = desk.grid.text
        let idRow = try #require(lines.firstIndex { $0.contains("身份证号") && $0.contains("110105194912310021") })
        #expect(lines[idRow + 1].contains("!") && lines[idRow + 1].contains("身份证"), "\(lines[idRow + 1])")
        // Correct it; the problem goes.
        desk.press(.backTab)
        desk.press(.end, .backspace)
        desk.type("X")
        desk.press(.backspace)
        for _ in 0..<17 { desk.press(.backspace) }
        desk.type(Fixtures.zhangWeiID)
        desk.press(.tab)
        #expect(desk.state.form?.errors["petitioner.idNumber"] == nil)
        // Save without a category and a request: both are marked (missing facts and reasons
        // are registered and flagged, not refused), the first in the form's order is named,
        // the focus goes to it, and nothing is written.
        desk.press(.control("s"))
        #expect(desk.book.states.isEmpty)
        #expect(desk.state.form?.focus == "category")
        #expect(desk.state.flash?.text == "共2处需改正：请填写问题类别")
        // With the category picked, the missing request is named, with Art 19: without one it
        // is no petition at all.
        desk.press(.enter)
        desk.type("安置")
        desk.press(.enter, .control("s"))
        #expect(desk.book.states.isEmpty)
        #expect(desk.state.form?.focus == "request")
        #expect(desk.state.flash?.text
                == "没有信访请求，不构成信访事项，不予登记；有请求的，缺事实、理由也应登记并告知补正（依据《信访工作条例》第19条第1款）")
    }

    @Test func aSixthRepresentativeHasNoPlaceAndArticle20Paragraph3IsShown() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fillGroupVisit(desk)
        let screen = desk.screen
        #expect(screen.contains("代表最多5名") && screen.contains("第20条第3款"))
        desk.tab(to: "group.representatives[5].phone")
        desk.press(.tab)
        #expect(desk.state.form?.focus == "group.representatives[5].phone", "the fifth representative is the last")
        // A group of one is refused beside the field, with the article.
        desk.tab(to: "group.people")
        desk.press(.backspace, .backspace)
        desk.type("1")
        desk.press(.tab)
        let message = try #require(desk.state.form?.errors["group.people"])
        #expect(message.contains("第20条第3款"), "\(message)")
    }

    @Test func escAsksBeforeThrowingTypingAwayAndAResizeKeepsIt() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.name")
        desk.type("王芳")
        desk.press(.escape)
        #expect(desk.screen.contains("放弃已填写的内容？"))
        desk.press(.character("n"))
        #expect(desk.value("petitioner.name") == "王芳")
        desk.resize(rows: 30, columns: 100)
        #expect(desk.grid.rows == 30 && desk.grid.columns == 100)
        #expect(desk.screen.contains("王芳"), "redrawn at the new size with what was typed")
        desk.resize(rows: 24, columns: 80)
        desk.press(.function(1))
        #expect(desk.screen.contains("登记依据的条款") && desk.screen.contains("第20条"))
        desk.press(.escape)
        #expect(desk.value("petitioner.name") == "王芳", "help and back keep the form")
        desk.press(.escape, .character("y"))
        #expect(desk.state.screen == .home && desk.state.form == nil)
        // An untouched form closes without asking.
        desk.press(.character("r"), .escape)
        #expect(desk.state.screen == .home)
    }

    @Test func fieldsEditByGraphemeWithTheCursorPlacedByWidth() throws {
        let desk = try Desk(Fixtures.clerk)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.name")
        desk.type("张e\u{301}伟")  // é typed as e + combining acute: one grapheme
        #expect(desk.value("petitioner.name") == "张é伟")
        desk.press(.left, .backspace)
        #expect(desk.value("petitioner.name") == "张伟", "backspace removes the whole é")
        let cursor = try #require(desk.grid.cursor)
        let row = desk.grid.text[cursor.row]
        // The cursor sits after 张 (2 columns) from the start of the value.
        let valueStart = DisplayWidth.of(String(row.prefix { $0 != "张" }))
        #expect(cursor.column == valueStart + 2)
    }

    @Test func anEarlierCaseOfThePersonAppearsAndARepeatPetitionIsLinked() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fillGroupVisit(desk)
        desk.press(.function(2))
        // The same person comes back.
        desk.press(.escape, .character("r"))
        desk.tab(to: "petitioner.idNumber")
        #expect(desk.screen.contains("输入完整证件号码"))
        desk.type(Fixtures.zhangWeiID)
        let screen = desk.screen
        #expect(screen.contains("此人以往信访") && screen.contains("D-XFJ-2025-00001") && screen.contains("已登记"))
        #expect(screen.contains("重复访") && screen.contains("工作实践"), "\(screen)")
        #expect(screen.contains("信访部门分办") && screen.contains("还剩15天"))
        desk.tab(to: "petitioner.name")
        desk.type("张伟")
        desk.tab(to: "category")
        desk.press(.enter)
        desk.type("安置")
        desk.press(.enter, .tab)
        desk.type("再次要求落实安置补偿")
        desk.press(.tab)
        desk.type("安置房仍未交付")
        desk.press(.tab)
        desk.type("依据征收补偿协议")
        desk.press(.function(2))
        let flash = try #require(desk.state.flash?.text)
        // The new case's number is the screen's title; the line names the earlier case, the
        // article and the key, whole within 80 columns.
        #expect(desk.screen.contains("D-XFJ-2025-00002"))
        #expect(flash.contains("D-XFJ-2025-00001") && flash.contains("工作实践") && flash.contains("按 L 关联"), "\(flash)")
        #expect(DisplayWidth.of(flash) <= 78, "\(flash)")
        // The link form starts filled in with the earlier case.
        desk.press(.character("a"))
        let list = desk.screen
        let linkRow = try #require(list.split(separator: "\n").firstIndex { $0.contains("关联") })
        for _ in 0..<(linkRow - 2) { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.value("to") == "D-XFJ-2025-00001" && desk.value("kind") == "repeats")
        desk.press(.function(2))
        #expect(desk.book[CaseNumber("D-XFJ-2025-00002")!]?.links.first?.to == CaseNumber("D-XFJ-2025-00001"))
    }

    /// The register screen of `actor` at `time`, on a log holding `phase`'s case of 张伟,
    /// once 张伟's ID number has been typed.
    func registerScreenForZhangWei(as actor: PetitionCore.Actor, at time: String, with phase: Phase) throws -> String {
        let desk = try Desk(actor, at: time, events: Scenario.at(phase).log)
        desk.press(.character("r"))
        desk.tab(to: "petitioner.idNumber")
        desk.type(Fixtures.zhangWeiID)
        return desk.screen
    }

    @Test func aMatterFinalAfterReReviewIsFlaggedArticle36() throws {
        let screen = try registerScreenForZhangWei(as: Fixtures.clerk, at: "2025-12-01T09:00", with: .final)
        #expect(screen.contains("已终结") && screen.contains("第36条"), "\(screen)")
    }

    @Test func aMatterPendingBelowIsFlaggedArticle19AtTheSuperior() throws {
        let screen = try registerScreenForZhangWei(as: Fixtures.cityGovClerk, at: "2025-06-01T09:00", with: .handling)
        #expect(screen.contains("下级在办") && screen.contains("第19条第3款"), "\(screen)")
    }

    @Test func searchFindsByNumberNamePhoneAndTextButNotWithheldAccusations() throws {
        let desk = try Desk(Fixtures.clerk)
        Self.fillGroupVisit(desk)
        desk.press(.function(2), .escape, .character("s"))
        for (query, matched) in [("D-XFJ-2025-00001", "案件编号"), ("张伟", "姓名"), ("13800138000", "联系电话"),
                                 ("安置房", "内容"), ("002X", "证件号码")] {
            while !(desk.state.query.isEmpty) { desk.press(.backspace) }
            desk.type(query)
            #expect(desk.screen.contains("找到1件") && desk.screen.contains(matched), "\(query)")
        }
        while !(desk.state.query.isEmpty) { desk.press(.backspace) }
        desk.type("没有这个人")
        #expect(desk.screen.contains("找到0件"))
    }

    @Test func theRegisterScreenReadsInEnglish() throws {
        let desk = try Desk(Fixtures.clerk, language: .en)
        desk.press(.character("r"))
        let screen = desk.screen
        for text in ["Register", "Channel", "‹ visit ›", "Resident ID", "Earlier petitions", "Matter type", "F2 ^S save"] {
            #expect(screen.contains(text), "\(text)")
        }
        #expect(!screen.contains("信访渠道"))
    }

    @Test func theQueueCyclesViewsAndSorts() throws {
        let desk = try Desk(Fixtures.clerk, events: Scenario.at(.transferred).log)
        desk.press(.character("w"))
        #expect(desk.screen.contains("[全部 · 按期限]") && desk.state.rows.count == 1)
        desk.press(.tab, .tab)
        #expect(desk.screen.contains("[本机关 · 按期限]") && desk.state.rows.isEmpty, "the case is with D-ZJJ now")
        desk.press(.character("o"))
        #expect(desk.screen.contains("按编号"))
    }
}
