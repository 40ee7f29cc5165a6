/// Filters for a queue of cases (`xinfang queue`, the console's queue screen).
package struct QueueFilter: Sendable {
    package var phase: Phase?
    package var organ: OrganCode?
    package var overdueOnly = false
    package var dueWithin: Int?

    package init(phase: Phase? = nil, organ: OrganCode? = nil, overdueOnly: Bool = false, dueWithin: Int? = nil) {
        self.phase = phase
        self.organ = organ
        self.overdueOnly = overdueOnly
        self.dueWithin = dueWithin
    }
}

/// One row of a queue: what a clerk needs to see at a glance.
package struct QueueRow: Sendable, Equatable {
    package var number: CaseNumber
    package var petitioner: String
    package var category: String
    package var phase: Phase
    package var holder: OrganCode?
    package var next: ClockStatus?
    package var overdue: [ClockStatus]
}

/// An organ's breach: a duty clock that ran out (Arts 43–46: not notifying or not finishing in time).
package struct Breach: Sendable, Equatable {
    package var number: CaseNumber
    package var organ: OrganCode?
    package var clock: ClockStatus
    package var rule: RuleID { .accountabilityOverdue }
}

extension Sequence where Element == CaseState {
    /// The cases matching the filter as of a day, soonest deadline first, then by number.
    package func queue(_ filter: QueueFilter, asOf: Day, calendar: HolidayCalendar,
                       directory: Directory) -> [QueueRow] {
        var rows: [QueueRow] = []
        for state in self where state.phase != .new {
            let phase = state.effectivePhase(asOf: asOf, calendar: calendar)
            if let want = filter.phase, want != phase { continue }
            if let organ = filter.organ, state.holder != organ { continue }
            let clocks = phase == state.phase ? state.clocks(asOf: asOf, calendar: calendar, directory: directory) : []
            let duties = clocks.filter { !$0.kind.isPetitionerWindow }
            let overdue = duties.filter(\.isOverdue)
            if filter.overdueOnly && overdue.isEmpty { continue }
            let next = duties.min { $0.due < $1.due }
            if let within = filter.dueWithin {
                guard let next, next.daysLeft <= within else { continue }
            }
            rows.append(QueueRow(number: state.number, petitioner: state.petition?.petitioner.name ?? "",
                                 category: state.petition?.category ?? "", phase: phase, holder: state.holder,
                                 next: next, overdue: overdue))
        }
        return rows.sorted { a, b in
            switch (a.next?.due, b.next?.due) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.number < b.number
            }
        }
    }

    /// Every overdue duty clock, as a breach against the organ holding the case.
    package func breaches(asOf: Day, calendar: HolidayCalendar, directory: Directory) -> [Breach] {
        flatMap { state in
            state.clocks(asOf: asOf, calendar: calendar, directory: directory)
                .filter { $0.isOverdue && !$0.kind.isPetitionerWindow }
                .map { Breach(number: state.number, organ: state.holder, clock: $0) }
        }
    }
}
