import Dispatch
import Foundation
import PetitionCore

/// The cases of one log, replayed, with their indexes, and the one path by which
/// commands reach the log: under its lock, catch up with other writers, decide
/// against the latest state, append, then fold.
package final class CaseBook {
    package let log: any EventLog
    /// Every case, in the order first registered; `position` finds one by number.
    package private(set) var states: [CaseState] = []
    /// Where each case is in `states`, by number.
    package private(set) var position = CasePositions()
    /// Built on the first lookup by identity, then kept up to date as events are folded:
    /// opening does not pay for it unless someone asks.
    private var index: CaseIndex?

    package init(log: any EventLog) throws(StoreError) {
        self.log = log
        try log.readAll(inBatches: { batch throws(StoreError) in try foldAll(batch) })
    }

    /// The fold of a whole log as it is first read, batch by batch, on both cores:
    /// cases are independent, so each core folds the events of its own half of the
    /// cases, in log order. The same result as `fold` (CaseBookTests compares them).
    /// Only while no index is kept yet; after that, and for small batches, `fold`.
    private func foldAll(_ events: [CaseEvent]) throws(StoreError) {
        guard events.count >= 10_000, index == nil, deadlineIndex == nil else { return try fold(events) }
        // In order: each case's place (first registered first) and the numbers used.
        // Cases already known are looked up on both cores (the table is only read);
        // then, in order, each new case is placed (first registered, first placed).
        var owner = Self.positions(of: events, in: position)
        events.withUnsafeBufferPointer { all in
            for k in all.indices where owner[k] < 0 { owner[k] = place(all[k].caseNumber, state: Self.unplaced) }
        }
        var failures = [StoreError?](repeating: nil, count: 2)
        let places = owner
        nonisolated(unsafe) let book = self  // only `history(of:)`, which reads the log
        states.withUnsafeMutableBufferPointer { cases in
            nonisolated(unsafe) let base = cases.baseAddress
            failures.withUnsafeMutableBufferPointer { errors in
                nonisolated(unsafe) let failed = errors.baseAddress
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    guard let base else { return }
                    events.withUnsafeBufferPointer { all in
                        // This core's events grouped by case, each case's in log order (the
                        // key is case place, then event index): a case's fields stay in the
                        // cache while its events in this batch are folded one after another.
                        var mine: [UInt64] = []
                        mine.reserveCapacity(all.count / 2 + 1)
                        for k in all.indices where places[k] & 1 == half { mine.append(UInt64(places[k]) << 32 | UInt64(k)) }
                        mine.sort()
                        // Each event is read where it lies, not copied.
                        for key in mine {
                            let k = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
                            let state = base.advanced(by: places[k])
                            // A case placed by this batch starts here, on the core that folds it.
                            if state.pointee.number != all[k].caseNumber { state.pointee = CaseState(number: all[k].caseNumber) }
                            if case .voided = all[k].body {
                                // Voiding replays the case: its full events, read back from the log.
                                do throws(StoreError) { state.pointee.events = try book.history(of: state.pointee) } catch {
                                    failed?.advanced(by: half).pointee = error
                                    return
                                }
                            }
                            Workflow.apply(all[k], to: &state.pointee, keepingHistory: false)
                        }
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        placementCache = nil
    }

    /// Where each event's case is in `known`, or -1 for a case not there, looked up on
    /// both cores. A function of its own, so that its copy of the table is gone before
    /// the caller adds to the table (and never copies it).
    private static func positions(of events: [CaseEvent], in known: CasePositions) -> [Int] {
        var found = [Int](repeating: -1, count: events.count)
        found.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let base = out.baseAddress
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                events.withUnsafeBufferPointer { all in
                    for k in (all.count * half / 2)..<(all.count * (half + 1) / 2) {
                        if let at = known[all[k].caseNumber] { base?[k] = at }
                    }
                }
            }
        }
        return found
    }

    /// Opens a log file and replays it whole, folding each window's events on a thread
    /// of its own while the next window is read, checked and decoded: the two halves of
    /// opening overlap instead of following each other (decision 0009). The same cases as
    /// `CaseBook(log: DurableLog.open(…))` (CaseBookTests compares them).
    /// `window` as for `DurableLog.open` (tests make it small, so there are many windows).
    package static func replaying(at path: String, writable: Bool, window: Int = 8 << 20,
                                  fs: any FileSystem = PosixFileSystem()) throws(StoreError) -> CaseBook {
        final class Replay: @unchecked Sendable {
            var book: CaseBook?
            var failure: StoreError?
        }
        let replay = Replay()
        let folding = DispatchQueue(label: "xinfang.replay")
        let opened = Result { () throws(StoreError) -> DurableLog in
            try DurableLog.open(at: path, writable: writable, window: window, fs: fs, replaying: { log, batch in
                // The first window's events make the book (on this thread: nothing is folded yet).
                if replay.book == nil { replay.book = try? CaseBook(log: log) }
                folding.async {
                    guard replay.failure == nil, let book = replay.book else { return }
                    do throws(StoreError) { try book.foldAll(batch) } catch { replay.failure = error }
                }
            })
        }
        // Every fold handed over is finished before anything is returned or thrown.
        folding.sync {}
        let log = try opened.get()
        if let failure = replay.failure { throw failure }
        if let book = replay.book { return book }
        return try CaseBook(log: log)
    }

    /// A case book that starts from a snapshot's cases — the log must have been opened
    /// resuming from that snapshot's head — and folds the records after it.
    package init(log: any EventLog, from snapshot: CaseSnapshot) throws(StoreError) {
        self.log = log
        states = snapshot.states
        position = CasePositions(states)
        try fold(try log.readAll())
    }

    /// Records folded since the snapshot this book started from (or all, without one),
    /// after which opening writes a fresh snapshot.
    package static let snapshotEvery = 5_000

    /// Opens a log file and its cases, from the snapshot beside it when that snapshot
    /// holds (see `CaseSnapshot`), and writes a fresh snapshot when there was none or
    /// it is `snapshotEvery` records behind. A snapshot that cannot be written is only
    /// a slower next open: the log is the record.
    /// `accept` sees the log before the case book is handed out, and may refuse it (a
    /// training log opened for production work, say): with a snapshot before anything is
    /// replayed; without one after the log is read (a refusal then costs only the time).
    package static func open(at path: String, writable: Bool, fs: any FileSystem = PosixFileSystem(),
                             accept: (DurableLog) throws -> Void = { _ in }) throws -> CaseBook {
        let snapshotPath = CaseSnapshot.path(forLog: path)
        // Only the snapshot's header first: its cases are decoded once the log holds its head.
        // Mapped, not copied: its pages come from the page cache as the cases are decoded.
        // (A snapshot is only ever replaced by renaming a new file over it, never changed
        // in place, so the mapping stays what was checked.)
        let snapshot = (try? Data(contentsOf: URL(fileURLWithPath: snapshotPath), options: .alwaysMapped))
            .flatMap { try? CaseSnapshot.File($0) }
        if snapshot == nil, fs is PosixFileSystem {
            let opened = try replaying(at: path, writable: writable, fs: fs)
            if let log = opened.log as? DurableLog {
                try accept(log)
                if log.lastSeq >= snapshotEvery { try? opened.writeSnapshot(to: snapshotPath) }
            }
            return opened
        }
        var log = try DurableLog.open(at: path, writable: writable, resume: snapshot?.head, fs: fs)
        if log.resumed, snapshot?.logId != log.header.logId {
            log = try DurableLog.open(at: path, writable: writable, fs: fs)
        }
        try accept(log)
        var book: CaseBook?
        if log.resumed, let snapshot {
            if let states = try? snapshot.cases() {
                book = try CaseBook(log: log, from: CaseSnapshot(logId: snapshot.logId, head: snapshot.head, states: states))
            } else {
                // A part of it damaged: the log was read from its head on, so read it whole instead.
                log = try DurableLog.open(at: path, writable: writable, fs: fs)
            }
        }
        let opened = try book ?? CaseBook(log: log)
        let covered = log.resumed ? (snapshot?.head.seq ?? 0) : 0
        if log.lastSeq - covered >= snapshotEvery, fs is PosixFileSystem {
            try? opened.writeSnapshot(to: snapshotPath)
        }
        return opened
    }

    /// Writes a snapshot of the cases as read so far, under a temporary name then
    /// renamed into place, readable only by the log's owner and group (it holds the
    /// same personal data).
    package func writeSnapshot(to snapshotPath: String) throws {
        guard let durable = log as? DurableLog, let head = durable.snapshotHead else { return }
        let snapshot = CaseSnapshot(logId: log.header.logId, head: head, states: states)
        // A name of this process's own: two consoles writing at once never mix their bytes.
        let temp = snapshotPath + ".writing-\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: Data(snapshot.encode()),
                                             attributes: [.posixPermissions: 0o640]) else {
            throw StoreError(.io, path: temp, cause: "cannot write the snapshot")
        }
        guard rename(temp, snapshotPath) == 0 else {
            unlink(temp)
            throw StoreError(.io, path: snapshotPath, cause: "cannot rename the snapshot into place")
        }
    }

    package var mode: LogMode { log.header.mode }

    package subscript(number: CaseNumber) -> CaseState? { position[number].map { states[$0] } }

    /// The case numbers in order.
    package var numbers: [CaseNumber] { position.numbers.sorted() }

    // MARK: - Indexes

    /// The cases of a person, by identity number.
    package func cases(idNumber: String) -> [CaseState] { lookup(identityIndex().byIdentity["id:" + idNumber.uppercased()]) }

    /// The cases of a person, by name and phone.
    package func cases(name: String, phone: String) -> [CaseState] {
        lookup(identityIndex().byIdentity["np:\(name)/\(phone)"])
    }

    private func identityIndex() -> CaseIndex {
        if let index { return index }
        var built = CaseIndex()
        for (i, state) in states.enumerated() { built.update(i, from: [], to: CaseIndex.identities(state.petition)) }
        index = built
        return built
    }

    /// The cases in a phase. Phase and organ change with most events, so they are
    /// indexed on demand: one pass builds both, and it is redone only after changes.
    package func cases(in phase: Phase) -> [CaseState] { lookup(placement().byPhase[phase]) }

    package func cases(heldBy organ: OrganCode) -> [CaseState] { lookup(placement().byOrgan[organ]) }

    private var placementCache: (byPhase: [Phase: Set<Int>], byOrgan: [OrganCode: Set<Int>])?

    private func placement() -> (byPhase: [Phase: Set<Int>], byOrgan: [OrganCode: Set<Int>]) {
        if let cached = placementCache { return cached }
        var byPhase: [Phase: Set<Int>] = [:]
        var byOrgan: [OrganCode: Set<Int>] = [:]
        for (i, state) in states.enumerated() {
            byPhase[state.phase, default: []].insert(i)
            if let organ = state.holder { byOrgan[organ, default: []].insert(i) }
        }
        placementCache = (byPhase, byOrgan)
        return (byPhase, byOrgan)
    }

    /// The next-deadline index: every case's queue row for a day, soonest deadline
    /// first. Built once per day; after that only the cases events touched are
    /// recomputed and merged back in, so a change from another console costs the
    /// changed cases, not the whole log.
    private var deadlineIndex: (day: Day, rows: [QueueRow])?
    private var changedSinceIndex: Set<CaseNumber> = []

    package func nextDeadlines(asOf day: Day, calendar: HolidayCalendar, directory: Directory) -> [QueueRow] {
        if let index = deadlineIndex, index.day == day {
            guard !changedSinceIndex.isEmpty else { return index.rows }
            let changed = changedSinceIndex
            let fresh = changed.compactMap { self[$0] }
                .compactMap { QueueRow($0, asOf: day, calendar: calendar, directory: directory) }
                .sorted(by: QueueRow.sooner)
            // Merge two sorted lists: the untouched rows, and the changed cases' new rows.
            var merged: [QueueRow] = []
            merged.reserveCapacity(index.rows.count + fresh.count)
            var j = 0
            for row in index.rows where !changed.contains(row.number) {
                while j < fresh.count, QueueRow.sooner(fresh[j], row) { merged.append(fresh[j]); j += 1 }
                merged.append(row)
            }
            merged += fresh[j...]
            deadlineIndex = (day, merged)
            changedSinceIndex = []
            return merged
        }
        // Every case's clocks, on both cores: each half computed and sorted apart, then merged.
        let all = states
        let halves = [0..<all.count / 2, all.count / 2..<all.count]
        var parts: [[QueueRow]] = [[], []]
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let results = out.baseAddress
            DispatchQueue.concurrentPerform(iterations: all.count < 2_000 ? 1 : 2) { h in
                let range = all.count < 2_000 ? 0..<all.count : halves[h]
                results?.advanced(by: h).pointee = all[range].queue(QueueFilter(), asOf: day, calendar: calendar,
                                                                   directory: directory)
            }
        }
        var rows: [QueueRow] = []
        rows.reserveCapacity(parts[0].count + parts[1].count)
        var i = 0, j = 0
        while i < parts[0].count || j < parts[1].count {
            if j == parts[1].count || (i < parts[0].count && QueueRow.sooner(parts[0][i], parts[1][j])) {
                rows.append(parts[0][i]); i += 1
            } else {
                rows.append(parts[1][j]); j += 1
            }
        }
        deadlineIndex = (day, rows)
        changedSinceIndex = []
        return rows
    }

    private func lookup(_ positions: Set<Int>?) -> [CaseState] { (positions ?? []).sorted().map { states[$0] } }

    /// Folds events into the cases, keeping each case's brief steps but not its full
    /// events (they stay in the log: `history(of:)` reads them back). Voiding replays a
    /// case, so its full events are read back first.
    private func fold(_ events: [CaseEvent]) throws(StoreError) {
        for event in events {
            let i = place(event.caseNumber)
            // Identities change only with a registration, a correction or a voiding;
            // only then is the identity index touched.
            switch event.body {
            case .registered, .corrected:
                let before = index == nil ? [] : CaseIndex.identities(states[i].petition)
                Workflow.apply(event, to: &states[i], keepingHistory: false)
                index?.update(i, from: before, to: CaseIndex.identities(states[i].petition))
            case .voided:
                let before = index == nil ? [] : CaseIndex.identities(states[i].petition)
                states[i].events = try history(of: states[i])
                Workflow.apply(event, to: &states[i], keepingHistory: false)
                index?.update(i, from: before, to: CaseIndex.identities(states[i].petition))
            default:
                // Folded in place in the array's storage: no copy of the case.
                Workflow.apply(event, to: &states[i], keepingHistory: false)
            }
        }
        if !events.isEmpty {
            placementCache = nil
            if deadlineIndex != nil { for e in events { changedSinceIndex.insert(e.caseNumber) } }
        }
    }

    /// Where a case is in `states`, adding it (first registered, first placed) if new.
    private func place(_ number: CaseNumber, state: CaseState? = nil) -> Int {
        if let found = position[number] { return found }
        position[number] = states.count
        states.append(state ?? CaseState(number: number))
        return states.count - 1
    }

    /// What the first fold places for a new case until the core that folds the case
    /// makes its own (so the sequential placing allocates nothing per case). Were a
    /// case ever to carry this very number, the shared box is copied on its first change.
    private static let unplaced = CaseState(number: CaseNumber(organ: "", year: 0, sequence: 0))

    /// A case's full events, read back from the log through its steps.
    package func history(of number: CaseNumber) throws(StoreError) -> [CaseEvent] {
        guard let state = self[number] else { return [] }
        return try history(of: state)
    }

    private func history(of state: CaseState) throws(StoreError) -> [CaseEvent] {
        var seqs: [Int] = []
        for step in state.steps where seqs.last != step.seq { seqs.append(step.seq) }
        return try log.events(inRecords: seqs).filter { $0.caseNumber == state.number }
    }

    /// Picks up what other processes appended; returns the new events.
    @discardableResult
    package func refresh() throws(StoreError) -> [CaseEvent] {
        let new = try log.poll()
        try fold(new)
        return new
    }

    /// A context for deciding, with read access to the other cases.
    package func context(now: Instant, actor: Actor, reference: ReferenceData) -> DecisionContext {
        let states = self.states, position = self.position
        return DecisionContext(now: now, actor: actor, directory: reference.directory, calendar: reference.calendar,
                               policy: reference.policy, categories: reference.categories,
                               lookup: { position[$0].map { states[$0] } })
    }

    /// Registers petitions as new cases, all or none, in one sync: every petition is
    /// decided first, and only if all pass are their records appended.
    package func register(_ petitions: [Petition], now: Instant, actor: Actor,
                          reference: ReferenceData) throws -> [CaseNumber] {
        var numbers: [CaseNumber] = []
        let result = try log.transact { new in
            try self.fold(new)
            let context = self.context(now: now, actor: actor, reference: reference)
            var records: [[CaseEvent]] = []
            // The last sequence given per organ and year in this batch (keyed by sequence 0).
            var used: [CaseNumber: Int] = [:]
            numbers = []
            for (i, petition) in petitions.enumerated() {
                let year = petition.receivedOn.year
                let key = CaseNumber(organ: petition.organ, year: year, sequence: 0)
                let sequence = (used[key] ?? self.position.highestSequence(organ: petition.organ, year: year)) + 1
                used[key] = sequence
                let number = CaseNumber(organ: petition.organ, year: year, sequence: sequence)
                do throws(Rejection) {
                    records.append(try Workflow.decide(.register(petition), CaseState(number: number), context))
                } catch {
                    throw BatchRejection(index: i, count: petitions.count, rejection: error)
                }
                numbers.append(number)
            }
            return records
        }
        try fold(result.stored)
        return numbers
    }

    /// Decides one command on a case against the latest state and, if allowed,
    /// appends its events. If another process changed the case since this one last
    /// looked and the command no longer holds, the refusal says what changed and by whom.
    package func execute(_ command: CaseCommand, on number: CaseNumber, now: Instant, actor: Actor,
                         reference: ReferenceData) throws -> [CaseEvent] {
        let seen = self[number]?.steps.last?.seq ?? 0
        let result = try log.transact { new in
            try self.fold(new)
            guard let state = self[number] else {
                throw Rejection(.unknownCase, field: "case", ["case": "\(number)"])
            }
            do throws(Rejection) {
                return [try Workflow.decide(command, state, self.context(now: now, actor: actor, reference: reference))]
            } catch {
                let changes = new.filter { $0.caseNumber == number && $0.seq > seen }
                if !changes.isEmpty && seen > 0 { throw Conflict(rejection: error, changes: changes) }
                throw error
            }
        }
        try fold(result.stored)
        return result.stored
    }
}

/// A rejection of one petition in a batch: which one, and why. Nothing of the batch was written.
package struct BatchRejection: Error {
    package var index: Int
    package var count: Int
    package var rejection: Rejection

    package init(index: Int, count: Int, rejection: Rejection) {
        self.index = index
        self.count = count
        self.rejection = rejection
    }
}

/// A command that no longer holds because another user acted on the case first.
package struct Conflict: Error {
    package var rejection: Rejection
    /// What the others recorded since this user last looked.
    package var changes: [CaseEvent]
}
