extension Sequence where Element == CaseState {
    /// The statistics of the cases received in the query's period, within its jurisdiction,
    /// as of its as-of day (docs/statistics.md defines every figure). One pass over the cases.
    package func statistics(_ query: StatisticsQuery, directory: Directory, calendar: HolidayCalendar,
                            terms: StatutoryTerms = .regulation) -> Statistics {
        let months = query.months
        let jurisdiction = query.organ.map { directory.jurisdiction(of: $0) }
        var total = Figures(months: months.count)
        var groups: [String: Figures] = [:]
        let period = query.from...query.to
        func monthKey(_ day: Day) -> String {
            let (y, m, _) = day.components
            return "\(y)-" + (m < 10 ? "0\(m)" : "\(m)")
        }
        for state in self {
            guard let petition = state.petition else { continue }
            let inCohort = period.contains(petition.receivedOn)
            // A case outside the cohort still brings the supervision orders issued (and the
            // feedback recorded) in the period on it.
            guard inCohort || !state.supervision.isEmpty else { continue }
            let answerable = state.answerableOrgan ?? petition.organ
            if let jurisdiction, !jurisdiction.contains(petition.organ), !jurisdiction.contains(answerable) { continue }
            let key = query.by.map { state.groupKey($0, directory: directory) }
            if inCohort {
                let month = months.lastIndex { $0 <= petition.receivedOn }
                let duties = state.dutyClocks(asOf: query.asOf, calendar: calendar, directory: directory, terms: terms)
                    .filter { $0.isSettled(asOf: query.asOf) }
                total.count(state, month: month, duties: duties, asOf: query.asOf, directory: directory, calendar: calendar,
                            terms: terms)
                if let key {
                    // By organ, each duty clock's keeping is the organ's that owes it (as the desk
                    // counts it); the case's volumes stay with the organ answerable for it.
                    let byOrgan = query.by == .organ
                    groups[key, default: Figures(months: months.count)]
                        .count(state, month: month, duties: byOrgan ? [] : duties, asOf: query.asOf, directory: directory,
                               calendar: calendar, terms: terms)
                    if byOrgan {
                        for duty in duties { groups[duty.organ, default: Figures(months: months.count)].keep(duty) }
                    }
                }
            }
            // Art 41 item 3: the supervision of the period — orders placed by the day issued,
            // feedback by the day recorded, whatever the case's day of receipt.
            for order in state.supervision {
                // By organ, the organ the order was addressed to; by month, the month of the act.
                func group(_ day: Day) -> String? {
                    switch query.by {
                    case .organ: order.organ
                    case .month: monthKey(day)
                    default: key
                    }
                }
                if period.contains(order.issuedOn) {
                    total.orders[order.suggestion, default: 0] += 1
                    if let g = group(order.issuedOn) {
                        groups[g, default: Figures(months: months.count)].orders[order.suggestion, default: 0] += 1
                    }
                }
                if let feedback = order.feedback, period.contains(feedback.on) {
                    total.answer(order.suggestion, adopted: feedback.adoption.isAdopted)
                    if let g = group(feedback.on) {
                        groups[g, default: Figures(months: months.count)].answer(order.suggestion,
                                                                                 adopted: feedback.adoption.isAdopted)
                    }
                }
            }
        }
        let byMonth = query.by == .month
        let sorted = groups.map { Statistics.Group(key: $0.key, figures: $0.value) }.sorted { (a: Statistics.Group, b: Statistics.Group) -> Bool in
            // Months read in order; every other breakdown largest first.
            if byMonth || a.figures.received == b.figures.received { return a.key < b.key }
            return a.figures.received > b.figures.received
        }
        return Statistics(query: query, total: total, groups: sorted)
    }
}

extension Directory {
    /// The organ and every organ below it by the `superior` chain (a jurisdiction).
    package func jurisdiction(of organ: OrganCode) -> Set<OrganCode> {
        Set(organs.map(\.code).filter { $0 == organ || isBelowInSystem($0, of: organ) }).union([organ])
    }
}

extension CaseState {
    /// The organ that answers for the case now: the one handling it, else the one holding it.
    package var answerableOrgan: OrganCode? { handlerOrgan ?? holder }

    /// The case's group under a breakdown.
    package func groupKey(_ dimension: StatisticsQuery.Dimension, directory: Directory) -> String {
        let organ = answerableOrgan ?? petition?.organ
        switch dimension {
        case .category: return petition?.category ?? ""
        case .organ: return organ ?? ""
        case .channel: return petition?.channel.rawValue ?? ""
        case .type: return matterType?.rawValue ?? ""
        case .month:
            guard let (y, m, _) = petition?.receivedOn.components else { return "" }
            return "\(y)-" + (m < 10 ? "0\(m)" : "\(m)")
        case .level: return organ.flatMap { directory[$0]?.level.rawValue } ?? ""
        }
    }

    /// The workflow steps still standing (not voided), in log order.
    var standingSteps: [Step] { steps.filter { !voided.contains($0.seq) } }
}

extension Figures {
    /// Adds one case of the cohort (received in month `month` of the period).
    /// `duties` are the case's settled duty clocks to count here (none: counted elsewhere).
    mutating func count(_ state: CaseState, month: Int?, duties: [DutyClock], asOf: Day, directory: Directory,
                        calendar: HolidayCalendar, terms: StatutoryTerms) {
        guard let petition = state.petition else { return }
        received += 1
        if let month { monthly[month] += 1 }
        if let accepted = state.acceptedOn {
            self.accepted += 1
            daysToAcceptance.append(petition.receivedOn.days(to: accepted))
        }
        if let delivered = state.deliveredOn {
            replied += 1
            daysToReply.append(petition.receivedOn.days(to: delivered))
        }
        // The statistics' clocks of `dutyClocks`, the one derivation the desk reads too; a clock
        // still running is not counted.
        for duty in duties { keep(duty) }
        repeats.add(state.isRepeat)
        let settled = state.deliveredOn != nil || state.phase == .mediated
        firstContact.add(settled && state.review == nil && !state.isRepeat)
        if state.matterType == .grievance, let outcome = state.opinion?.outcome {
            support.add(outcome == .support)
            explain.add(outcome == .explain)
            notSupport.add(outcome == .notSupport)
        }
        if state.deliveredOn != nil, state.isReviewable { review.add(state.review != nil) }
        if state.review?.deliveredOn != nil { rereview.add(state.rereview != nil) }
        if let rating = state.rating {
            ratings[rating, default: 0] += 1
            satisfaction.add(rating != .dissatisfied)
        }
        let steps = state.standingSteps
        if steps.contains(where: { $0.action == .transfer }) { transferred += 1 }
        if steps.contains(where: { $0.action == .assign }) { assigned += 1 }
        breaches += state.breaches(asOf: asOf, calendar: calendar, directory: directory, terms: terms).count
    }

    /// Counts one settled duty clock's keeping, if the statistics measure its clock.
    mutating func keep(_ duty: DutyClock) {
        guard let clock = MeasuredClock(duty.kind) else { return }
        onTime[clock, default: Ratio()].add(duty.onTime)
    }

    /// Counts the written feedback on one order (Art 40 para 4).
    mutating func answer(_ suggestion: Suggestion, adopted: Bool) {
        ordersAnswered[suggestion, default: 0] += 1
        if adopted { ordersAdopted[suggestion, default: 0] += 1 }
    }
}
