extension CaseState {
    /// The clocks running on `asOf`, computed from the case's dates — never stored,
    /// so adding a holiday notice later recomputes them.
    package func clocks(asOf: Day, calendar: HolidayCalendar, directory: Directory) -> [ClockStatus] {
        var result: [ClockStatus] = []
        func add(_ kind: ClockKind, _ start: Day, _ due: DueDate, paused: Bool = false, order: Int? = nil) {
            result.append(ClockStatus(kind: kind, start: start, due: due.due, daysLeft: asOf.days(to: due.due),
                                      provisional: due.provisional, paused: paused, order: order))
        }
        switch phase {
        case .registered, .escalated:
            if let start = triageStart {
                let atBureau = holder.flatMap { directory[$0] }?.type == .petitionBureau
                if atBureau {
                    add(.triage, start, calendar.adding(calendarDays: 15, to: start))
                } else if !flags.contains(.unreachable) {
                    add(.directNotice, start, calendar.adding(calendarDays: 15, to: start))
                }
            }
        case .received, .objected:
            if let received = receivedOn {
                add(.receiverNotice, received, calendar.adding(calendarDays: 15, to: received))
                // Objecting is the receiver's option, not a duty: a window let pass is no breach
                // (Art 23 para 3), so it is shown only while it is open.
                let objectionDue = calendar.adding(workingDays: 5, to: received)
                if phase == .received, objectionDue.due >= asOf {
                    add(.objection, received, objectionDue)
                }
            }
        case .accepted, .classified, .handling, .hearing, .mediation:
            if let accepted = handlingStart {
                add(.handling, accepted, calendar.adding(calendarDays: 60 + (extensionGranted?.days ?? 0), to: accepted))
            }
        case .replied:
            // A window the petitioner let pass is not overdue: the case has closed (Art 35).
            if let delivered = deliveredOn, calendar.adding(calendarDays: 30, to: delivered).due >= asOf {
                add(.reviewWindow, delivered, calendar.adding(calendarDays: 30, to: delivered))
            }
        case .reviewRequested:
            if let review {
                add(.review, review.requestedOn, calendar.adding(calendarDays: 30, to: review.requestedOn))
            }
        case .reviewed:
            if let delivered = review?.deliveredOn, calendar.adding(calendarDays: 30, to: delivered).due >= asOf {
                add(.rereviewWindow, delivered, calendar.adding(calendarDays: 30, to: delivered))
            }
        case .rereviewRequested, .rereviewHearing:
            if let rereview {
                // Art 36: hearing time is not counted. A finished hearing adds its days
                // (end − start); an open one adds the days it has run so far.
                let pausedDays = rereviewPauses.reduce(0) { sum, p in
                    sum + max(0, p.start.days(to: p.end ?? asOf))
                }
                add(.rereview, rereview.requestedOn,
                    calendar.adding(calendarDays: 30 + pausedDays, to: rereview.requestedOn),
                    paused: phase == .rereviewHearing)
            }
        case .new, .transferred, .assigned, .referred, .redirected, .notAccepted, .routed, .mediated,
             .opinionIssued, .closed, .reviewOpinionIssued, .rereviewOpinionIssued, .final, .withdrawn:
            break
        }
        // The petitioner's time to supplement, while it is open: a window let pass is no clock
        // (the organ goes on with what it has; the missing content stays flagged).
        if let due = supplementDue, let on = supplementRequestedOn, due >= asOf, !phase.isTerminal {
            result.append(ClockStatus(kind: .supplement, start: on, due: due, daysLeft: asOf.days(to: due),
                                      provisional: calendar.isProvisional(due), paused: false, order: nil))
        }
        if let a = assignment, a.reportedOn == nil {
            result.append(ClockStatus(kind: .assignment, start: a.on, due: a.due, daysLeft: asOf.days(to: a.due),
                                      provisional: calendar.isProvisional(a.due), paused: false, order: nil))
        }
        for order in openSupervisionOrders {
            result.append(ClockStatus(kind: .supervisionFeedback, start: order.issuedOn, due: order.due,
                                      daysLeft: asOf.days(to: order.due),
                                      provisional: calendar.isProvisional(order.due), paused: false,
                                      order: order.index))
        }
        if let due = listedDue, let on = listedOn, !phase.isTerminal {
            result.append(ClockStatus(kind: .listedSupervision, start: on, due: due, daysLeft: asOf.days(to: due),
                                      provisional: calendar.isProvisional(due), paused: false, order: nil))
        }
        return result
    }

    /// The phase as the queues see it on `asOf`: a reply or review reply whose
    /// window lapsed with no request has closed the case (Arts 35, 36).
    package func effectivePhase(asOf: Day, calendar: HolidayCalendar) -> Phase {
        switch phase {
        case .replied:
            if let d = deliveredOn, asOf > calendar.adding(calendarDays: 30, to: d).due { return .closed }
        case .reviewed:
            if let d = review?.deliveredOn, asOf > calendar.adding(calendarDays: 30, to: d).due { return .closed }
        case .new, .registered, .escalated, .transferred, .assigned, .referred, .redirected, .notAccepted,
             .received, .objected, .accepted, .classified, .routed, .handling, .hearing, .mediation, .mediated,
             .opinionIssued, .closed, .reviewRequested, .reviewOpinionIssued, .rereviewRequested, .rereviewHearing,
             .rereviewOpinionIssued, .final, .withdrawn:
            break
        }
        return phase
    }

    /// The soonest-due running clock that binds an organ, if any.
    package func nextDeadline(asOf: Day, calendar: HolidayCalendar, directory: Directory) -> ClockStatus? {
        clocks(asOf: asOf, calendar: calendar, directory: directory)
            .filter { !$0.kind.isPetitionerWindow }
            .min { $0.due < $1.due }
    }
}
