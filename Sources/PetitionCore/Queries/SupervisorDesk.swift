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

        /// An organ's line with no cases (an organ the desk lists though nothing is open there).
        package init() {}

        /// The duties settled this month and those done on time: the on-time rate, written as
        /// `stats` writes it (`Ratio.percentText`).
        package var onTime: Ratio { Ratio(dutiesOnTime, of: duties) }
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
    /// for (an organ head's own organ). In `runs` parts of the cases, one per core by the
    /// caller's `concurrently` (the console's host passes both cores; each case's clocks are
    /// derived several times over, ~0.4 s for 130,000 cases on one), joined: the same desk.
    package init(_ states: [CaseState], asOf: Day, calendar: HolidayCalendar, directory: Directory,
                 terms: StatutoryTerms = .regulation, scope: OrganCode? = nil, runs: Int = 1,
                 concurrently: (Int, @Sendable (Int) -> Void) -> Void = { n, body in for i in 0..<n { body(i) } }) {
        let runs = max(1, min(runs, states.count / 1_000 + 1))
        let size = (states.count + runs - 1) / runs
        let ranges = (0..<runs).map { min(states.count, $0 * size)..<min(states.count, ($0 + 1) * size) }
        var parts = [Part](repeating: Part(), count: runs)
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress
            concurrently(runs) { r in
                results?.advanced(by: r).pointee = Part(states[ranges[r]], asOf: asOf, calendar: calendar,
                                                        directory: directory, terms: terms, scope: scope)
            }
        }
        var whole = Part()
        for part in parts { whole.join(part) }
        func sorted(_ l: Line) -> Line {
            var s = l
            s.open.sort(); s.dueSoon.sort(); s.overdue.sort(); s.settledThisMonth.sort()
            return s
        }
        organs = whole.byOrgan.keys.sorted().map { ($0, sorted(whole.byOrgan[$0]!)) }
        clocks = ClockKind.allCases.filter { whole.byClock[$0] != nil }.map { ($0, sorted(whole.byClock[$0]!)) }
        flags = DeskFlag.allCases.map { ($0, (whole.flagged[$0] ?? []).sorted()) }
        // Each part's groups of one organ and kind, joined (organs in code order, kinds in the
        // regulation's order, cases in number order, as `breachesByOrgan` gives them).
        var groups: [OrganBreaches] = []
        for group in whole.breaches.sorted(by: { ($0.organ, $0.kind) < ($1.organ, $1.kind) }) {
            if let last = groups.last, last.organ == group.organ, last.kind == group.kind {
                groups[groups.count - 1].cases += group.cases
            } else {
                groups.append(group)
            }
        }
        breaches = groups.map { var g = $0; g.cases.sort(); return g }
        self.orders = whole.orders.sorted { ($0.due, $0.number) < ($1.due, $1.number) }
    }

    /// The desk's numbers over some of the cases, before they are sorted: what one core
    /// counts, joined with the others' (a case is in one part only).
    struct Part {
        var byOrgan: [OrganCode: Line] = [:]
        var byClock: [ClockKind: Line] = [:]
        var flagged: [DeskFlag: [CaseNumber]] = [:]
        var orders: [(number: CaseNumber, organ: OrganCode, due: Day)] = []
        var breaches: [OrganBreaches] = []

        init() {}

        init(_ states: ArraySlice<CaseState>, asOf: Day, calendar: HolidayCalendar, directory: Directory,
             terms: StatutoryTerms, scope: OrganCode?) {
            var byOrgan: [OrganCode: Line] = [:]
            var byClock: [ClockKind: Line] = [:]
            var flagged: [DeskFlag: [CaseNumber]] = [:]
            var orders: [(number: CaseNumber, organ: OrganCode, due: Day)] = []
            var breaches = BreachGroups()
            let monthStart = Day(year: asOf.year, month: asOf.components.month, day: 1) ?? asOf
            for state in states {
                guard state.isSomeonesWork else { continue }
                // Each case's phase and clocks on the day, derived once (decision 0031 addendum):
                // its lines, flags and breaches all read them.
                let phase = state.effectivePhase(asOf: asOf, calendar: calendar, terms: terms)
                let all = state.clocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms)
                // Per organ, due soon and overdue: each duty clock for the organ it is charged to
                // (`chargedOrgan`, as `queue --organ X --overdue` and the breaches charge it), a closed
                // case's supporting opinion awaiting execution included; never a window (decision 0031).
                let closed = phase != state.phase
                let running = all.filter { BreachKind($0.kind) != nil && (!closed || $0.kind == .execution) }
                var charged: (soon: Set<OrganCode>, late: Set<OrganCode>) = ([], [])
                for clock in running {
                    guard let organ = state.chargedOrgan(clock), scope == nil || organ == scope else { continue }
                    if clock.isOverdue { charged.late.insert(organ) } else if clock.isDueSoon(terms) { charged.soon.insert(organ) }
                }
                for organ in charged.soon.subtracting(charged.late) { byOrgan[organ, default: Line()].dueSoon.append(state.number) }
                for organ in charged.late { byOrgan[organ, default: Line()].overdue.append(state.number) }
                // The breaches by organ and kind; a head's, those charged to the head's organ
                // wherever the case now is (as its organ line counts them).
                breaches.add(state.breaches(of: all).filter { scope == nil || $0.organ == scope })
                // Per clock: every duty clock running on the case, not only the next (a closed case's
                // supporting opinion still awaiting execution included, as the breaches count it); a
                // head's, the clocks charged to the head's organ, so its lines add up with its organ line.
                var seen: Set<ClockKind> = []
                for clock in running where (scope == nil || state.chargedOrgan(clock) == scope) && seen.insert(clock.kind).inserted {
                    byClock[clock.kind, default: Line()].open.append(state.number)
                    if clock.isDueSoon(terms) { byClock[clock.kind, default: Line()].dueSoon.append(state.number) }
                    if clock.isOverdue { byClock[clock.kind, default: Line()].overdue.append(state.number) }
                }
                guard scope.map(state.isOnDesk) ?? true else { continue }
                for flag in DeskFlag.allCases where flag.holds(state, asOf: asOf, terms: terms, effectivePhase: { phase }) {
                    flagged[flag, default: []].append(state.number)
                }
                for order in state.openSupervisionOrders { orders.append((state.number, order.organ, order.due)) }
                // On time this month, as the statistics count it (decision 0023's cohort: received
                // from the 1st to the desk's day): each settled duty for the organ that answered for it
                // and for its clock.
                // The cohort is asked once a case, before its duties are derived.
                let received = state.petition?.receivedOn
                let inCohort = received.map { $0 >= monthStart && $0 <= asOf } == true
                // Only the clocks the statistics measure: an assignment's report and a 督办's feedback
                // have their own lines of open and overdue cases, but no on-time rate `stats` would not show.
                for duty in inCohort ? state.dutyClocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms) : []
                where duty.isSettled(asOf: asOf) && MeasuredClock(duty.kind) != nil && (scope == nil || duty.organ == scope) {
                    for key in [Key.organ(duty.organ), .clock(duty.kind)] {
                        var l = key.line(&byOrgan, &byClock)
                        if l.settledThisMonth.last != state.number { l.settledThisMonth.append(state.number) }
                        l.duties += 1
                        if duty.onTime { l.dutiesOnTime += 1 }
                        key.store(l, &byOrgan, &byClock)
                    }
                }
                guard !phase.isTerminal, let organ = state.holder else { continue }
                byOrgan[organ, default: Line()].open.append(state.number)
            }
            self.breaches = breaches.sorted
            (self.byOrgan, self.byClock, self.flagged, self.orders) = (byOrgan, byClock, flagged, orders)
        }

        /// Adds another part's numbers (of other cases) to this one's.
        mutating func join(_ other: Part) {
            for (organ, line) in other.byOrgan { byOrgan[organ, default: Line()].add(line) }
            for (clock, line) in other.byClock { byClock[clock, default: Line()].add(line) }
            for (flag, cases) in other.flagged { flagged[flag, default: []] += cases }
            orders += other.orders
            breaches += other.breaches
        }
    }
}

extension SupervisorDesk.Line {
    /// Another part's line of the same organ or clock (other cases) added to this one.
    mutating func add(_ other: SupervisorDesk.Line) {
        open += other.open
        dueSoon += other.dueSoon
        overdue += other.overdue
        settledThisMonth += other.settledThisMonth
        duties += other.duties
        dutiesOnTime += other.dutiesOnTime
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
