import PetitionCore
import PetitionStore

/// Drives one case through the workflow as tests need it: each step is decided
/// against the current state and its events appended to an in-memory log, the
/// same path the CLI takes.
package struct Scenario {
    package private(set) var state: CaseState
    package private(set) var log: [CaseEvent] = []
    package var others: [CaseNumber: CaseState] = [:]
    /// Who works where (a handler assigned must be of the holding organ): the fixtures' staff.
    package var staff = Fixtures.staff
    /// The terms decided and counted with: the regulation's, unless a test changes one.
    package var terms = StatutoryTerms.regulation
    /// Whether registration sees `others` as the person's earlier cases (decision 0017);
    /// off by default, so that a path's registration carries no flag unless a test asks.
    package var earlierCasesFromOthers = false

    package init(number: CaseNumber = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)) {
        state = CaseState(number: number)
    }

    package func context(_ actor: Actor, at time: String) -> DecisionContext {
        let others = self.others
        let earlier = earlierCasesFromOthers ? Array(others.values) : []
        return DecisionContext(now: Fixtures.instant(time), actor: actor, directory: Fixtures.directory,
                               calendar: Fixtures.calendar, policy: Fixtures.reference.policy,
                               categories: Fixtures.reference.categories, lookup: { others[$0] }, staff: staff,
                               terms: terms, earlierCases: { _ in earlier })
    }

    /// Decides a command; on success folds its events (with sequence numbers) and returns them.
    @discardableResult
    package mutating func run(_ command: CaseCommand, as actor: Actor, at time: String) throws(Rejection) -> [CaseEvent] {
        var events = try Workflow.decide(command, state, context(actor, at: time))
        for i in events.indices {
            events[i].seq = (log.last?.seq ?? 0) + 1
            log.append(events[i])
            state = Workflow.evolve(state, events[i])
        }
        return events
    }

    /// Decides without applying: the rejection, if any.
    package func attempt(_ command: CaseCommand, as actor: Actor, at time: String) -> Rejection? {
        do {
            _ = try Workflow.decide(command, state, context(actor, at: time))
            return nil
        } catch {
            return error
        }
    }

    package func clocks(asOf: String) -> [ClockStatus] {
        state.clocks(asOf: Fixtures.day(asOf), calendar: Fixtures.calendar, directory: Fixtures.directory, terms: terms)
    }

    package func due(_ kind: ClockKind, asOf: String) -> Day? {
        clocks(asOf: asOf).first { $0.kind == kind }?.due
    }
}
