import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The case screen a handler works from (issue 12, item 1): every field, the texts in
/// full (wrapped, scrollable), each timeline entry's details, links both ways.
@Suite("Console: the case screen")
struct CaseScreenTests {
    static let facts = "2024年3月，临江区滨江路一带的房屋被征收，我们十二户与征收部门签订了征收补偿协议，协议约定安置房于2024年12月31日前交付。"
        + "\n至今安置房仍未交付，过渡费自2025年1月起停发，多次到街道和区住建局询问，均答复正在协调，没有明确时间。"
    static let reasons = "征收补偿协议第八条约定了交付期限和逾期责任；《国有土地上房屋征收与补偿条例》第二十七条规定先补偿后搬迁。"
    static let opinion = "经核查，安置房因施工单位变更延误，现已复工。\n一、2025年9月30日前交付安置房；\n二、自2025年1月起补发过渡费。"

    /// 张伟's group visit, transferred to the housing bureau with a note, received,
    /// accepted, classified, a handler named, the deadline extended and an opinion issued;
    /// then a second visit of his, linked to it as a repeat. Numbered 1 and 2.
    static func events() throws -> [CaseEvent] {
        var petition = Fixtures.groupVisit()
        petition.facts = facts
        petition.reasons = reasons
        let h = Fixtures.housingHandler
        var first = Scenario()
        _ = try first.run(.register(petition), as: Fixtures.clerk, at: "2025-04-28T09:30")
        _ = try first.run(.transfer(to: "D-ZJJ", note: "请依法办理并书面答复"), as: Fixtures.clerk, at: "2025-04-30T10:00")
        _ = try first.run(.receive(on: nil), as: h, at: "2025-05-06T09:00")
        _ = try first.run(.accept(route: "按申诉求决类第六途径办理，60日内书面答复", on: nil), as: h, at: "2025-05-09T09:00")
        _ = try first.run(.classify(type: .grievance, track: 6), as: h, at: "2025-05-09T10:00")
        _ = try first.run(.assignHandler(user: "handler", recusalChecked: true), as: Fixtures.housingHead, at: "2025-05-09T11:00")
        _ = try first.run(.extend(days: 30, reason: "涉及施工单位变更，需多部门协调"), as: Fixtures.housingHead, at: "2025-06-30T09:00")
        _ = try first.run(.issueOpinion(outcome: .support, opinion: opinion, basis: "征收补偿协议第八条",
                                        measures: [.solved, .assisted]), as: h, at: "2025-07-20T09:00")
        var second = Scenario(number: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 2))
        second.others[first.state.number] = first.state
        _ = try second.run(.register(Fixtures.groupVisit(received: "2025-07-21")), as: Fixtures.clerk, at: "2025-07-21T09:00")
        _ = try second.run(.link(to: first.state.number, kind: .repeats), as: Fixtures.clerk, at: "2025-07-21T09:10")
        return (first.log + second.log).enumerated().map { i, event in
            var e = event
            e.seq = i + 1
            return e
        }
    }

    static func desk(_ actor: PetitionCore.Actor = Fixtures.housingHandler) throws -> Desk {
        try Desk(actor, at: "2025-07-22T10:00", events: try events())
    }

    static func golden(_ name: String) -> String { Fixtures.root + "/Tests/ConsoleUITests/Snapshots/\(name).txt" }

    /// Opens case 1 by search, as a handler would.
    static func open(_ desk: Desk, _ number: String = "D-XFJ-2025-00001") {
        desk.press(.character("s"))
        desk.type(number)
        desk.press(.enter)
    }

    @Test(arguments: [
        ("case-full-top", 24, 80, [Key]()),
        ("case-full-timeline", 24, 80, [Key.end]),
        ("case-full-wide", 60, 160, [Key]()),
    ])
    func theCaseScreenMatchesItsGoldenFrames(_ name: String, _ rows: Int, _ columns: Int, _ keys: [Key]) throws {
        let desk = try Self.desk()
        desk.resize(rows: rows, columns: columns)
        Self.open(desk)
        desk.press(keys)
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: Self.golden(name))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// Facts, reasons and the opinion are there in full, wrapped by display width: every
    /// page read from top to bottom holds every character of them, and no row is wider than the screen.
    @Test func factsReasonsAndOpinionReadInFullPageByPage() throws {
        let desk = try Self.desk()
        Self.open(desk)
        var pages: [[String]] = [desk.grid.text]
        for _ in 0..<30 {
            desk.press(.pageDown)
            if desk.grid.text == pages.last { break }
            pages.append(desk.grid.text)
        }
        #expect(pages.count > 2, "the case is longer than a screen and scrolls")
        // The body rows of every page, the overlap between pages dropped.
        var body: [String] = []
        for page in pages {
            for row in page[1...20] where !body.suffix(25).contains(row) { body.append(row) }
        }
        let read = body.joined().filter { !$0.isWhitespace }
        for text in [Self.facts, Self.reasons, Self.opinion] {
            #expect(read.contains(text.filter { !$0.isWhitespace }), "\(text.prefix(10))… is not there in full")
        }
        #expect(pages.allSatisfy { $0.allSatisfy { DisplayWidth.of($0) == 80 } })
        // Home goes back to the top.
        desk.press(.home)
        #expect(desk.grid.text[1].contains("D-XFJ-2025-00001"))
    }

    @Test func eachTimelineEntrySaysWhatItDid() throws {
        let desk = try Self.desk()
        Self.open(desk)
        let lines = CaseScreen.lines(desk.state, desk.data, CaseNumber("D-XFJ-2025-00001")!, width: 200).map(\.0)
        let text = lines.joined(separator: "\n")
        for expected in ["转送至：临江区住房和城乡建设局", "说明：请依法办理并书面答复", "办理途径和程序：按申诉求决类第六途径办理",
                         "文书：受理告知书", "承办人：handler（已回避审查）", "延期理由：涉及施工单位变更", "新的期限：",
                         "批准：head", "处理结果：支持", "法律政策依据：征收补偿协议第八条",
                         "三到位一处理：问题解决到位、帮扶救助到位", "文书：信访事项处理意见书", "类型：申诉求决（第6途径）"] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    /// The earlier case shows the link made on the later one (it did not), and the later one its own.
    @Test func aLinkShowsOnBothCases() throws {
        let desk = try Self.desk(Fixtures.clerk)
        Self.open(desk)
        var all = CaseScreen.lines(desk.state, desk.data, CaseNumber("D-XFJ-2025-00001")!, width: 200).map(\.0)
        #expect(all.contains { $0.contains("D-XFJ-2025-00002 关联本案") && $0.contains("重复信访") }, "\(all)")
        desk.press(.escape, .escape)
        Self.open(desk, "D-XFJ-2025-00002")
        all = CaseScreen.lines(desk.state, desk.data, CaseNumber("D-XFJ-2025-00002")!, width: 200).map(\.0)
        #expect(all.contains { $0.contains("本案关联 D-XFJ-2025-00001") })
    }

    /// A supervisor reads the case with identity numbers and phones masked (Art 30 rules in the code).
    @Test func aSupervisorSeesPersonalDataMasked() throws {
        let desk = try Self.desk(Fixtures.supervisor)
        Self.open(desk)
        let all = CaseScreen.lines(desk.state, desk.data, CaseNumber("D-XFJ-2025-00001")!, width: 200).map(\.0).joined()
        #expect(all.contains("110105********002X") && !all.contains(Fixtures.zhangWeiID))
        #expect(!all.contains("13800138000"))
    }

    /// Another organ's head sees a case their organ has had no part in masked too (decision
    /// 0031, addendum): the bureau's case is not the housing bureau's.
    @Test func anotherOrgansHeadSeesADistrictCaseMasked() throws {
        let desk = try Self.desk(Fixtures.housingHead)
        func text(_ number: String) -> String {
            CaseScreen.lines(desk.state, desk.data, CaseNumber(number)!, width: 200).map(\.0).joined()
        }
        // The second visit is still at the bureau: masked. The first is the housing bureau's: whole.
        #expect(text("D-XFJ-2025-00002").contains("110105********002X") && !text("D-XFJ-2025-00002").contains(Fixtures.zhangWeiID))
        #expect(text("D-XFJ-2025-00001").contains(Fixtures.zhangWeiID))
    }

    /// A long action title keeps a space before its code (tester: 报告重大紧急事项escalate).
    @Test func aLongActionTitleIsSetApartFromItsCode() throws {
        let desk = try Self.desk(Fixtures.trainee)
        let all = CaseScreen.lines(desk.state, desk.data, CaseNumber("D-XFJ-2025-00002")!, width: 200).map(\.0)
        let line = try #require(all.first { $0.contains("escalate") }, "\(all)")
        #expect(line.contains("报告重大紧急事项  ") && !line.contains("报告重大紧急事项escalate"), "\(line)")
    }

    /// 关联 is one key from the case (it was the 17th of 17 actions: 19 keys).
    @Test func linkIsOneKeyFromTheCase() throws {
        let desk = try Self.desk(Fixtures.clerk)
        Self.open(desk, "D-XFJ-2025-00002")
        desk.press(.character("L"))
        #expect(desk.state.screen == .action(CaseNumber("D-XFJ-2025-00002")!, .link), "\(desk.state.screen)")
        // Saved empty, the relation is named as the form names it (关系), never 类别.
        desk.press(.function(2))
        #expect(desk.state.form?.errors["kind"] == "请填写关系")
        #expect(!desk.screen.contains("请填写类别") && !(desk.state.flash?.text.contains("类别") ?? false))
    }
}
