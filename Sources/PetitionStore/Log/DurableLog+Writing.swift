import Foundation
import PetitionCore

/// Writing: under the lock, catch up with other writers, let the caller decide, then
/// write the records as one buffer and sync (docs/decisions/0006-durable-log.md).
extension DurableLog {
    package func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
        try transact(returning: true, body)
    }

    /// A bulk import: the records appended as `append` appends them (one batch, its commit,
    /// its syncs), without numbering a million stored events for a caller that reads none.
    package func importRecords(_ records: [[CaseEvent]]) throws {
        _ = try transact(returning: false) { _ in records.map(LogRecord.events) }
    }

    private func transact(returning: Bool, _ body: ([CaseEvent]) throws -> [LogRecord]) throws
        -> (new: [CaseEvent], stored: [CaseEvent]) {
        try checkWritable()
        do { try fs.lock(fd) } catch { throw StoreError(.io, path: path, cause: error.description) }
        defer { fs.unlock(fd) }
        // A log set aside while open (a trainer's `training reset`, a file moved away) takes
        // nothing more: what this writer wrote would be seen by no one who opens the path.
        guard fs.stillNamed(path, fd) else {
            throw StoreError(.movedAway, path: path)
        }
        do {
            try readNewUnderLock()
        } catch let e as StoreError { throw e } catch let e as FileError {
            throw StoreError(.io, path: path, cause: e.description)
        }
        try checkWritable()
        let new = takeUndelivered()
        let records = try body(new)
        guard !records.isEmpty else { return (new, []) }
        return (new, try write(records, returning: returning))
    }

    private func checkWritable() throws(StoreError) {
        guard writable else { throw StoreError(.io, path: path, cause: "opened read-only") }
        if let failure { throw StoreError(.io, path: path, cause: "an earlier sync failed (\(failure.description)); reopen the log") }
        if case .damage(let at, let seq, let reason)? = damage {
            throw StoreError(.corruptRecord, path: path, seq: seq, cause: "offset \(at): \(reason)")
        }
    }

    private func readNewUnderLock() throws {
        let size = Int(try fs.size(fd))
        if size != end { try readNew(repair: false) }
        if let at = pendingTornTail {
            try moveTornTailAside(at: at, size: Int(try fs.size(fd)), reason: "left by a writer that stopped mid-append")
        }
    }

    /// Encodes and writes records as one buffer, then syncs; returns the events stored,
    /// numbered. A batch of more than one record is then closed by a commit record,
    /// synced too, before anything is acknowledged: its durable-before offset vouches
    /// for every byte of the batch (docs/log-format.md, "Commit records"). A write that
    /// cannot be completed is cut back — a batch whose commit cannot be written, whole;
    /// a failed sync stops this writer.
    func write(_ records: [LogRecord], returning: Bool = true) throws -> [CaseEvent] {
        do {
            // Everything up to the end is made durable first, so each record can vouch
            // for the bytes before it (its durable-before offset) — unless this handle's
            // own sync already covered everything up to it: no other writer appended since
            // (decision 0006; one flush an append instead of two).
            if syncedEnd != end {
                try fs.dataSync(fd)
                syncedEnd = end
            }
        } catch {
            failure = error
            throw StoreError(.io, path: path, cause: "fdatasync: \(error.description)")
        }
        let before = (seq: lastSeq, hash: headHash, end: end, records: recordOffsets.count, frames: frames.count)
        let stored = try appendSynced(records, returning: returning)
        guard records.count > 1 else { return stored }
        do {
            _ = try appendSynced([.commit(BatchCommit(first: before.seq + 1, last: lastSeq, lastHash: headHash.hex))])
        } catch {
            // Not acknowledged, so not kept: the batch goes with its commit.
            do {
                try fs.truncate(fd, to: Int64(before.end))
                try fs.dataSync(fd)
            } catch {
                failure = error
            }
            lastSeq = before.seq
            headHash = before.hash
            offsetsLock.lock()
            end = before.end
            recordOffsets.removeSubrange(before.records...)
            offsetsLock.unlock()
            frames.removeSubrange(before.frames...)
            throw error
        }
        return stored
    }

    /// A record made ready to be written: its payload and format, and why a binary payload
    /// would not read back (nil: it does).
    struct Prepared {
        var format: LogFormat.PayloadFormat
        var payload: [UInt8]
        var readable: String?
    }

    /// Runs `body` over `count` items in parts, on every core for a large batch (a bulk import,
    /// over 2,048 records), else on this thread.
    private static func inParts(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let runs = count < 2_048 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (count + runs - 1) / runs
        if runs == 1 { return body(0..<count) }
        DispatchQueue.concurrentPerform(iterations: runs) { r in body(min(count, r * size)..<min(count, (r + 1) * size)) }
    }

    /// Each record prepared. A record's payload depends on it alone, so a large batch is
    /// prepared on every core (docs/performance.md, issue 13).
    static func prepared(_ records: ArraySlice<LogRecord>) -> [Prepared] {
        let first = records.startIndex
        return [Prepared](unsafeUninitializedCapacity: records.count) { buffer, count in
            nonisolated(unsafe) let base = buffer.baseAddress
            inParts(records.count) { range in
                // Read back as the replay reads: the texts every record repeats reused, the
                // events decoded onto one array emptied each time.
                let shorts = ShortStrings()
                var readBack: [CaseEvent] = []
                for i in range {
                    let record = records[first + i]
                    let (format, payload) = record.encoded()
                    var readable: String?
                    if case .events = record, format == .binary {
                        readBack.removeAll(keepingCapacity: true)
                        let decoded = payload.withUnsafeBytes { raw in
                            Result { () throws(BinaryEventCodec.DecodeError) in
                                try BinaryEventCodec.decode(raw, seq: 0, into: &readBack, shorts: shorts)
                            }
                        }
                        if case .failure(let error) = decoded { readable = "\(error)" }
                    }
                    base?.advanced(by: i).initialize(to: Prepared(format: format, payload: payload, readable: readable))
                }
            }
            count = records.count
        }
    }

    /// The events of `records`, numbered from `firstSeq` (one sequence number a record).
    static func numbered(_ records: [LogRecord], firstSeq: Int) -> [CaseEvent] {
        var eventStarts: [Int] = []
        eventStarts.reserveCapacity(records.count)
        var total = 0
        for record in records {
            eventStarts.append(total)
            total += record.events.count
        }
        let starts = eventStarts
        return [CaseEvent](unsafeUninitializedCapacity: total) { buffer, count in
            nonisolated(unsafe) let base = buffer.baseAddress
            inParts(records.count) { range in
                for i in range {
                    for (j, event) in records[i].events.enumerated() {
                        var e = event
                        e.seq = firstSeq + i
                        base?.advanced(by: starts[i] + j).initialize(to: e)
                    }
                }
            }
            count = total
        }
    }

    /// Writes the parts of one batch in order: on a queue of their own when there are several,
    /// so that the next part is made while the kernel copies this one (a batch of one part, an
    /// interactive append, is written on the caller's thread and makes no queue). At most two
    /// parts wait to be written, so a batch is never held whole; the first failure stops it.
    private final class PartWriter: @unchecked Sendable {
        let fs: any FileSystem
        let fd: Int32
        /// With several parts: their queue, the parts handed over and not yet written (the maker
        /// waits when two are), and the lock on the first failure. None for one part.
        let queue: DispatchQueue?
        let slots: DispatchSemaphore?
        private let lock: NSLock?
        private var firstFailure: FileError?
        /// Whether any byte was handed over to be written.
        private(set) var started = false

        init(fs: any FileSystem, fd: Int32, parts: Bool) {
            self.fs = fs
            self.fd = fd
            queue = parts ? DispatchQueue(label: "xinfang.log.write") : nil
            slots = parts ? DispatchSemaphore(value: 2) : nil
            lock = parts ? NSLock() : nil
        }

        /// The first write that failed, so far.
        var failure: FileError? {
            lock?.lock()
            defer { lock?.unlock() }
            return firstFailure
        }

        func write(_ bytes: [UInt8]) {
            started = true
            let work: @Sendable () -> Void = {
                guard self.failure == nil else { return }
                do throws(FileError) { try self.fs.writeAll(self.fd, bytes[...]) } catch {
                    self.lock?.lock()
                    self.firstFailure = error
                    self.lock?.unlock()
                }
            }
            guard let queue, let slots else { return work() }
            slots.wait()
            queue.async { work(); slots.signal() }
        }

        /// Waits for every part handed over; the first failure, if any.
        func finish() -> FileError? {
            queue?.sync {}
            return failure
        }
    }

    /// Takes back what a batch that fails wrote: waits for its parts, then cuts the file back
    /// to where the batch began and syncs the cut, still under the lock. If the cut cannot be
    /// made durable, this writer stops (as after a failed sync): the next open repairs the tail.
    private func cutBack(_ writer: PartWriter, to start: Int, _ error: StoreError) -> StoreError {
        _ = writer.finish()
        guard writer.started else { return error }
        do {
            try fs.truncate(fd, to: Int64(start))
            try fs.dataSync(fd)
            return error
        } catch let cut {
            failure = cut
            return StoreError(.io, path: path, seq: error.seq,
                              cause: "\(error.cause); what was written could not be cut back (\(cut.description)): reopen the log")
        }
    }

    /// Writes records after everything already synced, and syncs them. A large batch is
    /// written in parts, each made while the one before it is written (docs/performance.md,
    /// issue 13); each part is checked before its bytes are made, and anything written of a
    /// batch that then fails is cut back, so a failure leaves nothing. `returning`: whether
    /// the stored events, numbered, are wanted (a bulk import does not ask for a million).
    private func appendSynced(_ records: [LogRecord], returning: Bool = true) throws -> [CaseEvent] {
        let start = end
        var seq = lastSeq
        var hash = headHash
        var framesWritten: [LogFormat.Frame] = []
        var notesWritten: [NumberedNote] = []
        let now = options.clock()
        let time = now, seed = format.seed, firstSeq = lastSeq + 1
        let writerID = UInt32(truncatingIfNeeded: getpid())
        let perPart = options.partRecords
        let writer = PartWriter(fs: fs, fd: fd, parts: records.count > perPart)
        var written: [Int] = []
        written.reserveCapacity(records.count)
        var size = 0
        func abandon(_ error: StoreError) -> StoreError { cutBack(writer, to: start, error) }
        var from = 0
        // A failed write stops the making of parts: what was written is cut back below.
        while from < records.count, writer.failure == nil {
            let part = from..<min(records.count, from + perPart)
            let prepared = Self.prepared(records[part])
            // Checked in order before a byte of the part is made: nothing is written that
            // cannot be read back (the binary codec holds days between 1870 and 2169 only,
            // decision 0029's addendum; a record past that would leave the log damaged for
            // every later reader), nor too large.
            var offsets: [Int] = []
            offsets.reserveCapacity(part.count + 1)
            var partSize = 0
            for (k, ready) in prepared.enumerated() {
                if let problem = ready.readable {
                    throw abandon(StoreError(.io, path: path, seq: firstSeq + from + k,
                                             cause: "a record that would not read back (\(problem)); nothing was written"))
                }
                guard ready.payload.count <= format.maxPayload else {
                    throw abandon(StoreError(.io, path: path, cause: "record too large (\(ready.payload.count) bytes)"))
                }
                offsets.append(partSize)
                partSize += LogFormat.frameLength(payload: ready.payload.count)
            }
            offsets.append(partSize)
            // Every frame written into the part at its offset (on every core for a large
            // part), then chained in order: each takes the hash of the one before, and gives its own.
            let frameOffsets = offsets, durableBefore = start, partFirst = firstSeq + from, lower = part.lowerBound
            var buffer = [UInt8](unsafeUninitializedCapacity: partSize) { all, count in
                nonisolated(unsafe) let base = all.baseAddress
                Self.inParts(part.count) { range in
                    for k in range {
                        let frame = UnsafeMutableRawBufferPointer(start: base?.advanced(by: frameOffsets[k]),
                                                                  count: frameOffsets[k + 1] - frameOffsets[k])
                        prepared[k].payload.withUnsafeBytes {
                            LogFormat.writeFrame(into: frame, seq: partFirst + k, type: records[lower + k].kind.rawValue,
                                                 format: prepared[k].format.rawValue, time: time, durableBefore: durableBefore,
                                                 writerID: writerID, payload: $0, seed: seed)
                        }
                    }
                }
                count = partSize
            }
            buffer.withUnsafeMutableBytes { all in
                for k in part.indices.lazy.map({ $0 - lower }) {
                    seq += 1
                    let frame = UnsafeMutableRawBufferPointer(rebasing: all[offsets[k]..<offsets[k + 1]])
                    let prevHash = hash
                    LogFormat.chain(frame, prevHash: prevHash, seed: seed)
                    hash = RecordHash(of: UnsafeRawBufferPointer(frame))
                    if case .training(let note) = records[lower + k] { notesWritten.append(NumberedNote(seq: seq, note: note)) }
                    if options.keepFrames {
                        framesWritten.append(LogFormat.Frame(offset: start + size + offsets[k], length: frame.count, seq: seq,
                                                             type: records[lower + k].kind.rawValue,
                                                             format: prepared[k].format.rawValue, time: now, durableBefore: start,
                                                             writerID: 0, prevHash: prevHash, payload: prepared[k].payload,
                                                             hash: hash))
                    }
                }
            }
            for offset in offsets.dropLast() { written.append(start + size + offset) }
            size += partSize
            writer.write(buffer)
            from = part.upperBound
        }
        if let failure = writer.finish() {
            // Cut back a partial record while still holding the lock, then fail.
            throw abandon(StoreError(.io, path: path, cause: failure.description))
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
        end = start + size
        recordOffsets += written
        offsetsLock.unlock()
        syncedEnd = end
        frames += framesWritten
        trainingNotes += notesWritten
        for record in records {
            switch record {
            case .checkpoint(let checkpoint): checkpoints.append(checkpoint)
            case .recoveryNote(let note): reservedNumbers += note.caseNumbers ?? []
            case .staff(let change): staffChanges.append(change)
            case .supervision(let act): supervisionRecords.append(act)
            case .clock(let move): clock = move
            case .training: break  // with their sequence numbers, below
            case .events, .commit, .salvage, .disclosure, .referenceData: break
            }
        }
        return returning ? Self.numbered(records, firstSeq: firstSeq) : []
    }
}
