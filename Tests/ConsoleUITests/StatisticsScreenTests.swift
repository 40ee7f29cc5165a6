@testable import ConsoleUI
import PetitionCore
import PetitionStore
import TestSupport
import Testing

/// The statistics screen (issue 14 item 4), on `StatisticsFixture` (counted by hand in
/// `StatisticsTests`): opened from the desk with `c`, the same figures, table, bars and
/// sparklines as `xinfang stats` prints for the same period and breakdown.
@Suite("The statistics screen")
struct StatisticsScreenTests {
    /// The fixture's log at the console, on the day its figures are counted as of (2025-12-31).
    static func desk(_ actor: PetitionCore.Actor = Fixtures.supervisor, ascii: Bool = false) throws -> Desk {
        try Desk(actor, at: "2025-12-31T10:00", events: StatisticsFixture.events, ascii: ascii)
    }

    /// What `xinfang stats --from --to --by … [--organ]` prints for the fixture (its renderer,
    /// its labels), as of the fixture's day.
    static func cli(from: String, to: String, by: StatisticsQuery.Dimension, organ: OrganCode? = nil,
                    ascii: Bool = false) -> StatisticsText {
        let query = StatisticsQuery(from: Fixtures.day(from), to: Fixtures.day(to), organ: organ, by: by,
                                    asOf: StatisticsFixture.asOf)
        let stats = StatisticsFixture.cases.statistics(query, directory: Fixtures.directory, calendar: Fixtures.calendar)
        return StatisticsText(stats, language: .zh, ascii: ascii,
                              label: { StatisticsText.groupName(by, $0, directory: Fixtures.directory,
                                                                categories: Fixtures.reference.categories, language: .zh) },
                              cite: { Fixtures.reference.articles.short($0, .zh) },
                              organ: { Fixtures.directory.shortName($0, .zh) })
    }

    /// Every line the console shows, scrolled from top to bottom, without trailing spaces.
    static func allLines(_ desk: Desk) -> [String] {
        desk.press(.home)
        var seen: [String] = []
        for _ in 0..<10 {
            for row in desk.grid.text.dropFirst(2).prefix(StatisticsScreen.height(rows: 24)) {
                let line = String(row.dropFirst().reversed().drop { $0 == " " }.reversed())
                if !line.isEmpty, !seen.contains(line) { seen.append(line) }
            }
            desk.press(.pageDown)
        }
        return seen
    }

    static func period(_ desk: Desk, _ text: String) {
        desk.press(.character("d"))
        desk.type(text)
        desk.press(.enter)
    }

    @Test func cOnTheDeskOpensThisYearsFiguresToTheConsolesDay() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        #expect(desk.state.screen == .statistics, "\(desk.screen)")
        #expect(desk.screen.contains("信访统计 · 按类别"), "\(desk.screen)")
        #expect(desk.screen.contains("信访统计 2025-01-01 至 2025-12-31（截至 2025-12-31）范围：全部"), "\(desk.screen)")
        // The six cases received in 2025, by hand: A B C D E F.
        #expect(desk.screen.contains("收到 6 件"), "\(desk.screen)")
        desk.press(.escape)
        #expect(desk.state.screen == .home && desk.screen.contains("督办台"))
    }

    /// The figures, the breakdown's table with its bars and sparklines, and the clocks are the
    /// lines `stats` prints for the same period and breakdown, each breakdown in turn.
    @Test(arguments: StatisticsQuery.Dimension.allCases)
    func theScreenShowsTheLinesStatsPrintsForEachBreakdown(_ by: StatisticsQuery.Dimension) throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, "2025-03-01 2025-06-30")
        while desk.state.statistics.by != by { desk.press(.tab) }
        let shown = Self.allLines(desk)
        let text = Self.cli(from: "2025-03-01", to: "2025-06-30", by: by)
        let expected = (text.volumes + text.groupTable + text.clocks + text.figures)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.filter { !$0.isEmpty }
        #expect(shown == expected, "\(shown.joined(separator: "\n"))")
        #expect(desk.screen.contains("2025-03-01 至 2025-06-30（截至 2025-12-31）"))
    }

    /// The hand count of `StatisticsTests` and the golden text `stats --by organ` prints
    /// (stats-by-organ.txt): the housing bureau 4 of the period's 5, the bureau 1, and the city
    /// government and housing bureau 0 (they owe only F's re-review and review clocks).
    @Test func byOrganTheTableIsTheGoldenTextOfStats() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, "2025-03-01 2025-06-30")
        desk.press(.tab)
        #expect(desk.state.statistics.by == .organ)
        let golden = try String(contentsOfFile: ReportsTests.golden("stats-by-organ.txt"), encoding: .utf8)
        let table = golden.split(separator: "\n").drop { !$0.hasPrefix("机关") }.map(String.init)
        #expect(table.count == 5)
        for line in table { #expect(desk.screen.contains(line), "\(line)\n\(desk.screen)") }
        #expect(desk.screen.contains("收到 5 件  受理 3 件  答复送达 3 件"))
        #expect(desk.screen.contains("区住建局     4  ████████████████"), "\(desk.screen)")
    }

    @Test func tabCyclesTheBreakdownsAndComputesOnceEach() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        let runs = desk.state.figureRuns
        var titles: [String] = []
        for _ in StatisticsQuery.Dimension.allCases {
            titles.append(StatisticsText.title(of: desk.state.statistics.by).zh)
            #expect(desk.screen.contains("信访统计 · 按" + titles.last!), "\(desk.screen)")
            desk.press(.character("v"))
        }
        #expect(titles == ["类别", "机关", "渠道", "类型", "月份", "层级"])
        #expect(desk.state.statistics.by == .category, "round to the first")
        #expect(desk.state.figureRuns == runs + 6)
        // Scrolling and redrawing compute nothing.
        desk.press(.down, .pageDown, .end, .home, .resize)
        #expect(desk.state.figureRuns == runs + 6)
    }

    @Test func aPeriodIsTypedAsAYearAMonthAFirstDayOrTwoDays() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        for (typed, heading) in [("2025", "2025-01-01 至 2025-12-31"), ("2025-04", "2025-04-01 至 2025-04-30"),
                                 ("2025-02", "2025-02-01 至 2025-02-28"), ("2025-05-10", "2025-05-10 至 2025-12-31"),
                                 ("2025-03-01 2025-06-30", "2025-03-01 至 2025-06-30")] {
            Self.period(desk, typed)
            #expect(desk.screen.contains("信访统计 " + heading), "\(typed): \(desk.screen)")
        }
        // April: A, C and F were received on 04-28.
        Self.period(desk, "2025-04")
        #expect(desk.screen.contains("收到 3 件"), "\(desk.screen)")
    }

    /// A period that is no period: one line says what is wrong, and nothing changes.
    @Test(arguments: [("2025-13", "统计期间「2025-13」无效"), ("2025-06-30 2025-03-01", "开始日期2025-06-30晚于结束日期2025-03-01"),
                      ("20250301", "统计期间「20250301」无效"), ("2025-02-30", "统计期间「2025-02-30」无效")])
    func aBadPeriodIsRefusedWithOneLineAndChangesNothing(_ typed: String, _ message: String) throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        let runs = desk.state.figureRuns
        Self.period(desk, typed)
        #expect(desk.screen.contains(message), "\(desk.screen)")
        #expect(desk.state.statistics.from == nil && desk.state.statistics.to == nil && desk.state.figureRuns == runs)
        #expect(desk.screen.contains("2025-01-01 至 2025-12-31"))
        desk.press(.escape)
        #expect(desk.state.statistics.entry == nil && desk.state.screen == .statistics)
    }

    /// Two days with a word or a sign between, full-width digits, a month in Chinese (tester,
    /// issue 14): each is the period `stats --from --to` would take.
    @Test(arguments: [("2025-01-01 至 2025-03-31", "2025-01-01 至 2025-03-31"), ("2025-01-01到2025-03-31", "2025-01-01 至 2025-03-31"),
                      ("2025-01-01 - 2025-03-31", "2025-01-01 至 2025-03-31"), ("2025-01-01~2025-03-31", "2025-01-01 至 2025-03-31"),
                      ("2025-01 至 2025-03", "2025-01-01 至 2025-03-31"), ("２０２５", "2025-01-01 至 2025-12-31"),
                      ("２０２５－０４", "2025-04-01 至 2025-04-30"), ("2025年3月", "2025-03-01 至 2025-03-31")])
    func aPeriodIsReadAsStatsWouldTakeIt(_ typed: String, _ heading: String) throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, typed)
        #expect(desk.state.statistics.entry == nil && desk.screen.contains("信访统计 " + heading), "\(typed): \(desk.screen)")
    }

    /// A year outside the days the product records (decision 0029) is refused with one line.
    @Test(arguments: ["0001", "1999", "9999", "2025-01-01 至 2100-01-01"])
    func aPeriodOutsideTheProductsDaysIsRefused(_ typed: String) throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, typed)
        #expect(desk.screen.contains("超出范围（2000-01-01…2099-12-31）"), "\(desk.screen)")
        #expect(desk.state.statistics.from == nil && desk.screen.contains("2025-01-01 至 2025-12-31"))
    }

    /// What was typed, Chinese included, is what the refusal quotes, and the whole line fits 80 columns.
    @Test func aRefusalQuotesWhatWasTypedInFull() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, "2025年十月")
        #expect(desk.screen.contains("统计期间「2025年十月」无效（例：2025、2025-03、2025-01-01 至 2025-03-31）"), "\(desk.screen)")
    }

    /// Past 40 columns the prompt stops and says so, rather than dropping keys silently.
    @Test func typingPastTheFieldsWidthIsSaid() throws {
        let desk = try Self.desk()
        desk.press(.character("c"), .character("d"))
        desk.type(String(repeating: "2", count: 41))
        #expect(desk.screen.contains("统计期间最长40列"), "\(desk.screen)")
        #expect(desk.state.statistics.entry?.count == 40)
    }

    /// A period cut at the field's width is refused at Enter, not read as the shorter period
    /// the cut text makes (tester: ２０２５－０１－０１到２０２５－０３－３１ counted to 2025-03-03).
    @Test func aPeriodCutAtTheFieldsWidthIsRefusedNotReadShorter() throws {
        let desk = try Self.desk()
        desk.press(.character("c"), .character("d"))
        let before = (desk.state.statistics.from, desk.state.statistics.to)
        desk.type("２０２５－０１－０１到２０２５－０３－３１")
        desk.press(.enter)
        #expect(desk.screen.contains("未全部输入"), "\(desk.screen)")
        #expect(desk.state.statistics.from == before.0 && desk.state.statistics.to == before.1)
        // Shortened, it is taken.
        desk.press(.backspace, .backspace)
        desk.type("-31")
        desk.press(.enter)
        #expect(desk.state.statistics.from == Fixtures.day("2025-01-01") && desk.state.statistics.to == Fixtures.day("2025-03-31"),
                "\(String(describing: desk.state.statistics.from)) \(String(describing: desk.state.statistics.to))")
    }

    @Test func longerThanTheScreenItScrollsAndSaysWhichLinesAreShown() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        #expect(desk.screen.contains(/第1–19行\/共\d+行/), "\(desk.screen)")
        #expect(!desk.screen.contains("逾期未履职"))
        desk.press(.end)
        #expect(desk.screen.contains("逾期未履职") && desk.screen.contains(/第\d+–(\d+)行\/共\1行/), "\(desk.screen)")
        desk.press(.down)
        #expect(desk.screen.contains("逾期未履职"), "no scrolling past the end")
        desk.press(.home)
        #expect(desk.screen.contains("收到 6 件"))
    }

    @Test func inASCIIModeTheChartsUseNoBlockCharacters() throws {
        let desk = try Self.desk(ascii: true)
        desk.press(.character("c"))
        Self.period(desk, "2025-03-01 2025-06-30")
        desk.press(.tab)
        let shown = Self.allLines(desk).joined(separator: "\n")
        #expect(shown.unicodeScalars.allSatisfy { $0.value < 0x2580 || $0.value > 0x259F }, "\(shown)")
        #expect(shown.contains("区住建局     4  ################") && shown.contains("按时办理"), "\(shown)")
        let text = Self.cli(from: "2025-03-01", to: "2025-06-30", by: .organ, ascii: true)
        for line in text.groupTable { #expect(shown.contains(String(line.reversed().drop { $0 == " " }.reversed())), "\(line)") }
    }

    /// An organ head's figures are their organ's, as `stats` gives them by default (decision 0031).
    @Test func anOrganHeadSeesTheFiguresOfTheirOrgan() throws {
        let desk = try Self.desk(Fixtures.housingHead)
        desk.press(.character("c"))
        Self.period(desk, "2025-03-01 2025-06-30")
        #expect(desk.screen.contains("范围：区住建局及其下级"), "\(desk.screen)")
        let text = Self.cli(from: "2025-03-01", to: "2025-06-30", by: .category, organ: "D-ZJJ")
        #expect(desk.screen.contains(text.volumes[0]), "\(text.volumes[0])\n\(desk.screen)")
    }

    @Test func aClerkHasNoStatisticsScreenAndIsToldWhereTheyAre() throws {
        let desk = try Self.desk(Fixtures.clerk)
        desk.press(.character("c"))
        #expect(desk.state.screen == .home && desk.screen.contains("xinfang stats"), "\(desk.screen)")
    }

    @Test func helpOnTheStatisticsScreenListsItsKeys() throws {
        let desk = try Self.desk()
        desk.press(.character("c"), .character("?"))
        #expect(desk.screen.contains("换分组") && desk.screen.contains("统计期间") && desk.screen.contains("第41条"), "\(desk.screen)")
        desk.press(.escape)
        #expect(desk.state.screen == .statistics)
    }

    @Test func theStatisticsScreenMatchesItsGoldenFrame() throws {
        let desk = try Self.desk()
        desk.press(.character("c"))
        Self.period(desk, "2025-03-01 2025-06-30")
        desk.press(.tab)
        let problem = GoldenFile.mismatch(desk.grid.snapshot, at: ScreenTests.golden("statistics"))
        #expect(problem == nil, "\(problem ?? "")")
    }
}
