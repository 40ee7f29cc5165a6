extension CaseState {
    /// A supporting opinion (Art 32 para 1 item 1) whose execution is not yet recorded (para 2).
    package var awaitsExecution: Bool {
        guard opinion?.outcome == .support, phase != .withdrawn else { return false }
        return !steps.contains { $0.action == .recordExecution && !voided.contains($0.seq) }
    }

    /// Whether Art 34's handling term binds this matter: only one handled under Art 31 item 6
    /// does. A matter not yet classified may still be one, so its term runs from acceptance.
    package var handlingTermApplies: Bool {
        switch matterType {
        case nil: true
        case .grievance: track == nil || track == 6
        case .suggestion, .accusation: false
        }
    }

    /// The clocks running on `asOf`, computed from the case's dates — never stored,
    /// so adding a holiday notice later recomputes them.
    ///
    /// Every term comes from `terms` (the regulation's unless a test says otherwise).
    package func clocks(asOf: Day, calendar: HolidayCalendar, directory: Directory,
                        terms: StatutoryTerms = .regulation) -> [ClockStatus] {
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
                    add(.triage, start, terms.triage.due(from: start, in: calendar))
                } else if !flags.contains(.unreachable) {
                    add(.directNotice, start, terms.directNotice.due(from: start, in: calendar))
                }
            }
        case .transferred, .assigned:
            // The regulation's clocks run from receipt; until then the receiver's practice term
            // runs from the day the matter was sent (decision 0022).
            if let sent = sentOn {
                add(.receipt, sent, terms.receipt.due(from: sent, in: calendar))
            }
        case .received, .objected:
            if let received = receivedOn {
                add(.receiverNotice, received, terms.receiverNotice.due(from: received, in: calendar))
                // Objecting is the receiver's option, not a duty: a window let pass is no breach
                // (Art 23 para 3), so it is shown only while it is open.
                let objectionDue = terms.objection.due(from: received, in: calendar)
                if phase == .received, objectionDue.due >= asOf {
                    add(.objection, received, objectionDue)
                }
            }
        case .accepted, .classified, .handling, .hearing, .mediation:
            // Art 34's term binds only Art 31 item 6 matters; the regulation sets no term for
            // suggestions (Art 29), accusations (Art 30, under discipline rules) or tracks 1–5.
            // It runs from acceptance, or from the day a revoked opinion is handled again.
            if let accepted = handlingStart, handlingTermApplies {
                add(.handling, accepted,
                    terms.handling.due(from: accepted, in: calendar, extraDays: extensionGranted?.days ?? 0))
            }
        case .replied:
            // A window the petitioner let pass is not overdue: the case has closed (Art 35).
            if let delivered = deliveredOn, terms.reviewWindow.due(from: delivered, in: calendar).due >= asOf {
                add(.reviewWindow, delivered, terms.reviewWindow.due(from: delivered, in: calendar))
            }
        case .reviewRequested:
            if let review {
                add(.review, review.requestedOn, terms.review.due(from: review.requestedOn, in: calendar))
            }
        case .reviewed:
            if let delivered = review?.deliveredOn, terms.rereviewWindow.due(from: delivered, in: calendar).due >= asOf {
                add(.rereviewWindow, delivered, terms.rereviewWindow.due(from: delivered, in: calendar))
            }
        case .rereviewRequested, .rereviewHearing:
            if let rereview {
                // Art 36: hearing time is not counted. A finished hearing adds its days
                // (end − start); an open one adds the days it has run so far.
                let pausedDays = rereviewPauses.reduce(0) { sum, p in
                    sum + max(0, p.start.days(to: p.end ?? asOf))
                }
                add(.rereview, rereview.requestedOn,
                    terms.rereview.due(from: rereview.requestedOn, in: calendar, extraDays: pausedDays),
                    paused: phase == .rereviewHearing)
            }
        case .new, .referred, .redirected, .notAccepted, .routed, .mediated,
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
        // A supporting opinion runs its execution term until the execution is recorded, whatever
        // the phase after it (Art 32 para 2; practice term).
        if awaitsExecution, let o = opinion {
            add(.execution, o.on, terms.execution.due(from: o.on, in: calendar))
        }
        if let due = listedDue, let on = listedOn, !phase.isTerminal {
            result.append(ClockStatus(kind: .listedSupervision, start: on, due: due, daysLeft: asOf.days(to: due),
                                      provisional: calendar.isProvisional(due), paused: false, order: nil))
        }
        return result
    }

    /// The phase as the queues see it on `asOf`: a reply or review reply whose
    /// window lapsed with no request has closed the case (Arts 35, 36).
    package func effectivePhase(asOf: Day, calendar: HolidayCalendar, terms: StatutoryTerms = .regulation) -> Phase {
        switch phase {
        case .replied:
            if let d = deliveredOn, asOf > terms.reviewWindow.due(from: d, in: calendar).due { return .closed }
        case .reviewed:
            if let d = review?.deliveredOn, asOf > terms.rereviewWindow.due(from: d, in: calendar).due { return .closed }
        case .new, .registered, .escalated, .transferred, .assigned, .referred, .redirected, .notAccepted,
             .received, .objected, .accepted, .classified, .routed, .handling, .hearing, .mediation, .mediated,
             .opinionIssued, .closed, .reviewRequested, .reviewOpinionIssued, .rereviewRequested, .rereviewHearing,
             .rereviewOpinionIssued, .final, .withdrawn:
            break
        }
        return phase
    }

    /// The soonest-due running clock that binds an organ, if any.
    package func nextDeadline(asOf: Day, calendar: HolidayCalendar, directory: Directory,
                              terms: StatutoryTerms = .regulation) -> ClockStatus? {
        clocks(asOf: asOf, calendar: calendar, directory: directory, terms: terms)
            .filter { !$0.kind.isPetitionerWindow }
            .min { $0.due < $1.due }
    }
}
