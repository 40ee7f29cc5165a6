/// Which organs a case concerns, for supervision (decision 0030): a 督办 goes to one of them
/// (Art 40 para 1), and an act of an organ cites only cases that concern it (Arts 38, 39 para 3).
extension CaseState {
    /// The organs that have had a part in the case, the one it is with first: the holder, the
    /// handling organ, an assignee, the reviewing and re-reviewing organs, the organ that sent it
    /// on or assigned it, the organ it was registered at, and any organ that took a workflow step
    /// on it (a transfer or receipt along the way). Supervision's own steps (督办, feedback,
    /// listing) do not make their issuer an organ of the case.
    package var organsConcerned: [OrganCode] {
        var list: [OrganCode] = []
        func add(_ organ: OrganCode?) { if let organ, !list.contains(organ) { list.append(organ) } }
        add(holder)
        add(handlerOrgan)
        add(assignment?.to)
        add(review?.organ)
        add(rereview?.organ)
        add(sender)
        add(assignment?.assigner)
        add(petition?.organ)
        for step in steps where !voided.contains(step.seq) && !Self.supervisionSteps.contains(step.action) {
            add(step.actor.organ)
        }
        return list
    }

    /// Steps a supervisor takes on a case: they do not make the supervisor's organ one of the case's.
    static let supervisionSteps: Set<ActionKind> = [.orderSupervision, .recordFeedback, .listSupervision, .assignLeader,
                                                    .reviewRecovery, .recordLoss, .void, .correct, .link, .issueDocument]

    /// Whether the case concerns `organ` (`organsConcerned`).
    package func concerns(_ organ: OrganCode) -> Bool { organsConcerned.contains(organ) }

    /// Whether the case may stand behind an act of `organ` (Arts 38, 39 para 3): it concerns the
    /// organ, or it is an accusation against the organ or someone working there — the poor work
    /// an interview or circular takes up may be exactly that (Art 30 still keeps the accuser
    /// from the accused: the act shows them nothing of it). Never a reason to 督办 the accused.
    package func standsBehindActOf(_ organ: OrganCode) -> Bool {
        concerns(organ) || petition?.accusedOrgan == organ || petition?.accusedPerson?.organ == organ
    }

    /// The organs `issuer` may order supervision of on this case (Art 40 para 1): those the case
    /// concerns at the issuer's level or below in its territory (Art 5) — never the issuer
    /// itself: a petition department supervises other organs, and its own lateness is for the
    /// organ above it (Art 43; decision 0030, addendum). Empty: no 督办 is offered on the case.
    package func supervisable(by issuer: OrganCode, in directory: Directory) -> [OrganCode] {
        organsConcerned.filter { $0 != issuer && directory.isWithinReach(of: issuer, $0) }
    }
}
