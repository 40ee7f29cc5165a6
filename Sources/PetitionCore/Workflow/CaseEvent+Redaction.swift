/// Events with personal data masked, for `log dump` without a recorded reason
/// (docs/decisions/0015-art30.md).
extension CaseEvent {
    /// The event with names, identity numbers, phones and addresses masked; for an
    /// accusation (Art 30), every text it carries — request, facts, reasons, notes,
    /// opinions, corrections, the accused person — withheld as well.
    package func redacted(accusation: Bool) -> CaseEvent {
        var e = self
        e.body = body.redacted(accusation: accusation)
        return e
    }
}

extension EventBody {
    /// Exhaustive, with no default: a new event does not compile until it is decided
    /// here what of it is personal data or accusation content.
    package func redacted(accusation: Bool) -> EventBody {
        let hide = PersonalData.withheld
        func text(_ s: String) -> String { accusation ? hide : s }
        func note(_ s: String?) -> String? { accusation ? s.map { _ in hide } : s }
        switch self {
        case .registered(let p):
            return .registered(petition: p.redacted(accusation: accusation))
        case .corrected(let field, let old, let new, let reason):
            let personal: Bool = switch field {
            case .name, .idNumber, .phone, .address: true
            case .request, .facts, .reasons, .category, .accusedOrgan, .accusedPersonName, .accusedPersonPost,
                 .accusedPersonOrgan: false
            }
            let masked = personal || (accusation && field != .category)
            return .corrected(field: field, old: masked ? old.map { _ in hide } : old, new: masked ? hide : new,
                              reason: text(reason))
        case .transferred(let to, let n): return .transferred(to: to, note: note(n))
        case .assigned(let to, let due, let n): return .assigned(to: to, due: due, note: note(n))
        case .referred(let kind, let to, let n): return .referred(kind: kind, to: to, note: note(n))
        case .escalated(let proposal): return .escalated(proposal: text(proposal))
        case .redirected(let to, let n): return .redirected(to: to, note: note(n))
        case .notAccepted(let reason, let ref, let n): return .notAccepted(reason: reason, ref: ref, note: note(n))
        case .objected(let reason, let on): return .objected(reason: text(reason), on: on)
        case .objectionDecided(let upheld, let n): return .objectionDecided(upheld: upheld, note: note(n))
        case .agreementRecorded(let kind, let t): return .agreementRecorded(kind: kind, text: text(t))
        case .mediationEnded(let n): return .mediationEnded(note: note(n))
        case .deadlineExtended(let days, let reason, let due):
            return .deadlineExtended(days: days, reason: text(reason), newDue: due)
        case .opinionIssued(let outcome, let opinion, let basis, let measures):
            return .opinionIssued(outcome: outcome, opinion: text(opinion), basis: text(basis), measures: measures)
        case .completionReported(let n): return .completionReported(note: note(n))
        case .reviewOpinionIssued(let outcome, let opinion): return .reviewOpinionIssued(outcome: outcome, opinion: text(opinion))
        case .rereviewOpinionIssued(let outcome, let opinion):
            return .rereviewOpinionIssued(outcome: outcome, opinion: text(opinion))
        case .withdrawn(let n): return .withdrawn(note: text(n))
        case .incidentRecorded(let kind, let n): return .incidentRecorded(kind: kind, note: note(n))
        case .followUpRecorded(let kind, let n): return .followUpRecorded(kind: kind, note: text(n))
        case .supervisionOrdered(let organ, let suggestion, let reason, let due):
            return .supervisionOrdered(organ: organ, suggestion: suggestion, reason: text(reason), due: due)
        case .feedbackRecorded(let order, let adoption, let n): return .feedbackRecorded(order: order, adoption: adoption, note: text(n))
        case .supervisionListed(let due, let n): return .supervisionListed(due: due, note: text(n))
        case .voided(let seq, let reason): return .voided(seq: seq, reason: text(reason))
        case .recordsLost(let seqs, let n): return .recordsLost(seqs: seqs, note: n)
        case .recoveryReviewed(let n): return .recoveryReviewed(note: text(n))
        case .differentMatterRecorded(let ref, let reason): return .differentMatterRecorded(ref: ref, reason: text(reason))
        case .supplementRequested(let due, let n): return .supplementRequested(due: due, note: text(n))
        case .supplementReceived(let facts, let reasons, let phone, let n):
            // The phone is personal data; facts and reasons are the matter's, withheld for an accusation.
            return .supplementReceived(facts: note(facts), reasons: note(reasons), phone: phone.map { _ in hide },
                                       note: note(n))
        case .rehandlingOrdered(let n): return .rehandlingOrdered(note: text(n))
        // The rating is no one's personal data; the petitioner's words about it may be.
        case .rated(let satisfaction, let n): return .rated(satisfaction: satisfaction, note: note(n))
        case .executionRecorded(let n): return .executionRecorded(note: text(n))
        // A petitioner's name as recipient is personal; an organ's code and the digest are not.
        case .documentIssued(let kind, let asOf, let to, let delivery, let digest):
            return .documentIssued(kind: kind, asOf: asOf, to: kind.toOrgan ? to : hide, delivery: delivery, digest: digest)
        // Dates, codes, staff accounts and outcomes: nothing personal, nothing of the matter.
        case .received, .accepted, .classified, .handlerAssigned, .hearingStarted, .hearingEnded, .mediationStarted,
             .replyDelivered, .reviewRequested, .rereviewRequested, .rereviewHearingStarted, .rereviewHearingEnded,
             .leaderAssigned, .linked, .earlierCaseFlagged:
            return self
        }
    }
}

extension Petition {
    /// The petition with every person's name, identity number, phone and address masked;
    /// for an accusation, its request, facts, reasons and the accused person withheld too.
    package func redacted(accusation: Bool) -> Petition {
        var p = self
        func mask(_ person: Petitioner) -> Petitioner {
            var person = person
            // An accuser's name is withheld whole: even a surname narrows who accused (Art 30).
            person.name = person.name.map { accusation ? PersonalData.withheld : PersonalData.maskName($0) }
            person.idNumber = person.idNumber.map { PersonalData.mask($0) }
            person.phone = person.phone.map { PersonalData.mask($0) }
            person.address = person.address.map { _ in PersonalData.withheld }
            return person
        }
        p.petitioner = mask(p.petitioner)
        p.group = p.group.map { Group(people: $0.people, representatives: $0.representatives.map(mask)) }
        if accusation {
            p.request = PersonalData.withheld
            p.facts = PersonalData.withheld
            p.reasons = PersonalData.withheld
        }
        p.accusedPerson = p.accusedPerson.map {
            AccusedPerson(name: PersonalData.maskName($0.name), post: $0.post, organ: $0.organ)
        }
        return p
    }
}
