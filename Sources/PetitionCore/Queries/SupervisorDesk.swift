/// The supervisor's desk (issue 14 item 1; decision 0022): per organ and per clock, the cases
/// open, due soon and overdue; the flags a supervisor looks for; the breaches by organ. Every
/// number is a list of cases, so a count and the queue behind it cannot disagree.
package struct SupervisorDesk: Sendable, Equatable {
    /// One line of counts: an organ's, or a clock's.
    package struct Line: Sendable, Equatable {
        package var open: [CaseNumber] = []
        package var dueSoon: [CaseNumber] = []
        package var overdue: [CaseNumber] = []
        /// Cases received this month (from the 1st to the desk's day) with a duty of this line
        /// settled — done, or past due undone — and how many of those duties were done by their
        /// due day: `stats --from 1st --to day`'s on-time figures, from the same `dutyClocks`.
        package var settledThisMonth: [CaseNumber] = []
        package var duties = 0
        package var dutiesOnTime = 0

        /// The on-time rate this month, in whole per cent; nil when no duty settled.
        package var onTimePercent: Int? { duties == 0 ? nil : dutiesOnTime * 100 / duties }
    }

    package var organs: [(organ: OrganCode, line: Line)]
    package var clocks: [(clock: ClockKind, line: Line)]
    package var flags: [(flag: DeskFlag, cases: [CaseNumber])]
    package var breaches: [OrganBreaches]
    /// Open supervision orders, soonest feedback due first.
    package var orders: [(number: CaseNumber, organ: OrganCode, due: Day)]

    package static func == (a: SupervisorDesk, b: SupervisorDesk) -> Bool {
        a.organs.map(\.organ) == b.organs.map(\.organ) && a.organs.map(\.line) == b.organs.map(\.line)
            && a.clocks.map(\.clock) == b.clocks.map(\.clock) && a.clocks.map(\.line) == b.clocks.map(\.line)
            && a.flags.map(\.flag) == b.flags.map(\.flag) && a.flags.map(\.cases) == b.flags.map(\.cases)
            && a.breaches == b.breaches
            && a.orders.map(\.number) == b.orders.map(\.number) && a.orders.map(\.due) == b.orders.map(\.due)
    }

    /// The desk on `asOf` over `states`; with `scope`, only what that organ holds or answers
    /// for (an organ head's own organ).
    package init(_ states: [CaseState], asOf: Day, calendar: HolidayCalendar, directory: Directory,
                 terms: StatutoryTerms = .regulation, scope: OrganCode? = nil) {
        var byOrgan: [OrganCode: Line] = [:]
        var byClock: [ClockKind: Line] = [:]
        var flagged: [DeskFlag: [CaseNumber]] = [:]
        var orders: [(number: CaseNumber, organ: OrganCode, due: Day)] = []
        let monthStart = Day(year: asOf.year, month: asOf.components.month, day: 1) ?? asOf
        for state in states {
            guard let row = QueueRow(state, asOf: asOf, calendar: calendar, directory: directory) else { continue }
            // Per organ, due soon and overdue: each duty clock for the organ it is charged to
            // (`chargedOrgan`, as `queue --organ X --overdue` and the breaches charge it), a closed
            // case's supporting opinion awaiting execution included; never a window (decision 0031).
            let closed = row.phase != state.phase
            let running = state.clocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms)
                .filter { BreachKind($0.kind) != nil && (!closed || $0.kind == .execution) }
            var charged: (soon: Set<OrganCode>, late: Set<OrganCode>) = ([], [])
            for clock in running {
                guard let organ = state.chargedOrgan(clock), scope == nil || organ == scope else { continue }
                if clock.isOverdue { charged.late.insert(organ) } else if clock.isDueSoon(terms) { charged.soon.insert(organ) }
            }
            for organ in charged.soon.subtracting(charged.late) { byOrgan[organ, default: Line()].dueSoon.append(row.number) }
            for organ in charged.late { byOrgan[organ, default: Line()].overdue.append(row.number) }
            guard scope.map(state.isOnDesk) ?? true else { continue }
            for flag in DeskFlag.allCases where flag.holds(state, asOf: asOf, calendar: calendar, terms: terms) {
                flagged[flag, default: []].append(state.number)
            }
            for order in state.openSupervisionOrders { orders.append((state.number, order.organ, order.due)) }
            // Per clock: every duty clock running on the case, not only the next (a closed case's
            // supporting opinion still awaiting execution included, as the breaches count it).
            var seen: Set<ClockKind> = []
            for clock in running where seen.insert(clock.kind).inserted {
                byClock[clock.kind, default: Line()].open.append(row.number)
                if clock.isDueSoon(terms) { byClock[clock.kind, default: Line()].dueSoon.append(row.number) }
                if clock.isOverdue { byClock[clock.kind, default: Line()].overdue.append(row.number) }
            }
            // On time this month, as the statistics count it (decision 0023's cohort: received
            // from the 1st to the desk's day): each settled duty for the organ that answered for it
            // and for its clock.
            // The cohort is asked once a case, before its duties are derived.
            let received = state.petition?.receivedOn
            let inCohort = received.map { $0 >= monthStart && $0 <= asOf } == true
            for duty in inCohort ? state.dutyClocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms) : []
            where duty.isSettled(asOf: asOf) && (scope == nil || duty.organ == scope) {
                for key in [Key.organ(duty.organ), .clock(duty.kind)] {
                    var l = key.line(&byOrgan, &byClock)
                    if l.settledThisMonth.last != row.number { l.settledThisMonth.append(row.number) }
                    l.duties += 1
                    if duty.onTime { l.dutiesOnTime += 1 }
                    key.store(l, &byOrgan, &byClock)
                }
            }
            guard !row.phase.isTerminal, let organ = row.holder else { continue }
            byOrgan[organ, default: Line()].open.append(row.number)
        }
        func sorted(_ l: Line) -> Line {
            var s = l
            s.open.sort(); s.dueSoon.sort(); s.overdue.sort(); s.settledThisMonth.sort()
            return s
        }
        organs = byOrgan.keys.sorted().map { ($0, sorted(byOrgan[$0]!)) }
        clocks = ClockKind.allCases.filter { byClock[$0] != nil }.map { ($0, sorted(byClock[$0]!)) }
        flags = DeskFlag.allCases.map { ($0, (flagged[$0] ?? []).sorted()) }
        let inScope = states.filter { scope == nil || $0.holder == scope || $0.assignment?.assigner == scope }
        breaches = inScope.breachesByOrgan(asOf: asOf, calendar: calendar, directory: directory, terms: terms)
            .filter { scope == nil || $0.organ == scope }
        self.orders = orders.sorted { ($0.due, $0.number) < ($1.due, $1.number) }
    }
}

/// Where a settled duty is counted on the desk: its organ's line and its clock's line.
private enum Key {
    case organ(OrganCode), clock(ClockKind)

    func line(_ byOrgan: inout [OrganCode: SupervisorDesk.Line], _ byClock: inout [ClockKind: SupervisorDesk.Line])
        -> SupervisorDesk.Line {
        switch self {
        case .organ(let o): byOrgan[o] ?? SupervisorDesk.Line()
        case .clock(let k): byClock[k] ?? SupervisorDesk.Line()
        }
    }

    func store(_ l: SupervisorDesk.Line, _ byOrgan: inout [OrganCode: SupervisorDesk.Line],
               _ byClock: inout [ClockKind: SupervisorDesk.Line]) {
        switch self {
        case .organ(let o): byOrgan[o] = l
        case .clock(let k): byClock[k] = l
        }
    }
}
