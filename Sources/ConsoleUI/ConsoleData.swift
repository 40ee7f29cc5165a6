import PetitionCore

/// What the screens show, handed in by the executable: the cases as replayed, the
/// reference data, who is at the console and the day. ConsoleUI reads no file.
package struct ConsoleData: Sendable {
    package var states: [CaseState]
    package var directory: Directory
    package var calendar: HolidayCalendar
    package var categories: CategoryList
    package var articles: ArticleCatalog
    package var policy: RolePolicy
    package var actor: Actor
    package var today: Day
    package var training: Bool
    /// Bumped whenever the cases change, so screens know when to recompute.
    package var version: Int

    package init(states: [CaseState], directory: Directory, calendar: HolidayCalendar, categories: CategoryList,
                 articles: ArticleCatalog, policy: RolePolicy, actor: Actor, today: Day, training: Bool, version: Int) {
        self.states = states
        self.directory = directory
        self.calendar = calendar
        self.categories = categories
        self.articles = articles
        self.policy = policy
        self.actor = actor
        self.today = today
        self.training = training
        self.version = version
    }

    package func state(_ number: CaseNumber) -> CaseState? { states.first { $0.number == number } }
}
