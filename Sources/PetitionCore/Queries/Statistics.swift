/// Statistics of petition work over a period and a jurisdiction (Art 41 para 1 item 1: the
/// annual report's data; the supervisor's figures). Every figure is defined, with its
/// numerator, denominator and the date that places a case in the period, in
/// `docs/statistics.md`; the names below follow it.
///
/// One date places a case in a period for every figure of cases: the day the petition was
/// received (`Petition.receivedOn`). The cases received in the period are the *cohort*; each
/// figure counts what has happened to the cohort by the as-of day. The supervision orders and
/// their feedback are acts, placed by their own day (`Figures.orders`). By organ, each duty
/// clock's keeping goes to the organ that owes it (`DutyClock.organ`), the volumes to the organ
/// answerable for the case.
package struct StatisticsQuery: Sendable, Equatable {
    /// How the cohort is broken down.
    package enum Dimension: String, Sendable, CaseIterable {
        case category, organ, channel, type, month, level
    }

    package var from: Day
    package var to: Day
    /// The jurisdiction: this organ and every organ below it by the directory's `superior`
    /// chain. Nil: every case.
    package var organ: OrganCode?
    package var by: Dimension?
    /// Figures are as of this day (clocks not yet due are not yet settled).
    package var asOf: Day

    package init(from: Day, to: Day, organ: OrganCode? = nil, by: Dimension? = nil, asOf: Day) {
        self.from = from
        self.to = to
        self.organ = organ
        self.by = by
        self.asOf = asOf
    }

    /// The first day of each month the period touches, in order (the sparkline's columns).
    package var months: [Day] {
        var result: [Day] = []
        var (y, m, _) = from.components
        while let first = Day(year: y, month: m, day: 1), first <= to {
            result.append(first)
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return result
    }
}

/// The clocks whose keeping is measured: the organ's duties with a term of their own.
package enum MeasuredClock: String, Sendable, CaseIterable {
    case triage, directNotice, receiverNotice, handling, review, rereview

    /// The statistics' clock for a duty clock, if the statistics measure it.
    package init?(_ kind: ClockKind) {
        guard let clock = Self.allCases.first(where: { $0.kind == kind }) else { return nil }
        self = clock
    }

    package var kind: ClockKind {
        switch self {
        case .triage: .triage
        case .directNotice: .directNotice
        case .receiverNotice: .receiverNotice
        case .handling: .handling
        case .review: .review
        case .rereview: .rereview
        }
    }
}

/// A share: a numerator over a denominator, both counts of cases (or clocks, or orders).
package struct Ratio: Sendable, Equatable {
    package var count: Int
    package var of: Int

    package init(_ count: Int = 0, of: Int = 0) {
        self.count = count
        self.of = of
    }

    /// The share in per cent, nil when the denominator is 0.
    package var percent: Double? { of == 0 ? nil : Double(count) * 100 / Double(of) }

    /// The share as every screen and report writes it, to a tenth of a per cent (97.9%), so
    /// the desk and the statistics agree; "—" when the denominator is 0.
    package var percentText: String {
        guard let p = percent else { return "—" }
        let tenths = Int((p * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    mutating func add(_ hit: Bool) {
        of += 1
        if hit { count += 1 }
    }
}

/// The figures of one group of cases (the whole cohort, or one category, organ, …).
package struct Figures: Sendable, Equatable {
    /// Cases received in the period (the cohort).
    package var received = 0
    /// Of them, received in each month of the period (`StatisticsQuery.months`).
    package var monthly: [Int] = []
    package var accepted = 0
    /// A reply delivered (Art 34).
    package var replied = 0
    /// Per measured clock: settled clocks kept (done by the due day) over settled clocks
    /// (done, or past due undone).
    package var onTime: [MeasuredClock: Ratio] = [:]
    /// Days from receipt to acceptance, and to the reply's delivery, of each case that got there.
    package var daysToAcceptance: [Int] = []
    package var daysToReply: [Int] = []
    /// Repeat petitions (重复访) over the cohort.
    package var repeats = Ratio()
    /// Replied or settled by agreement with no review asked, not a repeat, over the cohort.
    package var firstContact = Ratio()
    /// Handling opinions on grievances (Art 32): each outcome over all three.
    package var support = Ratio()
    package var explain = Ratio()
    package var notSupport = Ratio()
    /// Reviews asked over reviewable replies delivered (Art 35); re-reviews asked over
    /// review replies delivered (Art 36).
    package var review = Ratio()
    package var rereview = Ratio()
    /// Ratings (Art 21 para 2), by value; satisfied or basically satisfied over rated.
    package var ratings: [Satisfaction: Int] = [:]
    package var satisfaction = Ratio()
    /// Transferred (Art 22 para 1 items 1–2) and assigned (item 3) by a petition department.
    package var transferred = 0
    package var assigned = 0
    /// Supervision orders issued in the period (Art 40), by suggestion, on any case of the
    /// jurisdiction whenever received; written feedback recorded in the period, and of it the
    /// feedback that adopted the suggestion (para 4). Placed by the day of the act, not of the
    /// case (Art 41 item 3: the supervision done in the year), so a past period's figures do not
    /// change when an old case gets a new order.
    package var orders: [Suggestion: Int] = [:]
    package var ordersAnswered: [Suggestion: Int] = [:]
    package var ordersAdopted: [Suggestion: Int] = [:]
    /// Overdue duty clocks on the as-of day (the breaches an organ answers for, Arts 43–45).
    package var breaches = 0

    package init(months: Int = 0) { monthly = Array(repeating: 0, count: months) }

    package var ordersTotal: Int { orders.values.reduce(0, +) }
    package var ordersAdoptedTotal: Int { ordersAdopted.values.reduce(0, +) }
}

/// The result of a statistics query: the whole cohort, and its groups by the dimension asked.
package struct Statistics: Sendable, Equatable {
    package struct Group: Sendable, Equatable {
        /// The group's key: a category code, organ code, channel, type, `2025-04` or level.
        package var key: String
        package var figures: Figures
    }

    package var query: StatisticsQuery
    package var total: Figures
    /// Largest first, then by key; empty without a dimension.
    package var groups: [Group]
}

/// The nearest-rank percentile: the value at rank ⌈p·n/100⌉ of the sorted values (the
/// median is p = 50, so of an even count the lower middle). Nil for no values.
package func percentile(_ p: Int, of values: [Int]) -> Int? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = max(1, (p * sorted.count + 99) / 100)
    return sorted[rank - 1]
}
