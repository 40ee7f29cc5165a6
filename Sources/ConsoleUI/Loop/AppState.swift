import PetitionCore

/// Which screen is showing.
package enum Screen: Equatable, Sendable {
    case home
    case queue
    case detail(CaseNumber)
    case help
    /// The register form (登记).
    case register
    /// The actions the law allows on a case now, to pick one.
    case actions(CaseNumber)
    /// One action's form.
    case action(CaseNumber, ActionKind)
    case search
    /// Who may act on this log, in which role, for which organ (人员: the staff records).
    case staff
    /// A supervision act of this organ (约谈, 通报, 挂牌督办, 督查), from the desk (decision 0024);
    /// or the lifting of one (the form then holds the act's number, decision 0030).
    case organAct(OrganCode)
    /// The acts of organs, latest first, with their cases and dates; a measure in force can be
    /// lifted from here (decision 0030).
    case organActs
    /// A document of the case, previewed before it is issued (issue 15).
    case document(CaseNumber)
    /// Statistics (信访统计, issue 14 item 4): a period's figures, a breakdown's table, bars and
    /// sparklines — the same as `xinfang stats` — for supervisors and organ heads.
    case statistics
    /// Training logs: the exercises, to pick one (练习).
    case exercises
    /// One exercise: its story, its steps, the feedback so far.
    case exercise(String)

    /// Whether keys type into a form here.
    var isForm: Bool {
        switch self {
        case .register, .action, .organAct: true
        case .home, .queue, .detail, .help, .actions, .search, .staff, .document, .exercises, .exercise, .organActs,
             .statistics: false
        }
    }
}

/// Which cases the queue shows.
package enum QueueView: String, Sendable, CaseIterable {
    case all, mine, organ, dueSoon, overdue

    var title: Localized {
        switch self {
        case .all: Localized("全部", "all")
        case .mine: Localized("我的", "mine")
        case .organ: Localized("本机关", "my organ")
        case .dueSoon: Localized("\(StatutoryTerms.regulation.dueSoon)日内到期", "due ≤\(StatutoryTerms.regulation.dueSoon) days")
        case .overdue: Localized("已逾期", "overdue")
        }
    }
}

/// How the queue is ordered.
package enum QueueSort: String, Sendable, CaseIterable {
    case deadline, number, phase

    var title: Localized {
        switch self {
        case .deadline: Localized("按期限", "by deadline")
        case .number: Localized("按编号", "by number")
        case .phase: Localized("按状态", "by state")
        }
    }
}

/// What the console asks the executable to write. ConsoleUI writes nothing itself:
/// `Update.apply` returns the effect, the run loop has its host perform it through the
/// log, and reports back with `Update.completed`.
package enum Effect: Sendable, Equatable {
    case register(Petition)
    case execute(CaseCommand, CaseNumber)
    /// A supervision act of an organ, a record of no case (decision 0024).
    case recordOrganAct(OrganSupervisionCommand)
    /// Record a document's issue, then save its text (`fileName` in the documents folder)
    /// and send it to the printer where one is configured.
    case issueDocument(CaseCommand, CaseNumber, text: String, fileName: String)
    /// A training log's simulated clock moved forward to this time (decision 0026).
    case moveClock(Instant)
    /// On a training log, a note to write (decision 0026): a save the workflow refused
    /// (so that the trainee's mistakes can be scored; the form stays as it is), a hint shown.
    case recordNote(TrainingNote)
    /// On a training log, an exercise to start: its seed is written, then its start note.
    case startExercise(String)
}

/// How a written effect ended.
package enum EffectResult: Sendable {
    case registered(CaseNumber)
    case executed(CaseNumber)
    /// A supervision act of an organ was recorded.
    case recordedOrganAct(OrganSupervisionCommand)
    /// A document issued: where it was saved, and whether it went to the printer.
    case issued(CaseNumber, path: String, printed: Bool)
    /// The simulated clock now reads this time.
    case clockMoved(Instant)
    /// The note was written (or, failing that, not: what it notes shows either way).
    case noteRecorded
    /// The exercise's seed and start note were written.
    case exerciseStarted(String)
    /// Refused or failed: one line saying why, in the user's language. Nothing was written.
    case failed(String, field: String?)
}

/// A one-line message under the screen, until the next key.
package struct Flash: Sendable, Equatable {
    package var text: String
    package var style: StyleRole
}

/// A search hit: the case and what matched.
package struct SearchHit: Sendable, Equatable {
    package var number: CaseNumber
    package var matched: Localized
}

/// The console's state: everything `update` changes and `render` reads.
package struct AppState: Sendable {
    package var screen: Screen = .home
    /// Where Esc goes back to.
    package var history: [Screen] = []
    package var language: Language
    package var quit = false
    package var flash: Flash?

    // The queue screen.
    package var selected = 0
    package var top = 0
    package var filter = ""
    package var filtering = false
    /// On a training log, the clock prompt (`t`): nil when closed, else the date typed so far.
    package var clockEntry: String?
    /// The exercise list's selected row.
    package var exerciseSelected = 0
    package var view: QueueView = .all
    package var sort: QueueSort = .deadline
    /// The queue's rows, recomputed only when the cases, the filter, the view or the sort change, never per key.
    package private(set) var rows: [QueueRow] = []
    /// The home screen's counts, computed with the rows, not on every frame.
    package private(set) var registeredToday = 0
    package private(set) var underSupervision = 0
    package private(set) var dueSoon = 0
    package private(set) var overdue = 0
    /// False while the deadlines are still being computed: the counts show as pending.
    package private(set) var countsReady = true
    private var rowsKey: (version: Int, filter: String, view: QueueView, sort: QueueSort)?
    /// The rows of the view, sorted, before the filter: kept while only the filter changes.
    private var viewed = QueueViewRows()
    private var viewKey: (version: Int, view: QueueView, sort: QueueSort)?
    /// The data version the home counts and the desk were made from: they change with the
    /// data only, not with a drill-down, a view or a filter.
    private var countsVersion: Int?

    // The supervisor's desk (issue 14; decision 0022): its numbers, which one is selected,
    // and the number whose cases the queue shows now (Esc returns to it).
    package private(set) var desk: SupervisorDesk?
    /// The data version the desk was made from.
    private var deskVersion: Int?
    /// The number selected on the desk, and where its two lists are scrolled (decision 0030).
    package var deskCursor = DeskCursor()
    package struct Drill: Sendable, Equatable {
        package var title: String
        package var cases: Set<CaseNumber>
    }
    package var drill: Drill? {
        didSet { if drill != oldValue { rowsKey = nil; viewKey = nil } }
    }

    // The case screen and its actions.
    package var detailScroll = 0
    /// The document previewed (`Screen.document`), how it will be delivered, its scroll.
    package var documentKind: DocumentKind?
    package var documentDelivery: DeliveryMethod = .handedOver
    package var documentScroll = 0
    package var actionSelected = 0
    /// The act of an organ selected on the list of acts (`Screen.organActs`), and the first shown.
    package var actSelected = 0
    package var actTop = 0
    /// Whether the selected act's detail has the movement keys (→ into it, ← back), and how far
    /// it is scrolled: a long finding scrolls as the case screen does (decision 0019).
    package var actDetailFocused = false
    package var actDetailScroll = 0

    // The statistics screen: its period, breakdown and scroll, and the figures for them,
    // computed when one of those or the data changes while it is shown, never per frame.
    package var statistics = StatisticsChoice()
    package private(set) var figures: Statistics?
    private var figuresKey: (version: Int, query: StatisticsQuery)?
    /// How many times the figures were computed (a test's count: a frame or a scroll computes none).
    package private(set) var figureRuns = 0

    // Forms: one open at a time; it survives help, resize and refreshes.
    package var form: Form?
    /// The earlier cases of the person on the register form, and whose they are.
    package var prior: [PriorCase] = []
    var priorKey = ""
    /// How many times the register form opened an earlier case (F3): the next opens the next one.
    var earlierOpened = 0

    // The search screen.
    package var query = LineEditor()
    package var hits: [SearchHit] = []
    package var hitSelected = 0
    package var hitTop = 0
    var hitsKey: (version: Int, query: String)?

    package init(language: Language) { self.language = language }

    /// Brings the cached queue rows and counts up to date with the data and with the
    /// queue's filter, view and sort; a no-op when none changed. `ConsoleLoop` calls it
    /// in one place, before each frame is drawn, so every key acts on the rows it saw
    /// (the bench calls it to time it).
    package mutating func refresh(_ data: ConsoleData) {
        refreshFigures(data)
        // The search's hits follow the cases as they follow the query (a case another console
        // registered shows without a key pressed).
        if screen == .search, let key = hitsKey, key.version != data.version { Update.refreshHits(&self, data) }
        countsReady = !(data.rows == nil && data.rowsPending)
        guard countsReady else {
            rows = []
            rowsKey = nil
            return
        }
        if let key = rowsKey, key.version == data.version, key.filter == filter, key.view == view, key.sort == sort {
            return
        }
        // Rows as this user may see them: an accuser withheld from whoever may not read the
        // accusation (Art 30), before any count, view or filter looks at them.
        let fresh = countsVersion != data.version
        if !fresh, viewKey?.version == data.version, viewKey?.view == view, viewKey?.sort == sort {
            // Only the filter changed (a key typed after `/`): the rows of the view stand.
            rows = viewed.filtered(filter.trimmed, data)
            rowsKey = (data.version, filter, view, sort)
            selected = min(selected, max(0, rows.count - 1))
            return
        }
        var source = data.rows ?? data.states.queue(QueueFilter(), asOf: data.today, calendar: data.calendar,
                                                    directory: data.directory)
        // A drill-down from the desk needs only its own cases' rows: when the counts stand, the
        // rest are not disclosed or viewed at all (a number's queue in < 100 ms on 130,000 cases).
        if !fresh, let drill { source = source.filter { drill.cases.contains($0.number) } }
        let all = source.map { $0.disclosed(to: data.actor, name: data.actorName, case: data.state($0.number)) }
        if fresh {
            // The counts that matter to this role: a handling organ's staff count their
            // organ's cases; the bureau's clerks and supervisors count the jurisdiction's.
            let organ: OrganCode? = switch data.actor.role {
            case .handler, .organHead: data.actor.organ
            case .clerk, .supervisor, .administrator, .trainee: nil
            }
            let mine = organ.map { o in all.filter { $0.holder == o } } ?? all
            registeredToday = data.states.filter { $0.steps.first.map { Day($0.at) == data.today } ?? false }.count
            underSupervision = data.states.filter {
                $0.flags.contains(.underSupervision) && (organ == nil || $0.holder == organ)
            }.count
            dueSoon = mine.filter { $0.nextDuty?.isDueSoon() ?? false }.count
            overdue = mine.filter { !$0.overdue.isEmpty }.count
            refreshDesk(data)
            countsVersion = data.version
        }
        if viewKey?.version != data.version || viewKey?.view != view || viewKey?.sort != sort {
            var base = Self.viewed(all, view, sort, data)
            if let drill { base = base.filter { drill.cases.contains($0.number) } }
            viewed = QueueViewRows(base, data)
            viewKey = (data.version, view, sort)
        }
        let shown = viewed.filtered(filter.trimmed, data)
        rows = shown
        rowsKey = (data.version, filter, view, sort)
        selected = min(selected, max(0, rows.count - 1))
    }

    /// Brings the supervisor's desk up to date with the data; true if this user has one.
    /// The desk needs no queue rows, so the console draws it before it makes them (the
    /// supervisor's first screen; decision 0031, addendum).
    @discardableResult
    package mutating func refreshDesk(_ data: ConsoleData) -> Bool {
        if deskVersion != data.version {
            // Supervisors see the whole jurisdiction's desk; an organ head, their own organ's.
            switch data.actor.role {
            case .supervisor:
                desk = SupervisorDesk(data.states, asOf: data.today, calendar: data.calendar, directory: data.directory,
                                      runs: data.cores, concurrently: data.concurrently)
            case .organHead:
                desk = SupervisorDesk(data.states, asOf: data.today, calendar: data.calendar, directory: data.directory,
                                      scope: data.actor.organ, runs: data.cores, concurrently: data.concurrently)
            case .clerk, .handler, .administrator, .trainee: desk = nil
            }
            deskVersion = data.version
        }
        return desk != nil
    }

    /// The statistics screen's figures, for its query as it stands: recomputed when the period,
    /// the breakdown, the day or the cases change while the screen is shown (one pass over the
    /// cases, about 125 ms on 130,000 in a release build), kept otherwise.
    private mutating func refreshFigures(_ data: ConsoleData) {
        guard screen == .statistics else { return }
        let query = statistics.query(data)
        if let key = figuresKey, key.version == data.version, key.query == query { return }
        figures = data.states.statistics(query, directory: data.directory, calendar: data.calendar)
        figuresKey = (data.version, query)
        figureRuns += 1
    }

    /// The rows a view shows, in the order chosen.
    private static func viewed(_ all: [QueueRow], _ view: QueueView, _ sort: QueueSort, _ data: ConsoleData) -> [QueueRow] {
        var shown = all
        switch view {
        case .all: break
        case .mine:
            let user = data.actor.user
            shown = shown.filter { row in
                guard let c = data.state(row.number) else { return false }
                return c.handler == user || (c.steps.first?.actor.user == user && !row.phase.isTerminal)
            }
        case .organ: shown = shown.filter { $0.holder == data.actor.organ }
        case .dueSoon: shown = shown.filter { $0.nextDuty?.isDueSoon() ?? false }
        case .overdue: shown = shown.filter { !$0.overdue.isEmpty }
        }
        switch sort {
        case .deadline: break
        case .number: shown.sort { $0.number < $1.number }
        case .phase:
            let order = Dictionary(uniqueKeysWithValues: Phase.allCases.enumerated().map { ($1, $0) })
            shown.sort { (order[$0.phase] ?? 0, $0.number) < (order[$1.phase] ?? 0, $1.number) }
        }
        return shown
    }
}

/// What the statistics screen shows (issue 14 item 4): the period received (by default the
/// console's year to its day), the breakdown, and how far the figures are scrolled.
package struct StatisticsChoice: Sendable, Equatable {
    /// The first and last day received; nil: the 1st of January of the console's year, and
    /// the console's day (so a console left open follows the day).
    package var from: Day?
    package var to: Day?
    package var by: StatisticsQuery.Dimension = .category
    package var scroll = 0
    /// The period prompt (`d`): nil when closed, else what has been typed.
    package var entry: String? {
        didSet { if entry == nil || (entry ?? "").count < (oldValue ?? "").count { entryCut = false } }
    }
    /// Keys were typed past the prompt's width and not taken: Enter refuses the cut text
    /// rather than read it as a shorter period (`…2025-03-3` as the 3rd).
    package var entryCut = false

    package init() {}

    /// The query these choices make for this user: as of the console's day, within the user's
    /// jurisdiction as `xinfang stats` takes it by default (an organ head's own organ, decision 0031).
    package func query(_ data: ConsoleData) -> StatisticsQuery {
        let today = data.today
        return StatisticsQuery(from: from ?? Day(year: today.year, month: 1, day: 1) ?? today, to: to ?? today,
                               organ: DataScope.organ(of: data.actor, directory: data.directory), by: by, asOf: today)
    }
}
