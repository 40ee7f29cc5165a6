import Foundation
import PetitionCore

/// The log file: checksummed, hash-chained frames, appended under an exclusive lock
/// and synced before success is reported (docs/log-format.md, docs/decisions/0006).
///
/// Opening reads the file whole (`DurableLog+Reading`), writing appends under the lock
/// (`DurableLog+Writing`), and a torn tail is moved aside before anything is written
/// after it (`DurableLog+Recovery`). How it is opened is one `Options` value.
package final class DurableLog: EventLog {
    /// A wall clock for the time each frame is written at.
    package typealias Clock = @Sendable () -> Instant

    /// The system's clock, to the millisecond.
    package static let systemClock: Clock = {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// How a log is opened.
    package struct Options {
        /// Opened for appending (a torn tail is then moved aside on open).
        package var writable: Bool
        /// Keep every frame read or written (`frames`), for inspection.
        package var keepFrames: Bool
        /// How much of the file is read at a time (tests make it small, so that frames
        /// straddle windows): opening never holds the whole file.
        package var window: Int
        /// How many records of a large batch are made and written at a time: each part is
        /// prepared, framed and chained while the one before it is written (tests make it
        /// small, so that a batch of a few records has several parts).
        package var partRecords: Int
        /// Start reading after a snapshot's last record instead of from the first, if —
        /// and only if — that record is in this file where the snapshot says, with its
        /// checksum and SHA-256 intact (`resumed` then says so); otherwise the whole file
        /// is read. The records before it are not re-verified: that is `log verify`'s and
        /// the console's background check's work (docs/decisions/0008-snapshot.md).
        package var resume: CaseSnapshot.Head?
        /// Check every frame (checksums, sequence, chain) without decoding or keeping any
        /// event: the background check of the records a snapshot covered. Read-only.
        package var verifyOnly: Bool
        package var fs: any FileSystem
        /// The time written into each frame.
        package var clock: Clock
        /// Handed each window's events as soon as they are checked and decoded (after the
        /// window's records are in `recordOffsets`), instead of keeping them for
        /// `readAll`: a case book folds one window while the next is read.
        package var replaying: ((DurableLog, EventBatch) -> Void)?
        /// Read no further than this offset, and move the bytes from it on aside as a torn
        /// tail: set when a first reading found a batch cut by a crash before its commit
        /// (`unfinishedBatchStart`), whose whole first records it had already handed out.
        var cutFrom: Int?

        package init(writable: Bool = false, keepFrames: Bool = false, window: Int = 8 << 20, partRecords: Int = 16_384,
                     resume: CaseSnapshot.Head? = nil, verifyOnly: Bool = false, fs: any FileSystem = PosixFileSystem(),
                     clock: @escaping Clock = DurableLog.systemClock,
                     replaying: ((DurableLog, EventBatch) -> Void)? = nil) {
            self.writable = writable
            self.keepFrames = keepFrames
            self.window = window
            self.partRecords = max(1, partRecords)
            self.resume = resume
            self.verifyOnly = verifyOnly
            self.fs = fs
            self.clock = clock
            self.replaying = replaying
        }
    }

    package let path: String
    /// Whether the path still names the file open here (a `training reset` or a recovered
    /// log moved into place replaces it).
    package var stillAtItsPath: Bool { fs.stillNamed(path, fd) }
    package let fs: any FileSystem
    package let format: LogFormat.Header
    package let header: LogHeader
    package let writable: Bool
    let fd: Int32
    let options: Options

    /// Records read so far, and where the valid prefix ends.
    package internal(set) var lastSeq = 0
    package internal(set) var headHash: RecordHash
    package internal(set) var end: Int
    /// Where each record starts in the file, by sequence number (index seq − 1): a case's
    /// full events are read back through it when they are needed. Changed only under
    /// `offsetsLock` (with `end`), so a replay folding on another thread can read a
    /// case's records back while this one reads on.
    package internal(set) var recordOffsets: [Int] = []
    let offsetsLock = NSLock()
    /// While opening with `Options.replaying`: where each window's events go.
    var replaySink: ((DurableLog, EventBatch) -> Void)?
    /// Events not yet handed out by `readAll`/`poll`/`transact`, in log order, in the
    /// batches they were decoded in (joined only when a caller wants one array).
    var undelivered: [[CaseEvent]] = []
    /// Every frame read or written, when the log was opened to inspect it (`keepFrames`).
    package internal(set) var frames: [LogFormat.Frame] = []
    /// Set when synced data is found damaged: the log is read-only from then on.
    package internal(set) var damage: LogScan.Problem?
    /// Set when a sync failed: this writer stops (it never retries and claims success).
    package internal(set) var failure: FileError?
    /// The end of the log as this handle's last successful `fdatasync` left it: while the
    /// end is still there, nothing unsynced lies before it and an append need not sync first.
    var syncedEnd: Int?
    /// What recovery did on open, for the user to be told.
    package internal(set) var recoveries: [RecoveryNote] = []
    /// The snapshot checkpoints read or written since this log was opened (on an open from
    /// a snapshot, those after its head): the snapshot is used only if one vouches for it.
    package internal(set) var checkpoints: [SnapshotCheckpoint] = []
    /// The case numbers recovery notes read or written since this log was opened name as
    /// found in cut bytes: never issued again (`CaseBook.register`).
    package internal(set) var reservedNumbers: [CaseNumber] = []
    /// The staff records read or written since this log was opened (on an open from a
    /// snapshot, those after its head), in log order.
    package internal(set) var staffChanges: [StaffChange] = []
    /// The supervision acts of organs read or written since this log was opened (on an
    /// open from a snapshot, those after its head), in log order (decision 0024).
    package internal(set) var supervisionRecords: [OrganSupervisionRecord] = []
    /// The latest clock record read or written (on an open from a snapshot, among those
    /// after its head): a training log's simulated time (decision 0026).
    package internal(set) var clock: ClockMove?
    /// The training notes read or written (on an open from a snapshot, those after its
    /// head), with their records' sequence numbers (decision 0026).
    package internal(set) var trainingNotes: [NumberedNote] = []
    /// While `open` reads the file the first time (a torn batch is then read again).
    var opening = false
    /// `Options.cutFrom`, until the read that honours it.
    var cutFrom: Int?
    /// A torn tail seen by a read-only open, left for the next writer to move aside.
    package internal(set) var pendingTornTail: Int?
    /// When opened from a snapshot's head: where (and at which record) the snapshot's records end.
    package let snapshotCovered: (end: Int, seq: Int)?
    /// Whether this log opened from a snapshot's head rather than from its first record.
    package var resumed: Bool { snapshotCovered != nil }

    // MARK: - Create and open

    /// Creates a new log: the header is written under a temporary name, synced,
    /// renamed into place, and the directory synced; then opens it with `options`.
    package static func create(at path: String, mode: LogMode, jurisdiction: OrganCode, now: Instant,
                               options: Options = Options(writable: true)) throws(StoreError) -> DurableLog {
        let fs = options.fs
        if fs.exists(path) { throw StoreError(.logExists, path: path) }
        let dir = (path as NSString).deletingLastPathComponent
        var id = [UInt8](repeating: 0, count: 16)
        for i in id.indices { id[i] = UInt8.random(in: 0...255) }
        let bytes = LogFormat.encodeHeader(logId: id, createdAt: now, mode: mode, jurisdiction: jurisdiction)
        if !dir.isEmpty, !fs.exists(dir) {
            do throws(FileError) { try fs.createDirectory(dir) } catch {
                throw StoreError(.io, path: dir, cause: error.description)
            }
        }
        // Never start a log where anyone could change it or put files beside it.
        try FileModes.checkNotWorldWritable(path, fs: fs)
        do throws(FileError) { try fs.replace(path, with: bytes, temp: path + ".creating", durable: true) } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        return try open(at: path, options)
    }

    /// Opens a log and reads it whole. A writable open moves a torn tail aside into a
    /// quarantine file and records the cut; damage to synced data makes it read-only.
    package static func open(at path: String, _ options: Options = Options()) throws(StoreError) -> DurableLog {
        let fs = options.fs
        guard fs.exists(path) else { throw StoreError(.logMissing, path: path) }
        if fs.isSymbolicLink(path) { throw StoreError(.io, path: path, cause: "symbolic link refused") }
        if !fs.isRegularFile(path) { throw StoreError(.io, path: path, cause: "not a regular file") }
        try FileModes.checkNotWorldWritable(path, fs: fs)
        let fd: Int32
        do { fd = try fs.open(path, write: options.writable, create: false, exclusive: false) } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        let header: LogFormat.Header
        let resume: CaseSnapshot.Head?
        do {
            let size = Int(try fs.size(fd))
            let head = try fs.read(fd, count: min(size, 1024), at: 0)
            switch head.withUnsafeBytes({ LogFormat.decodeHeader($0) }) {
            case .failure(.notALog): throw StoreError(.notALog, path: path)
            case .failure(.futureVersion(let v)): throw StoreError(.futureVersion, path: path, cause: "\(v)")
            case .failure(.damaged): throw StoreError(.corruptRecord, path: path, cause: "header")
            case .success(let decoded): header = decoded
            }
            resume = try options.resume.flatMap { head throws -> CaseSnapshot.Head? in
                try !options.keepFrames && holds(head, fd: fd, fs: fs, format: header, size: size) ? head : nil
            }
        } catch let error as StoreError {
            fs.close(fd)
            throw error
        } catch {
            fs.close(fd)
            throw StoreError(.io, path: path, cause: "\(error)")
        }
        // From here the log owns the descriptor: it closes it when it goes.
        let log = DurableLog(path: path, fd: fd, format: header, options: options, resume: resume)
        do {
            log.replaySink = options.replaying
            log.opening = true
            defer {
                log.replaySink = nil
                log.opening = false
            }
            try log.readNew()
            // Damage found here is noted beside the log for opens that will not read this far
            // (from a snapshot); damage noted by an earlier full read is taken on if still there.
            if let found = log.damage {
                DamageMarker.leave(found, forLog: path, fs: fs)
            } else if let noted = (try? log.damageNoted()) ?? nil {
                log.damage = noted
            }
            try log.noteOrphanedQuarantine()
            return log
        } catch let torn as UnfinishedBatch {
            // Read again, stopping where the batch began: nothing of it is handed out, and
            // the bytes from there on are moved aside as the torn tail they are.
            var again = options
            again.cutFrom = torn.start
            return try open(at: path, again)
        } catch let error as StoreError {
            throw error
        } catch let error as FileError {
            throw StoreError(.io, path: path, cause: error.description)
        } catch {
            throw StoreError(.io, path: path, cause: "\(error)")
        }
    }

    private init(path: String, fd: Int32, format: LogFormat.Header, options: Options, resume: CaseSnapshot.Head?) {
        self.path = path
        self.fs = options.fs
        self.fd = fd
        self.format = format
        // The replay sink is held only while opening (`replaySink`): kept here, it would
        // hold the case book that holds this log, and neither would ever be freed.
        // A window of at least 64 bytes; only a read-only log may skip decoding.
        var kept = options
        kept.replaying = nil
        kept.window = max(64, options.window)
        kept.verifyOnly = options.verifyOnly && !options.writable
        kept.cutFrom = nil
        cutFrom = options.cutFrom
        self.options = kept
        writable = options.writable
        header = LogHeader(version: Int(format.version), mode: format.mode, logId: format.logIdHex,
                           jurisdiction: format.jurisdiction, createdAt: format.createdAt)
        if let resume {
            lastSeq = resume.seq
            headHash = resume.hash
            end = resume.end
            recordOffsets = resume.recordOffsets
            snapshotCovered = (resume.end, resume.seq)
        } else {
            headHash = format.genesisHash
            end = format.size
            snapshotCovered = nil
        }
    }

    deinit { fs.close(fd) }

    /// Damage found by another reading of the file (the background check of the records
    /// a snapshot covered): from now on this log refuses appends, as if it had found it,
    /// and later opens know it too (`DamageMarker`).
    package func markDamaged(_ problem: LogScan.Problem) {
        if damage == nil { damage = problem }
        DamageMarker.leave(problem, forLog: path, fs: fs)
    }

    /// Whether the record a snapshot ends with is in this file, where and as it says.
    private static func holds(_ head: CaseSnapshot.Head, fd: Int32, fs: any FileSystem, format: LogFormat.Header,
                              size: Int) throws -> Bool {
        guard head.seq >= 1, head.recordOffsets.count == head.seq, head.recordOffsets.last == head.offset,
              head.offset >= format.size, head.offset < head.end, head.end <= size,
              head.end - head.offset <= format.maxPayload + 4096 else { return false }
        let bytes = try fs.read(fd, count: head.end - head.offset, at: Int64(head.offset))
        let decoded = bytes.withUnsafeBytes {
            LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: true)
        }
        guard case .success(let frame) = decoded else { return false }
        return frame.seq == head.seq && frame.length == head.end - head.offset && frame.hash == head.hash
    }

    /// Where this log's records end now, for a snapshot of what has been read.
    package var snapshotHead: CaseSnapshot.Head? {
        guard lastSeq >= 1, recordOffsets.count == lastSeq, damage == nil else { return nil }
        return CaseSnapshot.Head(seq: lastSeq, offset: recordOffsets[lastSeq - 1], end: end, hash: headHash,
                                 recordOffsets: recordOffsets)
    }
}
