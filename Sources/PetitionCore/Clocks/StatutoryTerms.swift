/// How a term counts its days (docs/decisions/0002-day-counting.md).
package enum DayCount: String, Sendable, Equatable {
    /// Calendar days, the start day not counted, the last day rolled past a rest day.
    case calendar
    /// Working days: weekends and public holidays skipped, make-up working days counted.
    case working
}

/// One term: a number of days, how they count, the rule (and so the article) that sets it,
/// and whether the regulation sets it or this project chose it where the regulation is
/// silent (工作实践, docs/decisions/0005-where-the-regulation-is-silent.md).
package struct Term: Sendable, Equatable {
    package var days: Int
    package var counting: DayCount
    package var rule: RuleID
    package var isPractice: Bool

    package init(_ days: Int, _ counting: DayCount = .calendar, _ rule: RuleID, practice: Bool = false) {
        self.days = days
        self.counting = counting
        self.rule = rule
        isPractice = practice
    }

    /// The due date of a term started on `start` (the start day not counted), lengthened by
    /// `extraDays` (an extension, a paused hearing) before the last day is rolled forward.
    package func due(from start: Day, in calendar: HolidayCalendar, extraDays: Int = 0) -> DueDate {
        switch counting {
        case .calendar: calendar.adding(calendarDays: days + extraDays, to: start)
        case .working: calendar.adding(workingDays: days + extraDays, to: start)
        }
    }

    /// "15日", "5个工作日"; "30日（工作实践）" where this project chose it.
    package var text: Localized {
        let unit = counting == .calendar ? Localized("\(days)日", "\(days) days")
                                         : Localized("\(days)个工作日", "\(days) working days")
        return Localized(unit.zh + practiceMark.zh, unit.en + practiceMark.en)
    }

    var practiceMark: Localized { isPractice ? Localized("（工作实践）", " (practice)") : Localized("", "") }
}

/// A number of days someone chooses within limits: an assignment's deadline, an extension.
package struct TermRange: Sendable, Equatable {
    package var days: ClosedRange<Int>
    package var rule: RuleID
    package var isPractice: Bool

    package init(_ days: ClosedRange<Int>, _ rule: RuleID, practice: Bool = false) {
        self.days = days
        self.rule = rule
        isPractice = practice
    }

    /// "1至90天（工作实践）"; "不超过30日" for a range from one day.
    package var text: Localized {
        let mark = isPractice ? Localized("（工作实践）", " (practice)") : Localized("", "")
        return Localized("\(days.lowerBound)至\(days.upperBound)天" + mark.zh,
                         "\(days.lowerBound) to \(days.upperBound) days" + mark.en)
    }

    /// "30", the most it may be.
    package var most: Int { days.upperBound }
}

/// Every number of days the software uses, in one table: the regulation's terms with their
/// articles, and the terms this project chose where the regulation is silent, marked as
/// practice. The decider, the clocks, the refusal texts and the action catalogue read it;
/// no other source file writes a day count (`StatutoryTermsTests` scans for one).
///
/// Passed in (`DecisionContext.terms`, the `terms:` of `clocks`), with the regulation's
/// values as the default, so the core stays pure and a test can change a value.
/// docs/decisions/0018-one-table-of-terms.md.
package struct StatutoryTerms: Sendable, Equatable {
    // Chapter 3: submission and acceptance.
    /// A petition department disposes of what it receives within 15 days (Art 22 para 1).
    package var triage = Term(15, .calendar, .triageDeadline)
    /// An organ tells a direct petitioner in writing within 15 days of receipt (Art 23 para 2).
    package var directNotice = Term(15, .calendar, .directNotice)
    /// The receiver of a transferred or assigned matter gives written notice within 15 days
    /// of receipt (Art 23 para 3).
    package var receiverNotice = Term(15, .calendar, .receiptNotice)
    /// ... or objects within 5 working days of receipt (Art 23 para 3).
    package var objection = Term(5, .working, .receiptObjection)
    /// An assignment's deadline, set by the assigning department (Art 22 para 1 item 3 sets
    /// none: the range is this project's).
    package var assignment = TermRange(1...90, .triageAssign, practice: true)
    /// The days the petitioner is given to supplement an incomplete petition (补正), from the
    /// day of the request. The regulation sets none (it only requires that every petition be
    /// registered, Art 22 para 1, Art 23 para 1); 10 days leaves the petition department time
    /// to dispose of the matter within its 15-day term with what it then has (decision 0017).
    package var supplement = Term(10, .calendar, .practiceSupplement, practice: true)

    // Chapter 4: handling.
    /// A matter under Art 31 item 6 is finished within 60 days of acceptance (Art 34)...
    package var handling = Term(60, .calendar, .handlingDeadline)
    /// ... extended once by at most 30 days with the organ head's approval (Art 34).
    package var handlingExtension = TermRange(1...30, .handlingExtension)
    /// The petitioner may ask for review within 30 days of the written reply (Art 35).
    package var reviewWindow = Term(30, .calendar, .reviewRequest)
    /// The reviewer answers within 30 days of the request (Art 35).
    package var review = Term(30, .calendar, .reviewDeadline)
    /// The petitioner may ask for re-review within 30 days of the review reply (Art 36 para 1).
    package var rereviewWindow = Term(30, .calendar, .rereviewRequest)
    /// The re-reviewer answers within 30 days of the request, hearing time not counted
    /// (Art 36 paras 1–2).
    package var rereview = Term(30, .calendar, .rereviewDeadline)

    // Chapter 5: supervision. The 2022 text sets no term for these.
    /// A supervision order's written feedback, by default (Art 40 para 4 sets none; 30 days
    /// was the 2005 rule).
    package var supervisionFeedback = Term(30, .calendar, .supervisionFeedback, practice: true)
    /// The feedback term a supervisor may set on an order.
    package var supervisionOrder = TermRange(1...90, .supervisionOrder, practice: true)
    /// The rectification term of listed supervision (Art 39 para 3: 限期整改, no number).
    package var listedSupervision = TermRange(1...90, .supervisionListed, practice: true)
    /// The days an organ has to receive (签收) a matter transferred or assigned to it, from the
    /// day it was sent. The regulation sets none: its clocks run from receipt (Art 23 para 3), so
    /// without this a matter never received would be late nowhere. 3 working days leaves the
    /// 5-working-day objection window its meaning (decision 0022).
    package var receipt = Term(3, .working, .practiceReceipt, practice: true)
    /// The days a supporting opinion has to be carried out, from the day it was issued, before
    /// its absence shows as a breach (Art 32 para 2 sets none; the 60 days of Art 34 again,
    /// decision 0022).
    package var execution = Term(60, .calendar, .handlingExecution, practice: true)
    /// Not a term: a case open longer than this many days is backlog (积案, a practice name).
    package var backlog = 90

    /// Not a term: a running clock with this many days left or fewer shows as due soon.
    package var dueSoon = 3

    package init() {}

    /// The regulation's terms and this project's practice, as shipped.
    package static let regulation = StatutoryTerms()

    /// Every term by name, in the order of the regulation, for the docs and the tests.
    package var named: [(name: String, days: String, counting: DayCount, rule: RuleID, practice: Bool)] {
        func t(_ n: String, _ x: Term) -> (String, String, DayCount, RuleID, Bool) {
            (n, "\(x.days)", x.counting, x.rule, x.isPractice)
        }
        func r(_ n: String, _ x: TermRange) -> (String, String, DayCount, RuleID, Bool) {
            (n, "\(x.days.lowerBound)–\(x.days.upperBound)", .calendar, x.rule, x.isPractice)
        }
        return [t("triage", triage), t("directNotice", directNotice), t("receiverNotice", receiverNotice),
                t("objection", objection), t("receipt", receipt), r("assignment", assignment), t("supplement", supplement), t("handling", handling),
                r("handlingExtension", handlingExtension), t("reviewWindow", reviewWindow), t("review", review),
                t("rereviewWindow", rereviewWindow), t("rereview", rereview),
                t("supervisionFeedback", supervisionFeedback), r("supervisionOrder", supervisionOrder),
                r("listedSupervision", listedSupervision), t("execution", execution)]
            .map { (name: $0.0, days: $0.1, counting: $0.2, rule: $0.3, practice: $0.4) }
    }
}
