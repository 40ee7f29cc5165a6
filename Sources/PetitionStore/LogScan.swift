import Dispatch
import PetitionCore

/// What a read of the whole log found: the valid records, and the first problem if any.
package struct LogScan: Sendable {
    /// What is wrong after the valid prefix.
    package enum Problem: Equatable, Sendable {
        /// Bytes after the last valid record that are provably a crash leftover: no
        /// later record vouches for them (docs/log-format.md, "Recovery").
        case tornTail(at: Int, reason: String)
        /// Data that had been synced is damaged, or the sequence or hash chain is broken:
        /// the log is read-only until `xinfang log recover`.
        case damage(at: Int, seq: Int, reason: String)
    }

    package var header: LogFormat.Header
    package var frames: [LogFormat.Frame]
    /// The offset just past the last valid record.
    package var end: Int
    package var fileSize: Int
    package var problem: Problem?

    package var lastSeq: Int { frames.last?.seq ?? 0 }
    package var headHash: RecordHash { frames.last?.hash ?? header.genesisHash }

    /// Scans frames from `start` (the header's end, or the end of an earlier scan).
    /// With `atEndOfFile: false` the buffer is a window on a longer file: a frame cut
    /// off by the window's end is not a problem, the scan just stops before it.
    /// With `chaining: false` the frames' hashes are neither computed nor chained: the
    /// caller does both (the replay hashes and decodes in one pass on both cores).
    package static func scan(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header, from start: Int,
                             lastSeq: Int, lastHash: RecordHash, atEndOfFile: Bool = true, copyingPayloads: Bool = true,
                             chaining: Bool = true)
        -> (frames: [LogFormat.Frame], end: Int, problem: Problem?) {
        // Pass 1, in order: frame boundaries, checksums and sequence numbers.
        var frames: [LogFormat.Frame] = []
        // About one frame per 160 bytes (an event record is ~170): the array seldom grows,
        // so a window's frames are not copied over and over as it does.
        frames.reserveCapacity(max(0, bytes.count - start) / 160)
        var offset = start
        var expectedSeq = lastSeq + 1
        var problem: Problem?
        while offset < bytes.count {
            switch LogFormat.decodeFrame(bytes, at: offset, seed: header.seed, maxPayload: header.maxPayload, hashing: false,
                                         copyingPayload: copyingPayloads) {
            case .success(let frame):
                if frame.seq != expectedSeq {
                    problem = .damage(at: offset, seq: expectedSeq, reason: "sequence \(frame.seq) where \(expectedSeq) was due")
                    break
                }
                frames.append(frame)
                expectedSeq += 1
                offset += frame.length
                continue
            case .failure(.incomplete) where !atEndOfFile:
                break
            case .failure(let failure):
                problem = classify(bytes, header: header, at: offset, seq: expectedSeq, reason: "\(failure)")
            }
            break
        }
        guard chaining else { return (frames, offset, problem) }
        // Pass 2, on both cores: each frame's SHA-256.
        frames.withUnsafeMutableBufferPointer { all in
            // Each worker writes only its own frames' hashes and reads only the file bytes.
            nonisolated(unsafe) let base = all.baseAddress
            nonisolated(unsafe) let file = bytes
            let count = all.count
            let workers = count < 64 ? 1 : 2
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w
                while i < count {
                    guard let f = base?.advanced(by: i) else { return }
                    let range = f.pointee.offset..<(f.pointee.offset + f.pointee.length)
                    f.pointee.hash = RecordHash(of: UnsafeRawBufferPointer(rebasing: file[range]))
                    i += workers
                }
            }
        }
        // Pass 3, in order: the hash chain.
        if let i = chainBreak(in: frames[...], after: lastHash) {
            return (Array(frames[..<i]), frames[i].offset,
                    .damage(at: frames[i].offset, seq: frames[i].seq, reason: "hash chain broken"))
        }
        return (frames, offset, problem)
    }

    /// The index of the first frame (hashed) whose predecessor's hash is not the one it
    /// names, the first naming `lastHash`; nil if the chain holds throughout.
    static func chainBreak(in frames: ArraySlice<LogFormat.Frame>, after lastHash: RecordHash) -> Int? {
        var prev = lastHash
        for i in frames.indices {
            if frames[i].prevHash != prev { return i }
            prev = frames[i].hash
        }
        return nil
    }

    /// Whether bytes that do not make a valid frame are a crash leftover: only if no
    /// later record, written after these bytes had been synced, vouches for them
    /// (its durable-before offset lies beyond them).
    static func classify(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header, at offset: Int, seq: Int,
                         reason: String) -> Problem {
        var probe = offset + 8
        while probe + LogFormat.frameHeaderSize + LogFormat.trailerSize <= bytes.count {
            if bytes.u32(probe) == LogFormat.frameMagic,
               case .success(let later) = LogFormat.decodeFrame(bytes, at: probe, seed: header.seed,
                                                                 maxPayload: header.maxPayload, hashing: false),
               later.durableBefore > offset {
                return .damage(at: offset, seq: seq, reason: reason)
            }
            probe += 8
        }
        return .tornTail(at: offset, reason: reason)
    }
}
