/// One duty clock a case has run: which clock, the organ that answers for it, its due day and
/// the day its duty was done (nil while undone). The one derivation of "on time" that the
/// desk's on-time rate and the statistics both read (decision 0024, reconciling 0022 and 0023).
package struct DutyClock: Sendable, Equatable {
    package var kind: ClockKind
    package var organ: OrganCode
    package var due: Day
    package var done: Day?

    package init(kind: ClockKind, organ: OrganCode, due: Day, done: Day?) {
        self.kind = kind
        self.organ = organ
        self.due = due
        self.done = done
    }

    /// Settled on `asOf`: done, or past its due day undone. A clock still running is not
    /// counted either way.
    package func isSettled(asOf: Day) -> Bool { done != nil || asOf > due }

    /// Done by its due day (a clock past due and undone is late).
    package var onTime: Bool { done.map { $0 <= due } ?? false }
}

extension CaseState {
    /// Every duty clock the case has run, with its due day and the day its duty was done, as
    /// the clocks count them (`clocks(asOf:…)`): the first disposal of what the registering
    /// organ received (triage, Art 22 para 1; direct notice, Art 23 paras 1–2), the receiver's
    /// notice (acceptance, Art 23 para 3), handling (the opinion, Art 34), review and re-review
    /// (their opinions, Arts 35–36), an assignment (its completion report), each supervision
    /// order's feedback (Art 40 para 4). Only duties: windows a petitioner or receiver may let
    /// pass are not here.
    package func dutyClocks(asOf: Day, calendar: HolidayCalendar, directory: Directory,
                            terms: StatutoryTerms = .regulation) -> [DutyClock] {
        guard let petition else { return [] }
        var result: [DutyClock] = []
        func add(_ kind: ClockKind, _ organ: OrganCode?, _ due: Day, _ done: Day?) {
            guard let organ else { return }
            result.append(DutyClock(kind: kind, organ: organ, due: due, done: done))
        }
        let steps = standingSteps
        func firstDay(_ kinds: Set<ActionKind>) -> Day? {
            guard let step = steps.first(where: { kinds.contains($0.action) }) else { return nil }
            return step.action == .accept ? (acceptedOn ?? Day(step.at)) : Day(step.at)
        }
        let start = petition.receivedOn
        if directory[petition.organ]?.type == .petitionBureau {
            let done = firstDay([.transfer, .assign, .referPoliticalLegal, .referDiscipline, .escalate, .redirect,
                                 .notAccept, .accept])
            add(.triage, petition.organ, terms.triage.due(from: start, in: calendar).due, done)
        } else if !petition.isUnreachable {
            let done = firstDay([.transfer, .assign, .redirect, .notAccept, .accept])
            add(.directNotice, petition.organ, terms.directNotice.due(from: start, in: calendar).due, done)
        }
        if let received = receivedOn {
            add(.receiverNotice, answerableOrgan, terms.receiverNotice.due(from: received, in: calendar).due, acceptedOn)
        }
        if let accepted = handlingStart, handlingTermApplies, phase != .routed {
            let due = terms.handling.due(from: accepted, in: calendar, extraDays: extensionGranted?.days ?? 0).due
            add(.handling, answerableOrgan, due, opinion?.on)
        }
        if let review {
            add(.review, review.organ, terms.review.due(from: review.requestedOn, in: calendar).due, review.opinionOn)
        }
        if let rereview {
            // Hearing time is not counted (Art 36); an open hearing counts to the as-of day.
            let asOfEnd = rereview.opinionOn ?? asOf
            let paused = rereviewPauses.reduce(0) { $0 + max(0, $1.start.days(to: $1.end ?? asOfEnd)) }
            let due = terms.rereview.due(from: rereview.requestedOn, in: calendar, extraDays: paused).due
            add(.rereview, rereview.organ, due, rereview.opinionOn)
        }
        if let a = assignment { add(.assignment, a.to, a.due, a.reportedOn) }
        for order in supervision { add(.supervisionFeedback, order.organ, order.due, order.feedback?.on) }
        return result
    }
}
