import PetitionCore

/// Event bodies: a tag byte, then the case's fields in declaration order.
extension BinaryEventCodec {
    static func writeBody(_ body: EventBody, _ w: inout BinaryWriter) {
        func text(_ s: String?) { w.optional(s) { $0.string($1) } }
        switch body {
        // A petition naming an accused person is tag 41 (added after 40): tag 1's layout,
        // which readers before it know, then the person. Without one it stays tag 1, byte for byte.
        case .registered(let p) where p.accusedPerson != nil: w.byte(41); writePetitionWithPerson(p, &w)
        case .registered(let p): w.byte(1); writePetition(p, &w)
        case .transferred(let to, let note): w.byte(2); w.string(to); text(note)
        case .assigned(let to, let due, let note): w.byte(3); w.string(to); w.day(due); text(note)
        case .referred(let kind, let to, let note): w.byte(4); w.tag(kind, in: referrals); w.string(to); text(note)
        case .escalated(let proposal): w.byte(5); w.string(proposal)
        case .redirected(let to, let note): w.byte(6); w.string(to); text(note)
        case .notAccepted(let reason, let ref, let note):
            w.byte(7); w.tag(reason, in: nonAcceptances); writeNumber(ref, &w); text(note)
        case .received(let on): w.byte(8); w.day(on)
        case .accepted(let route, let on): w.byte(9); w.string(route); w.day(on)
        // An objection entered with its own day is tag 100 (added after 80): tag 10's layout,
        // then the day. Without one it stays tag 10, byte for byte.
        case .objected(let reason, let on?): w.byte(100); w.string(reason); w.day(on)
        case .objected(let reason, nil): w.byte(10); w.string(reason)
        case .objectionDecided(let upheld, let note): w.byte(11); w.bool(upheld); text(note)
        case .classified(let type, let track):
            w.byte(12); w.tag(type, in: matterTypes); w.optional(track) { $0.int($1) }
        case .handlerAssigned(let user, let checked): w.byte(13); w.string(user); w.bool(checked)
        case .hearingStarted(let on): w.byte(14); w.day(on)
        case .hearingEnded(let on): w.byte(15); w.day(on)
        case .mediationStarted: w.byte(16)
        case .agreementRecorded(let kind, let t): w.byte(17); w.tag(kind, in: agreements); w.string(t)
        case .mediationEnded(let note): w.byte(18); text(note)
        case .deadlineExtended(let days, let reason, let newDue): w.byte(19); w.int(days); w.string(reason); w.day(newDue)
        case .opinionIssued(let outcome, let opinion, let basis, let ms):
            w.byte(20); w.tag(outcome, in: outcomes); w.string(opinion); w.string(basis)
            w.uvarint(UInt64(ms.count))
            for m in ms { w.tag(m, in: measures) }
        case .replyDelivered(let on): w.byte(21); w.day(on)
        case .completionReported(let note): w.byte(22); text(note)
        case .reviewRequested(let on, let organ): w.byte(23); w.day(on); w.string(organ)
        case .reviewOpinionIssued(let outcome, let opinion): w.byte(24); w.tag(outcome, in: reviewOutcomes); w.string(opinion)
        case .rereviewRequested(let on, let organ): w.byte(25); w.day(on); w.string(organ)
        case .rereviewHearingStarted(let on): w.byte(26); w.day(on)
        case .rereviewHearingEnded(let on): w.byte(27); w.day(on)
        case .rereviewOpinionIssued(let outcome, let opinion):
            w.byte(28); w.tag(outcome, in: reviewOutcomes); w.string(opinion)
        case .withdrawn(let note): w.byte(29); w.string(note)
        case .incidentRecorded(let kind, let note): w.byte(30); w.tag(kind, in: conducts); text(note)
        case .followUpRecorded(let kind, let note): w.byte(31); w.tag(kind, in: followUps); w.string(note)
        case .supervisionOrdered(let organ, let suggestion, let reason, let due):
            w.byte(32); w.string(organ); w.tag(suggestion, in: suggestions); w.string(reason); w.day(due)
        // Tag 33 held a yes/no answer; read still, written no more (decision 0024).
        case .feedbackRecorded(let order, let adoption, let note):
            w.byte(70); w.int(order); w.tag(adoption, in: adoptions); w.string(note)
        case .supervisionListed(let due, let note): w.byte(34); w.day(due); w.string(note)
        case .leaderAssigned(let name): w.byte(35); w.string(name)
        case .corrected(let field, let old, let new, let reason):
            w.byte(36); w.tag(field, in: fields); text(old); w.string(new); w.string(reason)
        case .voided(let seq, let reason): w.byte(37); w.int(seq); w.string(reason)
        case .linked(let to, let kind): w.byte(38); writeNumber(to, &w); w.tag(kind, in: links)
        case .recordsLost(let seqs, let note):
            w.byte(39); w.uvarint(UInt64(seqs.count)); for s in seqs { w.int(s) }; w.string(note)
        case .recoveryReviewed(let note): w.byte(40); w.string(note)
        // Tags 42 and up: decision 0017.
        case .earlierCaseFlagged(let kind, let ref):
            w.byte(42); w.tag(kind, in: earlierCaseKinds); w.optional(ref) { writeNumber($1, &$0) }
        case .differentMatterRecorded(let ref, let reason): w.byte(43); writeNumber(ref, &w); w.string(reason)
        case .supplementRequested(let due, let note): w.byte(44); w.day(due); w.string(note)
        case .supplementReceived(let facts, let reasons, let phone, let note):
            w.byte(45); text(facts); text(reasons); text(phone); text(note)
        case .rehandlingOrdered(let note): w.byte(46); w.string(note)
        // Tags 50–59: issue 14's statistics.
        case .rated(let satisfaction, let note): w.byte(50); w.tag(satisfaction, in: satisfactions); text(note)
        // Tags 60 on: issue 14, the supervisor's desk (decision 0022).
        case .executionRecorded(let note): w.byte(60); w.string(note)
        // Tags 80 on: issue 15, written documents (decision 0025).
        case .documentIssued(let kind, let asOf, let to, let delivery, let digest):
            w.byte(80); w.tag(kind, in: documentKinds); w.int(asOf); w.string(to); w.tag(delivery, in: deliveries)
            w.string(digest)
        }
    }

    static func readBody(_ r: inout BinaryReader) throws(DecodeError) -> EventBody {
        func text() throws(DecodeError) -> String? { try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.string() } }
        let tag = try r.byte()
        switch tag {
        case 1: return .registered(petition: try readPetition(&r))
        case 2: return .transferred(to: try r.string(), note: try text())
        case 3: return .assigned(to: try r.string(), due: try r.day(), note: try text())
        case 4: return .referred(kind: try r.tag(in: referrals), to: try r.string(), note: try text())
        case 5: return .escalated(proposal: try r.string())
        case 6: return .redirected(to: try r.string(), note: try text())
        case 7: return .notAccepted(reason: try r.tag(in: nonAcceptances), ref: try readNumber(&r), note: try text())
        case 8: return .received(on: try r.day())
        case 9: return .accepted(route: try r.string(), on: try r.day())
        case 10: return .objected(reason: try r.string())
        case 100: return .objected(reason: try r.string(), on: try r.day())
        case 11: return .objectionDecided(upheld: try r.bool(), note: try text())
        case 12:
            return .classified(type: try r.tag(in: matterTypes),
                               track: try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.int() })
        case 13: return .handlerAssigned(user: try r.string(), recusalChecked: try r.bool())
        case 14: return .hearingStarted(on: try r.day())
        case 15: return .hearingEnded(on: try r.day())
        case 16: return .mediationStarted
        case 17: return .agreementRecorded(kind: try r.tag(in: agreements), text: try r.string())
        case 18: return .mediationEnded(note: try text())
        case 19: return .deadlineExtended(days: try r.int(), reason: try r.string(), newDue: try r.day())
        case 20:
            let outcome = try r.tag(in: outcomes)
            let opinion = try r.string()
            let basis = try r.string()
            let count = try r.uvarint()
            guard count <= 16 else { throw DecodeError.malformed("measures") }
            var ms: [Measure] = []
            for _ in 0..<count { ms.append(try r.tag(in: measures)) }
            return .opinionIssued(outcome: outcome, opinion: opinion, basis: basis, measures: ms)
        case 21: return .replyDelivered(on: try r.day())
        case 22: return .completionReported(note: try text())
        case 23: return .reviewRequested(on: try r.day(), organ: try r.string())
        case 24: return .reviewOpinionIssued(outcome: try r.tag(in: reviewOutcomes), opinion: try r.string())
        case 25: return .rereviewRequested(on: try r.day(), organ: try r.string())
        case 26: return .rereviewHearingStarted(on: try r.day())
        case 27: return .rereviewHearingEnded(on: try r.day())
        case 28: return .rereviewOpinionIssued(outcome: try r.tag(in: reviewOutcomes), opinion: try r.string())
        case 29: return .withdrawn(note: try r.string())
        case 30: return .incidentRecorded(kind: try r.tag(in: conducts), note: try text())
        case 31: return .followUpRecorded(kind: try r.tag(in: followUps), note: try r.string())
        case 32:
            return .supervisionOrdered(organ: try r.string(), suggestion: try r.tag(in: suggestions),
                                       reason: try r.string(), due: try r.day())
        case 33:
            // Before decision 0024 an answer was yes or no: yes is adopted, no is not adopted.
            return .feedbackRecorded(order: try r.int(), adoption: try r.bool() ? .adopted : .notAdopted, note: try r.string())
        case 34: return .supervisionListed(due: try r.day(), note: try r.string())
        case 35: return .leaderAssigned(name: try r.string())
        case 36:
            return .corrected(field: try r.tag(in: fields), old: try text(), new: try r.string(), reason: try r.string())
        case 37: return .voided(seq: try r.int(), reason: try r.string())
        case 38: return .linked(to: try readNumber(&r), kind: try r.tag(in: links))
        case 39:
            let count = try r.uvarint()
            guard count <= UInt64(r.bytes.count - r.index) else { throw DecodeError.malformed("lost count") }
            var seqs: [Int] = []
            for _ in 0..<count { seqs.append(try r.int()) }
            return .recordsLost(seqs: seqs, note: try r.string())
        case 40: return .recoveryReviewed(note: try r.string())
        case 41: return .registered(petition: try readPetitionWithPerson(&r))
        case 42:
            return .earlierCaseFlagged(kind: try r.tag(in: earlierCaseKinds),
                                       ref: try r.optional { (r: inout BinaryReader) throws(DecodeError) in try readNumber(&r) })
        case 43: return .differentMatterRecorded(ref: try readNumber(&r), reason: try r.string())
        case 44: return .supplementRequested(due: try r.day(), note: try r.string())
        case 45: return .supplementReceived(facts: try text(), reasons: try text(), phone: try text(), note: try text())
        case 46: return .rehandlingOrdered(note: try r.string())
        case 50: return .rated(satisfaction: try r.tag(in: satisfactions), note: try text())
        case 60: return .executionRecorded(note: try r.string())
        case 70: return .feedbackRecorded(order: try r.int(), adoption: try r.tag(in: adoptions), note: try r.string())
        case 80:
            return .documentIssued(kind: try r.tag(in: documentKinds), asOf: try r.int(), to: try r.string(),
                                   delivery: try r.tag(in: deliveries), digest: try r.string())
        default: throw DecodeError.malformed("event tag \(tag)")
        }
    }

    static func writeNumber(_ n: CaseNumber, _ w: inout BinaryWriter) {
        w.string(n.organ)
        w.int(n.year)
        w.int(n.sequence)
    }

    static func readNumber(_ r: inout BinaryReader) throws(DecodeError) -> CaseNumber {
        CaseNumber(organ: try r.string(), year: try r.int(), sequence: try r.int())
    }

    static func writePerson(_ p: Petitioner, _ w: inout BinaryWriter) {
        w.tag(p.kind, in: petitionerKinds)
        for s in [p.name, p.idNumber, p.phone, p.address] { w.optional(s) { $0.string($1) } }
    }

    static func readPerson(_ r: inout BinaryReader) throws(DecodeError) -> Petitioner {
        func text() throws(DecodeError) -> String? { try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.string() } }
        return Petitioner(kind: try r.tag(in: petitionerKinds), name: try text(), idNumber: try text(), phone: try text(),
                          address: try text())
    }

    static func writePetition(_ p: Petition, _ w: inout BinaryWriter) {
        w.tag(p.channel, in: channels)
        w.day(p.receivedOn)
        w.string(p.organ)
        writePerson(p.petitioner, &w)
        w.string(p.request)
        w.string(p.facts)
        w.string(p.reasons)
        w.string(p.category)
        w.tag(p.type, in: matterTypes)
        w.optional(p.group) { w, g in
            w.int(g.people)
            w.uvarint(UInt64(g.representatives.count))
            for rep in g.representatives { writePerson(rep, &w) }
        }
        w.optional(p.accusedOrgan) { $0.string($1) }
    }

    /// A petition as tag 1 writes it, then its accused person (Art 30 para 3) if any.
    static func writePetitionWithPerson(_ p: Petition, _ w: inout BinaryWriter) {
        writePetition(p, &w)
        w.optional(p.accusedPerson) { w, person in
            w.string(person.name)
            w.optional(person.post) { $0.string($1) }
            w.optional(person.organ) { $0.string($1) }
        }
    }

    static func readPetitionWithPerson(_ r: inout BinaryReader) throws(DecodeError) -> Petition {
        var p = try readPetition(&r)
        p.accusedPerson = try r.optional { (r: inout BinaryReader) throws(DecodeError) -> AccusedPerson in
            let name = try r.string()
            let post = try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.string() }
            let organ = try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.string() }
            return AccusedPerson(name: name, post: post, organ: organ)
        }
        return p
    }

    static func readPetition(_ r: inout BinaryReader) throws(DecodeError) -> Petition {
        let channel = try r.tag(in: channels)
        let received = try r.day()
        let organ = try r.string()
        let petitioner = try readPerson(&r)
        let request = try r.string()
        let facts = try r.string()
        let reasons = try r.string()
        let category = try r.string()
        let type = try r.tag(in: matterTypes)
        let group = try r.optional { (r: inout BinaryReader) throws(DecodeError) -> Group in
            let people = try r.int()
            let count = try r.uvarint()
            guard count <= 64 else { throw DecodeError.malformed("representatives") }
            var reps: [Petitioner] = []
            for _ in 0..<count { reps.append(try readPerson(&r)) }
            return Group(people: people, representatives: reps)
        }
        let accused = try r.optional { (r: inout BinaryReader) throws(DecodeError) in try r.string() }
        return Petition(channel: channel, receivedOn: received, organ: organ, petitioner: petitioner, request: request,
                        facts: facts, reasons: reasons, category: category, type: type, group: group,
                        accusedOrgan: accused)
    }
}
