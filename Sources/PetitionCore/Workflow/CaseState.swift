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

        package init(assigner: OrganCode, to: OrganCode, on: Day, due: Day, reportedOn: Day? = nil) {
            self.assigner = assigner
            self.to = to
            self.on = on
            self.due = due
            self.reportedOn = reportedOn
        }
    }

    package struct Stage: Equatable, Sendable {
        /// The organ reviewing (one level above the one whose reply is reviewed).
        package var organ: OrganCode
        package var requestedOn: Day
        package var outcome: ReviewOutcome?
        package var opinionOn: Day?
        package var deliveredOn: Day?

        package init(organ: OrganCode, requestedOn: Day, outcome: ReviewOutcome? = nil, opinionOn: Day? = nil, deliveredOn: Day? = nil) {
            self.organ = organ
            self.requestedOn = requestedOn
            self.outcome = outcome
            self.opinionOn = opinionOn
            self.deliveredOn = deliveredOn
        }
    }

    package struct Interval: Equatable, Sendable {
        package var start: Day
        package var end: Day?

        package init(start: Day, end: Day? = nil) {
            self.start = start
            self.end = end
        }
    }

    package struct Opinion: Equatable, Sendable {
        package var outcome: Outcome
        package var text: String
        package var basis: String
        package var measures: [Measure]
        package var on: Day

        package init(outcome: Outcome, text: String, basis: String, measures: [Measure], on: Day) {
            self.outcome = outcome
            self.text = text
            self.basis = basis
            self.measures = measures
            self.on = on
        }
    }

    package struct Extension: Equatable, Sendable {
        package var days: Int
        package var reason: String
        package var approvedBy: String
        package var on: Day

        package init(days: Int, reason: String, approvedBy: String, on: Day) {
            self.days = days
            self.reason = reason
            self.approvedBy = approvedBy
            self.on = on
        }
    }

    package struct SupervisionOrder: Equatable, Sendable {
        /// 1-based, in the order the orders were issued.
        package var index: Int
        package var organ: OrganCode
        package var suggestion: Suggestion
        /// The petition department that issued it: an improve-policy suggestion goes to its
        /// own level's Party committee and government (Art 40 para 2).
        package var issuedBy: OrganCode
        package var reason: String
        package var issuedOn: Day
        package var due: Day
        package var feedback: (adoption: Adoption, note: String, on: Day)?

        package static func == (a: SupervisionOrder, b: SupervisionOrder) -> Bool {
            a.index == b.index && a.organ == b.organ && a.suggestion == b.suggestion && a.issuedBy == b.issuedBy
                && a.reason == b.reason
                && a.issuedOn == b.issuedOn && a.due == b.due && a.feedback?.adoption == b.feedback?.adoption
                && a.feedback?.note == b.feedback?.note && a.feedback?.on == b.feedback?.on
        }

        package init(index: Int, organ: OrganCode, suggestion: Suggestion, issuedBy: OrganCode, reason: String, issuedOn: Day, due: Day, feedback: (adoption: Adoption, note: String, on: Day)? = nil) {
            self.index = index
            self.organ = organ
            self.suggestion = suggestion
            self.issuedBy = issuedBy
            self.reason = reason
            self.issuedOn = issuedOn
            self.due = due
            self.feedback = feedback
        }
    }

    package struct Link: Equatable, Sendable {
        package var to: CaseNumber
        package var kind: LinkKind

        package init(to: CaseNumber, kind: LinkKind) {
            self.to = to
            self.kind = kind
        }
    }

    /// One event in brief: who did what, when, under which rule. A case keeps these for
    /// its whole history; the full events (with their texts) are kept by the core and
    /// tests in `events`, and read back from the log by the case book when needed.
    package struct Step: Equatable, Sendable {
        // Held flat and narrow — 48 bytes a step instead of 64, a million steps in a large
        // log (docs/performance.md, issue 13): the time, the record's number in 32 bits (a
        // log of more than two billion records is held at the bound), the one-byte kinds,
        // then the actor's account and organ.
        package let at: Instant
        private let record: Int32
        private let role: Role
        package let rule: RuleID
        package let action: ActionKind
        /// A record that moves nothing in the workflow (a note, a link, a correction…).
        package let annotation: Bool
        private let user: String
        private let organ: OrganCode

        /// The number of the record the event is in.
        package var seq: Int { Int(record) }
        package var actor: Actor { Actor(user: user, role: role, organ: organ) }

        package init(_ event: CaseEvent) {
            self.init(seq: event.seq, at: event.at, actor: event.actor, rule: event.rule, action: event.body.action,
                      annotation: CaseState.isAnnotation(event.body))
        }

        package init(seq: Int, at: Instant, actor: Actor, rule: RuleID, action: ActionKind, annotation: Bool) {
            self.at = at
            record = Int32(clamping: seq)
            role = actor.role
            self.rule = rule
            self.action = action
            self.annotation = annotation
            user = actor.user
            organ = actor.organ
        }
    }

    /// Every field of a case, written once: the box below holds one of these, `==` is
    /// synthesised, and the snapshot reads and writes it through one description
    /// (`CaseSnapshot.layout`), which a test checks covers every field.
    package struct Fields: Equatable, Sendable {
        package var number: CaseNumber
        package var phase: Phase = .new
        package var petition: Petition?
        package var flags = CaseFlags()
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
        /// What registration found about earlier cases and the visit's level, and how the
        /// clerk settled each (decision 0017).
        package var earlierFlags: [EarlierCaseFlag] = []
        /// A supplement (补正) asked of the petitioner: when, and by when (practice term).
        package var supplementRequestedOn: Day?
        /// Cleared when the supplement is received.
        package var supplementDue: Day?
        /// The day the original organ was ordered to handle again after a review revoked
        /// its opinion (Art 35): the handling clock runs from it.
        package var rehandledOn: Day?
        /// The petitioner's rating of the handling (Art 21 para 2), once given.
        package var rating: Satisfaction?
        /// The latest day any workflow step took effect; no step may be dated earlier.
        package var lastStepDay: Day?
        /// Every event of the case in full, voided ones included, in log order — when the
        /// holder keeps them (`Workflow.apply(_:to:keepingHistory:)`); empty otherwise.
        package var events: [CaseEvent] = []
        /// Every event of the case in brief, voided ones included, in log order: enough for
        /// the timeline and for deciding what may be voided. Always kept.
        package var steps: [Step] = []
        /// Sequence numbers of voided events; the state is replayed without them.
        package var voided: Set<Int> = []


        package init(number: CaseNumber) { self.number = number }
    }

    /// The fields live in one reference-counted box, copied only when a shared copy is
    /// changed (copy on write): a case is then one pointer wide, so passing it around,
    /// iterating 100,000 of them or keeping them in an array costs one retain each,
    /// not one per field. Every change goes through `unique()`, which copies the box
    /// first if another `CaseState` shares it, so value semantics hold.
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// The box, made unique first so a change never shows through another copy.
    @inlinable
    mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    // Each field, read in place and changed through `unique()`. Accessors rather than a
    // dynamic-member subscript over key paths: a key path read copied the whole `Fields`
    // out of the box first (one field of every case 4.5x slower, the fold of a million
    // events 0.5 -> 0.9 s; docs/decisions/0010-one-house.md).
    package var number: CaseNumber { get { box.fields.number } _modify { yield &unique().fields.number } }
    package var phase: Phase { get { box.fields.phase } _modify { yield &unique().fields.phase } }
    package var petition: Petition? { get { box.fields.petition } _modify { yield &unique().fields.petition } }
    package var flags: CaseFlags { get { box.fields.flags } _modify { yield &unique().fields.flags } }
    package var holder: OrganCode? { get { box.fields.holder } _modify { yield &unique().fields.holder } }
    package var sender: OrganCode? { get { box.fields.sender } _modify { yield &unique().fields.sender } }
    package var sentOn: Day? { get { box.fields.sentOn } _modify { yield &unique().fields.sentOn } }
    package var triageStart: Day? { get { box.fields.triageStart } _modify { yield &unique().fields.triageStart } }
    package var assignment: Assignment? { get { box.fields.assignment } _modify { yield &unique().fields.assignment } }
    package var receivedOn: Day? { get { box.fields.receivedOn } _modify { yield &unique().fields.receivedOn } }
    package var acceptedOn: Day? { get { box.fields.acceptedOn } _modify { yield &unique().fields.acceptedOn } }
    package var handlerOrgan: OrganCode? { get { box.fields.handlerOrgan } _modify { yield &unique().fields.handlerOrgan } }
    package var route: String? { get { box.fields.route } _modify { yield &unique().fields.route } }
    package var type: MatterType? { get { box.fields.type } _modify { yield &unique().fields.type } }
    package var track: Int? { get { box.fields.track } _modify { yield &unique().fields.track } }
    package var handler: String? { get { box.fields.handler } _modify { yield &unique().fields.handler } }
    package var hearings: [Interval] { get { box.fields.hearings } _modify { yield &unique().fields.hearings } }
    package var extensionGranted: Extension? { get { box.fields.extensionGranted } _modify { yield &unique().fields.extensionGranted } }
    package var opinion: Opinion? { get { box.fields.opinion } _modify { yield &unique().fields.opinion } }
    package var deliveredOn: Day? { get { box.fields.deliveredOn } _modify { yield &unique().fields.deliveredOn } }
    package var review: Stage? { get { box.fields.review } _modify { yield &unique().fields.review } }
    package var rereview: Stage? { get { box.fields.rereview } _modify { yield &unique().fields.rereview } }
    package var rereviewPauses: [Interval] { get { box.fields.rereviewPauses } _modify { yield &unique().fields.rereviewPauses } }
    package var supervision: [SupervisionOrder] { get { box.fields.supervision } _modify { yield &unique().fields.supervision } }
    package var listedOn: Day? { get { box.fields.listedOn } _modify { yield &unique().fields.listedOn } }
    package var listedDue: Day? { get { box.fields.listedDue } _modify { yield &unique().fields.listedDue } }
    package var leader: String? { get { box.fields.leader } _modify { yield &unique().fields.leader } }
    package var links: [Link] { get { box.fields.links } _modify { yield &unique().fields.links } }
    package var closedOn: Day? { get { box.fields.closedOn } _modify { yield &unique().fields.closedOn } }
    package var earlierFlags: [EarlierCaseFlag] { get { box.fields.earlierFlags } _modify { yield &unique().fields.earlierFlags } }
    package var supplementRequestedOn: Day? { get { box.fields.supplementRequestedOn } _modify { yield &unique().fields.supplementRequestedOn } }
    package var supplementDue: Day? { get { box.fields.supplementDue } _modify { yield &unique().fields.supplementDue } }
    package var rehandledOn: Day? { get { box.fields.rehandledOn } _modify { yield &unique().fields.rehandledOn } }
    package var rating: Satisfaction? { get { box.fields.rating } _modify { yield &unique().fields.rating } }
    package var lastStepDay: Day? { get { box.fields.lastStepDay } _modify { yield &unique().fields.lastStepDay } }
    package var events: [CaseEvent] { get { box.fields.events } _modify { yield &unique().fields.events } }
    package var steps: [Step] { get { box.fields.steps } _modify { yield &unique().fields.steps } }
    package var voided: Set<Int> { get { box.fields.voided } _modify { yield &unique().fields.voided } }

    /// All the fields at once (the snapshot writes them).
    package var fields: Fields {
        get { box.fields }
        set { unique().fields = newValue }
    }

    package init(number: CaseNumber) { box = Box(Fields(number: number)) }

    package init(_ fields: Fields) { box = Box(fields) }

    package static func == (a: CaseState, b: CaseState) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    /// The matter type as classified, or as registered before classification.
    package var matterType: MatterType? { type ?? petition?.type }

    /// Whether the handling opinion can be reviewed (Art 35): grievances whose
    /// track ends in a handling opinion or a duty performed (tracks 5 and 6).
    package var isReviewable: Bool { type == .grievance && (track == 5 || track == 6) }

    /// The day the handling clock starts (Art 34): acceptance, or the order to handle again
    /// after a review revoked the opinion (Art 35).
    package var handlingStart: Day? { rehandledOn ?? acceptedOn }

    /// The open supervision orders, awaiting written feedback (Art 40).
    package var openSupervisionOrders: [SupervisionOrder] { supervision.filter { $0.feedback == nil } }
}
