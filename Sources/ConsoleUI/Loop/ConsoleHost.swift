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

    /// Reads what other processes appended since the last call; true when a case changed.
    func pickUp() throws -> Bool

    /// Writes what a saved form asked for, under the log's lock and decided again
    /// against the latest cases; a refusal or failure comes back as `.failed` with one
    /// line in the clerk's language, and nothing was written.
    func perform(_ effect: Effect, now: Instant) -> EffectResult

    /// A standing warning about the log found since it was opened (damage found by a
    /// background check), once; nil otherwise.
    func warning() -> String?
}
