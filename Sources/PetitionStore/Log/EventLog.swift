import PetitionCore

/// The append-only log of events, whatever holds it: a file, memory, later a database.
package protocol EventLog: AnyObject {
    var header: LogHeader { get }
    /// Every event in log order.
    func readAll() throws(StoreError) -> [CaseEvent]
    /// The same events as `readAll`, handed to `body` a batch at a time in log order,
    /// for a replay that need not hold them all at once.
    func readAll(inBatches body: ([CaseEvent]) throws(StoreError) -> Void) throws(StoreError)
    /// The one way to write. Under the log's exclusive lock: reads what other writers
    /// appended since this process last looked and hands it to `body`, which decides
    /// against the latest state and returns the records to append (the events of one
    /// command each, or records of no case). They are written and synced together; the
    /// stored events (with their sequence numbers) are returned only once durable. If
    /// `body` throws, nothing is written.
    func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent])
    /// Appends records without deciding anything, as `append` does, and hands nothing back
    /// (a bulk import: generated cases, a training log's): a file log then need not number
    /// every stored event for the caller.
    func importRecords(_ records: [[CaseEvent]]) throws
    /// Events other processes appended since the last read, without taking the lock.
    func poll() throws(StoreError) -> [CaseEvent]
    /// The events of the records with these sequence numbers (a case's full history,
    /// read back on demand: the case book keeps only its brief steps in memory).
    func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent]
    /// Case numbers never to be issued again though no case holds them: named by the
    /// recovery notes read so far, as found in bytes cut from the log.
    var reservedNumbers: [CaseNumber] { get }
    /// The staff records read so far (on an open from a snapshot, those after its head),
    /// in log order, written by this handle or another.
    var staffChanges: [StaffChange] { get }
    /// The supervision acts of organs read so far (on an open from a snapshot, those after
    /// its head), in log order (decision 0024).
    var supervisionRecords: [OrganSupervisionRecord] { get }
    /// The latest clock record read so far (on an open from a snapshot, after its head):
    /// a training log's simulated time (docs/decisions/0026-training.md).
    var clock: ClockMove? { get }
    /// The training notes read so far (on an open from a snapshot, after its head), in
    /// log order, with their records' sequence numbers.
    var trainingNotes: [NumberedNote] { get }
    /// When these records were written (their frames' wall-clock times), for those the log
    /// can read back; a log that keeps no times gives none.
    func writtenAt(records seqs: [Int]) -> [Int: Instant]
}

extension EventLog {
    package func writtenAt(records seqs: [Int]) -> [Int: Instant] { [:] }

    package func readAll(inBatches body: ([CaseEvent]) throws(StoreError) -> Void) throws(StoreError) {
        try body(try readAll())
    }

    package func importRecords(_ records: [[CaseEvent]]) throws { _ = try append(records) }

    /// Appends records without deciding anything (tests, generators).
    @discardableResult
    package func append(_ records: [[CaseEvent]]) throws -> [CaseEvent] {
        try transact { _ in records.map(LogRecord.events) }.stored
    }
}

/// The in-memory twin of the file log, for tests and the training sandbox. Several
/// handles (`handle()`) share one log, as several processes share one file.
package final class InMemoryEventLog: EventLog {
    private final class Storage {
        var events: [CaseEvent]
        var staff: [StaffChange] = []
        var supervision: [OrganSupervisionRecord] = []
        var clock: ClockMove?
        var notes: [NumberedNote] = []
        var seq: Int
        init(_ events: [CaseEvent]) {
            self.events = events
            seq = events.last?.seq ?? 0
        }
    }

    package let header: LogHeader
    private let storage: Storage
    private var delivered = 0

    package init(header: LogHeader, events: [CaseEvent] = []) {
        self.header = header
        storage = Storage(events)
    }

    private init(header: LogHeader, storage: Storage) {
        self.header = header
        self.storage = storage
    }

    /// Another handle on the same log, which has read nothing yet.
    package func handle() -> InMemoryEventLog { InMemoryEventLog(header: header, storage: storage) }

    package var events: [CaseEvent] { storage.events }

    package func readAll() throws(StoreError) -> [CaseEvent] { try poll() }

    package func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
        let new = try poll()
        var stored: [CaseEvent] = []
        var seq = storage.seq
        let records = try body(new)
        for record in records {
            seq += 1
            for var event in record.events {
                event.seq = seq
                stored.append(event)
            }
            switch record {
            case .staff(let change): storage.staff.append(change)
            case .supervision(let act): storage.supervision.append(act)
            case .clock(let move): storage.clock = move
            case .training(let note): storage.notes.append(NumberedNote(seq: seq, note: note))
            case .events, .recoveryNote, .commit, .checkpoint, .salvage, .disclosure, .referenceData: break
            }
        }
        // As the file log does: a batch of more than one record is closed by a commit record.
        if records.count > 1 { seq += 1 }
        storage.seq = seq
        storage.events += stored
        delivered = storage.events.count
        return (new, stored)
    }

    package func poll() throws(StoreError) -> [CaseEvent] {
        defer { delivered = storage.events.count }
        return Array(storage.events[delivered...])
    }

    /// Nothing is ever cut from memory.
    package var reservedNumbers: [CaseNumber] { [] }

    package var staffChanges: [StaffChange] { storage.staff }

    package var supervisionRecords: [OrganSupervisionRecord] { storage.supervision }

    package var clock: ClockMove? { storage.clock }

    package var trainingNotes: [NumberedNote] { storage.notes }

    package func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent] {
        let wanted = Set(seqs)
        return storage.events.filter { wanted.contains($0.seq) }
    }
}
