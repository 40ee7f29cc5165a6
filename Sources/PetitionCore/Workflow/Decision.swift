/// One command being decided: the checks particular to each command, and the events it yields.
struct Decision {
    let state: CaseState
    let context: DecisionContext
    private(set) var events: [CaseEvent] = []

    init(state: CaseState, context: DecisionContext) {
        self.state = state
        self.context = context
    }

    private var today: Day { context.today }
    private var directory: Directory { context.directory }
    private var calendar: HolidayCalendar { context.calendar }
    private var terms: StatutoryTerms { context.terms }

    /// The words of a term for a refusal's text, so the text says the term decided with.
    private func said(_ text: Localized, _ details: [String: String] = [:]) -> [String: String] {
        details.merging(["term.zh": text.zh, "term.en": text.en]) { a, _ in a }
    }

    private mutating func emit(_ rule: RuleID, _ body: EventBody) {
        events.append(CaseEvent(caseNumber: state.number, at: context.now, actor: context.actor, rule: rule, body: body))
    }

    /// Exhaustive over commands, with no default: a new command does not compile until decided here.
    mutating func decide(_ command: CaseCommand) throws(Rejection) {
        switch command {
        case .register(let petition):
            try PetitionValidation.check(petition, today: today, directory: directory,
                                         categories: context.categories)
            try requireKnownOrgan(petition.organ, field: "organ")
            // A case number is the registering organ's, for the year received: so is a
            // registration entered again under a number whose record a recovery lost (a
            // case with steps, the recovery's, and no registration). A new case's number
            // is made from the petition.
            guard state.steps.isEmpty
                || (petition.organ == state.number.organ && petition.receivedOn.year == state.number.year) else {
                throw Rejection(.numberNotThePetitions, field: "organ", ["case": "\(state.number)", "organ": state.number.organ,
                                                                         "year": "\(state.number.year)"])
            }
            let registered = petition.normalized
            emit(.intakeRegisterAll, .registered(petition: registered))
            // The earlier cases and the visit's level, whatever the door (decision 0017): the
            // clerk decides whether it is the same matter, and the flag stays until then.
            for flag in registered.earlierCaseFlags(among: context.earlierCases(registered), asOf: today,
                                                    calendar: calendar, directory: directory) {
                emit(flag.kind.rule, .earlierCaseFlagged(kind: flag.kind, ref: flag.ref))
            }

        case .transfer(let to, let note):
            try requireReach(to)
            // An accusation leaving an organ it accuses moves under Art 30.
            let rule: RuleID = state.heldByAccused ? .classifyAccusation : isAtBureau ? .triageTransfer : .directRouteOrRedirect
            emit(rule, .transferred(to: to, note: note))

        case .assign(let to, let days, let note):
            try requireReach(to)
            guard terms.assignment.days.contains(days) else {
                throw Rejection(.assignDaysInvalid, field: "days", said(terms.assignment.text, ["days": "\(days)"]))
            }
            let due = calendar.adding(calendarDays: days, to: today).due
            emit(isAtBureau ? .triageAssign : .directRouteOrRedirect, .assigned(to: to, due: due, note: note))

        case .referPoliticalLegal(let to, let note):
            try requireOrgan(to, ofType: .politicalLegal, rule: .triageReferPoliticalLegal)
            emit(.triageReferPoliticalLegal, .referred(kind: .politicalLegal, to: to, note: note))

        case .referDiscipline(let to, let note):
            guard state.matterType == .accusation else { throw Rejection(.notAnAccusation) }
            try requireOrgan(to, ofType: .discipline, rule: .triageReferDiscipline)
            try requireNotAccused(to)
            emit(.triageReferDiscipline, .referred(kind: .discipline, to: to, note: note))

        case .escalate(let proposal):
            try requireText(proposal, field: "proposal")
            emit(.triageEscalateMajor, .escalated(proposal: proposal))

        case .redirect(let to, let note):
            try requireText(to, field: "to")
            // The petitioner is never told to take an accusation to the organ it accuses (Art 30),
            // named by code or by name.
            // Named however a clerk might write it: any case, full-width forms, spaces, the
            // full or the short name, or enough of one (3 characters or more) to say which.
            func folded(_ text: String) -> String {
                text.precomposedStringWithCompatibilityMapping.lowercased().filter { !$0.isWhitespace }
            }
            let target = folded(to)
            if let accused = state.accusedOrgans.first(where: { code in
                let names = ([code] + Language.allCases.flatMap { [directory.name(code, $0), directory.shortName(code, $0)] })
                    .map(folded)
                return names.contains(target) || (target.count >= 3 && names.contains { $0.contains(target) })
            }) {
                throw Rejection(.routeToAccused, field: "to", ["organ": accused])
            }
            emit(.directRouteOrRedirect, .redirected(to: to, note: note))

        case .notAccept(let reason, let ref, let note):
            try checkNonAcceptance(reason, ref)
            emit(reason.rule,
                 .notAccepted(reason: reason, ref: ref, note: note))

        case .receive(let on):
            let day = try stepDay(on, notBefore: state.sentOn)
            emit(.receiptNotice, .received(on: day))

        case .accept(let route, let on):
            if state.phase == .registered || state.phase == .escalated {
                guard !isAtBureau else { throw Rejection(.bureauMustTriage) }
            }
            try requireText(route, field: "route")
            let day = try stepDay(on, notBefore: state.receivedOn ?? state.petition?.receivedOn)
            emit(state.phase == .received ? .receiptNotice : .directNotice, .accepted(route: route, on: day))

        case .object(let reason, let on):
            try requireText(reason, field: "reason")
            // The day it was made: today, or an earlier day entered later (never before the
            // receipt nor after today). Without one, today, checked as before.
            let day = on == nil ? today : try stepDay(on, notBefore: state.receivedOn)
            // One objection to one receipt (Art 23 para 3): once the sender has checked it and
            // not agreed, the organ handles the matter.
            let receipt = state.steps.last { $0.action == .receive && !state.voided.contains($0.seq) }?.seq ?? 0
            if state.steps.contains(where: { $0.action == .object && $0.seq > receipt && !state.voided.contains($0.seq) }) {
                throw Rejection(.objectionAlreadyMade)
            }
            if let received = state.receivedOn {
                let due = terms.objection.due(from: received, in: calendar).due
                guard day <= due else { throw Rejection(.objectionWindowLapsed, said(terms.objection.text, ["due": "\(due)"])) }
            }
            emit(.receiptObjection, .objected(reason: reason, on: on == nil ? nil : day))

        case .decideObjection(let upheld, let note):
            emit(.receiptObjection, .objectionDecided(upheld: upheld, note: note))

        case .classify(let type, let track):
            switch type {
            case .grievance:
                guard let track else { throw Rejection(.trackRequired, field: "track") }
                guard (1...6).contains(track) else {
                    throw Rejection(.invalidValue, field: "track", ["value": "\(track)", "expected": "1–6"])
                }
            case .suggestion, .accusation:
                guard track == nil else { throw Rejection(.trackOnlyForGrievance, field: "track") }
            }
            let rule: RuleID = switch type {
            case .suggestion: .classifySuggestion
            case .accusation: .classifyAccusation
            case .grievance: .classifyGrievance
            }
            emit(rule, .classified(type: type, track: track))

        case .assignHandler(let user, let recusalChecked):
            try requireText(user, field: "user")
            try requireStaffOfHolder(user)
            guard recusalChecked else { throw Rejection(.recusalNotChecked, field: "recusal-checked") }
            emit(.handlingRecusal, .handlerAssigned(user: user, recusalChecked: true))

        case .startHearing(let on):
            emit(.handlingHearing, .hearingStarted(on: try stepDay(on, notBefore: nil)))

        case .endHearing(let on):
            emit(.handlingHearing, .hearingEnded(on: try stepDay(on, notBefore: state.hearings.last?.start)))

        case .startMediation:
            emit(.handlingMediation, .mediationStarted)

        case .recordAgreement(let kind, let text):
            try requireText(text, field: "text")
            emit(.handlingMediation, .agreementRecorded(kind: kind, text: text))

        case .endMediation(let note):
            emit(.handlingMediation, .mediationEnded(note: note))

        case .extend(let days, let reason):
            guard state.extensionGranted == nil else { throw Rejection(.extensionOnlyOnce) }
            guard terms.handlingExtension.days.contains(days) else {
                throw Rejection(.extensionTooLong, field: "days",
                                said(terms.handlingExtension.text, ["days": "\(days)", "most": "\(terms.handlingExtension.most)"]))
            }
            try requireText(reason, field: "reason")
            guard let accepted = state.handlingStart else { throw Rejection(.actionNotAllowedNow, rule: .handlingExtension) }
            let current = terms.handling.due(from: accepted, in: calendar).due
            guard today <= current else { throw Rejection(.extensionAfterDeadline, ["due": "\(current)"]) }
            let newDue = terms.handling.due(from: accepted, in: calendar, extraDays: days).due
            emit(.handlingExtension, .deadlineExtended(days: days, reason: reason, newDue: newDue))

        case .issueOpinion(let outcome, let opinion, let basis, let measures):
            let type = state.matterType ?? .grievance
            guard outcome.fits(type) else {
                throw Rejection(.outcomeNotForType, field: "outcome",
                                ["outcome": outcome.rawValue, "type": type.rawValue,
                                 "allowed": Outcome.allowed(for: type).map(\.rawValue).joined(separator: ",")])
            }
            try requireText(opinion, field: "opinion")
            try requireText(basis, field: "basis")
            guard !measures.isEmpty else { throw Rejection(.measuresRequired, field: "measures") }
            emit(.handlingOpinion, .opinionIssued(outcome: outcome, opinion: opinion, basis: basis, measures: measures))

        case .deliver(let on):
            let (issued, rule): (Day?, RuleID) = switch state.phase {
            case .reviewOpinionIssued: (state.review?.opinionOn, .reviewDeadline)
            case .rereviewOpinionIssued: (state.rereview?.opinionOn, .finality)
            case .new, .registered, .escalated, .transferred, .assigned, .referred, .redirected, .notAccepted,
                 .received, .objected, .accepted, .classified, .routed, .handling, .hearing, .mediation, .mediated,
                 .opinionIssued, .replied, .closed, .reviewRequested, .reviewed, .rereviewRequested,
                 .rereviewHearing, .final, .withdrawn:
                (state.opinion?.on, .handlingDelivery)
            }
            emit(rule, .replyDelivered(on: try stepDay(on, notBefore: issued)))

        case .reportCompletion(let note):
            guard let assignment = state.assignment else { throw Rejection(.notAssigned) }
            guard assignment.reportedOn == nil else { throw Rejection(.completionAlreadyReported) }
            emit(.triageAssign, .completionReported(note: note))

        case .requestReview(let on):
            guard let delivered = state.deliveredOn, let handler = state.handlerOrgan else {
                throw Rejection(.actionNotAllowedNow, rule: .reviewRequest)
            }
            let day = try stepDay(on, notBefore: delivered)
            let window = terms.reviewWindow.due(from: delivered, in: calendar).due
            guard day <= window else { throw Rejection(.reviewWindowLapsed, said(terms.reviewWindow.text, ["due": "\(window)"])) }
            guard let superior = directory[handler]?.superior else {
                throw Rejection(.noSuperior, ["organ": handler])
            }
            emit(.reviewRequest, .reviewRequested(on: day, organ: superior))

        case .issueReviewOpinion(let outcome, let opinion):
            try requireText(opinion, field: "opinion")
            emit(.reviewDeadline, .reviewOpinionIssued(outcome: outcome, opinion: opinion))

        case .requestRereview(let on):
            guard let review = state.review, let delivered = review.deliveredOn else {
                throw Rejection(.actionNotAllowedNow, rule: .rereviewRequest)
            }
            let day = try stepDay(on, notBefore: delivered)
            let window = terms.rereviewWindow.due(from: delivered, in: calendar).due
            guard day <= window else {
                throw Rejection(.rereviewWindowLapsed, said(terms.rereviewWindow.text, ["due": "\(window)"]))
            }
            guard let superior = directory[review.organ]?.superior else {
                throw Rejection(.noSuperior, rule: .rereviewRequest, ["organ": review.organ])
            }
            emit(.rereviewRequest, .rereviewRequested(on: day, organ: superior))

        case .startRereviewHearing(let on):
            emit(.rereviewHearing, .rereviewHearingStarted(on: try stepDay(on, notBefore: nil)))

        case .endRereviewHearing(let on):
            emit(.rereviewHearing,
                 .rereviewHearingEnded(on: try stepDay(on, notBefore: state.rereviewPauses.last?.start)))

        case .issueRereviewOpinion(let outcome, let opinion):
            try requireText(opinion, field: "opinion")
            emit(.finality, .rereviewOpinionIssued(outcome: outcome, opinion: opinion))

        case .withdraw(let note):
            try requireText(note, field: "note")
            emit(.practiceWithdrawal, .withdrawn(note: note))

        case .recordIncident(let kind, let note):
            guard state.petition?.channel == .visit else { throw Rejection(.incidentNeedsVisit) }
            emit(.intakeProhibitedConduct, .incidentRecorded(kind: kind, note: note))

        case .recordFollowUp(let kind, let note):
            try requireText(note, field: "note")
            emit(.followUp, .followUpRecorded(kind: kind, note: note))

        case .orderSupervision(let organ, let suggestion, let reason, let days):
            guard directory[organ] != nil else {
                throw Rejection(.unknownOrgan, field: "organ", rule: .supervisionOrder, ["organ": organ])
            }
            try requireText(reason, field: "reason")
            guard terms.supervisionOrder.days.contains(days) else {
                throw Rejection(.supervisionDaysInvalid, field: "days", said(terms.supervisionOrder.text, ["days": "\(days)"]))
            }
            // Each suggestion goes where its paragraph says (Art 40 paras 1–3): none to go to, none made.
            guard !directory.addressees(of: suggestion, concerning: organ, issuedBy: context.actor.organ).isEmpty else {
                throw Rejection(.suggestionNoAddressee, field: "suggestion", rule: suggestion.rule,
                                ["suggestion": suggestion.rawValue, "organ": organ])
            }
            // To an organ the case is with or has been with (Art 40 para 1: the organ handling it),
            // within the issuer's reach (Art 5), never the issuer itself (its own lateness is for
            // the organ above, Art 43); decision 0030 and its addendum.
            let issuer = context.actor.organ
            guard organ != issuer else {
                throw Rejection(.organIsIssuer, field: "organ",
                                ["organ": organ, "lawful": state.supervisable(by: issuer, in: directory).joined(separator: ",")])
            }
            guard state.concerns(organ) else {
                throw Rejection(.organNotOfCase, field: "organ",
                                ["organ": organ, "lawful": state.supervisable(by: issuer, in: directory).joined(separator: ",")])
            }
            guard organ == issuer || directory.isWithinReach(of: issuer, organ) else {
                throw Rejection(.organActOutOfReach, field: "organ", ["organ": organ, "from": issuer])
            }
            let due = calendar.adding(calendarDays: days, to: today).due
            emit(suggestion.rule, .supervisionOrdered(organ: organ, suggestion: suggestion, reason: reason, due: due))

        case .recordFeedback(let order, let adoption, let note):
            guard let existing = state.supervision.first(where: { $0.index == order }) else {
                throw Rejection(.unknownSupervisionOrder, field: "order", ["order": "\(order)"])
            }
            guard existing.feedback == nil else { throw Rejection(.feedbackAlreadyRecorded, ["order": "\(order)"]) }
            try requireText(note, field: "note")
            emit(.supervisionFeedback, .feedbackRecorded(order: order, adoption: adoption, note: note))

        case .listSupervision(let days, let note):
            guard terms.listedSupervision.days.contains(days) else {
                throw Rejection(.supervisionDaysInvalid, field: "days", rule: .supervisionListed,
                                said(terms.listedSupervision.text, ["days": "\(days)"]))
            }
            try requireText(note, field: "note")
            emit(.supervisionListed, .supervisionListed(due: calendar.adding(calendarDays: days, to: today).due,
                                                        note: note))

        case .assignLeader(let name):
            try requireText(name, field: "name")
            emit(.leaderInCharge, .leaderAssigned(name: name))

        case .correct(let field, let value, let reason):
            try requireText(reason, field: "reason")
            guard var corrected = state.petition else { throw Rejection(.actionNotAllowedNow, rule: .practiceCorrection) }
            let old = corrected.value(of: field)
            // Stored in the form registration stores (an ID number folded and upper-cased, a
            // phone without its punctuation or +86), so a corrected number finds earlier cases.
            let value = switch field {
            case .idNumber: InputText.number(InputText.normalise(value))
            case .phone: InputText.phone(InputText.normalise(value))
            case .name, .address, .request, .facts, .reasons, .category, .accusedOrgan, .accusedPersonName,
                 .accusedPersonPost, .accusedPersonOrgan: value
            }
            corrected.correct(field, to: value)
            try PetitionValidation.check(corrected, today: Swift.max(today, corrected.receivedOn),
                                         directory: directory, categories: context.categories)
            emit(.practiceCorrection, .corrected(field: field, old: old, new: value, reason: reason))

        case .void(let seq, let reason):
            guard let target = state.steps.first(where: { $0.seq == seq && seq > 0 }),
                  !state.voided.contains(seq) else {
                throw Rejection(.voidUnknownRecord, field: "seq", ["seq": "\(seq)"])
            }
            // Only the latest workflow step, or a record that moves nothing, can be
            // voided: replaying without an earlier step would leave later steps
            // standing on a state they were never decided against.
            let latestStep = state.steps.last { !state.voided.contains($0.seq) && !$0.annotation }
            switch target.action {
            // A loss marker or its review voided would make an incomplete case workable
            // (or a reviewed one incomplete) without a supervisor's review.
            case .register, .void, .recordLoss, .reviewRecovery, .flagEarlierCase: throw Rejection(.voidNotVoidable, ["seq": "\(seq)"])
            case .transfer, .assign, .escalate, .redirect, .receive, .accept, .object, .classify, .extend,
                 .deliver, .withdraw, .correct, .link, .referPoliticalLegal, .referDiscipline, .notAccept,
                 .decideObjection, .assignHandler, .startHearing, .endHearing, .startMediation, .recordAgreement,
                 .endMediation, .issueOpinion, .reportCompletion, .requestReview, .issueReviewOpinion,
                 .requestRereview, .startRereviewHearing, .endRereviewHearing, .issueRereviewOpinion,
                 .recordIncident, .recordFollowUp, .orderSupervision, .recordFeedback, .listSupervision,
                 .assignLeader, .differentMatter, .requestSupplement, .recordSupplement, .rehandle, .rate, .recordExecution,
                 .issueDocument:
                guard target.annotation || target.seq == latestStep?.seq else {
                    throw Rejection(.voidNotVoidable, ["seq": "\(seq)"])
                }
            }
            try requireText(reason, field: "reason")
            emit(.practiceVoiding, .voided(seq: seq, reason: reason))

        case .link(let to, let kind):
            guard to != state.number else { throw Rejection(.linkToSelf) }
            guard context.lookup(to) != nil else { throw Rejection(.unknownCase, field: "to", ["case": "\(to)"]) }
            emit(.practiceLinks, .linked(to: to, kind: kind))

        case .reviewRecovery(let note):
            // `Workflow.decide` lets this through only on an incomplete case.
            try requireText(note, field: "note")
            emit(.practiceRecovery, .recoveryReviewed(note: note))

        case .recordDifferentMatter(let ref, let reason):
            // `Workflow.decide` lets this through only while a flag names an earlier case.
            guard state.openEarlierFlags.contains(where: { $0.ref == ref && $0.kind.isAboutSameness }) else {
                throw Rejection(.notFlaggedAgainst, field: "ref", ["case": "\(ref)"])
            }
            try requireText(reason, field: "reason")
            emit(.practiceSameMatter, .differentMatterRecorded(ref: ref, reason: reason))

        case .requestSupplement(let note):
            guard state.supplementDue == nil else { throw Rejection(.supplementAlreadyRequested) }
            try requireText(note, field: "note")
            try InputText.check(note, field: "note")
            let due = terms.supplement.due(from: today, in: calendar).due
            emit(.practiceSupplement, .supplementRequested(due: due, note: note))

        case .recordSupplement(let facts, let reasons, let phone, let note):
            func given(_ text: String?) -> String? {
                guard let text else { return nil }
                let clean = InputText.normalise(text)
                return clean.isEmpty ? nil : clean
            }
            for (field, value) in [("facts", facts), ("reasons", reasons), ("phone", phone), ("note", note)] {
                if let value { try InputText.check(value, field: field) }
            }
            let (f, r, n) = (given(facts), given(reasons), given(note))
            let p = given(phone).map(InputText.phone)
            guard f != nil || r != nil || p != nil || n != nil else {
                throw Rejection(.missingField, field: "facts", rule: .practiceSupplement)
            }
            if let p, !IdentityNumbers.isPlausiblePhone(p) {
                throw Rejection(.invalidPhone, field: "phone", ["phone": p])
            }
            // A supplement fills what is missing; what the petition already says is changed
            // only by a correction, which keeps the original in the timeline.
            let missing = state.petition?.missingContent ?? []
            for (field, value, part) in [("facts", f, MissingContent.facts), ("reasons", r, .reasons), ("phone", p, .phone)]
            where value != nil && !missing.contains(part) {
                throw Rejection(.notMissing, field: field, rule: .practiceSupplement, ["field": field])
            }
            emit(.practiceSupplement, .supplementReceived(facts: f, reasons: r, phone: p, note: n))

        case .rehandle(let note):
            // `Workflow.decide` lets this through only after a review that revoked the opinion.
            try requireText(note, field: "note")
            emit(.practiceRehandling, .rehandlingOrdered(note: note))

        case .rate(let satisfaction, let note):
            // `Workflow.decide` lets this through only once, after the reply is delivered;
            // a rating is not dated before the delivery it rates.
            _ = try stepDay(nil, notBefore: state.deliveredOn)
            if let note { try InputText.check(note, field: "note") }
            let given = note.map(InputText.normalise).flatMap { $0.isEmpty ? nil : $0 }
            emit(.intakeRating, .rated(satisfaction: satisfaction, note: given))
        case .recordExecution(let note):
            try requireText(note, field: "note")
            emit(.handlingExecution, .executionRecorded(note: note))

        case .issueDocument(let kind, let asOf, let to, let delivery, let digest):
            // The document was rendered from the case as it stood after record `asOf`: if
            // another clerk has recorded a step since, it no longer says what the case says.
            guard asOf == state.steps.last?.seq else {
                throw Rejection(.documentOutdated, ["asOf": "\(asOf)", "latest": "\(state.steps.last?.seq ?? 0)"])
            }
            try requireText(to, field: "to")
            guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw Rejection(.invalidValue, field: "digest", ["value": digest, "expected": "SHA-256 (64 hex)"])
            }
            emit(kind.rule, .documentIssued(kind: kind, asOf: asOf, to: to, delivery: delivery, digest: digest))
        }
    }

    // MARK: - Shared checks

    private var isAtBureau: Bool {
        guard let holder = state.holder else { return false }
        return directory[holder]?.type == .petitionBureau
    }

    /// The day a step took effect: today unless given; never in the future and
    /// never before the case's last step or the step it follows.
    private func stepDay(_ on: Day?, notBefore earliest: Day?) throws(Rejection) -> Day {
        let day = on ?? today
        guard day <= today else { throw Rejection(.dateInFuture, field: "on", ["date": "\(day)", "today": "\(today)"]) }
        let floor = [earliest, state.lastStepDay].compactMap { $0 }.max()
        if let floor, day < floor {
            throw Rejection(.dateBeforePreviousStep, field: "on", ["date": "\(day)", "previous": "\(floor)"])
        }
        return day
    }

    /// A text the command needs: one with nothing visible (only white space, control, bidi
    /// or zero-width characters) is missing, as registration counts it (`InputText.isBlank`).
    private func requireText(_ text: String, field: String) throws(Rejection) {
        if InputText.isBlank(text) { throw Rejection(.missingField, field: field, rule: nil) }
    }

    private func requireKnownOrgan(_ code: OrganCode, field: String) throws(Rejection) {
        guard directory[code] != nil else { throw Rejection(.unknownOrgan, field: field, ["organ": code]) }
    }

    private func requireReach(_ to: OrganCode) throws(Rejection) {
        try requireKnownOrgan(to, field: "to")
        guard let holder = state.holder, directory.isWithinReach(of: holder, to) else {
            throw Rejection(.outOfReach, field: "to", ["organ": to, "from": state.holder ?? "—"])
        }
        // Art 23 para 1: an organ other than a petition department sends on only to the lower
        // organs of its own system; anything else, it tells the petitioner where to go. (An
        // accusation held by the organ it accuses must leave it, wherever it goes: Art 30.)
        if !isAtBureau, !state.heldByAccused, !directory.isBelowInSystem(to, of: holder) {
            throw Rejection(.notOwnSystem, field: "to", ["organ": to, "from": holder])
        }
        try requireNotAccused(to)
    }

    /// An accusation is never routed to the organ it accuses, nor to the accused
    /// person's organ (Art 30 para 3).
    private func requireNotAccused(_ to: OrganCode) throws(Rejection) {
        if state.accusedOrgans.contains(to) {
            throw Rejection(.routeToAccused, field: "to", ["organ": to])
        }
    }

    /// A handler is staff of the organ holding the case (Art 5), and never the accused
    /// person (Art 30). Asked of the staff directory, the one place that knows staff.
    private func requireStaffOfHolder(_ user: String) throws(Rejection) {
        let organ = state.holder ?? context.actor.organ
        guard let member = context.staff.member(user.trimmed), member.organ == organ else {
            throw Rejection(.handlerNotStaff, field: "user", ["user": user, "organ": organ])
        }
        if state.isAccused(member.actor, name: member.name) {
            throw Rejection(.handlerIsAccused, field: "user", ["user": user])
        }
    }

    /// A referral goes to an organ of its kind, refused under the referral's own rule.
    private func requireOrgan(_ code: OrganCode, ofType type: Organ.Kind, rule: RuleID) throws(Rejection) {
        try requireKnownOrgan(code, field: "to")
        guard directory[code]?.type == type else {
            throw Rejection(.referralWrongOrganType, field: "to", rule: rule, ["organ": code, "expected": type.rawValue])
        }
    }

    /// Art 19 para 3: the same matter pending at a lower organ is not accepted above;
    /// Art 36 para 3: a final matter is not accepted again.
    private func checkNonAcceptance(_ reason: NonAcceptance, _ ref: CaseNumber) throws(Rejection) {
        guard ref != state.number, let other = context.lookup(ref) else {
            throw Rejection(.unknownCase, field: "ref", ["case": "\(ref)"])
        }
        guard let mine = state.petition?.petitioner, let theirs = other.petition?.petitioner,
              mine.isSamePerson(as: theirs) else {
            throw Rejection(.notSamePetitioner, field: "ref", rule: reason == .alreadyFinal ? .finality : nil,
                            ["case": "\(ref)"])
        }
        switch reason {
        case .pendingElsewhere:
            let here = state.holder.flatMap { directory[$0] }
            let there = (other.handlerOrgan ?? other.holder).flatMap { directory[$0] }
            guard !other.phase.isTerminal, other.phase != .new, let here, let there,
                  there.level.rank > here.level.rank else {
                throw Rejection(.notPendingBelow, field: "ref", ["case": "\(ref)"])
            }
        case .alreadyFinal:
            guard other.phase == .final else { throw Rejection(.notFinal, field: "ref", ["case": "\(ref)"]) }
        }
    }
}
