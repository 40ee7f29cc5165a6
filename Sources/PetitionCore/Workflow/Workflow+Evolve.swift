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
        // The step from the event's fields, not from the event: passed whole, the event was
        // copied twice for it (a retain of every field, a million events in a replay).
        let body = event.body
        state.steps.append(CaseState.Step(seq: event.seq, at: event.at, actor: event.actor, rule: event.rule,
                                          action: body.action, annotation: CaseState.isAnnotation(body)))
        state.apply(event)
    }

    /// Replays a case's events from nothing: the only path to state.
    package static func replay(_ number: CaseNumber, _ events: [CaseEvent]) -> CaseState {
        events.reduce(CaseState(number: number), evolve)
    }
}

extension CaseState {
    /// The day a step took effect: its own date where it carries one, else the day it was recorded.
    package static func effectiveDay(_ event: CaseEvent) -> Day {
        switch event.body {
        case .registered(let p): p.receivedOn
        case .received(let on), .accepted(_, let on), .hearingStarted(let on), .hearingEnded(let on),
             .replyDelivered(let on), .reviewRequested(let on, _), .rereviewRequested(let on, _),
             .rereviewHearingStarted(let on), .rereviewHearingEnded(let on):
            on
        case .transferred, .assigned, .referred, .escalated, .redirected, .notAccepted, .objected,
             .objectionDecided, .classified, .handlerAssigned, .mediationStarted, .agreementRecorded,
             .mediationEnded, .deadlineExtended, .opinionIssued, .completionReported, .reviewOpinionIssued,
             .rereviewOpinionIssued, .withdrawn, .incidentRecorded, .followUpRecorded, .supervisionOrdered,
             .feedbackRecorded, .supervisionListed, .leaderAssigned, .corrected, .voided, .linked, .recordsLost,
             .recoveryReviewed, .earlierCaseFlagged, .differentMatterRecorded, .supplementRequested,
             .supplementReceived, .rehandlingOrdered, .rated, .executionRecorded, .documentIssued:
            event.day
        }
    }

    fileprivate mutating func apply(_ event: CaseEvent) {
        let day = event.day
        let effective = CaseState.effectiveDay(event)
        if !Self.isAnnotation(event.body) { lastStepDay = max(lastStepDay ?? effective, effective) }
        switch event.body {
        case .registered(let p):
            phase = .registered
            petition = p
            holder = p.organ
            triageStart = p.receivedOn
            type = nil
            refreshPetitionFlags(p)
        case .transferred(let to, _):
            phase = .transferred
            sender = holder
            sentOn = day
            holder = to
        case .assigned(let to, let due, _):
            phase = .assigned
            assignment = Assignment(assigner: holder ?? to, to: to, on: day, due: due, reportedOn: nil)
            sender = holder
            sentOn = day
            holder = to
        case .referred(_, let to, _):
            phase = .referred
            holder = to
            closedOn = day
        case .escalated:
            phase = .escalated
            flags.insert(.majorUrgent)
        case .redirected:
            phase = .redirected
            closedOn = day
        case .notAccepted(_, let ref, _):
            phase = .notAccepted
            closedOn = day
            settleEarlierFlags(naming: ref, as: .notAccepted)
        case .received(let on):
            phase = .received
            receivedOn = on
        case .accepted(let route, let on):
            phase = .accepted
            acceptedOn = on
            handlerOrgan = holder
            self.route = route
        case .objected:
            phase = .objected
        case .objectionDecided(let upheld, _):
            if upheld {
                // The materials go back and the sender triages again, from today.
                phase = .registered
                holder = sender
                triageStart = day
                receivedOn = nil
                sender = nil
                sentOn = nil
                if assignment?.reportedOn == nil { assignment = nil }
            } else {
                phase = .received
            }
        case .classified(let t, let tr):
            type = t
            track = tr
            if t == .grievance, let tr, (1...4).contains(tr) {
                phase = .routed
                closedOn = day
            } else {
                phase = .classified
            }
            // Of the petition's flags only this one follows the type (the rest follow the
            // petition, which classifying leaves as it was).
            if matterType == .accusation { flags.insert(.confidentialAccusation) } else { flags.remove(.confidentialAccusation) }
        case .handlerAssigned(let user, _):
            handler = user
            if phase == .classified { phase = .handling }
        case .hearingStarted(let on):
            phase = .hearing
            hearings.append(Interval(start: on, end: nil))
        case .hearingEnded(let on):
            phase = .handling
            if let i = hearings.indices.last { hearings[i].end = on }
        case .mediationStarted:
            phase = .mediation
        case .agreementRecorded:
            phase = .mediated
            closedOn = day
        case .mediationEnded:
            phase = .handling
        case .deadlineExtended(let days, let reason, _):
            extensionGranted = Extension(days: days, reason: reason, approvedBy: event.actor.user, on: day)
            flags.insert(.extended)
        case .opinionIssued(let outcome, let text, let basis, let measures):
            phase = .opinionIssued
            opinion = Opinion(outcome: outcome, text: text, basis: basis, measures: measures, on: day)
        case .replyDelivered(let on):
            switch phase {
            case .opinionIssued:
                deliveredOn = on
                phase = isReviewable ? .replied : .closed
                if phase == .closed { closedOn = on }
            case .reviewOpinionIssued:
                review?.deliveredOn = on
                phase = .reviewed
            case .rereviewOpinionIssued:
                rereview?.deliveredOn = on
                phase = .final
                closedOn = on
            case .new, .registered, .escalated, .transferred, .assigned, .referred, .redirected, .notAccepted,
                 .received, .objected, .accepted, .classified, .routed, .handling, .hearing, .mediation, .mediated,
                 .replied, .closed, .reviewRequested, .reviewed, .rereviewRequested, .rereviewHearing, .final,
                 .withdrawn:
                break
            }
        case .completionReported:
            assignment?.reportedOn = day
        case .reviewRequested(let on, let organ):
            phase = .reviewRequested
            review = Stage(organ: organ, requestedOn: on)
            holder = organ
        case .reviewOpinionIssued(let outcome, _):
            phase = .reviewOpinionIssued
            review?.outcome = outcome
            review?.opinionOn = day
        case .rereviewRequested(let on, let organ):
            phase = .rereviewRequested
            rereview = Stage(organ: organ, requestedOn: on)
            holder = organ
        case .rereviewHearingStarted(let on):
            phase = .rereviewHearing
            rereviewPauses.append(Interval(start: on, end: nil))
        case .rereviewHearingEnded(let on):
            phase = .rereviewRequested
            if let i = rereviewPauses.indices.last { rereviewPauses[i].end = on }
        case .rereviewOpinionIssued(let outcome, _):
            phase = .rereviewOpinionIssued
            rereview?.outcome = outcome
            rereview?.opinionOn = day
        case .withdrawn:
            phase = .withdrawn
            closedOn = day
        case .incidentRecorded, .followUpRecorded:
            break
        case .supervisionOrdered(let organ, let suggestion, let reason, let due):
            supervision.append(SupervisionOrder(index: supervision.count + 1, organ: organ, suggestion: suggestion,
                                                issuedBy: event.actor.organ,
                                                reason: reason, issuedOn: day, due: due, feedback: nil))
            flags.insert(.underSupervision)
        case .feedbackRecorded(let order, let adoption, let note):
            if let i = supervision.firstIndex(where: { $0.index == order }) {
                supervision[i].feedback = (adoption, note, day)
            }
            if openSupervisionOrders.isEmpty { flags.remove(.underSupervision) }
        case .supervisionListed(let due, _):
            listedOn = day
            listedDue = due
            flags.insert(.listedSupervision)
        case .leaderAssigned(let name):
            leader = name
            flags.insert(.leaderInCharge)
        case .corrected(let field, _, let new, _):
            petition?.correct(field, to: new)
            if let p = petition { refreshPetitionFlags(p) }
        case .voided:
            break
        case .linked(let to, let kind):
            links.append(Link(to: to, kind: kind))
            // The clerk found it the same matter, still open: a repeat petition, linked (decision 0007).
            if kind == .repeats {
                for i in earlierFlags.indices where earlierFlags[i].ref == to && earlierFlags[i].isOpen
                    && earlierFlags[i].kind == .repeatPetition {
                    earlierFlags[i].settled = .linked
                }
            }
        case .recordsLost:
            flags.insert(.incomplete)
        case .recoveryReviewed:
            flags.remove(.incomplete)
        case .earlierCaseFlagged(let kind, let ref):
            earlierFlags.append(EarlierCaseFlag(kind: kind, ref: ref))
        case .differentMatterRecorded(let ref, _):
            settleEarlierFlags(naming: ref, as: .differentMatter)
        case .supplementRequested(let due, _):
            supplementRequestedOn = day
            supplementDue = due
        case .supplementReceived(let facts, let reasons, let phone, _):
            if let facts { petition?.facts = facts }
            if let reasons { petition?.reasons = reasons }
            if let phone { petition?.petitioner.phone = phone }
            supplementDue = nil
            if let p = petition { refreshPetitionFlags(p) }
        case .rehandlingOrdered:
            // The original organ handles the matter again (Art 35): a new opinion, delivered
            // anew, which the petitioner may ask to have reviewed again.
            phase = .handling
            holder = handlerOrgan ?? holder
            rehandledOn = day
            opinion = nil
            deliveredOn = nil
            extensionGranted = nil
            flags.remove(.extended)
            // The new reply is rated afresh.
            rating = nil
        case .rated(let satisfaction, _):
            rating = satisfaction
        case .executionRecorded:
            break  // a record: the step itself says the opinion was carried out (`executionRecorded`)
        case .documentIssued:
            break  // a record: the case's events say which documents were issued (`CaseDocuments`)
        }
    }

    /// Records that add to a case without moving its workflow, and so set no step date.
    package static func isAnnotation(_ body: EventBody) -> Bool {
        switch body {
        case .incidentRecorded, .followUpRecorded, .supervisionOrdered, .feedbackRecorded, .supervisionListed,
             .leaderAssigned, .corrected, .voided, .linked, .recordsLost, .recoveryReviewed, .earlierCaseFlagged,
             .differentMatterRecorded, .supplementRequested, .supplementReceived, .rated, .executionRecorded,
             .documentIssued:
            true
        case .registered, .transferred, .assigned, .referred, .escalated, .redirected, .notAccepted, .received,
             .accepted, .objected, .objectionDecided, .classified, .handlerAssigned, .hearingStarted,
             .hearingEnded, .mediationStarted, .agreementRecorded, .mediationEnded, .deadlineExtended,
             .opinionIssued, .replyDelivered, .completionReported, .reviewRequested, .reviewOpinionIssued,
             .rereviewRequested, .rereviewHearingStarted, .rereviewHearingEnded, .rereviewOpinionIssued, .withdrawn,
             .rehandlingOrdered:
            false
        }
    }

    /// The clerk's decision on an earlier case: every open flag naming it is settled.
    private mutating func settleEarlierFlags(naming ref: CaseNumber, as settlement: EarlierCaseFlag.Settlement) {
        guard earlierFlags.contains(where: { $0.ref == ref && $0.isOpen && $0.kind.isAboutSameness }) else { return }
        for i in earlierFlags.indices where earlierFlags[i].ref == ref && earlierFlags[i].isOpen
            && earlierFlags[i].kind.isAboutSameness {
            earlierFlags[i].settled = settlement
        }
    }

    /// The flags that follow the petition (`p`, the case's own, passed in so that it is
    /// not copied out of the case again: a replay registers every case).
    private mutating func refreshPetitionFlags(_ p: Petition) {
        // Worked out on a copy and stored once: one write to the case, not five.
        var next = flags
        func set(_ flag: CaseFlag, _ on: Bool) { if on { next.insert(flag) } else { next.remove(flag) } }
        set(.groupVisit, p.group != nil && p.channel == .visit)
        set(.oralRecord, p.channel.isOral)
        set(.unreachable, p.isUnreachable)
        set(.foreign, p.petitioner.kind.isForeign)
        set(.confidentialAccusation, (type ?? p.type) == .accusation)
        let missing = p.missingContent
        for content in MissingContent.allCases { set(content.flag, missing.contains(content)) }
        if next != flags { flags = next }
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
        case .accusedOrgan: accusedOrgan = value.trimmed.isEmpty ? nil : value.trimmed
        case .accusedPersonName, .accusedPersonPost, .accusedPersonOrgan:
            var person = accusedPerson ?? AccusedPerson(name: "")
            let text = value.trimmed
            switch field {
            case .accusedPersonName: person.name = text
            case .accusedPersonPost: person.post = text.isEmpty ? nil : text
            case .accusedPersonOrgan: person.organ = text.isEmpty ? nil : text
            case .name, .idNumber, .phone, .address, .request, .facts, .reasons, .category, .accusedOrgan:
                preconditionFailure("only the accused person's fields reach here")
            }
            // A person with nothing left is no person: the correction removed them.
            accusedPerson = person.name.isEmpty && person.post == nil && person.organ == nil ? nil : person
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
        case .accusedOrgan: accusedOrgan
        case .accusedPersonName: accusedPerson?.name
        case .accusedPersonPost: accusedPerson?.post
        case .accusedPersonOrgan: accusedPerson?.organ
        }
    }
}
