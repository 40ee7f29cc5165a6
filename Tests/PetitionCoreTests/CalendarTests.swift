import PetitionCore
import TestSupport
import Testing

@Suite("Day counting (REGULATION.md, Deadlines and day counting)")
struct CalendarTests {
    let calendar = Fixtures.calendar

    struct Case: CustomTestStringConvertible, Sendable {
        var from: String
        var days: Int
        var working: Bool
        var due: String
        var why: String
        var testDescription: String { "\(days)\(working ? " working" : "") days from \(from) → \(due): \(why)" }
    }

    @Test(arguments: [
        Case(from: "2023-10-01", days: 60, working: false, due: "2023-11-30", why: "the start day is not counted"),
        Case(from: "2025-04-28", days: 15, working: false, due: "2025-05-13", why: "holidays inside are not deducted"),
        Case(from: "2025-05-06", days: 15, working: false, due: "2025-05-21", why: "worked example notice clock"),
        Case(from: "2025-05-06", days: 5, working: true, due: "2025-05-13", why: "worked example objection clock"),
        Case(from: "2025-05-09", days: 60, working: false, due: "2025-07-08", why: "worked example handling"),
        Case(from: "2025-05-09", days: 90, working: false, due: "2025-08-07", why: "handling with a 30-day extension"),
        Case(from: "2025-09-29", days: 34, working: false, due: "2025-11-03", why: "Sunday 11-02 rolls to Monday"),
        // Spring Festival 2025: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) make-up working days.
        Case(from: "2025-01-13", days: 15, working: false, due: "2025-02-05", why: "last day 01-28 is the eve: rolls past the holiday"),
        Case(from: "2025-01-11", days: 15, working: false, due: "2025-01-26", why: "a make-up Sunday is a working last day"),
        Case(from: "2025-01-24", days: 5, working: true, due: "2025-02-07", why: "01-26 counts, the holiday does not"),
        Case(from: "2025-02-05", days: 3, working: true, due: "2025-02-08", why: "the make-up Saturday counts"),
        // National Day 2025: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) make-up days.
        Case(from: "2025-09-16", days: 15, working: false, due: "2025-10-09", why: "10-01 is a holiday: rolls to 10-09"),
        Case(from: "2025-09-26", days: 5, working: true, due: "2025-10-10", why: "09-28 counts; 10-01..08 skipped"),
        Case(from: "2025-09-26", days: 6, working: true, due: "2025-10-11", why: "the make-up Saturday is the sixth"),
        // Spring Festival 2026: 02-15..02-23 off, 02-14 and 02-28 (Sat) make-up days.
        Case(from: "2026-01-30", days: 15, working: false, due: "2026-02-14", why: "make-up Saturday 02-14 ends the period"),
        Case(from: "2026-02-01", days: 15, working: false, due: "2026-02-24", why: "02-16 in the holiday rolls to 02-24"),
        Case(from: "2026-02-12", days: 5, working: true, due: "2026-02-26", why: "02-13, make-up 02-14, then 02-24..02-26"),
        // 2023: New Year's holiday 2022-12-31..2023-01-02 from the 2023 notice.
        Case(from: "2022-12-17", days: 15, working: false, due: "2023-01-03", why: "2023-01-01 rolls past 01-02"),
    ])
    func dueDates(_ c: Case) {
        let start = Fixtures.day(c.from)
        let due = c.working ? calendar.adding(workingDays: c.days, to: start) : calendar.adding(calendarDays: c.days, to: start)
        #expect(due.due == Fixtures.day(c.due))
        #expect(!due.provisional)
    }

    @Test func workingDaysCountTheStartDayOutAndReportWhatTheySkipped() {
        let due = calendar.adding(workingDays: 5, to: Fixtures.day("2025-04-29"))
        // 04-30, 05-06, 05-07, 05-08, 05-09 — the 1–5 May holiday is skipped.
        #expect(due.due == Fixtures.day("2025-05-09"))
        #expect(due.skipped.map(\.day) == ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"].map(Fixtures.day))
        #expect(due.skipped.first?.reason == "劳动节")
    }

    @Test func aCalendarDayPeriodListsTheHolidaysItContainsWithoutDeductingThem() {
        let due = calendar.adding(calendarDays: 15, to: Fixtures.day("2025-04-28"))
        #expect(due.due == Fixtures.day("2025-05-13"))
        #expect(calendar.holidays(after: Fixtures.day("2025-04-28"), before: due.due).count == 5)
        #expect(due.skipped.isEmpty)
    }

    @Test func theMakeUpDaysAndHolidaysOfEachNoticeAreLoaded() {
        #expect(calendar.loadedYears == [2022, 2023, 2024, 2025, 2026])
        #expect(calendar.kind(of: Fixtures.day("2026-02-28")) == .makeUpWorkingDay)
        #expect(calendar.kind(of: Fixtures.day("2026-02-23")) == .holiday(name: "春节", nameEn: "Spring Festival"))
        #expect(calendar.kind(of: Fixtures.day("2024-02-18")) == .makeUpWorkingDay)
        #expect(calendar.isWorkingDay(Fixtures.day("2022-10-09")))
        #expect(!calendar.isWorkingDay(Fixtures.day("2022-10-07")))
    }

    @Test func aYearWithoutANoticeUsesTheProvisionalStatutoryHolidaysAndSaysSo() {
        // 2027: lunar new year is 02-06, so the eve (02-05) to the third day (02-08) are provisional holidays.
        for d in ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
                  "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-03"] {
            #expect(!calendar.isWorkingDay(Fixtures.day(d)), "\(d) should be a provisional holiday")
            #expect(calendar.isProvisional(Fixtures.day(d)))
        }
        #expect(calendar.isWorkingDay(Fixtures.day("2027-02-09")))
        let due = calendar.adding(calendarDays: 30, to: Fixtures.day("2026-12-20"))
        #expect(due.due == Fixtures.day("2027-01-19"))
        #expect(due.provisional)
        let within2026 = calendar.adding(calendarDays: 10, to: Fixtures.day("2026-12-01"))
        #expect(!within2026.provisional)
    }

    @Test func adding0WorkingDaysIsTheStartDay() {
        #expect(calendar.adding(workingDays: 0, to: Fixtures.day("2025-05-01")).due == Fixtures.day("2025-05-01"))
    }

    @Test func datesConvertToBeijingTime() throws {
        // 17:30 UTC on the 4th is 01:30 on the 5th in Beijing.
        let instant = try #require(Instant(iso: "2025-05-04T17:30Z"))
        #expect(Day(instant) == Fixtures.day("2025-05-05"))
        #expect(instant.beijingDescription == "2025-05-05T01:30:00+08:00")
        #expect(Day(iso: "2025-02-29") == nil)
        #expect(Fixtures.day("2025-11-02").weekday == 7)
        #expect(Fixtures.day("1969-12-31").weekday == 3)
    }

    /// The lunar holidays found by jumping are the days the day-by-day search finds, in
    /// every year the provisional calendar may cover.
    @Test func lunarHolidaysFoundByJumpingAreTheDaysTheScanFinds() {
        for year in 2020...2060 {
            for (month, day) in [(1, 1), (5, 5), (8, 15)] {
                #expect(ProvisionalHolidays.lunar(year: year, month: month, day: day)
                        == ProvisionalHolidays.lunarByScan(year: year, month: month, day: day), "\(year) \(month)/\(day)")
            }
        }
    }

    /// A day prints its year in four digits, as it is read (`0001-01-01`, never `1-01-01`).
    @Test func aDayPrintsItsYearInFourDigits() {
        #expect(Day(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(Day(iso: "0999-12-31")?.description == "0999-12-31")
        #expect(Fixtures.day("2025-04-28").description == "2025-04-28")
    }
}
