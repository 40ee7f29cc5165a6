/// Filters for a queue of cases (`xinfang queue`, the console's queue screen).
package struct QueueFilter: Sendable {
    package var phase: Phase?
    package var organ: OrganCode?
    package var overdueOnly = false
    package var dueWithin: Int?
    /// Any of these organs holds the case (an organ named by part of its name, short name or
    /// code may be several: `Directory.organs(matching:)`).
    package var organs: Set<OrganCode>?
    /// The case carries this flag (督办中, 重复访, 越级访, 积案…), as of the queue's day.
    package var flag: DeskFlag?

    package init(phase: Phase? = nil, organ: OrganCode? = nil, overdueOnly: Bool = false, dueWithin: Int? = nil,
                 organs: Set<OrganCode>? = nil, flag: DeskFlag? = nil) {
        self.phase = phase
        self.organ = organ
        self.overdueOnly = overdueOnly
        self.dueWithin = dueWithin
        self.organs = organs
        self.flag = flag
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
    /// The petitioner is not shown to this user (an accusation, Art 30); `petitioner` is then empty.
    package var withheld = false
    /// Earlier-case flags still awaiting the clerk (decision 0017), and content still missing
    /// (Art 19 para 1): shown in the queue until settled.
    package var flagged: [EarlierCaseFlag] = []
    package var missing: [MissingContent] = []
    /// The soonest duty clock: `next` unless that is the objection window, which binds no one.
    /// "Due soon" and `--due-within` count this.
    package var nextDuty: ClockStatus?
    /// The organs the overdue clocks are charged to (`CaseState.chargedOrgan`).
    package var overdueOrgans: [OrganCode] = []

    /// The row as this user may see it: an accusation's accuser withheld from whoever
    /// may not read it (Art 30), so no list, filter or export built on rows can show it.
    package func disclosed(to actor: Actor, name: String? = nil, case state: CaseState?) -> QueueRow {
        guard let state, !state.contentVisible(to: actor, name: name) else { return self }
        var row = self
        row.petitioner = ""
        row.withheld = true
        return row
    }
}

extension CaseState {
    /// A case not yet registered is no one's work — unless a log recovery lost its
    /// registration (it has steps, the recovery's): it waits for a supervisor's review, then for
    /// the petition to be entered again under its number (`register --into`). The queue and the
    /// desk both count only what is someone's work.
    package var isSomeonesWork: Bool { phase != .new || !steps.isEmpty }
}

extension QueueRow {
    /// A case's row as of a day: its next running duty clock and the overdue ones;
    /// nil for a case not yet registered.
    package init?(_ state: CaseState, asOf: Day, calendar: HolidayCalendar, directory: Directory) {
        guard state.isSomeonesWork else { return nil }
        let phase = state.effectivePhase(asOf: asOf, calendar: calendar)
        // A case closed by a lapsed window keeps only a supporting opinion's execution term.
        let all = state.clocks(asOf: asOf, calendar: calendar, directory: directory)
        let clocks = phase == state.phase ? all : all.filter { $0.kind == .execution }
        let shown = clocks.filter { !$0.kind.isPetitionerWindow }
        // Only duties are ever due or overdue: the receiver's objection window is its option
        // (decision 0022; issue 14 item 2), shown as the next deadline but never counted.
        let duties = shown.filter { BreachKind($0.kind) != nil }
        self.init(number: state.number, petitioner: state.petition?.petitioner.name ?? "",
                  category: state.petition?.category ?? "", phase: phase, holder: state.holder,
                  next: shown.min { $0.due < $1.due },
                  overdue: duties.filter(\.isOverdue))
        nextDuty = duties.min { $0.due < $1.due }
        for clock in overdue {
            if let organ = state.chargedOrgan(clock), !overdueOrgans.contains(organ) { overdueOrgans.append(organ) }
        }
        if !state.earlierFlags.isEmpty { flagged = state.openEarlierFlags }
        if let p = state.petition, !state.flags.isDisjoint(with: CaseFlags(MissingContent.allCases.map(\.flag))) {
            missing = p.missingContent
        }
    }

    /// Queue order: the soonest next deadline first, cases with none last, then by number.
    package static func sooner(_ a: QueueRow, _ b: QueueRow) -> Bool {
        switch (a.next?.due, b.next?.due) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.number < b.number
        }
    }

    /// Whether the row passes a queue filter.
    package func matches(_ filter: QueueFilter) -> Bool {
        if let want = filter.phase, want != phase { return false }
        if let organ = filter.organ, holder != organ { return false }
        // With --overdue, the organ answering for a late clock (the desk's and the breaches'
        // notion, decision 0031); else the organ holding the case.
        if let organs = filter.organs {
            let matched = filter.overdueOnly ? overdueOrgans.contains(where: organs.contains)
                : holder.map { organs.contains($0) } ?? false
            if !matched { return false }
        }
        if filter.overdueOnly && overdue.isEmpty { return false }
        if let within = filter.dueWithin {
            guard let nextDuty, nextDuty.daysLeft <= within else { return false }
        }
        return true
    }
}

extension Sequence where Element == CaseState {
    /// The cases matching the filter as of a day, soonest deadline first, then by number.
    package func queue(_ filter: QueueFilter, asOf: Day, calendar: HolidayCalendar,
                       directory: Directory) -> [QueueRow] {
        let rows = compactMap { state -> QueueRow? in
            guard filter.flag.map({ $0.holds(state, asOf: asOf, calendar: calendar) }) ?? true else { return nil }
            return QueueRow(state, asOf: asOf, calendar: calendar, directory: directory)
        }.filter { $0.matches(filter) }
        // Sort positions by small keys, then place each row once: a row is large (strings,
        // clocks), and sorting the rows themselves moved them around many times.
        let keys = rows.indices.map { (due: rows[$0].next?.due.ordinal ?? Int.max, at: $0) }
        return keys.sorted { a, b in
            a.due != b.due ? a.due < b.due : rows[a.at].number < rows[b.at].number
        }.map { rows[$0.at] }
    }
}
