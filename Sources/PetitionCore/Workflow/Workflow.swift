/// The regulation's workflow as a decider: `decide` turns a command into events or a
/// rejection; `evolve` folds events into state.
package enum Workflow {
    /// The workflow actions a phase allows (before role, organ and field checks).
    ///
    /// Exhaustive over phases, with no default: a new phase does not compile until
    /// its actions are decided. `Tests/PetitionCoreTests/Snapshots/transitions.txt`
    /// shows the result for every phase and action.
    package static func allowedActions(in phase: Phase) -> [ActionKind] {
        // Documents are issued wherever the case stands: a notice of an ended case too.
        let ended: [ActionKind] = [.recordIncident, .recordFeedback, .correct, .void, .link, .issueDocument]
        // The petitioner rates the handling once the reply is delivered (Art 21 para 2).
        let afterHandling: [ActionKind] = [.reportCompletion, .rate, .recordExecution]
        // A supplement (补正) is asked for and received until the opinion is written; after
        // it, the open case allows what any open case allows.
        let open = [.requestSupplement, .recordSupplement] + openActions
        let settled = openActions
        switch phase {
        case .new:
            return [.register]
        case .registered, .escalated:
            let triage: [ActionKind] = [.transfer, .assign, .referPoliticalLegal, .referDiscipline, .redirect,
                                        .notAccept, .accept]
            return triage + (phase == .registered ? [.escalate] : []) + open
        case .transferred, .assigned:
            return [.receive] + open
        case .received:
            return [.accept, .object] + open
        case .objected:
            return [.decideObjection] + open
        case .accepted:
            return [.classify, .extend] + open
        case .classified:
            return [.assignHandler, .extend] + open
        case .handling:
            return [.assignHandler, .startHearing, .startMediation, .extend, .issueOpinion] + open
        case .hearing:
            return [.endHearing, .extend] + open
        case .mediation:
            return [.recordAgreement, .endMediation, .extend] + open
        case .opinionIssued:
            return [.deliver] + afterHandling + settled
        case .replied:
            return [.requestReview] + afterHandling + settled
        case .reviewRequested:
            return [.issueReviewOpinion] + afterHandling + settled
        case .reviewOpinionIssued:
            return [.deliver] + afterHandling + settled
        case .reviewed:
            return [.requestRereview, .rehandle] + afterHandling + settled
        case .rereviewRequested:
            return [.startRereviewHearing, .issueRereviewOpinion] + afterHandling + settled
        case .rereviewHearing:
            return [.endRereviewHearing] + afterHandling + settled
        case .rereviewOpinionIssued:
            return [.deliver] + afterHandling + settled
        case .notAccepted, .final, .closed:
            return [.recordFollowUp] + afterHandling + ended
        case .routed, .mediated:
            return afterHandling + ended
        case .referred, .redirected, .withdrawn:
            return ended
        }
    }

    /// What any open case allows besides its phase's workflow steps.
    static let openActions: [ActionKind] = [.withdraw, .recordIncident, .orderSupervision, .recordFeedback,
                                            .listSupervision, .assignLeader, .correct, .void, .link,
                                            .differentMatter, .issueDocument]

    /// What takes an accusation away from an organ it accuses (Art 30): a transfer to
    /// another competent organ, or a referral to the discipline organ.
    package static let movesAway: [ActionKind] = [.transfer, .referDiscipline]

    /// The actions this case may take now, before role, organ and field checks: its
    /// phase's; only the supervisor's review while a log recovery has left it incomplete;
    /// only moving it away (and what supervisors do) while an accused organ holds it (Art 30).
    /// Actions that do not apply to this case (`inapplicable`: a completion report without an
    /// assignment, "a different matter" without a flag…) are left out.
    package static func actions(for state: CaseState) -> [ActionKind] {
        phaseActions(for: state).filter { inapplicable($0, state) == nil }
    }

    private static func phaseActions(for state: CaseState) -> [ActionKind] {
        if state.flags.contains(.incomplete) { return [.reviewRecovery] }
        if state.heldByAccused { return movesAway + openActions.filter { $0 != .withdraw } }
        return allowedActions(in: state.phase)
    }

    /// Decides a command against a case's state: the events to append, or why not.
    package static func decide(_ command: CaseCommand, _ state: CaseState,
                               _ context: DecisionContext) throws(Rejection) -> [CaseEvent] {
        let kind = command.kind
        try checkIncomplete(kind, state)
        try checkRole(kind, context)
        try checkAccused(kind, state, context)
        try checkPhase(kind, state)
        let registering: OrganCode? = if case .register(let p) = command { p.organ } else { nil }
        try checkOrgan(kind, registering: registering, state, context)
        try checkSupervisable(kind, state, context)
        var decision = Decision(state: state, context: context)
        try decision.decide(command)
        return decision.events
    }

    /// Whether this user may take this kind of action on this case now, before any
    /// field is filled in: the role, the phase and the organ. The console lists the
    /// actions and explains a refusal with this; `decide` makes the same checks first.
    /// A 督办 on a case with no organ this issuer may supervise is refused here too, so that
    /// it is not offered (decision 0030, addendum).
    package static func precheck(_ kind: ActionKind, _ state: CaseState,
                                 _ context: DecisionContext) throws(Rejection) {
        try checkIncomplete(kind, state)
        try checkRole(kind, context)
        try checkAccused(kind, state, context)
        try checkPhase(kind, state)
        try checkOrgan(kind, registering: nil, state, context)
        try checkSupervisable(kind, state, context)
    }

    /// A 督办 needs an organ to go to (Art 40 para 1): one the case is or was with, within the
    /// issuer's reach, other than the issuer itself, whose own lateness is for the organ above
    /// it (Art 43). With none, no organ named could be lawful: refused before any is.
    private static func checkSupervisable(_ kind: ActionKind, _ state: CaseState,
                                          _ context: DecisionContext) throws(Rejection) {
        // A listing (挂牌督办, Art 39 para 3) runs against the organ holding the case
        // (`chargedOrgan`): not the issuer's own, for the same reason (decision 0030, addendum).
        if kind == .listSupervision, let holder = state.holder, holder == context.actor.organ {
            throw Rejection(.listedOwnOrgan, ["organ": holder])
        }
        guard kind == .orderSupervision,
              state.supervisable(by: context.actor.organ, in: context.directory).isEmpty else { return }
        throw Rejection(.noOrganToSupervise, ["from": context.actor.organ])
    }

    /// Why an action the phase allows does not apply to this case, if it does not: neither
    /// offered nor said to be allowed, and refused with its own reason.
    private static func inapplicable(_ kind: ActionKind, _ state: CaseState) -> Rejection? {
        switch kind {
        // A completion report answers an assignment (交办, Art 22(1)(3)), not a transfer.
        case .reportCompletion: state.assignment == nil ? Rejection(.notAssigned) : nil
        // "A different matter" answers a flag naming an earlier case (decision 0007).
        case .differentMatter:
            state.openEarlierFlags.contains(where: \.kind.isAboutSameness) ? nil : Rejection(.noEarlierFlag)
        // A supplement answers a request for one, or fills content missing (Art 19 para 1).
        case .recordSupplement:
            state.supplementDue != nil || !(state.petition?.missingContent.isEmpty ?? true)
                ? nil : Rejection(.nothingToSupplement)
        // Handling again follows a review that revoked the opinion (Art 35).
        case .rehandle: state.review?.outcome == .revoked ? nil : Rejection(.reviewNotRevoked)
        // A request for a supplement asks for what is missing (Art 19 para 1).
        case .requestSupplement:
            (state.petition?.missingContent.isEmpty ?? true) ? Rejection(.nothingToSupplement) : nil
        // Registration found it may be final (Art 36 para 3) or pending below (Art 19 para 3):
        // the clerk decides before the matter goes anywhere, so that not-accept stays open to
        // them (decision 0017). Escalating a major or urgent matter is never held back.
        case .transfer, .assign, .referPoliticalLegal, .referDiscipline, .redirect, .accept:
            state.openEarlierFlags.first { $0.kind == .final || $0.kind == .pendingBelow }.map { flag in
                Rejection(.earlierCaseUndecided, rule: flag.kind.rule,
                          ["case": flag.ref.map { "\($0)" } ?? "", "finding": flag.kind.title.zh, "finding.en": flag.kind.title.en])
            }
        // Art 34's term, and so its extension, binds only matters under Art 31 item 6.
        case .extend: state.handlingTermApplies ? nil : Rejection(.noHandlingTerm)
        // The petitioner rates the handling of a reply delivered (Art 21 para 2), once.
        case .rate:
            state.deliveredOn == nil ? Rejection(.notYetReplied) : state.rating != nil ? Rejection(.alreadyRated) : nil
        // Feedback answers a supervision order still awaiting it (Art 40 para 4).
        case .recordFeedback: state.openSupervisionOrders.isEmpty ? Rejection(.noOpenSupervisionOrder) : nil
        // Execution answers a supporting opinion not yet carried out (Art 32 para 2).
        case .recordExecution: state.awaitsExecution ? nil : Rejection(.nothingToExecute)
        case .register, .escalate, .notAccept, .receive, .object, .decideObjection, .classify, .assignHandler, .startHearing, .endHearing,
             .startMediation, .recordAgreement, .endMediation, .issueOpinion, .deliver, .requestReview,
             .issueReviewOpinion, .requestRereview, .startRereviewHearing, .endRereviewHearing, .issueRereviewOpinion,
             .withdraw, .recordIncident, .recordFollowUp, .orderSupervision, .listSupervision,
             .assignLeader, .correct, .void, .link, .reviewRecovery, .recordLoss, .flagEarlierCase, .issueDocument:
            nil
        }
    }

    private static func checkPhase(_ kind: ActionKind, _ state: CaseState) throws(Rejection) {
        guard kind != .reviewRecovery else { return }
        let allowed = actions(for: state)
        if phaseActions(for: state).contains(kind), let refusal = inapplicable(kind, state) { throw refusal }
        guard allowed.contains(kind) else {
            throw Rejection(.actionNotAllowedNow, rule: kind.rule,
                            ["action": kind.rawValue, "phase": state.phase.rawValue,
                             "allowed": allowed.map(\.rawValue).joined(separator: ",")])
        }
    }

    /// Art 30 para 3: the accused (an accused organ's staff, or the accused person) may
    /// only send an accusation away; and while an accused organ holds it, nothing but
    /// moving it away happens there.
    private static func checkAccused(_ kind: ActionKind, _ state: CaseState,
                                     _ context: DecisionContext) throws(Rejection) {
        if state.isAccused(context.actor, name: context.actorName), !movesAway.contains(kind) {
            throw Rejection(.accusedMayNotAct, ["action": kind.rawValue])
        }
        if state.heldByAccused, kind != .reviewRecovery, !phaseActions(for: state).contains(kind) {
            throw Rejection(.heldByAccused, ["organ": state.holder ?? "", "action": kind.rawValue])
        }
    }

    /// A case a log recovery left incomplete takes no action but a supervisor's review,
    /// which it alone takes, whatever its phase (its registration may be the record lost).
    private static func checkIncomplete(_ kind: ActionKind, _ state: CaseState) throws(Rejection) {
        let incomplete = state.flags.contains(.incomplete)
        if incomplete, kind != .reviewRecovery {
            throw Rejection(.caseIncomplete, ["case": "\(state.number)"])
        }
        if !incomplete, kind == .reviewRecovery { throw Rejection(.caseNotIncomplete) }
    }

    private static func checkRole(_ kind: ActionKind, _ context: DecisionContext) throws(Rejection) {
        guard context.policy.allows(context.actor.role, kind) else {
            if kind == .extend { throw Rejection(.extensionNeedsOrganHead) }
            let role = context.actor.role
            throw Rejection(.roleNotPermitted, ["role": role.rawValue, "action": kind.rawValue,
                                                "role.zh": context.policy.name(of: role, .zh),
                                                "role.en": context.policy.name(of: role, .en)])
        }
    }

    /// Clerks, handlers and organ heads act only for the organ that holds the case
    /// (Art 5: the competent organ is responsible); supervisors, administrators and
    /// trainees are not tied to one organ.
    private static func checkOrgan(_ kind: ActionKind, registering: OrganCode?, _ state: CaseState,
                                   _ context: DecisionContext) throws(Rejection) {
        switch context.actor.role {
        case .supervisor, .administrator, .trainee: return
        case .clerk, .handler, .organHead: break
        }
        let expected: OrganCode?
        // Also allowed: the organ that registered the case and the organ that handled it, for
        // what they record on a case that has moved on (a correction of the registration, a
        // link, a supplement, a rating or an incident the petitioner brings back to them, the
        // follow-up work after it closed, Art 37 para 3).
        var also: [OrganCode] = []
        switch kind {
        case .register: expected = registering
        case .decideObjection: expected = state.sender
        case .reportCompletion: expected = state.assignment?.assigner
        case .recordExecution: expected = state.handlerOrgan
        case .requestReview: expected = state.handlerOrgan.flatMap { context.directory[$0]?.superior }
        case .requestRereview: expected = state.review.flatMap { context.directory[$0.organ]?.superior }
        // Supervisors' acts (their role is checked before), and records no one takes by hand.
        case .orderSupervision, .recordFeedback, .listSupervision, .assignLeader, .void, .reviewRecovery, .recordLoss,
             .flagEarlierCase:
            expected = nil
        case .link, .correct, .recordIncident, .recordFollowUp, .recordSupplement, .rate:
            expected = state.holder
            also = [state.petition?.organ, state.handlerOrgan].compactMap { $0 }
        // A document is issued by the organ whose step it puts in writing: the one holding or
        // handling the case, the one that registered it, or the one that sent it on.
        case .issueDocument:
            expected = state.holder
            also = [state.petition?.organ, state.handlerOrgan, state.sender, state.assignment?.assigner,
                    state.review?.organ, state.rereview?.organ].compactMap { $0 }
        case .transfer, .assign, .referPoliticalLegal, .referDiscipline, .escalate, .redirect, .notAccept, .receive,
             .accept, .object, .classify, .assignHandler, .startHearing, .endHearing, .startMediation, .recordAgreement,
             .endMediation, .extend, .issueOpinion, .deliver, .issueReviewOpinion, .startRereviewHearing,
             .endRereviewHearing, .issueRereviewOpinion, .withdraw, .differentMatter, .requestSupplement, .rehandle:
            expected = state.holder
        }
        if let expected, expected != context.actor.organ, !also.contains(context.actor.organ) {
            throw Rejection(.wrongOrgan, ["organ": expected, "actorOrgan": context.actor.organ])
        }
    }
}
