import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// Issue 12's console bullets, each reproduced by key: choice fields are pickers in
/// Chinese, a picker does not cover its field's problem, spare width goes to the cut
/// columns, and the register form's earlier-cases panel.
@Suite("Console: pickers, widths and the earlier-cases panel")
struct ConsoleBulletTests {
    /// The handler's opinion form on a case in handling.
    static func opinionForm() throws -> Desk {
        let desk = try Desk(Fixtures.housingHandler, at: "2025-05-12T10:00", events: Scenario.at(.handling).log)
        CaseScreenTests.open(desk)
        desk.press(.character("a"))
        let list = desk.screen.split(separator: "\n")
        let row = try #require(list.firstIndex { $0.contains("出具处理意见") })
        for _ in 0..<(row - 2) { desk.press(.down) }
        desk.press(.enter)
        return desk
    }

    /// 三到位一处理 was typed as English codes, comma-separated, its hint cut at 80 columns.
    @Test func measuresAreTickedInAListOfChineseLabels() throws {
        let desk = try Self.opinionForm()
        #expect(desk.state.screen.actionKind == .issueOpinion)
        desk.tab(to: "measures")
        #expect(!desk.screen.contains("solved="), "no codes to type")
        desk.press(.enter)
        let list = desk.screen
        for label in ["问题解决到位", "解释疏导到位", "帮扶救助到位", "依法处理"] { #expect(list.contains(label), "\(label)") }
        desk.press(.character(" "), .down, .down, .character(" "))
        #expect(desk.screen.contains("[✓]问题解决到位"))
        desk.press(.enter)
        #expect(desk.value("measures") == "solved,assisted")
        #expect(desk.screen.contains("问题解决到位、帮扶救助到位"))
    }

    /// The outcome list offers what fits the case's matter type only (a grievance: Art 32).
    @Test func theOutcomeListOffersOnlyWhatFitsTheMatter() throws {
        let desk = try Self.opinionForm()
        desk.tab(to: "outcome")
        desk.press(.enter)
        let list = desk.screen
        #expect(list.contains("支持") && list.contains("解释说明") && list.contains("不予支持"))
        #expect(!list.contains("采纳") && !list.contains("属实"), "\(list)")
        #expect(list.contains("共3项"))
    }

    /// The organ picker drew over the line saying what was wrong with the field.
    @Test func thePickerDoesNotCoverItsFieldsProblem() throws {
        let desk = try ScreenTests.desk(Fixtures.clerk)
        desk.press(.character("w"), .character("j"), .enter, .character("a"), .enter)
        #expect(desk.state.screen.actionKind == .transfer)
        desk.press(.function(2))
        let problem = try #require(desk.state.form?.errors["to"])
        desk.press(.enter)
        #expect(desk.state.form?.picker != nil)
        #expect(desk.screen.contains(String(problem.prefix(8))), "\(desk.screen)")
    }

    /// At 200 columns the spare width went to one column while the clock stayed cut.
    @Test func spareWidthGoesToTheColumnsThatAreCut() throws {
        let desk = try ScreenTests.desk()
        desk.press(.character("w"))
        #expect(!desk.screen.contains("信访部门分办"), "cut at 80 columns")
        desk.resize(rows: 24, columns: 200)
        let row = try #require(desk.grid.text.first { $0.contains("D-XFJ-2025-00003") })
        #expect(row.contains("信访部门分办"), "\(row)")
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: CaseScreenTests.golden("queue-200"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// A log with 张伟's group visit; the clerk types his ID number at the register form.
    static func registerWithZhangWeisCase() throws -> Desk {
        let desk = try Desk(Fixtures.clerk, at: "2025-05-12T10:00", events: Scenario.at(.registered).log)
        desk.press(.character("r"))
        return desk
    }

    /// 11010519491231002X typed with 李四 raised no question though the case on file is 张伟's.
    @Test func theNameOnRecordIsShownAndADifferentNameAsked() throws {
        let desk = try Self.registerWithZhangWeisCase()
        desk.tab(to: "petitioner.name")
        desk.type("李四")
        desk.press(.tab)
        desk.type(Fixtures.zhangWeiID)
        let screen = desk.screen
        #expect(screen.contains("登记姓名：张伟"), "\(screen)")
        #expect(screen.contains("请求：要求落实安置补偿"))
        #expect(screen.contains("⚠ 所填姓名「李四」") && screen.contains("张伟」不同"), "\(screen)")
        let golden = GoldenFile.mismatch(desk.grid.snapshot, at: CaseScreenTests.golden("register-earlier-other-name"))
        #expect(golden == nil, "\(golden ?? "")")
    }

    /// A representative's ID on record under that representative's name raised "所填姓名「陈刚」
    /// 与登记的「李娜」不同": the first name on the form was compared, not the representative's.
    @Test func aRepresentativesNameIsComparedWithTheRepresentativeOnRecord() throws {
        let desk = try Self.registerWithZhangWeisCase()
        desk.tab(to: "petitioner.name")
        desk.type("陈刚")
        desk.tab(to: "group.people")
        desk.type("12")
        desk.tab(to: "group.representatives[2].name")
        desk.type("李娜")
        desk.tab(to: "group.representatives[2].idNumber")
        desk.type(Fixtures.liNaID)
        desk.press(.tab)
        let screen = desk.screen
        #expect(screen.contains("登记姓名：李娜") && !screen.contains("所填姓名"), "\(screen)")
    }

    /// An ID with a bad check digit said "初信初访".
    @Test func anIDWithABadCheckDigitIsInvalidNotAFirstPetition() throws {
        let desk = try Self.registerWithZhangWeisCase()
        desk.tab(to: "petitioner.idNumber")
        desk.type("110105194912310021")
        let screen = desk.screen
        #expect(!screen.contains("初信初访"))
        #expect(screen.contains("证件号码无效") && screen.contains("校验位不符"), "\(screen)")
    }

    /// An earlier case could not be opened from the form: F3 opens it, Esc comes back
    /// to the form with everything typed.
    @Test func anEarlierCaseOpensFromTheFormAndTheFormWaits() throws {
        let desk = try Self.registerWithZhangWeisCase()
        desk.tab(to: "petitioner.name")
        desk.type("张伟")
        desk.press(.tab)
        desk.type(Fixtures.zhangWeiID)
        desk.tab(to: "request")
        desk.type("再次要求")
        desk.press(.function(3))
        #expect(desk.state.screen == .detail(CaseNumber("D-XFJ-2025-00001")!))
        #expect(desk.screen.contains("要求落实安置补偿"))
        // No other form opens over the waiting one.
        desk.press(.character("a"))
        #expect(desk.state.form?.values["request"]?.text == "再次要求")
        desk.press(.escape, .escape)
        #expect(desk.state.screen == .register, "\(desk.state.screen)")
        #expect(desk.value("request") == "再次要求" && desk.value("petitioner.name") == "张伟")
        #expect(desk.state.form?.focus == "request")
    }

    /// A case being handled by 区住建局 with a 督办 of it for each suggestion, in order (the
    /// supervisor's), its screen open.
    static func caseUnderSupervision(_ suggestions: [Suggestion]) throws -> Desk {
        var s = Scenario.at(.handling)
        for (i, suggestion) in suggestions.enumerated() {
            _ = try s.run(.orderSupervision(organ: "D-ZJJ", suggestion: suggestion, reason: "办理迟缓\(i + 1)", days: 30),
                          as: Fixtures.supervisor, at: "2025-05-10T0\(9 + i / 2):\(i % 2 == 0 ? "00" : "30")")
        }
        let desk = try Desk(Fixtures.supervisor, at: "2025-05-12T10:00", events: s.log)
        CaseScreenTests.open(desk)
        return desk
    }

    /// From the case screen: `a`, down to 记录督办反馈, Enter — its form open.
    static func openFeedbackForm(_ desk: Desk) throws {
        desk.press(.character("a"))
        let row = try #require(desk.screen.split(separator: "\n").firstIndex { $0.contains("记录督办反馈") })
        for _ in 0..<(row - 2) { desk.press(.down) }
        desk.press(.enter)
        #expect(desk.state.screen.actionKind == .recordFeedback)
    }

    /// 督办单序号 was a number typed by hand: it is picked from the case's open orders, each
    /// named by who answers it (Art 40 para 4) — the organ supervised for improve-work, the
    /// addressee its paragraph names for improve-policy (tester, issue 14: it named the organ
    /// supervised for every suggestion).
    @Test func feedbackPicksItsSupervisionOrderFromAList() throws {
        let desk = try Self.caseUnderSupervision([.improveWork, .improvePolicy])
        try Self.openFeedbackForm(desk)
        desk.tab(to: "order")
        desk.press(.enter)
        #expect(desk.screen.contains("第1号 改进工作 → 区住建局") && desk.screen.contains("共2项"), "\(desk.screen)")
        #expect(desk.screen.contains("第2号 完善政策 → 区委、区政府（关于区住建局）"), "\(desk.screen)")
        desk.press(.enter)
        #expect(desk.value("order") == "1")
    }

    /// An order's line in the case's timeline says where a policy suggestion goes (Art 40
    /// para 2: the issuer's own level's Party committee and government), which an improve-work
    /// suggestion, sent to the organ supervised, does not repeat.
    @Test func aPolicySuggestionSaysWhereItGoes() throws {
        let desk = try Self.caseUnderSupervision([.improveWork, .improvePolicy])
        // Each open order's feedback clock names its order (tester, issue 13: two identical lines).
        #expect(desk.screen.contains("督办反馈（第1号） 2025-06-09") && !desk.screen.contains(/督办反馈 +2025/), "\(desk.screen)")
        desk.press(.end)
        let lines = desk.screen.split(separator: "\n").map(String.init)
        let sent = lines.filter { $0.contains("建议送") }
        #expect(sent.count == 1, "\(desk.screen)")
        #expect(sent.first?.contains("中共临江区委员会、临江区人民政府") == true, "\(desk.screen)")
    }

    /// The one open order is filled in already (tester: F2 said 请填写督办单序号).
    @Test func feedbackFillsInTheOneOpenOrder() throws {
        let desk = try Self.caseUnderSupervision([.improveWork])
        try Self.openFeedbackForm(desk)
        #expect(desk.value("order") == "1")
    }
}
