/// A duty that stopped: which clock, the organ that answered for it, when it was due and when
/// it stopped. The desk's on-time rate this month counts these (decision 0022).
package struct StoppedDuty: Sendable, Equatable {
    package var kind: ClockKind
    package var organ: OrganCode
    package var due: Day
    package var stopped: Day
    package var onTime: Bool { stopped <= due }
}

extension CaseState {
    /// The duty clocks this case has stopped, each with its due day, from the dates the case
    /// keeps: triage and direct notice (by the first step that disposed of the matter), the
    /// receiver's notice (acceptance), handling (the opinion), review and re-review (their
    /// opinions), an assignment (its completion report), supervision feedback.
    package func stoppedDuties(calendar: HolidayCalendar, directory: Directory,
                               terms: StatutoryTerms = .regulation) -> [StoppedDuty] {
        var result: [StoppedDuty] = []
        func add(_ kind: ClockKind, _ organ: OrganCode?, _ due: Day, _ stopped: Day?) {
            guard let organ, let stopped else { return }
            result.append(StoppedDuty(kind: kind, organ: organ, due: due, stopped: stopped))
        }
        if let start = triageStart, let first = petition?.organ {
            let disposing: Set<ActionKind> = [.transfer, .assign, .referPoliticalLegal, .referDiscipline, .redirect,
                                              .notAccept, .accept, .escalate]
            let stop = steps.first { disposing.contains($0.action) && !voided.contains($0.seq) }.map { Day($0.at) }
            if directory[first]?.type == .petitionBureau {
                add(.triage, first, terms.triage.due(from: start, in: calendar).due, stop)
            } else if !flags.contains(.unreachable) {
                add(.directNotice, first, terms.directNotice.due(from: start, in: calendar).due, stop)
            }
        }
        if let received = receivedOn {
            add(.receiverNotice, handlerOrgan ?? holder, terms.receiverNotice.due(from: received, in: calendar).due,
                acceptedOn)
        }
        if let start = handlingStart, handlingTermApplies, let o = opinion {
            add(.handling, handlerOrgan ?? holder,
                terms.handling.due(from: start, in: calendar, extraDays: extensionGranted?.days ?? 0).due, o.on)
        }
        if let r = review {
            add(.review, r.organ, terms.review.due(from: r.requestedOn, in: calendar).due, r.opinionOn)
        }
        if let r = rereview {
            let paused = rereviewPauses.reduce(0) { $0 + max(0, $1.start.days(to: $1.end ?? $1.start)) }
            add(.rereview, r.organ, terms.rereview.due(from: r.requestedOn, in: calendar, extraDays: paused).due,
                r.opinionOn)
        }
        if let a = assignment { add(.assignment, a.to, a.due, a.reportedOn) }
        for order in supervision { add(.supervisionFeedback, order.organ, order.due, order.feedback?.on) }
        return result
    }
}
