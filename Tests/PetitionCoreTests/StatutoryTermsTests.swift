import Foundation
import PetitionCore
import TestSupport
import Testing

/// One table of terms (`StatutoryTerms`, decision 0018): every day count lives there, the
/// clocks and the refusals follow it, and Art 34's term binds only Art 31 item 6 matters.
@Suite("The table of terms")
struct StatutoryTermsTests {
    // MARK: - The source scan

    /// What the scan reads: every Swift file of the pure core, the console and the command
    /// line, except the table itself.
    static let scanned = ["Sources/PetitionCore", "Sources/ConsoleUI", "Sources/xinfang"]
    static let table = "Sources/PetitionCore/Clocks/StatutoryTerms.swift"

    /// A day count, as the scan finds one in a line of code (comments removed: everything
    /// from `//` on, which these folders never write inside a string):
    /// - a number with a unit of days in text: 15日, 5个工作日, 30天, 60 days, 5 working days
    ///   (not a date's day, 5月1日, nor 日期);
    /// - a number given as a count of days: `calendarDays: 60`, `workingDays: 5`, `days: 30`;
    /// - a number compared with, added to or bounding something named days:
    ///   `60 + days`, `daysLeft <= 3`, `(1...90).contains(days)`.
    /// Zero is no term (`daysLeft < 0`, `max(0, …)`) and is not reported.
    static let patterns: [NSRegularExpression] = [
        #"(?<![\d月.])[1-9]\d*\s*(?:天|日(?!期)|个工作日|(?:working |calendar )?days?\b)"#,
        #"\b(?:calendarDays|workingDays|extraDays|days|dueSoon)\s*:\s*[1-9]\d*"#,
        #"\b\w*[dD]ays\w*\s*(?:[-+*/<>]=?|==|!=)\s*[1-9]\d*"#,
        #"(?<![\w.])[1-9]\d*\s*(?:[-+*/<>]=?|==|!=)\s*\w*[dD]ays\b"#,
        #"\(\s*\d+\s*\.\.[.<]\s*[1-9]\d*\s*\)\s*\.contains\(\s*\w*[dD]ays"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// Lines that match a pattern but hold no day count, each with why.
    static let allowed: [(file: String, contains: String, why: String)] = [
        (".swift", ".adding(days: 1)", "the next day: day counting steps one day at a time"),
        ("xinfang/CalendarCommand.swift", "(0...3650).contains(days)", "how many days `xinfang calendar` lists, not a term"),
    ]

    static func dayCounts(in line: String) -> [String] {
        let code = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? line
        let whole = NSRange(code.startIndex..., in: code)
        return patterns.flatMap { pattern in
            pattern.matches(in: code, range: whole).compactMap { Range($0.range, in: code).map { String(code[$0]) } }
        }
    }

    @Test func theScanFindsADayCountWrittenAnyOfTheseWays() {
        #expect(!Self.dayCounts(in: #"add(.handling, accepted, calendar.adding(calendarDays: 60, to: accepted))"#).isEmpty)
        #expect(!Self.dayCounts(in: #"zh ? "异议应在收到之日起5个工作日内提出" : "within 5 working days""#).isEmpty)
        #expect(!Self.dayCounts(in: #"guard (1...90).contains(days) else {"#).isEmpty)
        #expect(!Self.dayCounts(in: #"let due = calendar.adding(calendarDays: 60 + days, to: a)"#).isEmpty)
        #expect(!Self.dayCounts(in: #"return clock.daysLeft <= 3 ? .dueSoon : .normal"#).isEmpty)
        #expect(!Self.dayCounts(in: #"Localized("3日内到期", "due ≤3 days")"#).isEmpty)
        // Not day counts: a date, a count of zero, a comment, a track number.
        #expect(Self.dayCounts(in: #"zh ? "收到日期早于2022年5月1日，不适用本条例" : "before 2022-05-01""#).isEmpty)
        #expect(Self.dayCounts(in: #"if clock.daysLeft < 0 { return .overdue } // within 15 days"#).isEmpty)
        #expect(Self.dayCounts(in: #"guard (1...6).contains(track) else {"#).isEmpty)
    }

    @Test func noSourceFileOutsideTheTableWritesADayCount() throws {
        var found: [String] = []
        for folder in Self.scanned {
            let root = Fixtures.root + "/" + folder
            let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty, "\(folder) has Swift files")
            for file in files.sorted() {
                let path = folder + "/" + file
                guard path != Self.table else { continue }
                let text = try String(contentsOfFile: Fixtures.root + "/" + path, encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = String(line)
                    guard !Self.dayCounts(in: line).isEmpty,
                          !Self.allowed.contains(where: { path.hasSuffix($0.file) && line.contains($0.contains) }) else {
                        continue
                    }
                    found.append("\(path):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "day counts outside StatutoryTerms.swift:\n\(found.joined(separator: "\n"))")
    }

    // MARK: - The table is the one place

    @Test func changingATermChangesBothItsClockAndItsRefusal() throws {
        var s = Scenario.at(.received) // received 2025-05-06
        #expect(s.due(.objection, asOf: "2025-05-06") == Fixtures.day("2025-05-13"))
        let refused = try #require(s.attempt(.object(reason: "不属本局职权"), as: Fixtures.housingHandler,
                                             at: "2025-05-14T09:00"))
        #expect(refused.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                .hasPrefix("异议应在收到之日起5个工作日内提出（截止2025-05-13）"))

        s.terms.objection.days = 7
        #expect(s.due(.objection, asOf: "2025-05-06") == Fixtures.day("2025-05-15"))
        #expect(s.attempt(.object(reason: "不属本局职权"), as: Fixtures.housingHandler, at: "2025-05-14T09:00") == nil)
        let later = try #require(s.attempt(.object(reason: "不属本局职权"), as: Fixtures.housingHandler,
                                           at: "2025-05-16T09:00"))
        #expect(later.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                .hasPrefix("异议应在收到之日起7个工作日内提出（截止2025-05-15）"))
        #expect(later.message(.en, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                .hasPrefix("An objection must be made within 7 working days of receipt (by 2025-05-15)"))
    }

    @Test func changingTheReviewWindowMovesTheWindowTheRefusalAndTheClosing() throws {
        var s = Scenario.at(.replied) // delivered 2025-08-04, window to 2025-09-03
        s.terms.reviewWindow.days = 40
        #expect(s.due(.reviewWindow, asOf: "2025-08-05") == Fixtures.day("2025-09-15"))
        #expect(s.state.effectivePhase(asOf: Fixtures.day("2025-09-10"), calendar: Fixtures.calendar, terms: s.terms)
                == .replied)
        let late = try #require(s.attempt(.requestReview(on: nil), as: Fixtures.cityHousingClerk, at: "2025-09-16T09:00"))
        #expect(late.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                .hasPrefix("复查请求应在收到书面答复之日起40日内提出（截止2025-09-15）"))
    }

    @Test func theActionCatalogueSaysTheTableTerms() {
        var terms = StatutoryTerms.regulation
        #expect(ActionCatalog.spec(.object).help.zh == "不属本机关职权范围的，5个工作日内提出异议")
        terms.objection.days = 7
        terms.handlingExtension.days = 1...20
        #expect(ActionCatalog.spec(.object, terms: terms).help.zh == "不属本机关职权范围的，7个工作日内提出异议")
        #expect(ActionCatalog.spec(.extend, terms: terms).fields.first?.help.zh == "延长天数（不超过20）")
    }

    // MARK: - Practice is marked as practice

    @Test func theAssignmentRangeIsRefusedAsThisProjectsPracticeNotTheRegulations() throws {
        let r = try #require(Scenario.at(.registered).attempt(.assign(to: "D-RSJ", days: 91, note: nil), as: Fixtures.clerk,
                                                               at: "2025-04-29T09:00"))
        #expect(r.message(.zh, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                == "交办期限应为1至90天（工作实践）（依据《信访工作条例》第22条第1款第3项）")
        #expect(r.message(.en, articles: Fixtures.reference.articles, directory: Fixtures.directory)
                == "An assignment's deadline is 1 to 90 days (practice) (Art 22(1)(3))")
    }

    @Test func theSupervisionFeedbackTermIsShownAsPractice() {
        let days = ActionCatalog.spec(.orderSupervision).fields.first { $0.name == "days" }
        #expect(days?.help.zh == "反馈期限（天）：默认30，1至90天（工作实践）")
        let table = StatutoryTerms.regulation.named
        #expect(table.filter { $0.practice }.map { $0.name } == ["receipt", "assignment", "supplement", "supervisionFeedback", "supervisionOrder",
                                                        "listedSupervision", "execution"])
    }

    // MARK: - Art 34 binds only Art 31 item 6 matters

    /// A case accepted on 2025-05-09 and classified as `type` (track 6 for a grievance).
    static func classified(_ type: MatterType, track: Int? = nil) throws -> Scenario {
        var s = Scenario.at(.accepted)
        try s.run(.classify(type: type, track: track), as: Fixtures.housingHandler, at: "2025-05-09T10:00")
        return s
    }

    @Test func anArticle31Item6MatterHasTheSixtyDayTerm() throws {
        #expect(try Self.classified(.grievance, track: 6).due(.handling, asOf: "2025-05-10") == Fixtures.day("2025-07-08"))
    }

    @Test func aMatterNotYetClassifiedRunsTheTermFromAcceptance() {
        #expect(Scenario.at(.accepted).due(.handling, asOf: "2025-05-10") == Fixtures.day("2025-07-08"))
    }

    @Test(arguments: [MatterType.suggestion, .accusation])
    func aSuggestionOrAccusationHasNoHandlingTerm(_ type: MatterType) throws {
        let s = try Self.classified(type)
        #expect(s.clocks(asOf: "2025-07-20").isEmpty, "no Art 34 clock, so nothing overdue")
        #expect(s.state.breaches(asOf: Fixtures.day("2025-07-20"), calendar: Fixtures.calendar,
                                   directory: Fixtures.directory).isEmpty)
    }

    @Test func aMatterWithoutTheTermCannotBeExtended() throws {
        let s = try Self.classified(.suggestion)
        let r = s.attempt(.extend(days: 10, reason: "复杂"), as: Fixtures.housingHead, at: "2025-06-01T09:00")
        #expect(r?.code == .noHandlingTerm && r?.rule == .handlingDeadline)
    }
}
