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
    /// `base` is the file offset of `bytes[0]` (a window's start): durable-before offsets
    /// are file offsets, and are compared as such.
    package static func scan(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header, from start: Int,
                             lastSeq: Int, lastHash: RecordHash, atEndOfFile: Bool = true, copyingPayloads: Bool = true,
                             chaining: Bool = true, base: Int = 0)
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
                problem = classify(bytes, header: header, at: offset, seq: expectedSeq, reason: "\(failure)", base: base)
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
    /// (its durable-before offset lies beyond them). Later records are looked for at every
    /// byte, not only where frames would start: bytes deleted or inserted in the middle of
    /// a log shift every record after them off the 8-byte grid.
    static func classify(_ bytes: UnsafeRawBufferPointer, header: LogFormat.Header, at offset: Int, seq: Int,
                         reason: String, base: Int) -> Problem {
        var probe = offset + 1
        while probe + LogFormat.frameHeaderSize + LogFormat.trailerSize <= bytes.count {
            if bytes.u32(probe) == LogFormat.frameMagic,
               case .success(let later) = LogFormat.decodeFrame(bytes, at: probe, seed: header.seed,
                                                                 maxPayload: header.maxPayload, hashing: false),
               later.durableBefore > base + offset {
                return .damage(at: offset, seq: seq, reason: reason)
            }
            probe += 1
        }
        return .tornTail(at: offset, reason: reason)
    }
}

extension LogScan.Problem {
    /// Which record, where, and what is wrong with it, for a user: "第12条记录（字节偏移
    /// 4096，哈希链断开…）"; a torn tail has no record, only its offset.
    package func located(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .damage(let at, let seq, let reason):
            let why = Self.reason(reason, language)
            return zh ? "第\(seq)条记录（字节偏移\(at)，\(why)）" : "record \(seq) (byte offset \(at), \(why))"
        case .tornTail(let at, let reason):
            let why = Self.reason(reason, language)
            return zh ? "字节偏移\(at)（\(why)）" : "byte offset \(at) (\(why))"
        }
    }

    /// A reason as the store words it (English, as `log verify` and the recovery notes
    /// keep it), in the user's language. Every reason the store gives is here; anything
    /// else is shown as it is.
    package static func reason(_ english: String, _ language: Language) -> String {
        guard language == .zh else { return english }
        if english.hasPrefix("offset "), let colon = english.firstIndex(of: ":") {  // "offset 4096: hash chain broken"
            let offset = english.dropFirst("offset ".count).prefix { $0.isNumber }
            let rest = english[english.index(after: colon)...].drop { $0 == " " }
            return "字节偏移\(offset)，" + reason(String(rest), language)
        }
        let words = english.split(separator: " ")
        if words.count == 6, words[0] == "record", words[2] == "does" {  // "record 7 does not read back"
            return "第\(words[1])条记录读不回来"
        }
        if words.count == 6, words[0] == "no", words[1] == "record" {  // "no record 7 in this log"
            return "日志中没有第\(words[2])条记录"
        }
        if words.count == 6, words[0] == "sequence", words[2] == "where" {  // "sequence 7 where 5 was due"
            return "序号为\(words[1])，应为\(words[3])（缺号、重号或顺序错乱）"
        }
        if english.hasPrefix("payload: ") { return "内容无法解码" }
        let known: [String: String] = [
            "hash chain broken": "哈希链断开：记录被改动、删除或调换",
            "an unfinished batch: no commit record closes it": "未写完的一批记录：崩溃前没有写入提交记录，从未确认",
            "payload does not decode": "内容无法解码",
            "the log is shorter than records already read": "日志比已读过的记录短（被截断）",
            "invalid record inside what the snapshot covers": "快照所覆盖的记录中有无效记录",
            "left by a writer that stopped mid-append": "写入中途停止的程序留下",
            "incomplete": "记录不完整", "badMagic": "记录起始标记不符", "badHeaderChecksum": "记录头校验和不符",
            "badLength": "记录长度不合理", "badPayloadChecksum": "记录内容校验和不符",
            "badPadding": "填充字节不为零", "badTrailer": "记录尾不符", "header": "文件头损坏",
        ]
        return known[english] ?? english
    }
}
