import PetitionCore

/// Which screen is showing.
package enum Screen: Equatable, Sendable {
    case home
    case queue
    case detail(CaseNumber)
    case help
}

/// The console's state: everything `update` changes and `render` reads.
package struct AppState: Sendable {
    package var screen: Screen = .home
    /// Where Esc goes back to.
    package var history: [Screen] = []
    package var language: Language
    package var quit = false

    // The queue screen.
    package var selected = 0
    package var top = 0
    package var filter = ""
    package var filtering = false
    /// The queue's rows, recomputed only when the cases or the filter change, never per key.
    package private(set) var rows: [QueueRow] = []
    /// The home screen's counts, computed with the rows, not on every frame.
    package private(set) var registeredToday = 0
    package private(set) var underSupervision = 0
    package private(set) var dueSoon = 0
    package private(set) var overdue = 0
    private var rowsKey: (version: Int, filter: String)?

    // The case screen.
    package var detailScroll = 0

    package init(language: Language) { self.language = language }

    /// Brings the cached queue rows up to date with the data.
    package mutating func refresh(_ data: ConsoleData) {
        if let key = rowsKey, key.version == data.version, key.filter == filter { return }
        let all = data.states.queue(QueueFilter(), asOf: data.today, calendar: data.calendar, directory: data.directory)
        if rowsKey?.version != data.version {
            registeredToday = data.states.filter { $0.events.first.map { Day($0.at) == data.today } ?? false }.count
            underSupervision = data.states.filter { $0.flags.contains(.underSupervision) }.count
            dueSoon = all.filter { ($0.next?.daysLeft ?? -1) >= 0 && ($0.next?.daysLeft ?? 99) <= 3 }.count
            overdue = all.filter { !$0.overdue.isEmpty }.count
        }
        let needle = filter.trimmingSpaces
        rows = needle.isEmpty ? all : all.filter { row in
            row.number.description.contains(needle) || row.petitioner.contains(needle)
                || (data.categories[row.category]?.name.contains(needle) ?? false) || row.category.contains(needle)
        }
        rowsKey = (data.version, filter)
        selected = min(selected, max(0, rows.count - 1))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
