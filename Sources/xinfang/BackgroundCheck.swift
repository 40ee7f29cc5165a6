import Foundation
import PetitionStore

/// Reads the whole log once on another thread, checking every checksum and the chain
/// without decoding, and keeps what it found for the run loop to pick up.
final class BackgroundCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var found: LogScan.Problem?
    private var reported = false
    private var started = false
    private var finished = false

    /// Started and not yet done.
    var running: Bool {
        lock.lock()
        defer { lock.unlock() }
        return started && !finished
    }

    /// `covered` is where the snapshot's records end: those bytes were read whole when
    /// the snapshot was made, so anything wrong before it is damage, never a torn tail.
    func start(_ path: String, covered: (end: Int, seq: Int)) {
        lock.lock()
        started = true
        lock.unlock()
        Thread.detachNewThread { [self] in
            let log = try? DurableLog.open(at: path, .init(writable: false, verifyOnly: true))
            var problem = log?.damage
            if problem == nil, let at = log?.pendingTornTail, at < covered.end {
                problem = .damage(at: at, seq: (log?.lastSeq ?? 0) + 1, reason: "invalid record inside what the snapshot covers")
            }
            lock.lock()
            found = problem
            finished = true
            lock.unlock()
        }
    }

    /// The damage found, once; nil before the check ends, if it found none, and after.
    func damage() -> LogScan.Problem? {
        lock.lock()
        defer { lock.unlock() }
        guard !reported, let found else { return nil }
        reported = true
        return found
    }
}
