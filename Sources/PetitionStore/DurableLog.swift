import Dispatch
import Foundation
import PetitionCore

/// The log file: checksummed, hash-chained frames, appended under an exclusive lock
/// and synced before success is reported (docs/log-format.md, docs/decisions/0006).
package final class DurableLog: EventLog {
    package let path: String
    package let fs: any FileSystem
    package let format: LogFormat.Header
    package let header: LogHeader
    package let writable: Bool
    private let fd: Int32

    /// Records read so far, and where the valid prefix ends.
    package private(set) var lastSeq = 0
    package private(set) var headHash: RecordHash
    package private(set) var end: Int
    /// Where each record starts in the file, by sequence number (index seq − 1): a case's
    /// full events are read back through it when they are needed. Changed only under
    /// `offsetsLock` (with `end`), so a replay folding on another thread can read a
    /// case's records back while this one reads on.
    package private(set) var recordOffsets: [Int] = []
    private let offsetsLock = NSLock()
    /// While opening with `replaying:`: where each window's events go, instead of being
    /// kept for `readAll`.
    private var replaySink: ((DurableLog, [CaseEvent]) -> Void)?
    /// Events not yet handed out by `readAll`/`poll`/`transact`, in log order, in the
    /// batches they were decoded in (joined only when a caller wants one array).
    private var undelivered: [[CaseEvent]] = []
    /// Every frame read, when the log was opened to inspect it (`keepFrames`).
    package var frames: [LogFormat.Frame] { frames_ }
    private var frames_: [LogFormat.Frame] = []
    private let keepFrames: Bool
    /// Set when synced data is found damaged: the log is read-only from then on.
    package private(set) var damage: LogScan.Problem?
    /// Set when a sync failed: this writer stops (it never retries and claims success).
    package private(set) var failure: FileError?
    /// What recovery did on open, for the user to be told.
    package private(set) var recoveries: [RecoveryNote] = []
    /// A torn tail seen by a read-only open, left for the next writer to move aside.
    package private(set) var pendingTornTail: Int?

    // MARK: - Create and open

    /// Creates a new log: the header is written under a temporary name, synced,
    /// renamed into place, and the directory synced.
    package static func create(at path: String, mode: LogMode, jurisdiction: OrganCode, now: Instant,
                               fs: any FileSystem = PosixFileSystem()) throws(StoreError) -> DurableLog {
        if fs.exists(path) { throw StoreError(.logExists, path: path) }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, !FileManager.default.fileExists(atPath: dir), fs is PosixFileSystem {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw StoreError(.io, path: dir, cause: error.localizedDescription)
            }
        }
        var id = [UInt8](repeating: 0, count: 16)
        for i in id.indices { id[i] = UInt8.random(in: 0...255) }
        let bytes = LogFormat.encodeHeader(logId: id, createdAt: now, mode: mode, jurisdiction: jurisdiction)
        let temp = path + ".creating"
        do {
            let tfd = try fs.open(temp, write: true, create: true, exclusive: false)
            defer { fs.close(tfd) }
            try fs.truncate(tfd, to: 0)
            try writeAll(fs, tfd, bytes[...])
            try fs.dataSync(tfd)
            try fs.rename(temp, path)
            try fs.syncDirectory(dir.isEmpty ? "." : dir)
        } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        return try open(at: path, writable: true, fs: fs)
    }

    /// Opens a log and reads it whole. A writable open moves a torn tail aside into a
    /// quarantine file and records the cut; damage to synced data makes it read-only.
    /// `window` is how much of the file is read at a time (tests make it small, so
    /// that frames straddle windows).
    ///
    /// `resume` starts reading after a snapshot's last record instead of from the first,
    /// if — and only if — that record is in this file where the snapshot says, with its
    /// checksum and its SHA-256 intact (`resumed` then says so); otherwise the whole file
    /// is read as usual. The records before it are not re-verified: that is `log verify`'s
    /// work (docs/decisions/0008-snapshot.md).
    ///
    /// `replaying` is handed each window's events as soon as they are checked and
    /// decoded (after the window's records are in `recordOffsets`), instead of keeping
    /// them for `readAll`: a case book folds one window while the next is read.
    ///
    /// `verifyOnly` checks every frame (checksums, sequence, chain) without decoding or
    /// keeping any event: what a console opened from a snapshot runs in the background
    /// to check the records the snapshot covers.
    package static func open(at path: String, writable: Bool, keepFrames: Bool = false, window: Int = 8 << 20,
                             resume: CaseSnapshot.Head? = nil, verifyOnly: Bool = false,
                             fs: any FileSystem = PosixFileSystem(),
                             replaying sink: ((DurableLog, [CaseEvent]) -> Void)? = nil) throws(StoreError) -> DurableLog {
        guard fs.exists(path) else { throw StoreError(.logMissing, path: path) }
        if fs.isSymbolicLink(path) { throw StoreError(.io, path: path, cause: "symbolic link refused") }
        let fd: Int32
        do { fd = try fs.open(path, write: writable, create: false, exclusive: false) } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        do {
            let size = try fs.size(fd)
            let head = try fs.read(fd, count: Int(min(size, 1024)), at: 0)
            let decoded = head.withUnsafeBytes { LogFormat.decodeHeader($0) }
            switch decoded {
            case .failure(.notALog): throw StoreError(.notALog, path: path)
            case .failure(.futureVersion(let v)): throw StoreError(.futureVersion, path: path, cause: "\(v)")
            case .failure(.damaged): throw StoreError(.corruptRecord, path: path, cause: "header")
            case .success(let header):
                let log = DurableLog(path: path, fs: fs, fd: fd, format: header, writable: writable, keepFrames: keepFrames)
                log.window = max(64, window)
                log.verifyOnly = verifyOnly && !writable
                if let resume, !keepFrames, try log.holds(resume, size: Int(size)) {
                    log.lastSeq = resume.seq
                    log.headHash = resume.hash
                    log.end = resume.end
                    log.recordOffsets = resume.recordOffsets
                    log.resumed = true
                    log.snapshotCovered = (resume.end, resume.seq)
                }
                log.replaySink = sink
                defer { log.replaySink = nil }
                try log.readNew()
                return log
            }
        } catch let error as StoreError {
            fs.close(fd)
            throw error
        } catch let error as FileError {
            fs.close(fd)
            throw StoreError(.io, path: path, cause: error.description)
        } catch {
            fs.close(fd)
            throw StoreError(.io, path: path, cause: "\(error)")
        }
    }

    private init(path: String, fs: any FileSystem, fd: Int32, format: LogFormat.Header, writable: Bool,
                 keepFrames: Bool) {
        self.path = path
        self.fs = fs
        self.fd = fd
        self.format = format
        self.writable = writable
        self.keepFrames = keepFrames
        header = LogHeader(version: Int(format.version), mode: format.mode, logId: format.logIdHex,
                           jurisdiction: format.jurisdiction, createdAt: format.createdAt)
        headHash = format.genesisHash
        end = format.size
    }

    deinit { fs.close(fd) }

    /// Whether this log opened from a snapshot's head rather than from its first record.
    package private(set) var resumed = false
    private var verifyOnly = false
    /// When resumed from a snapshot: where (and at which record) the snapshot's records end.
    package private(set) var snapshotCovered: (end: Int, seq: Int)?

    /// Damage found by another reading of the file (the background check of the records
    /// a snapshot covered): from now on this log refuses appends, as if it had found it.
    package func markDamaged(_ problem: LogScan.Problem) {
        if damage == nil { damage = problem }
    }

    /// Whether the record a snapshot ends with is in this file, where and as it says.
    private func holds(_ head: CaseSnapshot.Head, size: Int) throws -> Bool {
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

    // MARK: - Reading

    package func readAll() throws(StoreError) -> [CaseEvent] { takeUndelivered() }

    /// The events read on open, a batch at a time, each dropped once handed over: a
    /// replay never holds a second copy of them. If `body` throws, the batches after
    /// the one it was given stay, in order.
    package func readAll(inBatches body: ([CaseEvent]) throws(StoreError) -> Void) throws(StoreError) {
        undelivered.reverse()
        defer { undelivered.reverse() }
        while let batch = undelivered.popLast() { try body(batch) }
    }

    package func poll() throws(StoreError) -> [CaseEvent] {
        do { try readNew(repair: false) } catch let e as StoreError { throw e } catch {
            throw StoreError(.io, path: path, cause: "\(error)")
        }
        return takeUndelivered()
    }

    private func takeUndelivered() -> [CaseEvent] {
        defer { undelivered = [] }
        return undelivered.count == 1 ? undelivered[0] : Array(undelivered.joined())
    }

    /// How much of the file is read at a time: opening never holds the whole file.
    private var window = 8 << 20

    /// Reads frames past `end`, a window at a time; a writable open under the lock
    /// repairs a torn tail.
    private func readNew(repair: Bool = true) throws {
        let size = Int(try fs.size(fd))
        if size < end {
            damage = .damage(at: size, seq: lastSeq, reason: "the log is shorter than records already read")
            return
        }
        var window = self.window
        // One buffer for every window: its pages are touched once, not once a window.
        var bytes: [UInt8] = []
        while end < size {
            try fs.read(fd, into: &bytes, count: min(window, size - end), at: Int64(end))
            let atEndOfFile = end + bytes.count >= size
            let base = end
            // Payloads are decoded where they lie in the window; they are copied out only
            // when the frames are kept (`keepFrames`, for inspection).
            var scan = bytes.withUnsafeBytes { raw in
                LogScan.scan(raw, header: format, from: 0, lastSeq: lastSeq, lastHash: headHash, atEndOfFile: atEndOfFile,
                             copyingPayloads: keepFrames, chaining: false)
            }
            guard deliver(&scan.frames, window: bytes, base: base) else { return }
            if var problem = scan.problem {
                if case .tornTail(let at, let reason) = problem, !atEndOfFile {
                    // Bytes that do not make a frame, with more file after this window: the
                    // rest of the file decides whether they are a crash leftover.
                    let rest = try fs.read(fd, count: size - (base + at), at: Int64(base + at))
                    problem = rest.withUnsafeBytes { LogScan.classify($0, header: format, at: 0, seq: lastSeq + 1, reason: reason) }
                    problem = problem.shifted(by: base + at)
                } else {
                    problem = problem.shifted(by: base)
                }
                scan.problem = problem
                try handle(problem, size: size, repair: repair)
                return
            }
            // A frame larger than the window: widen it.
            if scan.frames.isEmpty && !atEndOfFile { window *= 2 }
        }
        pendingTornTail = nil
    }

    /// Hashes the frames and decodes their payloads on both cores, checks the hash
    /// chain, then hands out their events in order. A broken chain, or a payload that
    /// does not decode though its checksums held, is damage: false, with the frames
    /// before it delivered. `frames` are as the scan found them in `window` (checksums
    /// and sequence checked, not yet hashed; their hashes are filled in here, in place),
    /// which starts at file offset `base`.
    private func deliver(_ frames: inout [LogFormat.Frame], window: [UInt8], base: Int) -> Bool {
        // Each core takes one contiguous half of the frames: it hashes each and, unless
        // only verifying, decodes its events onto its own array, so the arrays joined are
        // the events in log order. A core stops decoding at its first bad payload.
        let count = frames.count
        let workers = count < 64 ? 1 : 2
        let decoding = !verifyOnly
        var decoded = [[CaseEvent]](repeating: [], count: workers)
        var failedAt = [Int](repeating: count, count: workers)
        frames.withUnsafeMutableBufferPointer { all in
            decoded.withUnsafeMutableBufferPointer { out in
                failedAt.withUnsafeMutableBufferPointer { failures in
                    nonisolated(unsafe) let frame = all.baseAddress, results = out.baseAddress, failed = failures.baseAddress
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        guard let frame, let results, let failed else { return }
                        var events: [CaseEvent] = []
                        if decoding { events.reserveCapacity(count / workers + 16) }
                        window.withUnsafeBytes { raw in
                            for i in (count * w / workers)..<(count * (w + 1) / workers) {
                                let f = frame.advanced(by: i)
                                let offset = f.pointee.offset, length = f.pointee.length
                                f.pointee.hash = RecordHash(of: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]))
                                guard decoding, failed[w] == count else { continue }
                                let at = offset + LogFormat.frameHeaderSize
                                let payload = UnsafeRawBufferPointer(rebasing: raw[at..<(at + Int(raw.u32(offset + 8)))])
                                do { try RecordPayload.decodeEvents(f.pointee, payload: payload, into: &events) } catch {
                                    failed[w] = i
                                }
                            }
                        }
                        results[w] = events
                    }
                }
            }
        }
        // In order: the hash chain, up to the first bad payload.
        var good = failedAt.min() ?? count
        var reason = "payload does not decode"
        if let broken = LogScan.chainBreak(in: frames[..<good], after: headHash) {
            good = broken
            reason = "hash chain broken"
        }
        var batches: [[CaseEvent]] = []
        for w in 0..<workers where count * w / workers <= good {
            var events = decoded[w]
            if good < count {
                let last = good > 0 ? frames[good - 1].seq : lastSeq
                events = Array(events.prefix { $0.seq <= last })
            }
            if !events.isEmpty { batches.append(events) }
        }
        decoded = []
        if keepFrames {
            for i in 0..<good {
                var kept = frames[i]
                kept.offset = base + frames[i].offset
                frames_.append(kept)
            }
        }
        offsetsLock.lock()
        for i in 0..<good { recordOffsets.append(base + frames[i].offset) }
        if good > 0 { end = base + frames[good - 1].offset + frames[good - 1].length }
        offsetsLock.unlock()
        if good > 0 {
            lastSeq = frames[good - 1].seq
            headHash = frames[good - 1].hash
        }
        for batch in batches {
            if let replaySink { replaySink(self, batch) } else { undelivered.append(batch) }
        }
        if good < count {
            damage = .damage(at: base + frames[good].offset, seq: frames[good].seq, reason: reason)
            return false
        }
        return true
    }

    private func handle(_ problem: LogScan.Problem, size: Int, repair: Bool) throws {
        switch problem {
        case .damage:
            damage = problem
        case .tornTail(let at, let reason):
            if writable && repair {
                try fs.lock(fd)
                defer { fs.unlock(fd) }
                // Another writer may have repaired or extended it meanwhile: look again under the lock.
                if Int(try fs.size(fd)) == size {
                    try moveTornTailAside(at: at, size: size, reason: reason)
                } else {
                    try readNew(repair: false)
                }
            } else {
                pendingTornTail = at
            }
        }
    }

    /// The events of the records with these sequence numbers, read back from the file
    /// and checked again (checksum and payload); for a case's full history on demand.
    package func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent] {
        var out: [CaseEvent] = []
        for seq in seqs {
            offsetsLock.lock()
            let known = seq >= 1 && seq <= recordOffsets.count
            let offset = known ? recordOffsets[seq - 1] : 0
            let next = !known ? 0 : seq < recordOffsets.count ? recordOffsets[seq] : end
            offsetsLock.unlock()
            guard known else {
                throw StoreError(.corruptRecord, path: path, line: seq, cause: "no record \(seq) in this log")
            }
            do {
                let bytes = try fs.read(fd, count: next - offset, at: Int64(offset))
                let decoded = bytes.withUnsafeBytes {
                    LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: false)
                }
                guard case .success(let frame) = decoded, frame.seq == seq,
                      case .events(let events) = try RecordPayload.decode(frame) else {
                    throw StoreError(.corruptRecord, path: path, line: seq, cause: "offset \(offset): record \(seq) does not read back")
                }
                out += events
            } catch let e as StoreError {
                throw e
            } catch {
                throw StoreError(.io, path: path, cause: "\(error)")
            }
        }
        return out
    }

    // MARK: - Writing

    package func transact(_ body: ([CaseEvent]) throws -> [[CaseEvent]]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
        try checkWritable()
        do { try fs.lock(fd) } catch { throw StoreError(.io, path: path, cause: error.description) }
        defer { fs.unlock(fd) }
        do {
            try readNewUnderLock()
        } catch let e as StoreError { throw e } catch let e as FileError {
            throw StoreError(.io, path: path, cause: e.description)
        }
        try checkWritable()
        let new = takeUndelivered()
        let records = try body(new)
        guard !records.isEmpty else { return (new, []) }
        return (new, try write(records.map { .events($0) }))
    }

    private func checkWritable() throws(StoreError) {
        guard writable else { throw StoreError(.io, path: path, cause: "opened read-only") }
        if let failure { throw StoreError(.io, path: path, cause: "an earlier sync failed (\(failure.description)); reopen the log") }
        if case .damage(let at, let seq, let reason)? = damage {
            throw StoreError(.corruptRecord, path: path, line: seq, cause: "offset \(at): \(reason)")
        }
    }

    private func readNewUnderLock() throws {
        let size = Int(try fs.size(fd))
        if size != end { try readNew(repair: false) }
        if let at = pendingTornTail {
            try moveTornTailAside(at: at, size: Int(try fs.size(fd)), reason: "left by a writer that stopped mid-append")
        }
    }

    private enum Pending {
        case events([CaseEvent])
        case note(RecoveryNote)
    }

    /// Encodes and writes records as one buffer, then syncs. A write that cannot be
    /// completed is cut back; a failed sync stops this writer.
    private func write(_ records: [Pending]) throws -> [CaseEvent] {
        let start = end
        do {
            // Everything up to the end is made durable first, so each record can vouch
            // for the bytes before it (its durable-before offset).
            try fs.dataSync(fd)
        } catch {
            failure = error
            throw StoreError(.io, path: path, cause: "fdatasync: \(error.description)")
        }
        var buffer: [UInt8] = []
        var seq = lastSeq
        var hash = headHash
        var stored: [CaseEvent] = []
        var framesWritten: [LogFormat.Frame] = []
        var written: [Int] = []
        let now = Instant(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
        for record in records {
            seq += 1
            let type: LogFormat.RecordType
            let payloadFormat: LogFormat.PayloadFormat
            let payload: [UInt8]
            switch record {
            case .events(let events):
                type = .events
                (payloadFormat, payload) = RecordPayload.encodeEvents(events)
                stored += events.map { var e = $0; e.seq = seq; return e }
            case .note(let note):
                type = .recoveryNote
                payloadFormat = .json
                payload = RecordPayload.encodeNote(note)
            }
            guard payload.count <= format.maxPayload else {
                throw StoreError(.io, path: path, cause: "record too large (\(payload.count) bytes)")
            }
            let frame = LogFormat.encodeFrame(seq: seq, type: type, format: payloadFormat, time: now, durableBefore: start,
                                              writerID: UInt32(truncatingIfNeeded: getpid()), prevHash: hash,
                                              payload: payload, seed: format.seed)
            let prevHash = hash
            hash = RecordHash(of: frame)
            written.append(start + buffer.count)
            if keepFrames {
                framesWritten.append(LogFormat.Frame(offset: start + buffer.count, length: frame.count, seq: seq,
                                                     type: type.rawValue, format: payloadFormat.rawValue, time: now,
                                                     durableBefore: start, writerID: 0, prevHash: prevHash, payload: payload,
                                                     hash: hash))
            }
            buffer += frame
        }
        do {
            try Self.writeAll(fs, fd, buffer[...])
        } catch {
            // Cut back a partial record while still holding the lock, then fail.
            try? fs.truncate(fd, to: Int64(start))
            throw StoreError(.io, path: path, cause: error.description)
        }
        do {
            try fs.dataSync(fd)
        } catch {
            failure = error
            throw StoreError(.io, path: path, cause: "fdatasync: \(error.description)")
        }
        lastSeq = seq
        headHash = hash
        offsetsLock.lock()
        end = start + buffer.count
        recordOffsets += written
        offsetsLock.unlock()
        frames_ += framesWritten
        return stored
    }

    static func writeAll(_ fs: any FileSystem, _ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) {
        var rest = bytes
        while !rest.isEmpty {
            let n = try fs.append(fd, rest)
            guard n > 0 else { throw FileError("write", "", EIO) }
            rest = rest.dropFirst(n)
        }
    }

    // MARK: - Recovery

    /// Moves the bytes of a torn tail into a quarantine file beside the log (synced,
    /// byte for byte), cuts them off, and records the cut in the log. Under the lock.
    private func moveTornTailAside(at offset: Int, size: Int, reason: String) throws {
        let cut = try fs.read(fd, count: size - offset, at: Int64(offset))
        let digest = RecordHash(of: cut).hex
        let name = "\((path as NSString).lastPathComponent).quarantine-\(lastSeq + 1)-\(offset)-\(digest.prefix(8))"
        let dir = (path as NSString).deletingLastPathComponent
        let quarantine = dir.isEmpty ? name : dir + "/" + name
        if !fs.exists(quarantine) {
            let qfd = try fs.open(quarantine, write: true, create: true, exclusive: true)
            defer { fs.close(qfd) }
            try Self.writeAll(fs, qfd, cut[...])
            try fs.dataSync(qfd)
            try fs.syncDirectory(dir.isEmpty ? "." : dir)
        }
        try fs.truncate(fd, to: Int64(offset))
        try fs.dataSync(fd)
        offsetsLock.lock()
        end = offset
        offsetsLock.unlock()
        pendingTornTail = nil
        let note = RecoveryNote(reason: "torn-tail: \(reason)", cutAt: offset, bytes: cut.count, sha256: digest,
                                quarantine: name)
        _ = try write([.note(note)])
        recoveries.append(note)
    }
}

extension LogScan.Problem {
    /// The same problem at a file offset `base` further on.
    func shifted(by base: Int) -> LogScan.Problem {
        switch self {
        case .tornTail(let at, let reason): .tornTail(at: at + base, reason: reason)
        case .damage(let at, let seq, let reason): .damage(at: at + base, seq: seq, reason: reason)
        }
    }
}
