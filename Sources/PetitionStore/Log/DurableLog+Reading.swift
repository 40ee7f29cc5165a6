import Dispatch
import PetitionCore

/// A window's events handed from the thread that reads them to the one that folds them.
/// The array is taken out whole, so the folder holds its only reference and may move each
/// event out rather than copy it (`CaseBook.foldAll`).
package final class EventBatch: @unchecked Sendable {
    private var events: [CaseEvent]

    init(_ events: consuming [CaseEvent]) { self.events = events }

    /// The events, leaving the batch empty: taken once, by the thread that folds them.
    package func take() -> [CaseEvent] {
        var taken: [CaseEvent] = []
        swap(&taken, &events)
        return taken
    }
}

/// Reading: every window of the file checked (checksums, sequence, hash chain) and
/// decoded on both cores, a torn tail told apart from damage, and a case's records
/// read back on demand.
extension DurableLog {
    package func readAll() throws(StoreError) -> [CaseEvent] { takeUndelivered() }

    /// The events read on open, a batch at a time, each dropped once handed over: a
    /// replay never holds a second copy of them. If `body` throws, the batches after
    /// the one it was given stay, in order.
    package func readAll(inBatches body: (consuming [CaseEvent]) throws(StoreError) -> Void) throws(StoreError) {
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

    func takeUndelivered() -> [CaseEvent] {
        defer { undelivered = [] }
        return undelivered.count == 1 ? undelivered[0] : Array(undelivered.joined())
    }

    /// Reads frames past `end`, a window at a time; a writable open under the lock
    /// repairs a torn tail.
    func readNew(repair: Bool = true) throws {
        let fileSize = Int(try fs.size(fd))
        if fileSize < end {
            damage = .damage(at: fileSize, seq: lastSeq, reason: "the log is shorter than records already read")
            return
        }
        // Reading again after a torn batch was found: stop where it began.
        let size = min(fileSize, cutFrom ?? fileSize)
        var window = options.window
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
                             copyingPayloads: options.keepFrames, chaining: false, base: base)
            }
            guard deliver(&scan.frames, window: bytes, base: base) else { return }
            if var problem = scan.problem {
                if case .tornTail(let at, let reason) = problem, !atEndOfFile {
                    // Bytes that do not make a frame, with more file after this window: the
                    // rest of the file decides whether they are a crash leftover.
                    let rest = try fs.read(fd, count: fileSize - (base + at), at: Int64(base + at))
                    problem = rest.withUnsafeBytes { LogScan.classify($0, header: format, at: 0, seq: lastSeq + 1, reason: reason,
                                                                   base: base + at) }
                    problem = problem.shifted(by: base + at)
                } else {
                    problem = problem.shifted(by: base)
                }
                cutFrom = nil
                try handle(problem, size: fileSize, repair: repair)
                return
            }
            // A frame larger than the window: widen it.
            if scan.frames.isEmpty && !atEndOfFile { window *= 2 }
        }
        if let cut = cutFrom {
            cutFrom = nil
            if end == cut && fileSize > cut {
                try handle(.tornTail(at: cut, reason: "an unfinished batch: no commit record closes it"), size: fileSize,
                           repair: repair)
                return
            }
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
        let decoding = !options.verifyOnly
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
                        let shorts = ShortStrings()
                        window.withUnsafeBytes { raw in
                            for i in (count * w / workers)..<(count * (w + 1) / workers) {
                                let f = frame.advanced(by: i)
                                let offset = f.pointee.offset, length = f.pointee.length
                                f.pointee.hash = RecordHash(of: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]))
                                guard decoding, failed[w] == count else { continue }
                                let at = offset + LogFormat.frameHeaderSize
                                let payload = UnsafeRawBufferPointer(rebasing: raw[at..<(at + Int(raw.u32(offset + 8)))])
                                do { try LogRecord.decodeEvents(f.pointee, payload: payload, into: &events, shorts: shorts) } catch {
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
        // Checkpoints and recovery notes are few: read again here rather than sorted out on the cores.
        for i in 0..<good where frames[i].type == LogRecord.Kind.checkpoint.rawValue
            || frames[i].type == LogRecord.Kind.recoveryNote.rawValue || frames[i].type == LogRecord.Kind.staff.rawValue
            || frames[i].type == LogRecord.Kind.supervision.rawValue
            || frames[i].type == LogRecord.Kind.clock.rawValue || frames[i].type == LogRecord.Kind.training.rawValue {
            window.withUnsafeBytes { raw in
                let at = frames[i].offset + LogFormat.frameHeaderSize
                let payload = UnsafeRawBufferPointer(rebasing: raw[at..<(at + Int(raw.u32(frames[i].offset + 8)))])
                switch try? LogRecord.decode(frames[i], payload: payload) {
                case .checkpoint(let checkpoint)?: checkpoints.append(checkpoint)
                case .recoveryNote(let note)?: reservedNumbers += note.caseNumbers ?? []
                case .staff(let change)?: staffChanges.append(change)
                case .supervision(let act)?: supervisionRecords.append(act)
                case .clock(let move)?: clock = move
                case .training(let note)?: trainingNotes.append(NumberedNote(seq: frames[i].seq, note: note))
                // (The reference data in force is a database log's to enforce, decision 0028.)
                case .events?, .commit?, .salvage?, .disclosure?, .referenceData?, nil: break
                }
            }
        }
        if options.keepFrames {
            for i in 0..<good {
                var kept = frames[i]
                kept.offset = base + frames[i].offset
                self.frames.append(kept)
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
        // Each batch handed over whole, its array held nowhere else (`EventBatch`).
        batches.reverse()
        while let batch = batches.popLast() {
            if let replaySink { replaySink(self, EventBatch(consume batch)) } else { undelivered.append(batch) }
        }
        if good < count {
            damage = .damage(at: base + frames[good].offset, seq: frames[good].seq, reason: reason)
            return false
        }
        return true
    }

    /// The events of the records with these sequence numbers, read back from the file
    /// and checked again (checksum and payload); for a case's full history on demand.
    /// When these records were written, read from their frames; a record that does not
    /// read back is left out (reading the events says so).
    package func writtenAt(records seqs: [Int]) -> [Int: Instant] {
        var out: [Int: Instant] = [:]
        for seq in Set(seqs) {
            offsetsLock.lock()
            let known = seq >= 1 && seq <= recordOffsets.count
            let offset = known ? recordOffsets[seq - 1] : 0
            let next = !known ? 0 : seq < recordOffsets.count ? recordOffsets[seq] : end
            offsetsLock.unlock()
            guard known, let bytes = try? fs.read(fd, count: next - offset, at: Int64(offset)) else { continue }
            let decoded = bytes.withUnsafeBytes {
                LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: false)
            }
            if case .success(let frame) = decoded, frame.seq == seq { out[seq] = frame.time }
        }
        return out
    }

    package func events(inRecords seqs: [Int]) throws(StoreError) -> [CaseEvent] {
        var out: [CaseEvent] = []
        for seq in seqs {
            offsetsLock.lock()
            let known = seq >= 1 && seq <= recordOffsets.count
            let offset = known ? recordOffsets[seq - 1] : 0
            let next = !known ? 0 : seq < recordOffsets.count ? recordOffsets[seq] : end
            offsetsLock.unlock()
            guard known else {
                throw StoreError(.corruptRecord, path: path, seq: seq, cause: "no record \(seq) in this log")
            }
            do {
                let bytes = try fs.read(fd, count: next - offset, at: Int64(offset))
                let decoded = bytes.withUnsafeBytes {
                    LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: false)
                }
                guard case .success(let frame) = decoded, frame.seq == seq,
                      case .events(let events)? = try LogRecord.decode(frame) else {
                    // Damage a reading back found: noted, so that every later open knows it.
                    markDamaged(.damage(at: offset, seq: seq, reason: "record \(seq) does not read back"))
                    throw StoreError(.corruptRecord, path: path, seq: seq, cause: "offset \(offset): record \(seq) does not read back")
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
}
