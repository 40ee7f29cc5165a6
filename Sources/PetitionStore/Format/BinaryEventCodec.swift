import PetitionCore

/// The binary payload of an events record (payload format 2): a codec version
/// byte, a count, then each event. Every enum is written as its position in a
/// table fixed here, so reordering a Swift enum never changes the format; new cases
/// are only ever appended to a table. docs/log-format.md describes the layout.
package enum BinaryEventCodec {
    package enum DecodeError: Error, Equatable {
        case truncated
        case malformed(String)
        case unknownVersion(UInt8)
    }

    static let codecVersion: UInt8 = 1

    // The fixed tables. A test checks that each holds every case exactly once.
    static let roles: [Role] = [.clerk, .handler, .organHead, .supervisor, .administrator, .trainee]
    static let channels: [Channel] = [.online, .letter, .phone, .fax, .visit]
    static let petitionerKinds: [PetitionerKind] = [.citizen, .legalPerson, .otherOrganisation, .foreigner, .stateless,
                                                    .foreignOrganisation]
    static let matterTypes: [MatterType] = [.suggestion, .accusation, .grievance]
    static let nonAcceptances: [NonAcceptance] = [.pendingElsewhere, .alreadyFinal]
    static let referrals: [ReferralKind] = [.politicalLegal, .discipline]
    static let agreements: [AgreementKind] = [.mediation, .settlement]
    static let outcomes: [Outcome] = [.support, .explain, .notSupport, .adopted, .adoptedInPart, .notAdopted,
                                      .substantiated, .partlySubstantiated, .unsubstantiated]
    static let measures: [Measure] = [.solved, .explained, .assisted, .dealtWithByLaw]
    static let reviewOutcomes: [ReviewOutcome] = [.upheld, .changed, .revoked]
    static let conducts: [Conduct] = [.illegalGathering, .dangerousArticles, .assaultOrDamage, .lingeringOrAbandoning,
                                      .incitingOrProfiting, .otherDisturbance]
    static let followUps: [FollowUpKind] = [.education, .disputeResolution, .assistance]
    static let suggestions: [Suggestion] = [.improveWork, .improvePolicy, .pursueAccountability]
    static let links: [LinkKind] = [.repeats, .related]
    /// Appended (issue 14, decision 0024): the answer to a suggestion (Art 40 para 4).
    static let adoptions: [Adoption] = [.adopted, .adoptedInPart, .notAdopted]
    /// Append only, like every table here: a kind's position is its byte in the log.
    static let documentKinds: [DocumentKind] = [.receipt, .acceptanceNotice, .nonAcceptanceNotice, .notAgainNotice,
                                                .redirectNotice, .transferLetter, .assignmentLetter, .extensionNotice,
                                                .handlingOpinion, .reviewOpinion, .rereviewOpinion, .mediationAgreement,
                                                .settlementAgreement, .supervisionLetter]
    static let deliveries: [DeliveryMethod] = [.handedOver, .post, .online]
    static let satisfactions: [Satisfaction] = [.satisfied, .basicallySatisfied, .dissatisfied]
    static let earlierCaseKinds: [EarlierCaseKind] = [.final, .pendingBelow, .repeatPetition, .leapfrog]
    static let fields: [CorrectableField] = [.name, .idNumber, .phone, .address, .request, .facts, .reasons, .category,
                                             .accusedOrgan, .accusedPersonName, .accusedPersonPost, .accusedPersonOrgan]
    static let rules: [RuleID] = [
        .scopeCompetentOrgan, .intakeChannels, .intakeContent, .intakeGroupVisit, .intakeRegisterAll, .intakeForeign,
        .intakePendingElsewhere, .intakeProhibitedConduct, .triageDeadline, .triageTransfer, .triageAssign,
        .triageReferPoliticalLegal, .triageReferDiscipline, .triageEscalateMajor, .directNotice, .directRouteOrRedirect,
        .receiptNotice, .receiptObjection, .handlingPrinciple, .handlingRecusal, .classifySuggestion,
        .classifyAccusation, .classifyGrievance, .handlingHearing, .handlingOpinion, .handlingMediation,
        .handlingDeadline, .handlingExtension, .handlingDelivery, .reviewRequest, .reviewDeadline, .rereviewRequest,
        .rereviewDeadline, .rereviewHearing, .finality, .followUp, .supervisionListed, .supervisionOrder,
        .supervisionFeedback, .accountabilityOverdue, .inForce, .practiceRoles, .practiceChronology,
        .practiceCorrection, .practiceVoiding, .practiceLinks, .practiceWithdrawal, .leaderInCharge,
        .practiceRecovery, .practiceStaff,
        // Appended (issue 12): breaches under their own articles.
        .accountabilityNoticeOverdue, .accountabilityTriageOverdue, .accountabilitySuggestionsNeglected,
        // Appended (issue 12): earlier-case levels, re-handling, same matter, supplement.
        .intakeVisitLevel, .practiceRehandling, .practiceSameMatter, .practiceSupplement,
        // Appended (issue 14): the petitioner's rating (Art 21 para 2).
        .intakeRating, .annualReport,
        // Appended (issue 14): breaches and the receipt term (decision 0022).
        .accountabilityNotSupervising, .accountabilityNotRegistered, .practiceReceipt, .handlingExecution,
        // Appended (issue 14): the suggestions addressed per paragraph, inspections (decision 0024).
        .supervisionPolicy, .supervisionAccountability, .supervisionInspection,
        // Appended (issue 15): written documents (decision 0025).
        .practiceDocuments,
    ]

    package static func encode(_ events: [CaseEvent]) -> [UInt8] {
        var w = BinaryWriter()
        w.byte(codecVersion)
        w.uvarint(UInt64(events.count))
        for e in events { write(e, &w) }
        return w.bytes
    }

    package static func decode(_ bytes: [UInt8]) throws(DecodeError) -> [CaseEvent] {
        let result: Result<[CaseEvent], DecodeError> = bytes.withUnsafeBytes { raw in
            Result { () throws(DecodeError) -> [CaseEvent] in try decode(raw) }
        }
        return try result.get()
    }

    /// The events of a payload read where it lies (their sequence numbers left 0).
    package static func decode(_ raw: UnsafeRawBufferPointer) throws(DecodeError) -> [CaseEvent] {
        var events: [CaseEvent] = []
        try decode(raw, seq: 0, into: &events)
        return events
    }

    /// Decodes a payload's events onto the end of `events`, each given sequence number
    /// `seq` (its record's). On failure `events` is left as it was.
    static func decode(_ raw: UnsafeRawBufferPointer, seq: Int, into events: inout [CaseEvent],
                       shorts: ShortStrings? = nil) throws(DecodeError) {
        var r = BinaryReader(raw, shorts: shorts)
        let version = try r.byte()
        guard version == codecVersion else { throw DecodeError.unknownVersion(version) }
        let count = try r.uvarint()
        guard count <= UInt64(raw.count) else { throw DecodeError.malformed("count") }
        let before = events.count
        do throws(DecodeError) {
            for _ in 0..<count {
                var event = try read(&r)
                event.seq = seq
                events.append(event)
            }
            guard r.atEnd else { throw DecodeError.malformed("trailing bytes") }
        } catch {
            events.removeSubrange(before...)
            throw error
        }
    }

    // MARK: - Event

    static func write(_ e: CaseEvent, _ w: inout BinaryWriter) {
        w.string(e.caseNumber.organ)
        w.int(e.caseNumber.year)
        w.int(e.caseNumber.sequence)
        w.int64(e.at.millisecondsSince1970)
        w.string(e.actor.user)
        w.tag(e.actor.role, in: roles)
        w.string(e.actor.organ)
        w.tag(e.rule, in: rules)
        writeBody(e.body, &w)
    }

    static func read(_ r: inout BinaryReader) throws(DecodeError) -> CaseEvent {
        // The organs and the account recur in nearly every record.
        let organ = try r.recurringString()
        let year = try r.int()
        let sequence = try r.int()
        let at = Instant(millisecondsSince1970: try r.int64())
        let actor = Actor(user: try r.recurringString(), role: try r.tag(in: roles), organ: try r.recurringString())
        let rule = try r.tag(in: rules)
        let body = try readBody(&r)
        return CaseEvent(caseNumber: CaseNumber(organ: organ, year: year, sequence: sequence), at: at, actor: actor,
                         rule: rule, body: body)
    }
}
