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
    package var headHash: [UInt8] { frames.last?.hash ?? header.genesisHash }

    /// Scans frames from `start` (the header's end, or the end of an earlier scan).
    package static func scan(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header, from start: Int,
                             lastSeq: Int, lastHash: [UInt8]) -> (frames: [LogFormat.Frame], end: Int, problem: Problem?) {
        var frames: [LogFormat.Frame] = []
        var offset = start
        var expectedSeq = lastSeq + 1
        var prev = lastHash
        while offset < bytes.count {
            switch LogFormat.decodeFrame(bytes, at: offset, seed: header.seed, maxPayload: header.maxPayload) {
            case .success(let frame):
                if frame.seq != expectedSeq {
                    return (frames, offset, .damage(at: offset, seq: expectedSeq,
                                                    reason: "sequence \(frame.seq) where \(expectedSeq) was due"))
                }
                if frame.prevHash != prev {
                    return (frames, offset, .damage(at: offset, seq: frame.seq, reason: "hash chain broken"))
                }
                frames.append(frame)
                prev = frame.hash
                expectedSeq += 1
                offset += frame.length
            case .failure(let problem):
                // A later record written after these bytes had been synced proves they are
                // not a crash leftover (its durable-before offset lies beyond them).
                var probe = offset + 8
                while probe + LogFormat.frameHeaderSize + LogFormat.trailerSize <= bytes.count {
                    if bytes.u32(probe) == LogFormat.frameMagic,
                       case .success(let later) = LogFormat.decodeFrame(bytes, at: probe, seed: header.seed,
                                                                         maxPayload: header.maxPayload),
                       later.durableBefore > offset {
                        return (frames, offset, .damage(at: offset, seq: expectedSeq, reason: "\(problem)"))
                    }
                    probe += 8
                }
                return (frames, offset, .tornTail(at: offset, reason: "\(problem)"))
            }
        }
        return (frames, offset, nil)
    }
}
