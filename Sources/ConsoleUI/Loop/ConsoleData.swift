import PetitionCore
import PetitionDocuments

/// What the screens show, handed in by the executable: the cases as replayed, the
/// reference data, who is at the console and the day. ConsoleUI reads no file.
package struct ConsoleData: Sendable {
    /// The cases, and where each is among them by number (the case book keeps this
    /// table; `update` takes both from it, so a change does not re-index every case).
    package private(set) var states: [CaseState]
    private var positions = CasePositions()

    /// New cases from the executable, with the case book's table of where each is.
    package mutating func update(_ states: [CaseState], positions: CasePositions) {
        self.states = states
        self.positions = positions
        version &+= 1
    }
    package var directory: Directory
    package var calendar: HolidayCalendar
    package var categories: CategoryList
    package var articles: ArticleCatalog
    package var policy: RolePolicy
    package var actor: Actor
    /// Who works where (the roster today): a handler assigned must be of the holding
    /// organ, and the user's own name recognises an accused person (Art 30).
    package var staff: StaffDirectory = .none
    /// The user's own name, where the staff directory has it.
    package var actorName: String? { staff.member(actor.user)?.name }
    /// The time now: the system clock, or the training clock. A new day is a change:
    /// every clock's days left moves, so the screens recompute.
    package var now: Instant {
        didSet { if Day(now) != Day(oldValue) { version &+= 1 } }
    }
    package var today: Day { Day(now) }
    package var training: Bool
    /// Plain ASCII charts (`--ascii`, or a terminal that is TERM=vt100 or dumb): the statistics
    /// screen's bars and sparklines in `#` and `_.-:=+*#` rather than block characters.
    package var ascii = false
    /// Every case's queue row for today, soonest deadline first, when the executable
    /// has them from the case book's next-deadline index (which recomputes only the
    /// cases that changed); nil, and the console computes them from `states`.
    package var rows: [QueueRow]? {
        didSet { version &+= 1 }
    }
    /// The search index of `states` (decision 0020), from the host once it is built; nil
    /// before, and search checks every case instead (the same hits, slower).
    package var search: SearchIndex?
    /// True while the executable is still computing `rows`: the screens say so instead
    /// of computing them again themselves.
    package var rowsPending = false
    /// The standing warning of a damaged log (found on opening or after), shown on every
    /// screen until the console is closed; while there is one, no form opens.
    package var warning: String?
    /// True while the log's records are still being checked after opening: no form
    /// opens until then (`ConsoleHost.checking`).
    package var checking = false
    /// Who may act on the log (its staff records, decision 0016), for the staff screen;
    /// and the account that created it. Empty for a log that keeps its users in a roster file.
    package var staffMembers: [StaffMember] = []
    package var staffOwner: String?
    /// The case on screen in full (its events read back from the log, and the cases that
    /// link to it), loaded by the run loop when a case's screen is shown or the cases change.
    package var detail: CaseDetail?
    /// The documents' renderer over the reference data's templates (issue 15); nil where
    /// the console runs without them (documents are then not offered).
    package var documents: DocumentRenderer?
    /// Training logs: the exercises (`data/exercises/`), and this user's runs of them as the
    /// log holds them, latest last (decision 0026).
    package var exercises: [Exercise] = [] {
        didSet { if exercises != oldValue { judgeRuns() } }
    }
    package var runs: [ExerciseRun] = [] {
        didSet { if runs != oldValue { judgeRuns() } }
    }
    /// Where the user stands on each exercise, in `exercises`' order, and the latest run of
    /// each exercise with its judgement: computed when the runs or the exercises change
    /// (after a save, or when records are picked up), never on a frame (decision 0029).
    package private(set) var standings: [ExerciseStanding] = []
    package private(set) var latestRuns: [String: JudgedRun] = [:]
    /// How many times the runs were judged (a test's count: a frame judges none).
    package private(set) var judgements = 0
    /// The log's acts of organs and their lifts, in log order (decision 0030).
    package var organRecords: [OrganSupervisionRecord] = []
    /// How work over every case is spread over the host's cores: `cores` parts, run by
    /// `concurrently` (the host passes the system's; one part, in order, by default). The
    /// supervisor's desk uses it (decision 0022, addendum).
    package var cores = 1
    package var concurrently: @Sendable (Int, @Sendable (Int) -> Void) -> Void = { n, body in for i in 0..<n { body(i) } }
    /// Bumped by every change to the cases, the rows or the day (`update`, `rows`,
    /// `now`), never by hand, so screens know when to recompute their caches.
    package private(set) var version = 0

    package init(states: [CaseState], directory: Directory, calendar: HolidayCalendar, categories: CategoryList,
                 articles: ArticleCatalog, policy: RolePolicy, actor: Actor, now: Instant, training: Bool) {
        self.states = states
        positions = CasePositions(states)
        self.directory = directory
        self.calendar = calendar
        self.categories = categories
        self.articles = articles
        self.policy = policy
        self.actor = actor
        self.now = now
        self.training = training
    }

    /// A case by number: the case screen asks on every frame, so this is a lookup, not a scan.
    package func state(_ number: CaseNumber) -> CaseState? { positions[number].map { states[$0] } }

    /// Where a case is in `states`, by number.
    package func position(_ number: CaseNumber) -> Int? { positions[number] }

    /// Whether this user may read a case's petitioner and content (Art 30): the one
    /// question every screen asks before showing either.
    package func contentVisible(_ state: CaseState) -> Bool { state.contentVisible(to: actor, name: actorName) }

    /// What the workflow needs to decide a command here, as the log will decide it.
    package var context: DecisionContext {
        let states = self.states, positions = self.positions
        return DecisionContext(now: now, actor: actor, directory: directory, calendar: calendar, policy: policy,
                               categories: categories, lookup: { positions[$0].map { states[$0] } }, staff: staff)
    }
}

/// One case in full, for its screen: the events with their texts, which the cases in
/// memory keep only in brief (`CaseState.steps`), and the cases whose links point at it
/// (a link is recorded on the case it was made from; the earlier case shows it too).
package struct CaseDetail: Sendable {
    package var number: CaseNumber
    /// The data's `version` it was loaded at.
    package var version: Int
    package var events: [CaseEvent]
    package var linkedFrom: [CaseState.Link]

    package init(number: CaseNumber, version: Int, events: [CaseEvent], linkedFrom: [CaseState.Link]) {
        self.number = number
        self.version = version
        self.events = events
        self.linkedFrom = linkedFrom
    }
}

extension ConsoleData {
    /// A case's events in full: as loaded for its screen, or as the case keeps them.
    package func history(_ number: CaseNumber) -> [CaseEvent] {
        if let detail, detail.number == number { return detail.events }
        return state(number)?.events ?? []
    }

    /// The cases that link to this one, each with the relation its link gives.
    package func linkedFrom(_ number: CaseNumber) -> [CaseState.Link] {
        if let detail, detail.number == number { return detail.linkedFrom }
        return Self.links(to: number, in: states)
    }

    /// Every link made on another case that points at `number`, as a link from this one's side.
    package static func links(to number: CaseNumber, in states: [CaseState]) -> [CaseState.Link] {
        states.flatMap { other in
            other.number == number ? [] : other.links.filter { $0.to == number }.map { CaseState.Link(to: other.number, kind: $0.kind) }
        }
    }
}

/// A run of an exercise and how it stands (`ExerciseEngine.evaluate`).
package struct JudgedRun: Sendable, Equatable {
    package var run: ExerciseRun
    package var result: ExerciseResult
}

extension ConsoleData {
    private mutating func judgeRuns() {
        judgements += 1
        standings = exercises.map { ExerciseStanding($0, runs: runs) }
        var latest: [String: JudgedRun] = [:]
        for exercise in exercises {
            if let run = runs.last(where: { $0.start.exercise == exercise.id }) {
                latest[exercise.id] = JudgedRun(run: run, result: ExerciseEngine.evaluate(exercise, run))
            }
        }
        latestRuns = latest
    }
}
