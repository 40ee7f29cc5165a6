import Foundation
import NIOCore
import PetitionCore
import PetitionStore
import PostgresNIO

/// A jurisdiction's log in a PostgreSQL database, behind the same `EventLog` as the file
/// (docs/decisions/0028-postgresql-store.md). Each row holds the exact frame a file log
/// holds at that offset, so reading checks what a file read checks — checksums, sequence,
/// hash chain — and the bytes, laid end to end after the header, are the file.
///
/// `transact` is one database transaction: it locks the jurisdiction's head row, reads the
/// records appended since, lets `body` decide, appends its records through
/// `xinfang.append` (which checks the chain again and stamps `session_user`) and commits;
/// the records are acknowledged only after COMMIT returned (`synchronous_commit` on).
package final class PostgresEventLog: EventLog {
    package let location: PostgresLocation
    package let format: LogFormat.Header
    /// The file header's bytes, as stored.
    package let headerBytes: [UInt8]
    package let header: LogHeader
    package let jurisdiction: String
    package let writable: Bool
    /// The hash of the reference data this host decides by (`ReferenceHash`): a log whose
    /// records were decided by other data refuses it (the database checks).
    package let dataHash: String?
    /// The hash of the reference data the log's records are decided by, as its row holds it
    /// (set when the log was made, and by each reference-data record since).
    package private(set) var logDataHash = ""
    /// The latest reference-data record read (kind 8): the data in force from it on.
    package private(set) var referenceData: ReferenceDataRecord?
    /// The database role this connection is: the acting user on a production log.
    package let sessionUser: String
    let connection: SyncConnection
    private let writeClock: DurableLog.Clock
    private let notified: NotifyFlag
    /// With LISTEN working, `poll` asks the server only when a notification came for this
    /// jurisdiction, or when this long has passed since it last asked (a standby, where
    /// LISTEN does not work, is polled this way alone).
    package var pollFallback: TimeInterval
    private var lastAsked = Date.distantPast

    package private(set) var lastSeq = 0
    package private(set) var headHash: RecordHash
    /// Where a file holding the same records would end.
    package private(set) var end: Int
    private var undelivered: [CaseEvent] = []
    package private(set) var staffChanges: [StaffChange] = []
    package private(set) var supervisionRecords: [OrganSupervisionRecord] = []
    package private(set) var clock_: ClockMove?
    package private(set) var trainingNotes: [NumberedNote] = []
    package private(set) var reservedNumbers: [CaseNumber] = []
    /// Records whose payload this role may not read (Art 30, the database's second wall):
    /// their headers and hashes are checked, their events not delivered.
    package private(set) var withheld: [Int] = []

    package var clock: ClockMove? { clock_ }

    /// Whether the connection is open now (the console's status line says when it is not).
    package var isConnected: Bool { connection.isConnected }

    // MARK: - Open

    /// Opens the log of `location.jurisdiction` (else the database's only log) and reads it.
    package static func open(_ location: PostgresLocation, writable: Bool = false, dataHash: String? = nil,
                             listen: Bool = true, timeout: TimeInterval = 30,
                             clock: @escaping DurableLog.Clock = DurableLog.systemClock) throws(StoreError) -> PostgresEventLog {
        let flag = NotifyFlag()
        var notify: (@Sendable (String) -> Void)?
        if listen { notify = { @Sendable payload in flag.note(payload) } }
        let connection = SyncConnection(location, timeout: timeout, onNotify: notify)
        var user = location.user
        if let row = try connection.query("SELECT session_user::text").first { user = try decode(row, as: String.self, location) }
        let rows: [PostgresRow]
        do throws(StoreError) {
            if let j = location.jurisdiction {
                rows = try connection.query("SELECT jurisdiction, header, data_hash FROM xinfang.logs WHERE jurisdiction = \(j)")
            } else {
                rows = try connection.query("SELECT jurisdiction, header, data_hash FROM xinfang.logs ORDER BY jurisdiction")
            }
        } catch {
            // No xinfang schema in this database yet.
            if error.code == .io && error.cause.contains("42P01") { throw StoreError(.logMissing, path: location.description) }
            throw error
        }
        guard let row = rows.first else { throw StoreError(.logMissing, path: location.description) }
        guard rows.count == 1 else {
            let names = try rows.map { row throws(StoreError) in try decode(row, as: (String, ByteBuffer, String).self, location).0 }
            throw StoreError(.io, path: location.description,
                             cause: "several logs (\(names.joined(separator: ", "))): add ?jurisdiction=CODE")
        }
        let (jurisdiction, headerBytes, recordedData) = try decode(row, as: (String, ByteBuffer, String).self, location)
        let bytes = Array(headerBytes.readableBytesView)
        let format: LogFormat.Header
        switch bytes.withUnsafeBytes({ LogFormat.decodeHeader($0) }) {
        case .failure(.notALog): throw StoreError(.notALog, path: location.description)
        case .failure(.futureVersion(let v)): throw StoreError(.futureVersion, path: location.description, cause: "\(v)")
        case .failure(.damaged): throw StoreError(.corruptRecord, path: location.description, cause: "header")
        case .success(let decoded): format = decoded
        }
        var located = location
        located.jurisdiction = jurisdiction
        let log = PostgresEventLog(location: located, connection: connection, format: format, headerBytes: bytes, writable: writable,
                                   dataHash: dataHash, sessionUser: user, clock: clock, notified: flag)
        log.logDataHash = recordedData
        try log.readNew()
        return log
    }

    private init(location: PostgresLocation, connection: SyncConnection, format: LogFormat.Header, headerBytes: [UInt8], writable: Bool,
                 dataHash: String?, sessionUser: String, clock: @escaping DurableLog.Clock, notified: NotifyFlag) {
        self.location = location
        self.connection = connection
        self.format = format
        self.headerBytes = headerBytes
        self.writable = writable
        self.dataHash = dataHash
        self.sessionUser = sessionUser
        writeClock = clock
        self.notified = notified
        jurisdiction = format.jurisdiction
        header = LogHeader(version: Int(format.version), mode: format.mode, logId: format.logIdHex,
                           jurisdiction: format.jurisdiction, createdAt: format.createdAt)
        headHash = format.genesisHash
        end = format.size
        pollFallback = 1
        notified.jurisdiction = format.jurisdiction
    }

    /// Creates a jurisdiction's log: the header a file log would start with, and the head
    /// at its end. Run by the schema's owner (`xinfang init`), who applies the migrations
    /// first. `copying`: another store's header, whose records will be copied in (`log
    /// copy`) keeping their own actors, until `finishImport`.
    package static func create(_ location: PostgresLocation, jurisdiction: String, mode: LogMode, now: Instant,
                               dataHash: String, copying headerBytes: [UInt8]? = nil) throws(StoreError) -> [Int] {
        let connection = SyncConnection(location)
        let applied = try PostgresSchema.migrate(connection)
        var id = [UInt8](repeating: 0, count: 16)
        for i in id.indices { id[i] = UInt8.random(in: 0...255) }
        let bytes = headerBytes ?? LogFormat.encodeHeader(logId: id, createdAt: now, mode: mode, jurisdiction: jurisdiction)
        if headerBytes != nil, case .success(let copied) = bytes.withUnsafeBytes({ LogFormat.decodeHeader($0) }) {
            id = copied.logId
        }
        let importing = headerBytes != nil
        let genesis = RecordHash(of: bytes).bytes
        let exists = try connection.query("SELECT 1 FROM xinfang.logs WHERE jurisdiction = \(jurisdiction)")
        if !exists.isEmpty {
            var named = location
            named.jurisdiction = jurisdiction
            throw StoreError(.logExists, path: named.description)
        }
        try connection.query("""
            INSERT INTO xinfang.logs (jurisdiction, log_id, mode, header, data_hash, importing, end_offset, head_hash)
            VALUES (\(jurisdiction), \(LogFormat.hex(id)), \(mode.rawValue), \(ByteBuffer(bytes: bytes)), \(dataHash),
                    \(importing), \(Int64(bytes.count)), \(ByteBuffer(bytes: genesis)))
            """)
        return applied
    }

    /// The database role a connection to `location` authenticates as.
    package static func sessionUser(_ location: PostgresLocation) throws(StoreError) -> String {
        let connection = SyncConnection(location)
        guard let row = try connection.query("SELECT session_user::text").first else { return location.user }
        return try decode(row, as: String.self, location)
    }

    /// Whether a database role of this name exists (staff are enrolled by role).
    package func roleExists(_ name: String) throws(StoreError) -> Bool {
        !(try connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)")).isEmpty
    }

    /// Ends an import: from now on every record is decided here and stamped with its writer.
    package func finishImport() throws(StoreError) {
        try connection.query("UPDATE xinfang.logs SET importing = false WHERE jurisdiction = \(jurisdiction)")
    }

    /// Drops the connection (tests cut it this way); the next call connects again.
    package func disconnect() { connection.disconnect() }

    // MARK: - Reading

    package func readAll() throws(StoreError) -> [CaseEvent] { takeUndelivered() }

    package func poll() throws(StoreError) -> [CaseEvent] {
        let wakened = notified.take()
        if wakened || !connection.isListening || Date().timeIntervalSince(lastAsked) >= pollFallback {
            try readNew()
        }
        return takeUndelivered()
    }

    private func takeUndelivered() -> [CaseEvent] {
        defer { undelivered = [] }
        return undelivered
    }

    /// Reads and checks the records after the last one read, a page at a time: each page is
    /// one query answered within the connection's timeout, however long the log (opening a
    /// million records in one query outlasted the 30 s a query may take).
    private func readNew() throws(StoreError) {
        lastAsked = Date()
        while true {
            let rows = try connection.query("""
                SELECT seq, hash, withheld, frame FROM xinfang.records_visible
                WHERE jurisdiction = \(jurisdiction) AND seq > \(Int64(lastSeq)) ORDER BY seq LIMIT \(Self.page)
                """)
            for row in rows {
                let (seq, hash, withheldPayload, frame) = try Self.decode(row, as: (Int64, ByteBuffer, Bool, ByteBuffer).self, location)
                try take(Array(frame.readableBytesView), seq: Int(seq), storedHash: Array(hash.readableBytesView),
                         withheld: withheldPayload)
            }
            if rows.count < Self.page { return }
        }
    }

    /// Records read a query at a time.
    package static let page = 20_000

    /// Checks one record as a file read does and takes what it holds.
    private func take(_ bytes: [UInt8], seq: Int, storedHash: [UInt8], withheld isWithheld: Bool) throws(StoreError) {
        guard seq == lastSeq + 1 else { throw damaged(seq, "records out of sequence after \(lastSeq)") }
        if isWithheld {
            // Only the frame's header: its sequence number and link to the one before are
            // checked; the hash is the database's (the payload it covers is not shown).
            guard bytes.count == LogFormat.frameHeaderSize, let hash = RecordHash(bytes: storedHash) else {
                throw damaged(seq, "withheld record unreadable")
            }
            let prev = bytes.withUnsafeBytes { RecordHash(stored: UnsafeRawBufferPointer(rebasing: $0[48..<80])) }
            let length = bytes.withUnsafeBytes { raw in Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian) }
            guard prev == headHash else { throw damaged(seq, "hash chain broken") }
            lastSeq = seq
            headHash = hash
            end += (LogFormat.frameHeaderSize + length + 7) / 8 * 8 + LogFormat.trailerSize
            withheld.append(seq)
            return
        }
        let decoded = bytes.withUnsafeBytes {
            LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: true)
        }
        guard case .success(let frame) = decoded, frame.length == bytes.count else {
            throw damaged(seq, "frame does not validate")
        }
        guard frame.seq == seq else { throw damaged(seq, "frame holds sequence number \(frame.seq)") }
        guard frame.prevHash == headHash else { throw damaged(seq, "hash chain broken") }
        guard frame.hash.bytes == storedHash else { throw damaged(seq, "stored hash differs from the frame's") }
        let record: LogRecord?
        do { record = try LogRecord.decode(frame) } catch { throw damaged(seq, "payload does not decode") }
        lastSeq = seq
        headHash = frame.hash
        end += frame.length
        if let record { keep(record, seq: seq, delivering: true) }
    }

    private func keep(_ record: LogRecord, seq: Int, delivering: Bool) {
        switch record {
        case .events(let events): if delivering { undelivered += events }
        case .staff(let change): staffChanges.append(change)
        case .supervision(let act): supervisionRecords.append(act)
        case .clock(let move): clock_ = move
        case .training(let note): trainingNotes.append(NumberedNote(seq: seq, note: note))
        case .recoveryNote(let note): reservedNumbers += note.caseNumbers ?? []
        case .referenceData(let data): referenceData = data
        case .commit, .checkpoint, .salvage, .disclosure: break
        }
    }

    private func damaged(_ seq: Int, _ reason: String) -> StoreError {
        StoreError(.corruptRecord, path: location.description, seq: seq, cause: reason)
    }

    package func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent] {
        guard !seqs.isEmpty else { return [] }
        let wanted = seqs.map(Int64.init)
        let rows = try connection.query("""
            SELECT seq, withheld, frame FROM xinfang.records_visible
            WHERE jurisdiction = \(jurisdiction) AND seq = ANY(\(wanted)) ORDER BY seq
            """)
        var bySeq: [Int: [CaseEvent]] = [:]
        for row in rows {
            let (seq, isWithheld, frameBytes) = try Self.decode(row, as: (Int64, Bool, ByteBuffer).self, location)
            guard !isWithheld else { throw damaged(Int(seq), "withheld from this role (Art 30)") }
            let bytes = Array(frameBytes.readableBytesView)
            let decoded = bytes.withUnsafeBytes {
                LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: false)
            }
            guard case .success(let frame) = decoded, frame.seq == Int(seq),
                  case .events(let events)? = try? LogRecord.decode(frame) else {
                throw damaged(Int(seq), "record \(seq) does not read back")
            }
            bySeq[Int(seq)] = events
        }
        var out: [CaseEvent] = []
        for seq in seqs {
            guard let events = bySeq[seq] else { throw damaged(seq, "no record \(seq) in this log") }
            out += events
        }
        return out
    }

    // MARK: - Writing

    package func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
        try transact(checkingData: true, body)
    }

    /// Records this host's reference data as the data in force from now on (kind 8): the
    /// log's owner does, once every host has the new `data/` (the database refuses anyone else).
    package func recordReferenceData() throws {
        guard let dataHash else { throw StoreError(.io, path: location.description, cause: "no reference data given") }
        _ = try transact(checkingData: false) { _ in [.referenceData(ReferenceDataRecord(sha256: dataHash, by: self.sessionUser))] }
    }

    private func transact(checkingData: Bool, _ body: ([CaseEvent]) throws -> [LogRecord]) throws
        -> (new: [CaseEvent], stored: [CaseEvent]) {
        guard writable else { throw StoreError(.io, path: location.description, cause: "opened read-only") }
        try connection.begin()
        do {
            let head = try connection.query("SELECT head_seq, data_hash FROM xinfang.lock_head(\(jurisdiction))")
            guard let row = head.first else { throw StoreError(.logMissing, path: location.description) }
            let (headSeq, logData) = try Self.decode(row, as: (Int64, String).self, location)
            if checkingData, let dataHash, dataHash != logData {
                throw StoreError(.badData, path: location.description,
                                 cause: "this host's reference data (\(dataHash.prefix(12))…) is not the log's (\(logData.prefix(12))…); nothing written")
            }
            try readNew()
            guard lastSeq == Int(headSeq) else { throw damaged(Int(headSeq), "records missing before the head") }
            let new = takeUndelivered()
            let records = try body(new)
            guard !records.isEmpty else {
                try connection.commit()
                return (new, [])
            }
            let stored = try append(records, imported: false)
            return (new, stored)
        } catch {
            connection.rollback()
            throw error
        }
    }

    /// Frames the records after the head (as `DurableLog` would write them at `end`),
    /// appends them — a batch of more than one closed by its commit record — and commits.
    private func append(_ records: [LogRecord], imported: Bool) throws -> [CaseEvent] {
        let start = end
        var seq = lastSeq
        var hash = headHash
        var offset = start
        var frames: [ByteBuffer] = [], cases: [String] = [], actors: [String] = [], accusations: [Bool] = []
        var stored: [CaseEvent] = []
        let now = writeClock()
        var all = records
        func frame(_ record: LogRecord, durableBefore: Int) throws {
            seq += 1
            let (payloadFormat, payload) = record.encoded()
            guard payload.count <= format.maxPayload else {
                throw StoreError(.io, path: location.description, cause: "record too large (\(payload.count) bytes)")
            }
            let bytes = LogFormat.encodeFrame(seq: seq, kind: record.kind, format: payloadFormat, time: now,
                                              durableBefore: durableBefore, writerID: UInt32(truncatingIfNeeded: getpid()),
                                              prevHash: hash, payload: payload, seed: format.seed)
            hash = RecordHash(of: bytes)
            offset += bytes.count
            frames.append(ByteBuffer(bytes: bytes))
            // (Arrays of text cannot hold NULL here: "" stands for none, NULLIF in the function.)
            cases.append(record.events.first.map { $0.caseNumber.description } ?? "")
            actors.append(Self.actor(of: record) ?? "")
            accusations.append(Self.isAccusation(record))
            stored += record.events.map { var e = $0; e.seq = seq; return e }
        }
        for record in all { try frame(record, durableBefore: start) }
        if records.count > 1 {
            let commit = LogRecord.commit(BatchCommit(first: lastSeq + 1, last: seq, lastHash: hash.hex))
            try frame(commit, durableBefore: offset)
            all.append(commit)
        }
        try connection.query("""
            SELECT xinfang.append(\(jurisdiction), \(Int64(lastSeq)), \(dataHash ?? ""), \(frames), \(cases), \(actors),
                                  \(accusations), \(imported))
            """)
        try connection.commit()
        // Acknowledged: the server said COMMIT succeeded (synchronous_commit on).
        var at = lastSeq
        for record in all {
            at += 1
            keep(record, seq: at, delivering: false)
        }
        lastSeq = seq
        headHash = hash
        end = offset
        return stored
    }

    /// Copies frames read from another store, byte for byte, after this log's head
    /// (`log copy`): each is checked as a read checks it, then appended unchanged in
    /// batches, marked imported (only the owner may, while the log is being imported).
    package func importFrames(_ frames: [[UInt8]]) throws(StoreError) {
        var batch: [[UInt8]] = []
        var size = 0
        for bytes in frames {
            batch.append(bytes)
            size += bytes.count
            if size >= 4 << 20 || batch.count >= 2_000 {
                try importBatch(batch)
                batch = []
                size = 0
            }
        }
        if !batch.isEmpty { try importBatch(batch) }
    }

    private func importBatch(_ batch: [[UInt8]]) throws(StoreError) {
        var cases: [String] = [], actors: [String] = [], accusations: [Bool] = []
        var records: [(seq: Int, bytes: [UInt8], record: LogRecord?)] = []
        var seq = lastSeq, hash = headHash
        for bytes in batch {
            seq += 1
            let decoded = bytes.withUnsafeBytes {
                LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: true)
            }
            guard case .success(let frame) = decoded, frame.length == bytes.count, frame.seq == seq, frame.prevHash == hash else {
                throw damaged(seq, "the copied record does not follow the head")
            }
            let record: LogRecord? = (try? LogRecord.decode(frame)) ?? nil
            hash = frame.hash
            cases.append(record?.events.first.map { $0.caseNumber.description } ?? "")
            actors.append(record.flatMap(Self.actor(of:)) ?? "")
            accusations.append(record.map(Self.isAccusation) ?? false)
            records.append((seq, bytes, record))
        }
        let buffers = batch.map { ByteBuffer(bytes: $0) }
        try connection.begin()
        do throws(StoreError) {
            try connection.query("""
                SELECT xinfang.append(\(jurisdiction), \(Int64(lastSeq)), \(""), \(buffers), \(cases), \(actors),
                                      \(accusations), true)
                """)
            try connection.commit()
        } catch {
            connection.rollback()
            throw error
        }
        for r in records {
            if let record = r.record { keep(record, seq: r.seq, delivering: false) }
            end += r.bytes.count
        }
        lastSeq = seq
        headHash = hash
    }

    // MARK: - The log as a file

    /// A record's stamp: the role that appended it, and whether it was copied in.
    package struct Stamp: Sendable, Equatable {
        package var seq: Int
        package var role: String
        package var imported: Bool
    }

    /// The bytes a file log holding the same records holds — the header, then every frame
    /// at the offset its row gives — with each record's stamp (`log verify`, `log copy`).
    /// Refused to a role from which accusations' payloads are withheld (Art 30).
    package func image() throws(StoreError) -> (bytes: [UInt8], stamps: [Stamp]) {
        var bytes = headerBytes
        var stamps: [Stamp] = []
        var after: Int64 = 0
        // A page a query, as `readNew` reads (each within the connection's timeout).
        while true {
            let rows = try connection.query("""
                SELECT seq, file_offset, db_user, imported, withheld, frame FROM xinfang.records_visible
                WHERE jurisdiction = \(jurisdiction) AND seq > \(after) ORDER BY seq LIMIT \(Self.page)
                """)
            for row in rows {
                let (seq, offset, role, imported, isWithheld, frame) = try Self.decode(
                    row, as: (Int64, Int64, String, Bool, Bool, ByteBuffer).self, location)
                guard !isWithheld else {
                    throw StoreError(.io, path: location.description,
                                     cause: "record \(seq) is an accusation's, withheld from \(sessionUser) (Art 30)")
                }
                guard Int(offset) == bytes.count else { throw damaged(Int(seq), "stored at offset \(offset), not \(bytes.count)") }
                bytes += frame.readableBytesView
                stamps.append(Stamp(seq: Int(seq), role: role, imported: imported))
                after = seq
            }
            if rows.count < Self.page { return (bytes, stamps) }
        }
    }

    // MARK: - Columns drawn from a record

    /// The account a record names as acting: `log verify` checks it against the role
    /// that appended it. Nil for records no one acts in (commit, checkpoint, salvage…).
    package static func actor(of record: LogRecord) -> String? {
        switch record {
        case .events(let events): events.first?.actor.user
        case .staff(let change): change.by
        case .supervision(let act): act.actor.user
        case .clock(let move): move.by
        case .training(let note): note.by
        case .disclosure(let d): d.user
        case .referenceData(let r): r.by
        case .recoveryNote, .commit, .checkpoint, .salvage: nil
        }
    }

    /// Whether a record registers an accusation (Art 30): its case's records are then
    /// withheld from roles that may not read accusations (the database marks the later ones).
    static func isAccusation(_ record: LogRecord) -> Bool {
        record.events.contains { event in
            if case .registered(let petition) = event.body { petition.accusedOrgan != nil || petition.accusedPerson != nil } else { false }
        }
    }

    static func decode<each T: PostgresDecodable>(_ row: PostgresRow, as type: (repeat each T).Type,
                                                  _ location: PostgresLocation) throws(StoreError) -> (repeat each T) {
        do { return try row.decode(type) } catch {
            throw StoreError(.io, path: location.description, cause: "unexpected row: \(error)")
        }
    }
}

/// Set from the event-loop thread when a NOTIFY for this jurisdiction arrives; taken by `poll`.
final class NotifyFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var _jurisdiction = ""
    var jurisdiction: String {
        get { lock.withLock { _jurisdiction } }
        set { lock.withLock { _jurisdiction = newValue } }
    }
    func note(_ payload: String) {
        lock.withLock { if payload.hasPrefix(_jurisdiction + " ") { pending = true } }
    }
    func take() -> Bool {
        lock.withLock {
            defer { pending = false }
            return pending
        }
    }
}

/// Statements outside a log, for administrators' tools and the tests' throwaway databases.
package enum PostgresAdmin {
    /// Runs each statement in turn on its own connection (no transaction around them).
    package static func execute(_ location: PostgresLocation, _ statements: [String]) throws(StoreError) {
        let connection = SyncConnection(location)
        for statement in statements { try connection.query(PostgresQuery(unsafeSQL: statement)) }
    }

    /// The first column of each row of a query, as text.
    package static func column(_ location: PostgresLocation, _ sql: String) throws(StoreError) -> [String?] {
        let connection = SyncConnection(location)
        return try connection.query(PostgresQuery(unsafeSQL: sql)).map { row throws(StoreError) in
            try PostgresEventLog.decode(row, as: String?.self, location)
        }
    }
}

/// A plain connection for measuring beside the store (`make bench`'s raw INSERT loop):
/// statements with binds, synchronously, as the store runs its own.
package final class PostgresSession {
    private let connection: SyncConnection

    package init(_ location: PostgresLocation) { connection = SyncConnection(location) }

    @discardableResult
    package func execute(_ query: PostgresQuery) throws(StoreError) -> Int { try connection.query(query).count }
}
