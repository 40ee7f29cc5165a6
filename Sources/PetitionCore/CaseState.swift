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
        package var reason: String
        package var issuedOn: Day
        package var due: Day
        package var feedback: (adopted: Bool, note: String, on: Day)?

        package static func == (a: SupervisionOrder, b: SupervisionOrder) -> Bool {
            a.index == b.index && a.organ == b.organ && a.suggestion == b.suggestion && a.reason == b.reason
                && a.issuedOn == b.issuedOn && a.due == b.due && a.feedback?.adopted == b.feedback?.adopted
                && a.feedback?.note == b.feedback?.note && a.feedback?.on == b.feedback?.on
        }

        package init(index: Int, organ: OrganCode, suggestion: Suggestion, reason: String, issuedOn: Day, due: Day, feedback: (adopted: Bool, note: String, on: Day)? = nil) {
            self.index = index
            self.organ = organ
            self.suggestion = suggestion
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
        package var seq: Int
        package var at: Instant
        package var actor: Actor
        package var rule: RuleID
        package var action: ActionKind
        /// A record that moves nothing in the workflow (a note, a link, a correction…).
        package var annotation: Bool

        package init(_ event: CaseEvent) {
            seq = event.seq
            at = event.at
            actor = event.actor
            rule = event.rule
            action = event.body.action
            annotation = CaseState.isAnnotation(event.body)
        }

        package init(seq: Int, at: Instant, actor: Actor, rule: RuleID, action: ActionKind, annotation: Bool) {
            self.seq = seq
            self.at = at
            self.actor = actor
            self.rule = rule
            self.action = action
            self.annotation = annotation
        }
    }

    /// The fields live in one reference-counted box, copied only when a shared copy is
    /// changed (copy on write): a case is then one pointer wide, so passing it around,
    /// iterating 100,000 of them or keeping them in an array costs one retain each,
    /// not one per field. Changes through the accessors below copy the box first if
    /// another `CaseState` shares it, so value semantics hold.
    private final class Storage: @unchecked Sendable {
        var number: CaseNumber
        var phase: Phase = .new
        var petition: Petition?
        var flags: Set<CaseFlag> = []
        /// The organ that must act next.
        var holder: OrganCode?
        /// The organ that sent the matter on (transfer or assignment), while it is with the receiver.
        var sender: OrganCode?
        var sentOn: Day?
        /// The day the triage clock (Art 22) or direct-notice clock (Art 23) started.
        var triageStart: Day?
        var assignment: Assignment?
        var receivedOn: Day?
        var acceptedOn: Day?
        /// The organ that accepted the matter and handles it.
        var handlerOrgan: OrganCode?
        var route: String?
        var type: MatterType?
        var track: Int?
        var handler: String?
        var hearings: [Interval] = []
        var extensionGranted: Extension?
        var opinion: Opinion?
        var deliveredOn: Day?
        var review: Stage?
        var rereview: Stage?
        var rereviewPauses: [Interval] = []
        var supervision: [SupervisionOrder] = []
        var listedOn: Day?
        var listedDue: Day?
        var leader: String?
        var links: [Link] = []
        var closedOn: Day?
        /// The latest day any workflow step took effect; no step may be dated earlier.
        var lastStepDay: Day?
        /// Every event of the case in full, voided ones included, in log order — when the
        /// holder keeps them (`Workflow.apply(_:to:keepingHistory:)`); empty otherwise.
        var events: [CaseEvent] = []
        var steps: [Step] = []
        /// Sequence numbers of voided events; the state is replayed without them.
        var voided: Set<Int> = []

        init(number: CaseNumber) { self.number = number }

        func copy() -> Storage {
            let c = Storage(number: number)
            c.phase = phase
            c.petition = petition
            c.flags = flags
            c.holder = holder
            c.sender = sender
            c.sentOn = sentOn
            c.triageStart = triageStart
            c.assignment = assignment
            c.receivedOn = receivedOn
            c.acceptedOn = acceptedOn
            c.handlerOrgan = handlerOrgan
            c.route = route
            c.type = type
            c.track = track
            c.handler = handler
            c.hearings = hearings
            c.extensionGranted = extensionGranted
            c.opinion = opinion
            c.deliveredOn = deliveredOn
            c.review = review
            c.rereview = rereview
            c.rereviewPauses = rereviewPauses
            c.supervision = supervision
            c.listedOn = listedOn
            c.listedDue = listedDue
            c.leader = leader
            c.links = links
            c.closedOn = closedOn
            c.lastStepDay = lastStepDay
            c.events = events
            c.steps = steps
            c.voided = voided
            return c
        }
    }

    private var storage: Storage

    /// The box, made unique first so a change never shows through another copy.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    package var number: CaseNumber {
        get { storage.number }
        set { unique().number = newValue }
        _modify { yield &unique().number }
    }
    package var phase: Phase {
        get { storage.phase }
        set { unique().phase = newValue }
        _modify { yield &unique().phase }
    }
    package var petition: Petition? {
        get { storage.petition }
        set { unique().petition = newValue }
        _modify { yield &unique().petition }
    }
    package var flags: Set<CaseFlag> {
        get { storage.flags }
        set { unique().flags = newValue }
        _modify { yield &unique().flags }
    }
    package var holder: OrganCode? {
        get { storage.holder }
        set { unique().holder = newValue }
        _modify { yield &unique().holder }
    }
    package var sender: OrganCode? {
        get { storage.sender }
        set { unique().sender = newValue }
        _modify { yield &unique().sender }
    }
    package var sentOn: Day? {
        get { storage.sentOn }
        set { unique().sentOn = newValue }
        _modify { yield &unique().sentOn }
    }
    package var triageStart: Day? {
        get { storage.triageStart }
        set { unique().triageStart = newValue }
        _modify { yield &unique().triageStart }
    }
    package var assignment: Assignment? {
        get { storage.assignment }
        set { unique().assignment = newValue }
        _modify { yield &unique().assignment }
    }
    package var receivedOn: Day? {
        get { storage.receivedOn }
        set { unique().receivedOn = newValue }
        _modify { yield &unique().receivedOn }
    }
    package var acceptedOn: Day? {
        get { storage.acceptedOn }
        set { unique().acceptedOn = newValue }
        _modify { yield &unique().acceptedOn }
    }
    package var handlerOrgan: OrganCode? {
        get { storage.handlerOrgan }
        set { unique().handlerOrgan = newValue }
        _modify { yield &unique().handlerOrgan }
    }
    package var route: String? {
        get { storage.route }
        set { unique().route = newValue }
        _modify { yield &unique().route }
    }
    package var type: MatterType? {
        get { storage.type }
        set { unique().type = newValue }
        _modify { yield &unique().type }
    }
    package var track: Int? {
        get { storage.track }
        set { unique().track = newValue }
        _modify { yield &unique().track }
    }
    package var handler: String? {
        get { storage.handler }
        set { unique().handler = newValue }
        _modify { yield &unique().handler }
    }
    package var hearings: [Interval] {
        get { storage.hearings }
        set { unique().hearings = newValue }
        _modify { yield &unique().hearings }
    }
    package var extensionGranted: Extension? {
        get { storage.extensionGranted }
        set { unique().extensionGranted = newValue }
        _modify { yield &unique().extensionGranted }
    }
    package var opinion: Opinion? {
        get { storage.opinion }
        set { unique().opinion = newValue }
        _modify { yield &unique().opinion }
    }
    package var deliveredOn: Day? {
        get { storage.deliveredOn }
        set { unique().deliveredOn = newValue }
        _modify { yield &unique().deliveredOn }
    }
    package var review: Stage? {
        get { storage.review }
        set { unique().review = newValue }
        _modify { yield &unique().review }
    }
    package var rereview: Stage? {
        get { storage.rereview }
        set { unique().rereview = newValue }
        _modify { yield &unique().rereview }
    }
    package var rereviewPauses: [Interval] {
        get { storage.rereviewPauses }
        set { unique().rereviewPauses = newValue }
        _modify { yield &unique().rereviewPauses }
    }
    package var supervision: [SupervisionOrder] {
        get { storage.supervision }
        set { unique().supervision = newValue }
        _modify { yield &unique().supervision }
    }
    package var listedOn: Day? {
        get { storage.listedOn }
        set { unique().listedOn = newValue }
        _modify { yield &unique().listedOn }
    }
    package var listedDue: Day? {
        get { storage.listedDue }
        set { unique().listedDue = newValue }
        _modify { yield &unique().listedDue }
    }
    package var leader: String? {
        get { storage.leader }
        set { unique().leader = newValue }
        _modify { yield &unique().leader }
    }
    package var links: [Link] {
        get { storage.links }
        set { unique().links = newValue }
        _modify { yield &unique().links }
    }
    package var closedOn: Day? {
        get { storage.closedOn }
        set { unique().closedOn = newValue }
        _modify { yield &unique().closedOn }
    }
    package var lastStepDay: Day? {
        get { storage.lastStepDay }
        set { unique().lastStepDay = newValue }
        _modify { yield &unique().lastStepDay }
    }
    package var events: [CaseEvent] {
        get { storage.events }
        set { unique().events = newValue }
        _modify { yield &unique().events }
    }
    /// Every event of the case in brief, voided ones included, in log order: enough for
    /// the timeline and for deciding what may be voided. Always kept.
    package var steps: [Step] {
        get { storage.steps }
        set { unique().steps = newValue }
        _modify { yield &unique().steps }
    }
    package var voided: Set<Int> {
        get { storage.voided }
        set { unique().voided = newValue }
        _modify { yield &unique().voided }
    }

    package init(number: CaseNumber) { storage = Storage(number: number) }

    package static func == (a: CaseState, b: CaseState) -> Bool {
        a.storage === b.storage || (
            a.number == b.number &&
            a.phase == b.phase &&
            a.petition == b.petition &&
            a.flags == b.flags &&
            a.holder == b.holder &&
            a.sender == b.sender &&
            a.sentOn == b.sentOn &&
            a.triageStart == b.triageStart &&
            a.assignment == b.assignment &&
            a.receivedOn == b.receivedOn &&
            a.acceptedOn == b.acceptedOn &&
            a.handlerOrgan == b.handlerOrgan &&
            a.route == b.route &&
            a.type == b.type &&
            a.track == b.track &&
            a.handler == b.handler &&
            a.hearings == b.hearings &&
            a.extensionGranted == b.extensionGranted &&
            a.opinion == b.opinion &&
            a.deliveredOn == b.deliveredOn &&
            a.review == b.review &&
            a.rereview == b.rereview &&
            a.rereviewPauses == b.rereviewPauses &&
            a.supervision == b.supervision &&
            a.listedOn == b.listedOn &&
            a.listedDue == b.listedDue &&
            a.leader == b.leader &&
            a.links == b.links &&
            a.closedOn == b.closedOn &&
            a.lastStepDay == b.lastStepDay &&
            a.events == b.events &&
            a.steps == b.steps &&
            a.voided == b.voided)
    }

    /// The matter type as classified, or as registered before classification.
    package var matterType: MatterType? { type ?? petition?.type }

    /// Whether the handling opinion can be reviewed (Art 35): grievances whose
    /// track ends in a handling opinion or a duty performed (tracks 5 and 6).
    package var isReviewable: Bool { type == .grievance && (track == 5 || track == 6) }

    /// The open supervision orders, awaiting written feedback (Art 40).
    package var openSupervisionOrders: [SupervisionOrder] { supervision.filter { $0.feedback == nil } }
}
