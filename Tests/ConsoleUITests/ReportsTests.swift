import ConsoleUI
import Foundation
import PetitionCore
import TestSupport
import Testing

/// `stats`, `report annual` and `export` as they print, on `StatisticsFixture` (whose
/// figures `StatisticsTests` counts by hand): golden text and CSV, and the CSV's bytes.
@Suite("Statistics, the annual report and exports as text and CSV")
struct ReportsTests {
    static func golden(_ name: String) -> String { Fixtures.root + "/Tests/ConsoleUITests/Snapshots/\(name)" }

    static func stats(by: StatisticsQuery.Dimension?, from: String = "2025-03-01", to: String = "2025-06-30") -> Statistics {
        StatisticsFixture.cases.statistics(
            StatisticsQuery(from: Fixtures.day(from), to: Fixtures.day(to), by: by, asOf: StatisticsFixture.asOf),
            directory: Fixtures.directory, calendar: Fixtures.calendar)
    }

    static func label(_ by: StatisticsQuery.Dimension, _ key: String) -> String {
        switch by {
        case .organ: Fixtures.directory.shortName(key, .zh)
        case .category: Fixtures.reference.categories[key]?.name(.zh) ?? key
        case .channel, .type, .month, .level: ChoiceLabels.label(key, .zh)
        }
    }

    static func text(by: StatisticsQuery.Dimension, ascii: Bool) -> String {
        StatisticsText(stats(by: by), language: .zh, ascii: ascii, label: { label(by, $0) },
                       cite: { Fixtures.reference.articles.short($0, .zh) }).text
    }

    /// Every line of `stats` keeps to 80 columns, in Chinese and English, for every breakdown and
    /// for a period of a month, a year, four years or decades (tester, issue 14: a sparkline and
    /// its counts ran to 381 columns over 2000–2026; English on-time lines to 83).
    @Test(arguments: [("2025-03-01", "2025-03-31"), ("2025-01-01", "2025-12-31"), ("2023-01-01", "2026-12-01"),
                      ("2000-01-01", "2026-12-01")])
    func everyLineOfStatsKeepsToEightyColumns(_ from: String, _ to: String) {
        for language in [Language.zh, .en] {
            for by in StatisticsQuery.Dimension.allCases {
                let text = StatisticsText(Self.stats(by: by, from: from, to: to), language: language, ascii: false,
                                          label: { key in
                                              switch by {
                                              case .organ: Fixtures.directory.shortName(key, language)
                                              case .category: Fixtures.reference.categories[key]?.name(language) ?? key
                                              case .channel, .type, .month, .level: ChoiceLabels.label(key, language)
                                              }
                                          },
                                          cite: { Fixtures.reference.articles.short($0, language) }).text
                let wide = text.split(separator: "\n").filter { DisplayWidth.of($0) > 80 }
                #expect(wide.isEmpty, "\(language) by \(by), \(from)–\(to): \(wide)")
            }
        }
    }

    @Test func statsByOrganPrintsFiguresBarsAndSparklines() {
        let problem = GoldenFile.mismatch(Self.text(by: .organ, ascii: false), at: Self.golden("stats-by-organ.txt"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func statsInASCIIUseNoBlockCharacters() {
        let text = Self.text(by: .month, ascii: true)
        #expect(text.unicodeScalars.allSatisfy { $0.value < 0x2500 || $0.value > 0x259F }, "no box or block characters")
        let problem = GoldenFile.mismatch(text, at: Self.golden("stats-by-month-ascii.txt"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func statsCSVHasAColumnForEveryFigure() {
        let csv = StatisticsColumns.csv(Self.stats(by: .organ)) { Self.label(.organ, $0) }
        #expect(csv.hasPrefix("\u{FEFF}group,name,received,"))
        // Compared without the BOM: reading the golden file as UTF-8 drops it.
        let problem = GoldenFile.mismatch(String(csv.dropFirst()), at: Self.golden("stats-by-organ.csv"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// A bar is a share of the widest: 3 of 6 over 8 cells is 4 full blocks; 1 of 3 over 4
    /// cells is 1 block and 2.67 cells… = 10 eighths = one block and a quarter block (▎).
    @Test func barsAreDrawnInEighths() {
        #expect(StatisticsText.bar(3, of: 6, width: 8, ascii: false) == "████")
        #expect(StatisticsText.bar(1, of: 3, width: 4, ascii: false) == "█▎")
        #expect(StatisticsText.bar(1, of: 3, width: 4, ascii: true) == "#")
        #expect(StatisticsText.bar(0, of: 3, width: 4, ascii: false) == "")
        #expect(StatisticsText.sparkline([0, 7, 14], ascii: false) == "▁▄█")
        #expect(StatisticsText.sparkline([0, 7, 14], ascii: true) == "_:#")
    }

    static func report() -> AnnualReport {
        var q = StatisticsQuery(from: Fixtures.day("2025-01-01"), to: Fixtures.day("2025-12-31"), by: .category,
                                asOf: StatisticsFixture.asOf)
        let byCategory = StatisticsFixture.cases.statistics(q, directory: Fixtures.directory, calendar: Fixtures.calendar)
        q.by = .organ
        let byOrgan = StatisticsFixture.cases.statistics(q, directory: Fixtures.directory, calendar: Fixtures.calendar)
        var report = AnnualReport(year: 2025, byCategory: byCategory, byOrgan: byOrgan, language: .zh, scope: "临江区信访局",
                                  label: label, cite: { Fixtures.reference.articles.short($0, .zh) })
        report.petitionDepartments = AnnualReport.petitionDepartments(in: Fixtures.directory)
        return report
    }

    /// The organs complained about most leave out the petition departments: the bureau's own
    /// intake (letters it holds to send on) is no complaint about it (tester, issue 14: 区信访局
    /// headed the list).
    @Test func theMostComplainedOrgansLeaveOutThePetitionDepartments() {
        var report = Self.report()
        func listed(_ r: AnnualReport) -> [String] { r.entries.filter { $0.item == 1 && $0.dimension == .organ }.map(\.group) }
        #expect(!listed(report).contains("D-XFJ") && !listed(report).isEmpty, "\(listed(report))")
        report.petitionDepartments = []
        #expect(listed(report).contains("D-XFJ"), "the fixture's bureau holds cases received in the year")
    }

    /// The English report wraps its long sentences of counts (acts of organs, ratings) at 80.
    @Test func theEnglishAnnualReportKeepsToEightyColumns() {
        var report = Self.report()
        report.language = .en
        let wide = report.text.split(separator: "\n").filter { DisplayWidth.of($0) > 80 }
        #expect(wide.isEmpty, "\(wide)")
        #expect(report.text.contains("  Of organs ("), "\(report.text)")
    }

    @Test func theAnnualReportFitsEightyColumns() {
        let text = Self.report().text
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 80 })
        let problem = GoldenFile.mismatch(text, at: Self.golden("annual-report.txt"))
        #expect(problem == nil, "\(problem ?? "")")
    }

    /// Every number of the report is the same column of `stats` for the year, total or group.
    @Test func everyNumberOfTheReportIsTheSameAsStats() {
        let report = Self.report()
        for entry in report.entries {
            let stats = entry.dimension == .organ ? report.byOrgan : report.byCategory
            let figures = entry.group == "total" ? stats.total : stats.groups.first { $0.key == entry.group }?.figures
            let column = StatisticsColumns.all.first { $0.name == entry.figure }
            #expect(figures.flatMap { column?.value($0) } ?? 0 == entry.value, "\(entry)")
        }
        // The year's received (all six cases) = 6, by hand: A–F are all received in 2025.
        #expect(report.entries.first { $0.group == "total" && $0.figure == "received" }?.value == 6)
    }

    /// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled;
    /// records end in CRLF; the file starts with the UTF-8 BOM (EF BB BF).
    @Test func csvQuotesCommasQuotesAndNewlinesInChineseText() {
        let text = CSV.text([["编号", "请求"], ["1", "退还押金，并\"立即\"处理\n另：书面答复"], ["2", "无"]], bom: true)
        let bytes = Array(text.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let expected = "\u{FEFF}编号,请求\r\n1,\"退还押金，并\"\"立即\"\"处理\n另：书面答复\"\r\n2,无\r\n"
        #expect(bytes == Array(expected.utf8))
        // A full-width comma (，) is not a separator: it needs no quotes.
        #expect(CSV.field("甲，乙") == "甲，乙")
        #expect(CSV.field("a,b") == "\"a,b\"")
    }
}

/// `xinfang export` rows: personal data masked for a supervisor (PersonalData.masked), an
/// accusation's content and accuser withheld from the accused and from trainees (Art 30).
@Suite("Export rows and who may see what")
struct CaseExportTests {
    static func row(_ state: CaseState, as actor: Actor) -> CaseExport.Row? {
        CaseExport.row(state, phase: state.phase, actor: actor, name: nil, language: .zh,
                       organName: { Fixtures.directory.name($0, .zh) }, categoryName: { $0 })
    }

    static var accusation: CaseState {
        var p = Fixtures.letter(type: .accusation)
        p.accusedOrgan = "D-ZJJ"
        var s = Scenario()
        do { try s.run(.register(p), as: Fixtures.clerk, at: "2025-04-28T09:00") } catch {
            preconditionFailure("registering the accusation: \(error.code.rawValue)")
        }
        return s.state
    }

    @Test func theClerkOfTheHoldingOrganSeesThePetitionerInFull() throws {
        let r = try #require(Self.row(Scenario.at(.registered).state, as: Fixtures.clerk))
        #expect(r.petitioner == "张伟" && r.idNumber == Fixtures.zhangWeiID && r.phone == "13800138000")
        #expect(r.address == "临江区滨江路1号" && r.request == "要求落实安置补偿")
    }

    @Test func aSupervisorSeesPersonalDataMasked() throws {
        let r = try #require(Self.row(Scenario.at(.registered).state, as: Fixtures.supervisor))
        #expect(r.petitioner == "张*" && r.idNumber == "110105********002X" && r.phone == "138****8000")
        #expect(r.address == "***" && r.request == "要求落实安置补偿")
    }

    @Test func anAccusationIsWithheldFromTheAccusedOrgan() throws {
        let r = try #require(Self.row(Self.accusation, as: Fixtures.housingHandler))
        #expect(r.withheld && r.petitioner == "***" && r.idNumber == "***" && r.request == "***")
        let csv = CaseExport.csv([r], language: .zh)
        #expect(!csv.contains("李娜") && !csv.contains(Fixtures.liNaID) && !csv.contains("拖欠工资"))
    }

    @Test func anAccusationIsWithheldFromATrainee() throws {
        let r = try #require(Self.row(Self.accusation, as: Fixtures.trainee))
        #expect(r.withheld && r.petitioner == "***")
    }

    @Test func theBureauHoldingAnAccusationSeesIt() throws {
        let r = try #require(Self.row(Self.accusation, as: Fixtures.clerk))
        #expect(!r.withheld && r.petitioner == "李娜")
    }
}
