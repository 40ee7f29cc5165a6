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
    /// holds (see `CaseSnapshot`) and a checkpoint in the log vouches for it; otherwise
    /// by replaying the whole log. A writable open then writes a fresh snapshot, and the
    /// checkpoint that vouches for it, when there was none or it is `snapshotEvery`
    /// records behind (a read-only open writes nothing). A snapshot that cannot be written
    /// is only a slower next open: the log is the record. Every file is reached through
    /// `options.fs` (the simulated file system runs all of this too).
    /// `accept` sees the log before the case book is handed out, and may refuse it (a
    /// training log opened for production work, say): with a snapshot before any case is
    /// decoded; without one after the log is read (a refusal then costs only the time).
    package static func open(at path: String, _ options: DurableLog.Options = DurableLog.Options(),
                             accept: (DurableLog) throws -> Void = { _ in }) throws -> CaseBook {
        try open(at: path, options, carrying: [], accept: accept)
    }

    /// `carrying`: what an earlier opening of this log recovered (a torn tail moved aside)
    /// before it gave way to this one: the log `accept` sees reports it, since the file it
    /// reads again no longer shows it.
    private static func open(at path: String, _ options: DurableLog.Options, carrying: [RecoveryNote],
                             accept: (DurableLog) throws -> Void) throws -> CaseBook {
        let snapshotPath = CaseSnapshot.path(forLog: path)
        // Only the snapshot's header first: its cases are decoded once the log holds its
        // head and vouches for it. Mapped, not copied: its pages come from the page cache
        // as the cases are decoded. (A snapshot is only ever replaced by renaming a new
        // file over it, never changed in place, so the mapping stays what was checked.)
        guard let mapped = try? options.fs.map(snapshotPath) else {
            return try whole(at: path, options, carrying: carrying, accept: accept)
        }
        guard let snapshot = try? CaseSnapshot.File(mapped) else {
            return try whole(at: path, options, rebuilding: true, carrying: carrying, accept: accept)
        }
        var resuming = options
        resuming.resume = snapshot.head
        let log = try DurableLog.open(at: path, resuming)
        log.recoveries = carrying + log.recoveries
        // The log's own word on the snapshot: a checkpoint after its head naming its digest
        // (docs/decisions/0012-checkpoints.md). A hand-edited snapshot has no such record.
        guard log.resumed, snapshot.logId == log.header.logId, log.checkpoints.contains(where: snapshot.isVouched(by:))
        else { return try whole(at: path, options, rebuilding: true, carrying: log.recoveries, accept: accept) }
        // Damage noted among the records the snapshot covers: show what a full read shows,
        // the records before it (the snapshot stays: it is sound, the log is not).
        if case .damage(_, let seq, _)? = log.damage, seq <= snapshot.head.seq {
            return try whole(at: path, options, carrying: log.recoveries, accept: accept)
        }
        try accept(log)
        // A part whose digest does not hold: the log was read from the head on, so read it whole instead.
        guard let states = try? snapshot.cases() else { return try whole(at: path, options, rebuilding: true, accept: accept) }
        let opened = try CaseBook(log: log, from: CaseSnapshot(logId: snapshot.logId, head: snapshot.head, states: states,
                                                               reserved: snapshot.reserved, staff: snapshot.staff,
                                                               supervision: snapshot.supervision, clock: snapshot.clock,
                                                               notes: snapshot.notes),
                                  file: snapshot)
        if log.lastSeq - snapshot.head.seq >= snapshotEvery { try? opened.writeSnapshot(to: snapshotPath) }
        return opened
    }

    /// Opens a log for some cases (a point query, decision 0021): from the snapshot's
    /// header, the index page(s) each case's number is on and the chunk it lies in — each
    /// checked against the SHA-256 the header holds for it, the header against the
    /// checkpoint that vouches for it — then the log's records after the snapshot's head,
    /// read and verified as every open does, of which only those cases' events are
    /// folded. The book holds those cases alone (`scope`); a writer's command on it still
    /// decides under the lock against what others appended meanwhile (`transact`).
    /// With `linked`, it holds too the cases each one's links name and the cases whose
    /// links name it (one level: what its screen describes): those from the snapshot's
    /// reverse-link pages, and any the tail's `linked` events add (a voiding in the tail
    /// is folded like any event, so a voided link is gone). The book's cases are in the
    /// full book's order (the snapshot's, then first seen in the tail), so a list over
    /// them reads as it does over every case.
    /// Whenever the snapshot cannot be used (none, not vouched for, a section that does
    /// not hold, damage among the records it covers), and for a writer when it is
    /// `snapshotEvery` records behind (so that a fresh one is written), this is the full
    /// `open`, whose book holds every case.
    package static func open(at path: String, _ options: DurableLog.Options = DurableLog.Options(),
                             only numbers: Set<CaseNumber>, linked: Bool = false,
                             accept: (DurableLog) throws -> Void = { _ in }) throws -> CaseBook {
        var recovered: [RecoveryNote] = []
        // The full open; it reports what this one's opening of the log recovered.
        func full() throws -> CaseBook { try open(at: path, options, carrying: recovered, accept: accept) }
        guard let (snapshot, log, tail) = try resumed(at: path, options, recovered: &recovered) else { return try full() }
        var scope = numbers
        var found: [CaseNumber: CaseSnapshot.File.Located] = [:]
        var absent: Set<CaseNumber> = []
        func load(_ number: CaseNumber) throws(CaseSnapshot.Failure) {
            scope.insert(number)
            guard found[number] == nil, !absent.contains(number) else { return }
            if let located = try snapshot.locate(number) { found[number] = located } else { absent.insert(number) }
        }
        do throws(CaseSnapshot.Failure) {
            for number in numbers.sorted(by: { $0.description < $1.description }) { try load(number) }
            if linked {
                for number in numbers.sorted(by: { $0.description < $1.description }) {
                    for other in found[number]?.state.links ?? [] { try load(other.to) }
                    for other in try snapshot.linking(to: number) where found[other.state.number] == nil {
                        scope.insert(other.state.number)
                        found[other.state.number] = other
                    }
                }
                // Links made after the snapshot: by these cases, and to them.
                for event in tail {
                    guard case .linked(let to, _) = event.body, event.caseNumber != to else { continue }
                    if numbers.contains(event.caseNumber) { try load(to) }
                    if numbers.contains(to) { try load(event.caseNumber) }
                }
            }
        } catch {
            // A section that does not hold: nothing of it is trusted; the full open decides.
            return try full()
        }
        try accept(log)
        return try book(log, from: snapshot, found, only: scope, tail: tail)
    }

    /// The snapshot beside a log and the log opened resuming from it, with the records after
    /// it — when a point query may use it: the log vouches for it, no damage lies among the
    /// records it covers, and a writer is fewer than `snapshotEvery` records behind. nil
    /// otherwise (the full open decides); `recovered` gets what opening the log recovered.
    private static func resumed(at path: String, _ options: DurableLog.Options, recovered: inout [RecoveryNote])
        throws -> (snapshot: CaseSnapshot.File, log: DurableLog, tail: [CaseEvent])? {
        guard let mapped = try? options.fs.map(CaseSnapshot.path(forLog: path)),
              let snapshot = try? CaseSnapshot.File(mapped) else { return nil }
        var resuming = options
        resuming.resume = snapshot.head
        let log = try DurableLog.open(at: path, resuming)
        recovered = log.recoveries
        guard log.resumed, snapshot.logId == log.header.logId, log.checkpoints.contains(where: snapshot.isVouched(by:))
        else { return nil }
        if case .damage(_, let seq, _)? = log.damage, seq <= snapshot.head.seq { return nil }
        if options.writable, log.lastSeq - snapshot.head.seq >= snapshotEvery { return nil }
        return (snapshot, log, try log.readAll())
    }

    /// A book of the cases read from the snapshot (in the full book's order) and the tail.
    private static func book(_ log: DurableLog, from snapshot: CaseSnapshot.File,
                             _ found: [CaseNumber: CaseSnapshot.File.Located], only scope: Set<CaseNumber>,
                             tail: [CaseEvent], registry: CaseSnapshot.File? = nil) throws -> CaseBook {
        let states = found.values.sorted { $0.position < $1.position }.map(\.state)
        return try CaseBook(log: log, from: CaseSnapshot(logId: snapshot.logId, head: snapshot.head, states: states,
                                                         reserved: snapshot.reserved, staff: snapshot.staff,
                                                         supervision: snapshot.supervision, clock: snapshot.clock,
                                                         notes: snapshot.notes),
                            only: scope, tail: tail, registry: registry)
    }

    /// A book for registering the petitions `prepare` makes (decision 0021, addendum) —
    /// given a book that knows the staff and the clock but no case, so it can tell who is
    /// registering, and when, before the petitions are read: what registration
    /// decides against, read from the mapped snapshot instead of every case — the cases
    /// in which each person of each petition appears (the identity pages: ID number, or
    /// name and phone, as the earlier-case check of decision 0017 matches them), the case
    /// with the highest number of each organ and year the petitions are numbered in, and
    /// `also` (a lost case re-registered `--into`) — then the log's tail, of which it folds
    /// those cases, every case registered after the snapshot and every case whose persons
    /// were changed after it (read from the snapshot first). So the numbers given and the
    /// earlier cases found are those a book of every case gives. Whenever the snapshot
    /// cannot be used, and for a writer `snapshotEvery` records behind, the full `open`
    /// (and `prepare` is given that book).
    package static func open(at path: String, _ options: DurableLog.Options = DurableLog.Options(),
                             registering prepare: (CaseBook) throws -> [Petition], also: Set<CaseNumber> = [],
                             accept: (DurableLog) throws -> Void = { _ in }) throws -> (book: CaseBook, petitions: [Petition]) {
        var recovered: [RecoveryNote] = []
        func full() throws -> (book: CaseBook, petitions: [Petition]) {
            let book = try open(at: path, options, carrying: recovered, accept: accept)
            return (book, try prepare(book))
        }
        guard let (snapshot, log, tail) = try resumed(at: path, options, recovered: &recovered) else { return try full() }
        try accept(log)
        // Who registers, and when: the staff and the clock, with no case.
        let petitions = try prepare(try book(log, from: snapshot, [:], only: [], tail: tail))
        var found: [CaseNumber: CaseSnapshot.File.Located] = [:]
        do throws(CaseSnapshot.Failure) {
            var identities: Set<String> = [], slots: Set<CaseNumber> = []
            for petition in petitions {
                identities.formUnion(CaseIndex.identities(petition))
                slots.insert(CaseNumber(organ: petition.organ, year: petition.receivedOn.year, sequence: 0))
            }
            for identity in identities.sorted() {
                for located in try snapshot.cases(withIdentity: identity) { found[located.state.number] = located }
            }
            for slot in slots.sorted(by: { $0.description < $1.description }) {
                if let last = try snapshot.lastCase(of: slot.organ, year: slot.year) { found[last.state.number] = last }
            }
            // The tail's cases whose persons changed (a correction, a supplement, a voiding):
            // as they were at the snapshot, so the tail's events fold onto them.
            for event in tail where found[event.caseNumber] == nil {
                switch event.body {
                case .corrected, .supplementReceived, .voided:
                    if let located = try snapshot.locate(event.caseNumber) { found[event.caseNumber] = located }
                default: break
                }
            }
            for number in also.sorted(by: { $0.description < $1.description }) where found[number] == nil {
                if let located = try snapshot.locate(number) { found[number] = located }
            }
        } catch {
            // A section that does not hold: nothing of it is trusted; the book of every case decides.
            let whole = try open(at: path, options, carrying: recovered, accept: { _ in })
            return (whole, petitions)
        }
        return (try book(log, from: snapshot, found, only: Set(found.keys).union(also), tail: tail, registry: snapshot), petitions)
    }

    /// Opens a log by replaying it whole, and (writable) puts a snapshot beside it if the
    /// log is long enough, or if one there was ignored (`rebuilding`): a snapshot the log
    /// does not vouch for is replaced by one it does.
    private static func whole(at path: String, _ options: DurableLog.Options, rebuilding: Bool = false,
                              carrying: [RecoveryNote] = [], accept: (DurableLog) throws -> Void) throws -> CaseBook {
        let (opened, log) = try replaying(at: path, options)
        log.recoveries = carrying + log.recoveries
        try accept(log)
        if rebuilding || log.lastSeq >= snapshotEvery { try? opened.writeSnapshot(to: CaseSnapshot.path(forLog: path)) }
        return opened
    }

    /// Opens a log file and replays it whole, folding each window's events on a thread
    /// of its own while the next window is read, checked and decoded: the two halves of
    /// opening overlap instead of following each other (decision 0009). The same cases as
    /// `CaseBook(log: DurableLog.open(…))` (CaseBookTests compares them).
    package static func replaying(at path: String, _ options: DurableLog.Options) throws -> (CaseBook, DurableLog) {
        final class Replay: @unchecked Sendable {
            /// The log being read (the reading thread's): a new one when the open read
            /// the file again (a torn batch), and a new book with it.
            var log: DurableLog?
            /// The book and the first failure folding into it: the folding queue's.
            var book: CaseBook?
            var failure: StoreError?
        }
        let replay = Replay()
        let folding = DispatchQueue(label: "xinfang.replay")
        var replaying = options
        replaying.replaying = { log, batch in
            // The first window's events make the book (on this thread: nothing is folded yet).
            if replay.log !== log {
                replay.log = log
                nonisolated(unsafe) let book = try? CaseBook(log: log)
                folding.async {
                    replay.book = book
                    replay.failure = nil
                }
            }
            folding.async {
                guard replay.failure == nil, let book = replay.book else { return }
                do throws(StoreError) { try book.foldAll(batch.take()) } catch { replay.failure = error }
            }
        }
        let opened = Result { () throws(StoreError) -> DurableLog in try DurableLog.open(at: path, replaying) }
        // Every fold handed over is finished before anything is returned or thrown.
        folding.sync {}
        let log = try opened.get()
        if let failure = replay.failure { throw failure }
        // (A book made for an earlier reading of the file is not this log's.)
        return (try (replay.log === log ? replay.book : nil) ?? CaseBook(log: log), log)
    }

    /// Writes a snapshot of the cases as read so far and the checkpoint that vouches for
    /// it: first the checkpoint — a record of no case, outside any clerk's command, naming
    /// the snapshot's head and digest — then the snapshot, replacing the old one whole
    /// (under a name of this process's own, renamed into place), readable only by the
    /// log's owner and group (it holds the same personal data). In that order a failure
    /// at any step leaves the old snapshot in place and still vouched for; a checkpoint
    /// whose snapshot never arrived vouches for nothing. Only a writable log gets a
    /// snapshot: without its checkpoint it would never be used.
    package func writeSnapshot(to snapshotPath: String) throws {
        guard scope == nil, let durable = log as? DurableLog, durable.writable, let head = durable.snapshotHead else { return }
        // Something else under the snapshot's name (a directory, a FIFO): it cannot be
        // replaced, so no checkpoint is written for a snapshot that could never arrive.
        if durable.fs.exists(snapshotPath), !durable.fs.isRegularFile(snapshotPath), !durable.fs.isSymbolicLink(snapshotPath) {
            throw StoreError(.io, path: snapshotPath, cause: "not a regular file")
        }
        let encoded = CaseSnapshot(logId: log.header.logId, head: head, states: states, reserved: reservedNumbers,
                                   staff: staff, supervision: organRecords, clock: clock, notes: trainingNotes,
                                   search: searchIndex()).encode()
        guard let digest = CaseSnapshot.digest(of: encoded) else { return }
        let checkpoint = SnapshotCheckpoint(seq: head.seq, headHash: head.hash.hex, snapshot: digest.hex, cases: states.count)
        _ = try log.transact { new in
            try self.fold(new)
            return [.checkpoint(checkpoint)]
        }
        do throws(FileError) {
            try durable.fs.replace(snapshotPath, with: encoded, temp: snapshotPath + ".writing-\(getpid())",
                                     mode: durable.fs.modeForNewFile(at: snapshotPath))
        } catch {
            throw StoreError(.io, path: snapshotPath, cause: error.description)
        }
    }
}
