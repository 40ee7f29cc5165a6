/// Everything the regulation needs to know about one case, as replaying its events gives it.
///
/// The phase says where the case stands; the other fields are the dates and
/// decisions the clocks and the next steps depend on. It is never edited directly:
/// `Workflow.evolve` is the only way to change it.
package struct CaseState: Equatable, Sendable {
    package struct Assignment: Equatable, Sendable {
        package var assigner: OrganCode
        package var to: OrganCode
        package var on: Day
        package var due: Day
        package var reportedOn: Day?
    }

    package struct Stage: Equatable, Sendable {
        /// The organ reviewing (one level above the one whose reply is reviewed).
        package var organ: OrganCode
        package var requestedOn: Day
        package var outcome: ReviewOutcome?
        package var opinionOn: Day?
        package var deliveredOn: Day?
    }

    package struct Interval: Equatable, Sendable {
        package var start: Day
        package var end: Day?
    }

    package struct Opinion: Equatable, Sendable {
        package var outcome: Outcome
        package var text: String
        package var basis: String
        package var measures: [Measure]
        package var on: Day
    }

    package struct Extension: Equatable, Sendable {
        package var days: Int
        package var reason: String
        package var approvedBy: String
        package var on: Day
    }

    package struct SupervisionOrder: Equatable, Sendable {
        /// 1-based, in the order the orders were issued.
        package var index: Int
        package var organ: OrganCode
        package var suggestion: Suggestion
        package var reason: String
        package var issuedOn: Day
        package var due: Day
        package var feedback: (adopted: Bool, note: String, on: Day)?

        package static func == (a: SupervisionOrder, b: SupervisionOrder) -> Bool {
            a.index == b.index && a.organ == b.organ && a.suggestion == b.suggestion && a.reason == b.reason
                && a.issuedOn == b.issuedOn && a.due == b.due && a.feedback?.adopted == b.feedback?.adopted
                && a.feedback?.note == b.feedback?.note && a.feedback?.on == b.feedback?.on
        }
    }

    package struct Link: Equatable, Sendable {
        package var to: CaseNumber
        package var kind: LinkKind
    }

    package var number: CaseNumber
    package var phase: Phase = .new
    package var petition: Petition?
    package var flags: Set<CaseFlag> = []
    /// The organ that must act next.
    package var holder: OrganCode?
    /// The organ that sent the matter on (transfer or assignment), while it is with the receiver.
    package var sender: OrganCode?
    package var sentOn: Day?
    /// The day the triage clock (Art 22) or direct-notice clock (Art 23) started.
    package var triageStart: Day?
    package var assignment: Assignment?
    package var receivedOn: Day?
    package var acceptedOn: Day?
    /// The organ that accepted the matter and handles it.
    package var handlerOrgan: OrganCode?
    package var route: String?
    package var type: MatterType?
    package var track: Int?
    package var handler: String?
    package var hearings: [Interval] = []
    package var extensionGranted: Extension?
    package var opinion: Opinion?
    package var deliveredOn: Day?
    package var review: Stage?
    package var rereview: Stage?
    package var rereviewPauses: [Interval] = []
    package var supervision: [SupervisionOrder] = []
    package var listedOn: Day?
    package var listedDue: Day?
    package var leader: String?
    package var links: [Link] = []
    package var closedOn: Day?
    /// The latest day any workflow step took effect; no step may be dated earlier.
    package var lastStepDay: Day?
    /// Every event of the case, voided ones included, in log order.
    package var events: [CaseEvent] = []
    /// Sequence numbers of voided events; the state is replayed without them.
    package var voided: Set<Int> = []

    package init(number: CaseNumber) { self.number = number }

    /// The matter type as classified, or as registered before classification.
    package var matterType: MatterType? { type ?? petition?.type }

    /// Whether the handling opinion can be reviewed (Art 35): grievances whose
    /// track ends in a handling opinion or a duty performed (tracks 5 and 6).
    package var isReviewable: Bool { type == .grievance && (track == 5 || track == 6) }

    /// The open supervision orders, awaiting written feedback (Art 40).
    package var openSupervisionOrders: [SupervisionOrder] { supervision.filter { $0.feedback == nil } }
}
