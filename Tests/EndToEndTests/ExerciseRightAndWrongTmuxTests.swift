import Foundation
import TestSupport
import Testing

/// Exercises driven wrong and then right with the keys in tmux (decisions 0026, 0029): the
/// wrong move earns its feedback with the article, the right one completes the exercise.
/// One console each, on a practice log whose clock is the generated one's (its last day).
@Suite("Exercises driven wrong and right", .serialized)
struct ExerciseRightAndWrongTmuxTests {
    /// A console on a fresh practice log, at the exercise list, with the exercise at `index`
    /// started (its seed written) and its first step's case open.
    func started(_ server: TmuxServer, index: Int) -> ConsoleTmuxTests.Session {
        let cli = CLI()
        #expect(cli.run(["generate", "--cases", "40", "--log", cli.log]).status == 0)
        let s = ConsoleTmuxTests.Session(on: server, env: ["XINFANG_TRAINING": "1", "TERM": "xterm-256color", "USER": "tester"],
                                         generate: false, sharing: cli)
        #expect(s.waitFor("练习（"), "\(s.screen())")
        s.keys("e")
        #expect(s.waitFor("Enter 开始或继续"), "\(s.screen())")
        for _ in 0..<index { s.keys("j") }
        s.keys("Enter")
        #expect(s.waitFor("→ 1."), "\(s.screen())")
        return s
    }

    /// On the case screen: `a`, then the action picked from the list by its title.
    func act(_ s: ConsoleTmuxTests.Session, _ action: String) {
        #expect(s.waitFor("F7 a 办理此案"), "\(s.screen())")
        s.keys("a")
        #expect(s.waitFor("此案现在可以办理的操作"), "\(s.screen())")
        for _ in 0..<20 where !s.screen().contains("▶" + action) {
            s.keys("j")
            usleep(120_000)
        }
        s.keys("Enter")
        #expect(s.waitFor("F2 ^S 保存"), "\(action): \(s.screen())")
    }

    /// From anywhere: back to the exercise under way (e, Enter) and its step's case (Enter).
    func nextStep(_ s: ConsoleTmuxTests.Session, _ n: Int) {
        s.keys("e")
        #expect(s.waitFor("Enter 开始或继续"), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("→ \(n)."), "\(s.screen())")
        s.keys("Enter")
    }

    /// The register form filled in for 陈刚's group of twelve, with `representatives` of the five named.
    func registerGroup(_ s: ConsoleTmuxTests.Session, representatives: Int) {
        #expect(s.waitFor("此人以往信访"), "\(s.screen())")
        s.keys("Tab", "Tab", "Tab")
        for (text, tabs) in [("陈刚", 1), ("510107198807224563", 1), ("13500135001", 1), ("临江区滨江小区1栋", 2)] {
            s.type(text)
            for _ in 0..<tabs { s.keys("Tab") }
        }
        s.keys("Enter")
        s.type("安置")
        #expect(s.waitFor("安置补偿"), "\(s.screen())")
        s.keys("Enter", "Tab")
        for text in ["要求交付安置房", "安置房逾期未交付", "依据安置协议", "12"] {
            s.type(text)
            s.keys("Tab")
        }
        let others = [("刘洋", "370203196601097890"), ("赵敏", "42010619920418321X"), ("孙丽", "33010519830925654X"),
                      ("周强", "110102198001011239")]
        for (name, id) in others.prefix(representatives - 1) {
            s.type(name)
            s.keys("Tab")
            s.type(id)
            s.keys("Tab", "Tab")
        }
        s.keys("F2")
    }

    @Test func art20AGroupOfTwelveRegisteredWithTwoRepresentativesThenFive() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 1)
        s.keys("Enter")  // a registration: the register form
        registerGroup(s, representatives: 2)
        #expect(s.waitFor("✗ 第1步（第20条第3款）：代表是五名"), "\(s.screen())")
        nextStep(s, 1)
        registerGroup(s, representatives: 5)
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。第1步（第20条第3款）"), "\(s.screen())")
    }

    @Test func art30AnAccusationAcceptedByTheBureauIsRefusedThenReferredToTheDistrictCommission() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 5)
        s.keys("Enter")
        act(s, "受理告知")
        s.type("按检举控告办理")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第22条第1款）：信访部门不直接受理检举控告"), "\(s.screen())")
        s.keys("Escape")
        #expect(s.waitFor("y 放弃"), "\(s.screen())")
        s.keys("y")
        nextStep(s, 1)
        act(s, "移交纪检监察")
        s.keys("Enter")
        s.type("临江区纪委")
        #expect(s.waitFor("共1项"), "\(s.screen())")
        s.keys("Enter", "F2")
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。第1步（第30条"), "\(s.screen())")
    }

    @Test func art40ASupervisionOrderWithTooLongATermIsRefusedThenIssued() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 6)
        s.keys("Enter")
        act(s, "督办")
        // The organ the case is with is offered first (Art 40 para 1: 督办 goes to the organ the case concerns).
        #expect(s.waitFor("‹ 区人社局 ›"), "\(s.screen())")
        s.keys("Tab", "Right", "Tab")
        #expect(s.waitFor("‹ 改进工作 → 区人社局 ›"), "\(s.screen())")
        s.type("未按期签收和告知")
        s.keys("Tab")
        s.type("120")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第40条）：反馈期限应在允许范围内"), "\(s.screen())")
        s.keys("BSpace", "BSpace", "BSpace")
        s.type("30")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。第1步（第40条）"), "\(s.screen())")
    }

    /// Three steps with the clock moved a day between the hearing's start and end; then a
    /// fresh start of it, where an opinion issued before any hearing is the wrong move.
    @Test func art36AHearingStartedAndEndedADayLaterThenTheOpinionAndAgainWithoutTheHearing() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 10)
        s.keys("Enter")
        act(s, "开始复核听证")
        s.keys("F2")
        #expect(s.waitFor("✓ 第1步（第36条第2款）"), "\(s.screen())")
        s.keys("t")
        #expect(s.waitFor("拨钟：d 一天"), "\(s.screen())")
        s.keys("d")
        nextStep(s, 2)
        act(s, "结束复核听证")
        s.keys("F2")
        #expect(s.waitFor("✓ 第2步（第36条第2款）"), "\(s.screen())")
        nextStep(s, 3)
        act(s, "出具复核意见")
        s.keys("Right", "Tab")
        s.type("维持复查意见")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对3/3。"), "\(s.screen())")
        // Done: Enter on the list starts it afresh, and the opinion comes before the hearing.
        s.keys("e")
        #expect(s.waitFor("通过 3/3"), "\(s.screen())")
        s.keys("Enter")
        #expect(s.waitFor("→ 1."), "\(s.screen())")
        s.keys("Enter")
        act(s, "出具复核意见")
        s.keys("Right", "Tab")
        s.type("维持复查意见")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第36条第2款）：先举行听证"), "\(s.screen())")
    }

    /// Set on 10 October 2025, on a log whose clock is past it: each request is entered with
    /// the day it arrived. Left on today's date the first is refused (a mistake); on 9 October
    /// it is in time; the second, on 10 October, is refused a day late — the step's outcome.
    @Test func art35ARequestDatedTodayIsRefusedTheOneOfNinthOctoberTakenAndTheTenthsRefused() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 8)
        s.keys("Enter")
        act(s, "受理复查请求")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第35条）：复查请求的日期是收到之日，2025-10-09"), "\(s.screen())")
        s.type("2025-10-09")
        s.keys("F2")
        #expect(s.waitFor("✓ 第1步（第35条）"), "\(s.screen())")
        nextStep(s, 2)
        act(s, "受理复查请求")
        s.type("2025-10-10")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对1/2。第2步（第35条）"), "\(s.screen())")
    }

    /// Not accepted, first for the wrong reason (the flag filled in the right one, changed
    /// with ←/→), then, back on the reason, for the right one.
    func notAcceptedForTheWrongReasonThenTheRight(index: Int, wrong: String, feedback: String, done: String) {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: index)
        s.keys("Enter")
        act(s, "不予受理")
        s.keys(wrong)
        s.keys("F2")
        #expect(s.waitFor(feedback), "\(s.screen())")
        s.keys("BTab", wrong == "Left" ? "Right" : "Left", "F2")
        #expect(s.waitFor(done), "\(s.screen())")
    }

    @Test func art36FinalAFinalMatterNotAcceptedAsPendingBelowThenAsFinal() {
        notAcceptedForTheWrongReasonThenTheRight(index: 0, wrong: "Left", feedback: "✗ 第1步（第36条第3款）：理由选错了",
                                                 done: "✓ 练习完成，一次做对0/1。第1步（第36条第3款）")
    }

    @Test func art19APendingMatterNotAcceptedAsFinalThenAsPendingBelow() {
        notAcceptedForTheWrongReasonThenTheRight(index: 4, wrong: "Right", feedback: "✗ 第1步（第19条第3款）：理由选错了",
                                                 done: "✓ 练习完成，一次做对0/1。第1步（第19条第3款）")
    }

    /// Set on 13 October 2025: an objection dated the 15th is a day past the 5 working days;
    /// dated the 13th it is in time.
    @Test func art23AnObjectionDatedAfterTheWindowIsRefusedThenDatedTheThirteenth() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 9)
        s.keys("Enter")
        act(s, "提出异议")
        s.type("物业服务纠纷不属教育部门职权")
        s.keys("Tab")
        s.type("2025-10-15")
        s.keys("F2")
        #expect(s.waitFor("✗ 第1步（第23条第3款）：异议日期是区教育局提出异议之日"), "\(s.screen())")
        s.keys("BSpace", "BSpace")
        s.type("13")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。第1步（第23条第3款）"), "\(s.screen())")
    }

    /// The repeat letter linked to itself (its own number typed over the earlier case's), then
    /// to the earlier case.
    @Test func repeatLinkALetterLinkedToItselfThenToTheEarlierCase() throws {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 7)
        s.keys("Enter")
        #expect(s.waitFor("L 关联案件"), "\(s.screen())")
        s.keys("L")
        #expect(s.waitFor("‹ 重复信访 ›"), "\(s.screen())")
        let screen = s.screen()
        let own = try #require(screen.firstMatch(of: /· (D-XFJ-\d{4}-\d{5}) · 关联/).map { String($0.1) })
        let earlier = try #require(screen.firstMatch(of: /关联案件编号\s+(D-XFJ-\d{4}-\d{5})/).map { String($0.1) })
        func replace(with number: String) {
            for _ in 0..<earlier.count { s.keys("BSpace") }
            s.type(number)
            s.keys("F2")
        }
        replace(with: own)
        #expect(s.waitFor("✗ 第1步（工作实践）：应关联在先案件 $1，而不是本案"), "\(s.screen())")
        replace(with: earlier)
        #expect(s.waitFor("✓ 练习完成，一次做对0/1。第1步（工作实践）"), "\(s.screen())")
    }

    /// Mediation started, then the agreement recorded as a settlement: the wrong kind.
    @Test func art33AMediatedAgreementRecordedAsASettlement() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 11)
        s.keys("Enter")
        act(s, "开始调解")
        s.keys("F2")
        #expect(s.waitFor("✓ 第1步（第33条）"), "\(s.screen())")
        nextStep(s, 2)
        act(s, "达成协议")
        s.keys("Right", "Right")
        #expect(s.waitFor("‹ 和解"), "\(s.screen())")
        s.keys("Tab")
        s.type("三十日内修复外墙并赔偿两千元")
        s.keys("F2")
        #expect(s.waitFor("✗ 第2步（第33条）：由住建局主持达成的是调解协议书"), "\(s.screen())")
    }

    /// The labour dispute classified onto its statutory route, arbitration (track 2): right
    /// first time (driven wrong in `ExerciseTmuxTests`).
    @Test func art31ALabourDisputeClassifiedForArbitration() {
        let server = TmuxServer()
        defer { server.kill() }
        let s = started(server, index: 2)
        s.keys("Enter")
        act(s, "分类")
        #expect(s.waitFor("法定途径"), "\(s.screen())")
        s.keys("Right", "Right", "Right", "Tab", "Right", "Right")
        #expect(s.waitFor("‹ 2 "), "\(s.screen())")
        s.keys("F2")
        #expect(s.waitFor("✓ 练习完成，一次做对1/1。第1步（第31条）"), "\(s.screen())")
    }
}
