extension Workflow {
    /// Folds one event into the state. Total and never validating: `decide` has
    /// already checked the event, and replay must accept whatever the log holds.
    package static func evolve(_ state: CaseState, _ event: CaseEvent) -> CaseState {
        var next = state
        apply(event, to: &next)
        return next
    }

    /// Folds one event into a state in place (no copy of the case's history), as
    /// replaying a large log needs. The same fold as `evolve`. With `keepingHistory`
    /// false only the brief `steps` are kept, not the full `events` (the case book reads
    /// those back from the log when it needs them).
    ///
    /// Voiding replays the case without the voided event, so it needs the case's full
    /// events: a holder that does not keep them must put them in `events` first.
    package static func apply(_ event: CaseEvent, to state: inout CaseState, keepingHistory: Bool = true) {
        if case .voided(let seq, _) = event.body {
            // Practice: only a supervisor voids, with a reason, and the original stays in the timeline.
            precondition(state.events.count == state.steps.count,
                         "voiding \(state.number) needs its full events; load them before folding the void")
            var replayed = CaseState(number: state.number)
            replayed.voided = state.voided.union([seq])
            for e in state.events + [event] {
                replayed.events.append(e)
                replayed.steps.append(CaseState.Step(e))
                if !replayed.voided.contains(e.seq) { replayed.apply(e) }
            }
            if !keepingHistory { replayed.events = [] }
            state = replayed
            return
        }
        if keepingHistory { state.events.append(event) }
        state.steps.append(CaseState.Step(event))
        state.apply(event)
    }

    /// Replays a case's events from nothing: the only path to state.
    package static func replay(_ number: CaseNumber, _ events: [CaseEvent]) -> CaseState {
        events.reduce(CaseState(number: number), evolve)
    }
}

extension CaseState {
    /// The day a step took effect: its own date where it carries one, else the day it was recorded.
    static func effectiveDay(_ event: CaseEvent) -> Day {
        switch event.body {
        case .registered(let p): p.receivedOn
        case .received(let on), .accepted(_, let on), .hearingStarted(let on), .hearingEnded(let on),
             .replyDelivered(let on), .reviewRequested(let on, _), .rereviewRequested(let on, _),
             .rereviewHearingStarted(let on), .rereviewHearingEnded(let on):
            on
        default: event.day
        }
    }

    fileprivate mutating func apply(_ event: CaseEvent) {
        let day = event.day
        let effective = CaseState.effectiveDay(event)
        if !Self.isAnnotation(event.body) { self.lastStepDay = max(self.lastStepDay ?? effective, effective) }
        switch event.body {
        case .registered(let p):
            self.phase = .registered
            self.petition = p
            self.holder = p.organ
            self.triageStart = p.receivedOn
            self.type = nil
            refreshPetitionFlags()
        case .transferred(let to, _):
            self.phase = .transferred
            self.sender = self.holder
            self.sentOn = day
            self.holder = to
        case .assigned(let to, let due, _):
            self.phase = .assigned
            self.assignment = Assignment(assigner: self.holder ?? to, to: to, on: day, due: due, reportedOn: nil)
            self.sender = self.holder
            self.sentOn = day
            self.holder = to
        case .referred(_, let to, _):
            self.phase = .referred
            self.holder = to
            self.closedOn = day
        case .escalated:
            self.phase = .escalated
            self.flags.insert(.majorUrgent)
        case .redirected:
            self.phase = .redirected
            self.closedOn = day
        case .notAccepted:
            self.phase = .notAccepted
            self.closedOn = day
        case .received(let on):
            self.phase = .received
            self.receivedOn = on
        case .accepted(let route, let on):
            self.phase = .accepted
            self.acceptedOn = on
            self.handlerOrgan = self.holder
            self.route = route
        case .objected:
            self.phase = .objected
        case .objectionDecided(let upheld, _):
            if upheld {
                // The materials go back and the sender triages again, from today.
                self.phase = .registered
                self.holder = self.sender
                self.triageStart = day
                self.receivedOn = nil
                self.sender = nil
                self.sentOn = nil
                if self.assignment?.reportedOn == nil { self.assignment = nil }
            } else {
                self.phase = .received
            }
        case .classified(let t, let tr):
            self.type = t
            self.track = tr
            if t == .grievance, let tr, (1...4).contains(tr) {
                self.phase = .routed
                self.closedOn = day
            } else {
                self.phase = .classified
            }
            refreshPetitionFlags()
        case .handlerAssigned(let user, _):
            self.handler = user
            if self.phase == .classified { self.phase = .handling }
        case .hearingStarted(let on):
            self.phase = .hearing
            self.hearings.append(Interval(start: on, end: nil))
        case .hearingEnded(let on):
            self.phase = .handling
            if let i = self.hearings.indices.last { self.hearings[i].end = on }
        case .mediationStarted:
            self.phase = .mediation
        case .agreementRecorded:
            self.phase = .mediated
            self.closedOn = day
        case .mediationEnded:
            self.phase = .handling
        case .deadlineExtended(let days, let reason, _):
            self.extensionGranted = Extension(days: days, reason: reason, approvedBy: event.actor.user, on: day)
            self.flags.insert(.extended)
        case .opinionIssued(let outcome, let text, let basis, let measures):
            self.phase = .opinionIssued
            self.opinion = Opinion(outcome: outcome, text: text, basis: basis, measures: measures, on: day)
        case .replyDelivered(let on):
            switch self.phase {
            case .opinionIssued:
                self.deliveredOn = on
                self.phase = isReviewable ? .replied : .closed
                if self.phase == .closed { self.closedOn = on }
            case .reviewOpinionIssued:
                self.review?.deliveredOn = on
                self.phase = .reviewed
            case .rereviewOpinionIssued:
                self.rereview?.deliveredOn = on
                self.phase = .final
                self.closedOn = on
            default:
                break
            }
        case .completionReported:
            self.assignment?.reportedOn = day
        case .reviewRequested(let on, let organ):
            self.phase = .reviewRequested
            self.review = Stage(organ: organ, requestedOn: on)
            self.holder = organ
        case .reviewOpinionIssued(let outcome, _):
            self.phase = .reviewOpinionIssued
            self.review?.outcome = outcome
            self.review?.opinionOn = day
        case .rereviewRequested(let on, let organ):
            self.phase = .rereviewRequested
            self.rereview = Stage(organ: organ, requestedOn: on)
            self.holder = organ
        case .rereviewHearingStarted(let on):
            self.phase = .rereviewHearing
            self.rereviewPauses.append(Interval(start: on, end: nil))
        case .rereviewHearingEnded(let on):
            self.phase = .rereviewRequested
            if let i = self.rereviewPauses.indices.last { self.rereviewPauses[i].end = on }
        case .rereviewOpinionIssued(let outcome, _):
            self.phase = .rereviewOpinionIssued
            self.rereview?.outcome = outcome
            self.rereview?.opinionOn = day
        case .withdrawn:
            self.phase = .withdrawn
            self.closedOn = day
        case .incidentRecorded, .followUpRecorded:
            break
        case .supervisionOrdered(let organ, let suggestion, let reason, let due):
            self.supervision.append(SupervisionOrder(index: self.supervision.count + 1, organ: organ, suggestion: suggestion,
                                                reason: reason, issuedOn: day, due: due, feedback: nil))
            self.flags.insert(.underSupervision)
        case .feedbackRecorded(let order, let adopted, let note):
            if let i = self.supervision.firstIndex(where: { $0.index == order }) {
                self.supervision[i].feedback = (adopted, note, day)
            }
            if openSupervisionOrders.isEmpty { self.flags.remove(.underSupervision) }
        case .supervisionListed(let due, _):
            self.listedOn = day
            self.listedDue = due
            self.flags.insert(.listedSupervision)
        case .leaderAssigned(let name):
            self.leader = name
            self.flags.insert(.leaderInCharge)
        case .corrected(let field, _, let new, _):
            self.petition?.correct(field, to: new)
            refreshPetitionFlags()
        case .voided:
            break
        case .linked(let to, let kind):
            self.links.append(Link(to: to, kind: kind))
        }
    }

    /// Records that add to a case without moving its workflow, and so set no step date.
    package static func isAnnotation(_ body: EventBody) -> Bool {
        switch body {
        case .incidentRecorded, .followUpRecorded, .supervisionOrdered, .feedbackRecorded, .supervisionListed,
             .leaderAssigned, .corrected, .voided, .linked:
            true
        default:
            false
        }
    }

    private mutating func refreshPetitionFlags() {
        guard let p = self.petition else { return }
        // Worked out on a copy and stored once: one write to the case, not five.
        var next = self.flags
        func set(_ flag: CaseFlag, _ on: Bool) { if on { next.insert(flag) } else { next.remove(flag) } }
        set(.groupVisit, p.group != nil && p.channel == .visit)
        set(.oralRecord, p.channel.isOral)
        set(.unreachable, p.isUnreachable)
        set(.foreign, p.petitioner.kind.isForeign)
        set(.confidentialAccusation, matterType == .accusation)
        if next != self.flags { self.flags = next }
    }
}

extension Petition {
    mutating func correct(_ field: CorrectableField, to value: String) {
        switch field {
        case .name: petitioner.name = value
        case .idNumber: petitioner.idNumber = value
        case .phone: petitioner.phone = value
        case .address: petitioner.address = value
        case .request: request = value
        case .facts: facts = value
        case .reasons: reasons = value
        case .category: category = value
        }
    }

    func value(of field: CorrectableField) -> String? {
        switch field {
        case .name: petitioner.name
        case .idNumber: petitioner.idNumber
        case .phone: petitioner.phone
        case .address: petitioner.address
        case .request: request
        case .facts: facts
        case .reasons: reasons
        case .category: category
        }
    }
}
