import Dispatch
import Foundation
import PetitionCore

/// The one way a log file is opened into cases: from the snapshot beside it when that
/// snapshot holds, otherwise by replaying the whole log with reading and folding
/// overlapped; and a fresh snapshot written when the old one is far behind.
extension CaseBook {
    /// Records folded since the snapshot this book started from (or all, without one),
    /// after which opening writes a fresh snapshot.
    package static let snapshotEvery = 5_000

    /// Opens a log file and its cases, from the snapshot beside it when that snapshot
    /// holds (see `CaseSnapshot`), and writes a fresh snapshot when there was none or
    /// it is `snapshotEvery` records behind. A snapshot that cannot be written is only
    /// a slower next open: the log is the record. Every file is reached through
    /// `options.fs` (the simulated file system runs all of this too).
    /// `accept` sees the log before the case book is handed out, and may refuse it (a
    /// training log opened for production work, say): with a snapshot before anything is
    /// replayed; without one after the log is read (a refusal then costs only the time).
    package static func open(at path: String, _ options: DurableLog.Options = DurableLog.Options(),
                             accept: (DurableLog) throws -> Void = { _ in }) throws -> CaseBook {
        let fs = options.fs
        let snapshotPath = CaseSnapshot.path(forLog: path)
        // Only the snapshot's header first: its cases are decoded once the log holds its head.
        // Mapped, not copied: its pages come from the page cache as the cases are decoded.
        // (A snapshot is only ever replaced by renaming a new file over it, never changed
        // in place, so the mapping stays what was checked.)
        guard let snapshot = (try? fs.map(snapshotPath)).flatMap({ try? CaseSnapshot.File($0) }) else {
            let (opened, log) = try replaying(at: path, options)
            try accept(log)
            if log.lastSeq >= snapshotEvery { try? opened.writeSnapshot(to: snapshotPath) }
            return opened
        }
        var resuming = options
        resuming.resume = snapshot.head
        var log = try DurableLog.open(at: path, resuming)
        if log.resumed, snapshot.logId != log.header.logId {
            log = try DurableLog.open(at: path, options)
        }
        try accept(log)
        var book: CaseBook?
        if log.resumed {
            if let states = try? snapshot.cases() {
                book = try CaseBook(log: log, from: CaseSnapshot(logId: snapshot.logId, head: snapshot.head, states: states))
            } else {
                // A part of it damaged: the log was read from its head on, so read it whole instead.
                log = try DurableLog.open(at: path, options)
            }
        }
        let opened = try book ?? CaseBook(log: log)
        let covered = log.resumed ? snapshot.head.seq : 0
        if log.lastSeq - covered >= snapshotEvery { try? opened.writeSnapshot(to: snapshotPath) }
        return opened
    }

    /// Opens a log file and replays it whole, folding each window's events on a thread
    /// of its own while the next window is read, checked and decoded: the two halves of
    /// opening overlap instead of following each other (decision 0009). The same cases as
    /// `CaseBook(log: DurableLog.open(…))` (CaseBookTests compares them).
    package static func replaying(at path: String, _ options: DurableLog.Options) throws -> (CaseBook, DurableLog) {
        final class Replay: @unchecked Sendable {
            var book: CaseBook?
            var failure: StoreError?
        }
        let replay = Replay()
        let folding = DispatchQueue(label: "xinfang.replay")
        var replaying = options
        replaying.replaying = { log, batch in
            // The first window's events make the book (on this thread: nothing is folded yet).
            if replay.book == nil { replay.book = try? CaseBook(log: log) }
            folding.async {
                guard replay.failure == nil, let book = replay.book else { return }
                do throws(StoreError) { try book.foldAll(batch) } catch { replay.failure = error }
            }
        }
        let opened = Result { () throws(StoreError) -> DurableLog in try DurableLog.open(at: path, replaying) }
        // Every fold handed over is finished before anything is returned or thrown.
        folding.sync {}
        let log = try opened.get()
        if let failure = replay.failure { throw failure }
        return (try replay.book ?? CaseBook(log: log), log)
    }

    /// Writes a snapshot of the cases as read so far, replacing the old one whole (under
    /// a name of this process's own, renamed into place), readable only by the log's
    /// owner and group (it holds the same personal data).
    package func writeSnapshot(to snapshotPath: String) throws {
        guard let durable = log as? DurableLog, let head = durable.snapshotHead else { return }
        let snapshot = CaseSnapshot(logId: log.header.logId, head: head, states: states)
        do throws(FileError) {
            try durable.fs.replace(snapshotPath, with: snapshot.encode(), temp: snapshotPath + ".writing-\(getpid())",
                                   mode: 0o640)
        } catch {
            throw StoreError(.io, path: snapshotPath, cause: error.description)
        }
    }
}
