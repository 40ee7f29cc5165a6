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

    /// Each record's payload, and why a binary one would not read back (nil: it does). A
    /// payload depends on its record alone, so a large batch (a bulk import) is encoded and
    /// read back on every core, in parts; the frames, which chain, are made in order after
    /// (docs/performance.md, issue 13).
    static func encoded(_ records: [LogRecord])
        -> [(format: LogFormat.PayloadFormat, payload: [UInt8], readable: String?)] {
        @Sendable func one(_ record: LogRecord) -> (format: LogFormat.PayloadFormat, payload: [UInt8], readable: String?) {
            let (format, payload) = record.encoded()
            guard case .events = record, format == .binary else { return (format, payload, nil) }
            do { _ = try BinaryEventCodec.decode(payload) } catch { return (format, payload, "\(error)") }
            return (format, payload, nil)
        }
        let runs = records.count < 2_048 ? 1 : max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        guard runs > 1 else { return records.map(one) }
        var out = [(format: LogFormat.PayloadFormat, payload: [UInt8], readable: String?)](
            repeating: (.binary, [], nil), count: records.count)
        let size = (records.count + runs - 1) / runs
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: runs) { r in
                for i in min(records.count, r * size)..<min(records.count, (r + 1) * size) {
                    base?.advanced(by: i).pointee = one(records[i])
                }
            }
        }
        return out
    }

    /// Writes records after everything already synced, as one buffer, and syncs them.
    private func appendSynced(_ records: [LogRecord]) throws -> [CaseEvent] {
        let start = end
        var buffer: [UInt8] = []
        var seq = lastSeq
        var hash = headHash
        var stored: [CaseEvent] = []
        var framesWritten: [LogFormat.Frame] = []
        var written: [Int] = []
        let now = options.clock()
        var notesWritten: [NumberedNote] = []
        let payloads = Self.encoded(records)
        buffer.reserveCapacity(payloads.reduce(0) { $0 + $1.payload.count + LogFormat.frameHeaderSize + 16 })
        stored.reserveCapacity(records.count)
        for (record, (payloadFormat, payload, readable)) in zip(records, payloads) {
            seq += 1
            if case .training(let note) = record { notesWritten.append(NumberedNote(seq: seq, note: note)) }
            // Nothing is written that cannot be read back: the binary codec holds days between
            // 1870 and 2169 only (decision 0029's addendum), and a record past that would
            // leave the log damaged for every later reader.
            if let problem = readable {
                throw StoreError(.io, path: path, seq: seq, cause: "a record that would not read back (\(problem)); nothing was written")
            }
            stored += record.events.map { var e = $0; e.seq = seq; return e }
            guard payload.count <= format.maxPayload else {
                throw StoreError(.io, path: path, cause: "record too large (\(payload.count) bytes)")
            }
            let frame = LogFormat.encodeFrame(seq: seq, kind: record.kind, format: payloadFormat, time: now,
                                              durableBefore: start, writerID: UInt32(truncatingIfNeeded: getpid()),
                                              prevHash: hash, payload: payload, seed: format.seed)
            let prevHash = hash
            hash = RecordHash(of: frame)
            written.append(start + buffer.count)
            if options.keepFrames {
                framesWritten.append(LogFormat.Frame(offset: start + buffer.count, length: frame.count, seq: seq,
                                                     type: record.kind.rawValue, format: payloadFormat.rawValue, time: now,
                                                     durableBefore: start, writerID: 0, prevHash: prevHash, payload: payload,
                                                     hash: hash))
            }
            buffer += frame
        }
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
