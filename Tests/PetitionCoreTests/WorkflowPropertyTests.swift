import PetitionCore
import PropertyBased
import TestSupport
import Testing

/// Random command sequences against the workflow. Each step draws an action, a
/// role and how many days pass; each step must end the one way the rules say (see
/// `check`). On failure the library prints the seed to reproduce it.
@Suite("Workflow properties")
struct WorkflowPropertyTests {
    static let actors: [PetitionCore.Actor] = [Fixtures.trainee, Fixtures.trainee, Fixtures.clerk, Fixtures.housingHandler,
                                               Fixtures.housingHead, Fixtures.supervisor, Fixtures.cityHousingClerk]

    /// One step: an action (with a varied argument), an actor, days to let pass.
    struct Step {
        var command: CaseCommand
        var actor: PetitionCore.Actor
        var daysLater: Int
    }

    /// Step `n` for a case at `phase`. Even numbers draw from the actions the phase
    /// allows, so walks go deep into the workflow (mediation, review, re-review);
    /// odd ones from every action, so refusals are tried as often.
    static func step(_ n: Int, in phase: Phase) -> Step {
        let kinds = n % 2 == 0 ? Workflow.allowedActions(in: phase) : ActionKind.allCases
        let kind = kinds[(n / 2) % kinds.count]
        var command = Samples.command(kind)
        let variant = n / 2 / kinds.count
        switch kind {
        case .classify:
            let types = MatterType.allCases
            let type = types[variant % types.count]
            command = .classify(type: type, track: type == .grievance ? 1 + variant % 6 : nil)
        case .extend: command = .extend(days: 1 + variant % 35, reason: "复杂")
        case .issueOpinion:
            let outcome = Outcome.allCases[variant % Outcome.allCases.count]
            command = .issueOpinion(outcome: outcome, opinion: "意见", basis: "依据", measures: [.explained])
        case .void: command = .void(seq: 1 + variant % 12, reason: "误")
        case .transfer: command = .transfer(to: ["D-ZJJ", "S-BJ", "C-ZJJ", "D-RSJ"][variant % 4], note: nil)
        default: break
        }
        return Step(command: command, actor: actors[(n / 7) % actors.count], daysLater: (n / 3) % 9)
    }

    static let register: CaseCommand = .register(Fixtures.groupVisit(received: "2025-03-03"))

    /// Registers a case and walks `numbers` from it; returns the final scenario.
    static func check(_ numbers: [Int]) -> Scenario {
        var s = Scenario()
        s.others[CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)] = Scenario.finalCase(of: Fixtures.groupVisit().petitioner)
        do { try s.run(register, as: Fixtures.trainee, at: "2025-03-03T09:00") } catch {
            Issue.record("registration refused: \(error.code)")
            return s
        }
        walk(&s, numbers, from: Fixtures.day("2025-03-03"), pace: 9)
        return s
    }

    /// Takes the steps `numbers` draw, each `daysLater % pace` days after the last,
    /// checking every one; then replays the log.
    ///
    /// Each step has one right outcome, stated here independently of `decide`:
    /// - a step the precheck refuses (role, phase, organ) is refused with that very rejection;
    /// - any other refusal is one the command's own checks can give (`refusals(of:)`), and changes nothing;
    /// - an accepted step yields exactly one event, of the command's kind, for this case, by
    ///   this actor, at this time, and moves the phase where the command leads (`phase(after:)`).
    static func walk(_ s: inout Scenario, _ numbers: [Int], from start: Day, pace: Int) {
        // The phase each workflow step started from, by sequence number: voiding the
        // latest step returns the case there.
        var phaseBefore: [Int: Phase] = [:]
        var folded = CaseState(number: s.state.number)
        for e in s.log {
            if !CaseState.isAnnotation(e.body) { phaseBefore[e.seq] = folded.phase }
            folded = Workflow.evolve(folded, e)
        }
        var day = start
        for n in numbers {
            let step = step(n, in: s.state.phase)
            day = day.adding(days: step.daysLater % pace)
            let time = "\(day)T10:00"
            let before = s.state
            let context = s.context(step.actor, at: time)
            let kind = step.command.kind
            let precheck: Rejection?
            do { try Workflow.precheck(kind, before, context); precheck = nil } catch { precheck = error }
            do {
                let events = try s.run(step.command, as: step.actor, at: time)
                #expect(precheck == nil, "\(kind) at \(before.phase) was accepted though the precheck refuses it")
                #expect(events.map(\.body.action) == [kind], "\(kind) yields one event of its own kind")
                for e in events {
                    #expect(e.caseNumber == before.number && e.actor == step.actor && e.at == context.now)
                    #expect(Fixtures.reference.articles.articles[e.rule] != nil, "every event names its article")
                    if !CaseState.isAnnotation(e.body) { phaseBefore[e.seq] = before.phase }
                }
                let expected = phase(after: step.command, from: before, phaseBefore: phaseBefore)
                #expect(s.state.phase == expected, "\(kind) at \(before.phase) moves to \(expected)")
            } catch {
                #expect(s.state == before, "a refusal changes nothing")
                if let precheck {
                    #expect(error == precheck, "\(kind) at \(before.phase) is refused for the precheck's reason")
                } else {
                    #expect(refusals(of: kind).contains(error.code),
                            "\(kind) at \(before.phase) is refused with \(error.code.rawValue), which its checks never give")
                }
                if let rule = error.rule { #expect(Fixtures.reference.articles.articles[rule] != nil) }
            }
            checkInvariants(s)
        }
        // Replaying the log gives the same state as folding it step by step.
        #expect(Workflow.replay(s.state.number, s.log) == s.state)
    }

    /// Where an accepted command leads from `before`: the workflow's transitions, read
    /// from the command (not from the event `decide` chose). Voiding the latest workflow
    /// step returns to the phase it started from; annotations leave the phase alone.
    static func phase(after command: CaseCommand, from before: CaseState, phaseBefore: [Int: Phase]) -> Phase {
        switch command {
        case .register: .registered
        case .transfer: .transferred
        case .assign: .assigned
        case .referPoliticalLegal, .referDiscipline: .referred
        case .escalate: .escalated
        case .redirect: .redirected
        case .notAccept: .notAccepted
        case .receive: .received
        case .accept: .accepted
        case .object: .objected
        case .decideObjection(let upheld, _): upheld ? .registered : .received
        case .classify(let type, let track): type == .grievance && (1...4).contains(track ?? 0) ? .routed : .classified
        case .assignHandler: before.phase == .classified ? .handling : before.phase
        case .startHearing: .hearing
        case .endHearing: .handling
        case .startMediation: .mediation
        case .recordAgreement: .mediated
        case .endMediation: .handling
        case .issueOpinion: .opinionIssued
        case .deliver:
            switch before.phase {
            case .reviewOpinionIssued: .reviewed
            case .rereviewOpinionIssued: .final
            default: before.isReviewable ? .replied : .closed
            }
        case .requestReview: .reviewRequested
        case .issueReviewOpinion: .reviewOpinionIssued
        case .requestRereview: .rereviewRequested
        case .startRereviewHearing: .rereviewHearing
        case .endRereviewHearing: .rereviewRequested
        case .issueRereviewOpinion: .rereviewOpinionIssued
        case .withdraw: .withdrawn
        case .void(let seq, _): phaseBefore[seq] ?? before.phase
        case .extend, .reportCompletion, .recordIncident, .recordFollowUp, .orderSupervision, .recordFeedback,
             .listSupervision, .assignLeader, .correct, .link, .reviewRecovery, .recordDifferentMatter,
             .requestSupplement, .recordSupplement, .rate, .recordExecution, .issueDocument:
            before.phase
        case .rehandle: .handling
        }
    }

    static let petitionChecks: Set<Rejection.Code> = [.dateInFuture, .beforeInForce, .unknownOrgan, .unknownCategory,
                                                      .missingField, .notAPetition, .groupTooFewPeople, .groupTooManyRepresentatives,
                                                      .invalidResidentID, .invalidCreditCode, .invalidPhone]
    static let stepDate: Set<Rejection.Code> = [.dateInFuture, .dateBeforePreviousStep]

    /// The refusals a command's own checks can give once the role, the phase and the
    /// organ allow it: a catalogue of why each command may be refused.
    static func refusals(of kind: ActionKind) -> Set<Rejection.Code> {
        switch kind {
        case .register: petitionChecks
        case .transfer: [.unknownOrgan, .outOfReach, .routeToAccused]
        case .assign: [.unknownOrgan, .outOfReach, .routeToAccused, .assignDaysInvalid]
        case .referPoliticalLegal: [.unknownOrgan, .referralWrongOrganType]
        case .referDiscipline: [.notAnAccusation, .unknownOrgan, .referralWrongOrganType, .routeToAccused]
        case .escalate, .redirect, .recordAgreement, .issueReviewOpinion, .issueRereviewOpinion, .withdraw,
             .recordFollowUp, .assignLeader:
            [.missingField]
        case .notAccept: [.unknownCase, .notSamePetitioner, .notPendingBelow, .notFinal]
        case .receive, .startHearing, .endHearing, .deliver, .startRereviewHearing, .endRereviewHearing: stepDate
        case .accept: stepDate.union([.bureauMustTriage, .missingField])
        case .object: [.missingField, .objectionWindowLapsed]
        case .decideObjection, .startMediation, .endMediation: []
        case .classify: [.trackRequired, .invalidValue, .trackOnlyForGrievance]
        case .assignHandler: [.missingField, .recusalNotChecked]
        case .extend: [.extensionOnlyOnce, .extensionTooLong, .missingField, .actionNotAllowedNow, .extensionAfterDeadline]
        case .issueOpinion: [.outcomeNotForType, .missingField, .measuresRequired]
        case .reportCompletion: [.notAssigned, .completionAlreadyReported]
        case .requestReview: stepDate.union([.actionNotAllowedNow, .reviewWindowLapsed, .noSuperior])
        case .requestRereview: stepDate.union([.actionNotAllowedNow, .rereviewWindowLapsed, .noSuperior])
        case .recordIncident: [.incidentNeedsVisit]
        case .orderSupervision: [.unknownOrgan, .missingField, .supervisionDaysInvalid, .organNotOfCase, .organActOutOfReach,
                                 .noOrganToSupervise, .organIsIssuer]
        case .recordFeedback: [.noOpenSupervisionOrder, .unknownSupervisionOrder, .feedbackAlreadyRecorded, .missingField]
        case .listSupervision: [.supervisionDaysInvalid, .missingField, .listedOwnOrgan]
        case .correct: petitionChecks.union([.actionNotAllowedNow])
        case .void: [.voidUnknownRecord, .voidNotVoidable, .missingField]
        case .link: [.linkToSelf, .unknownCase]
        case .reviewRecovery, .recordLoss: [.caseNotIncomplete, .missingField]
        case .flagEarlierCase: petitionChecks
        case .differentMatter: [.noEarlierFlag, .notFlaggedAgainst, .missingField]
        case .requestSupplement: [.supplementAlreadyRequested, .missingField]
        case .recordSupplement: [.nothingToSupplement, .missingField, .invalidPhone]
        case .rehandle: [.reviewNotRevoked, .missingField]
        case .rate: stepDate.union([.notYetReplied, .alreadyRated, .forbiddenCharacter, .fieldTooLong])
        case .recordExecution: [.nothingToExecute, .missingField]
        case .issueDocument: [.documentOutdated, .missingField, .invalidValue]
        }
    }

    static func checkInvariants(_ s: Scenario) {
        let state = s.state
        #expect((state.petition?.group?.representatives.count ?? 0) <= 5)
        #expect((state.extensionGranted?.days ?? 0) <= 30)
        let extensions = s.log.filter {
            if case .deadlineExtended = $0.body { return !state.voided.contains($0.seq) }
            return false
        }
        #expect(extensions.count <= 1, "at most one extension (Art 34)")
        if let accepted = state.acceptedOn, let received = state.receivedOn ?? state.petition?.receivedOn {
            #expect(accepted >= received)
        }
        for clock in s.clocks(asOf: "2025-12-31") {
            #expect(clock.due >= clock.start || clock.kind == .listedSupervision)
        }
        if state.phase.isTerminal { #expect(s.clocks(asOf: "2025-12-31").allSatisfy { $0.kind == .assignment || $0.kind == .supervisionFeedback }) }
    }

    @Test func randomCommandSequencesStayWithinTheRulesAndReplayToTheSameState() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...100_000).array(of: 1...40)) { numbers in
            _ = Self.check(numbers)
        }
    }

    @Test func theWorkedExampleWithRandomDetoursStillReplaysExactly() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...100_000).array(of: 0...15)) { numbers in
            var s = Scenario.at(.handling)
            Self.walk(&s, numbers, from: Fixtures.day("2025-05-10"), pace: 3)
        }
    }
}
