import PetitionCore

/// The log behind a console, as the run loop sees it: the cases, their queue rows,
/// what other processes appended, and the writes a saved form asks for.
///
/// The executable implements it with the case book of the log file (and the
/// background check of a snapshot's records); tests with a case book over an
/// in-memory log. ConsoleUI itself reads and writes nothing.
package protocol ConsoleHost: AnyObject {
    /// The cases as the log holds them now, with the table of where each is by number.
    var cases: (states: [CaseState], positions: CasePositions) { get }

    /// Every case's queue row for `day`, soonest deadline first.
    func rows(asOf day: Day) -> [QueueRow]

    /// The search index of the cases as `cases` holds them now (decision 0020): built on
    /// the first call, then kept up to date as records are folded. Asked after the first
    /// frame and after every change, as `rows` is.
    func searchIndex() -> SearchIndex
    /// A case's events in full (with their texts), read back from the log, for its screen;
    /// empty when they cannot be read (the screen then shows the timeline in brief).
    func history(of number: CaseNumber) -> [CaseEvent]

    /// Reads what other processes appended since the last call; true when a case changed.
    func pickUp() throws -> Bool

    /// Writes what a saved form asked for, under the log's lock and decided again
    /// against the latest cases; a refusal or failure comes back as `.failed` with one
    /// line in the clerk's language, and nothing was written.
    func perform(_ effect: Effect, now: Instant) -> EffectResult

    /// The standing warning of a damaged log, in the clerk's language: damage found when
    /// it was opened, by a later read, or by the background check of a snapshot's
    /// records; or, while it lasts, a database log's lost connection; nil while the log is
    /// intact and reachable. Asked before the first frame and at every
    /// poll; once there is one, the console opens no form (the log takes no writes).
    func warning() -> String?

    /// True while the records a snapshot covers are still being checked (the seconds
    /// after opening from one): damage among them is not known yet, so no form opens
    /// until the check is done. Asked before the first frame and at every poll.
    var checking: Bool { get }

    /// The staff as the log's staff records leave them now, and the log's owner (decision
    /// 0016); asked when opening and at every poll.
    var staffList: (members: [StaffMember], owner: String?) { get }

    /// Training logs: this user's runs of the exercises, as the log holds them now
    /// (decision 0026); asked when opening and after every save.
    func exerciseRuns() -> [ExerciseRun]

    /// The log's records of no case about organs — acts and their lifts, in log order (decisions
    /// 0024, 0030); asked when opening, at every poll and after every save.
    var organRecords: [OrganSupervisionRecord] { get }
}

extension ConsoleHost {
    /// The cases, their rows for `day` and the search index, as of one moment: a host shared
    /// between threads answers all three under one lock.
    package func view(asOf day: Day) -> (cases: (states: [CaseState], positions: CasePositions), rows: [QueueRow],
                                         search: SearchIndex) {
        (cases, rows(asOf: day), searchIndex())
    }

    package func exerciseRuns() -> [ExerciseRun] { [] }
    package var organRecords: [OrganSupervisionRecord] { [] }
}
