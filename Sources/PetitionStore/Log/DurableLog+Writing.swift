import Foundation
import PetitionCore

/// Writing: under the lock, catch up with other writers, let the caller decide, then
/// write the records as one buffer and sync (docs/decisions/0006-durable-log.md).
extension DurableLog {
    package func transact(_ body: ([CaseEvent]) throws -> [LogRecord]) throws -> (new: [CaseEvent], stored: [CaseEvent]) {
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
        return (new, try write(records))
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
    func write(_ records: [LogRecord]) throws -> [CaseEvent] {
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
        let stored = try appendSynced(records)
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

    /// Each record prepared, and the events stored, numbered from `firstSeq`. A record's payload
    /// depends on it alone, so a large batch is prepared on every core (docs/performance.md,
    /// issue 13).
    static func prepared(_ records: [LogRecord], firstSeq: Int) -> (records: [Prepared], events: [CaseEvent]) {
        var firstEvent: [Int] = []
        firstEvent.reserveCapacity(records.count)
        var total = 0
        for record in records {
            firstEvent.append(total)
            total += record.events.count
        }
        let eventStarts = firstEvent
        var out = [Prepared](repeating: Prepared(format: .binary, payload: [], readable: nil), count: records.count)
        let events = [CaseEvent](unsafeUninitializedCapacity: total) { eventBuffer, count in
            out.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let base = buffer.baseAddress
                nonisolated(unsafe) let eventBase = eventBuffer.baseAddress
                inParts(records.count) { range in
                    for i in range {
                        let record = records[i]
                        let (format, payload) = record.encoded()
                        var readable: String?
                        if case .events = record, format == .binary {
                            do { _ = try BinaryEventCodec.decode(payload) } catch { readable = "\(error)" }
                        }
                        base?.advanced(by: i).pointee = Prepared(format: format, payload: payload, readable: readable)
                        for (j, event) in record.events.enumerated() {
                            var e = event
                            e.seq = firstSeq + i
                            eventBase?.advanced(by: eventStarts[i] + j).initialize(to: e)
                        }
                    }
                }
            }
            count = total
        }
        return (out, events)
    }

    /// Writes records after everything already synced, as one buffer, and syncs them.
    private func appendSynced(_ records: [LogRecord]) throws -> [CaseEvent] {
        let start = end
        var seq = lastSeq
        var hash = headHash
        var framesWritten: [LogFormat.Frame] = []
        var notesWritten: [NumberedNote] = []
        let now = options.clock()
        let (prepared, stored) = Self.prepared(records, firstSeq: lastSeq + 1)
        // Checked in order before a byte is made: nothing is written that cannot be read back
        // (the binary codec holds days between 1870 and 2169 only, decision 0029's addendum; a
        // record past that would leave the log damaged for every later reader), nor too large.
        var offsets: [Int] = []
        offsets.reserveCapacity(records.count + 1)
        var size = 0
        for (i, ready) in prepared.enumerated() {
            if let problem = ready.readable {
                throw StoreError(.io, path: path, seq: lastSeq + 1 + i,
                                 cause: "a record that would not read back (\(problem)); nothing was written")
            }
            guard ready.payload.count <= format.maxPayload else {
                throw StoreError(.io, path: path, cause: "record too large (\(ready.payload.count) bytes)")
            }
            offsets.append(size)
            size += LogFormat.frameLength(payload: ready.payload.count)
        }
        offsets.append(size)
        // Every frame written into the batch at its offset (on every core for a large batch),
        // then chained in order: each takes the hash of the one before, and gives its own.
        let frameOffsets = offsets, time = now, durableBefore = start, seed = format.seed
        let writerID = UInt32(truncatingIfNeeded: getpid()), firstSeq = lastSeq + 1
        var buffer = [UInt8](unsafeUninitializedCapacity: size) { all, count in
            nonisolated(unsafe) let base = all.baseAddress
            Self.inParts(records.count) { range in
                for i in range {
                    let frame = UnsafeMutableRawBufferPointer(start: base?.advanced(by: frameOffsets[i]),
                                                              count: frameOffsets[i + 1] - frameOffsets[i])
                    prepared[i].payload.withUnsafeBytes {
                        LogFormat.writeFrame(into: frame, seq: firstSeq + i, type: records[i].kind.rawValue,
                                             format: prepared[i].format.rawValue, time: time, durableBefore: durableBefore,
                                             writerID: writerID, payload: $0, seed: seed)
                    }
                }
            }
            count = size
        }
        buffer.withUnsafeMutableBytes { all in
            for i in records.indices {
                seq += 1
                let frame = UnsafeMutableRawBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
                let prevHash = hash
                LogFormat.chain(frame, prevHash: prevHash, seed: seed)
                hash = RecordHash(of: UnsafeRawBufferPointer(frame))
                if case .training(let note) = records[i] { notesWritten.append(NumberedNote(seq: seq, note: note)) }
                if options.keepFrames {
                    framesWritten.append(LogFormat.Frame(offset: start + offsets[i], length: frame.count, seq: seq,
                                                         type: records[i].kind.rawValue, format: prepared[i].format.rawValue,
                                                         time: now, durableBefore: start, writerID: 0, prevHash: prevHash,
                                                         payload: prepared[i].payload, hash: hash))
                }
            }
        }
        let written = offsets.dropLast().map { start + $0 }
        do {
            try fs.writeAll(fd, buffer[...])
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
        return stored
    }
}
