/// What `decide` needs from outside the case: the time, who is acting, and the
/// reference data. Passed in, never read from globals, so decisions are pure.
package struct DecisionContext: Sendable {
    package var now: Instant
    package var actor: Actor
    package var directory: Directory
    package var calendar: HolidayCalendar
    package var policy: RolePolicy
    package var categories: CategoryList
    /// Other cases of the log, for references (not-accepted-because, links).
    package var lookup: @Sendable (CaseNumber) -> CaseState?
    /// Who works where: a handler assigned must be staff of the holding organ.
    package var staff: StaffDirectory
    /// Every term in days (the regulation's, and practice where it is silent).
    package var terms: StatutoryTerms
    /// The cases that may be earlier cases of the people in a petition (at least every case
    /// of the same person; `priorCases` picks them out). Registration flags what it finds
    /// (decision 0017), whatever the door.
    package var earlierCases: @Sendable (Petition) -> [CaseState]

    package init(now: Instant, actor: Actor, directory: Directory, calendar: HolidayCalendar, policy: RolePolicy,
                categories: CategoryList,
                 lookup: @escaping @Sendable (CaseNumber) -> CaseState? = { _ in nil },
                 staff: StaffDirectory = .none, terms: StatutoryTerms = .regulation,
                 earlierCases: @escaping @Sendable (Petition) -> [CaseState] = { _ in [] }) {
        self.now = now
        self.actor = actor
        self.directory = directory
        self.calendar = calendar
        self.policy = policy
        self.categories = categories
        self.lookup = lookup
        self.staff = staff
        self.terms = terms
        self.earlierCases = earlierCases
    }

    /// The acting user's own name, where the staff directory has it (to recognise an accused person).
    package var actorName: String? { staff.member(actor.user)?.name }

    package var today: Day { Day(now) }
}
