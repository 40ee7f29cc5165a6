import Foundation
import PetitionCore

extension LogInspection {
    /// What a recovery wrote.
    package struct Recovered: Sendable {
        /// The records kept, with their new sequence numbers 1 … `kept`.
        package var kept: Int
        package var lost: [SalvageRecord.Lost]
        package var quarantined: [SalvageRecord.Quarantined]
        package var unchained: [Int]
        /// The cases marked incomplete (a `recordsLost` event each).
        package var incomplete: [CaseNumber]
        package var originalSHA256: String
        /// The new log's record count and head hash.
        package var records: Int
        package var headHash: RecordHash
        /// Whether a `NEW.creating` left by an earlier recover was replaced.
        package var staleReplaced: Bool
    }

    /// The largest number of lost records or hash-map entries one salvage record carries,
    /// so that its payload stays far below the log's maximum (1 MiB).
    static let salvagePartSize = 2_000
    /// The largest number of `recordsLost` events one record carries.
    static let lostEventsPerRecord = 500

    /// Writes a new log beside the damaged one: the same header, **every intact record**
    /// of the original — before and after the damage — renumbered densely and chained
    /// anew from the header's genesis hash, then a `recordsLost` event for each case a lost
    /// record belonged to (so the case is incomplete until a supervisor reviews it, and
    /// its number is never issued again), then the salvage record(s): each lost record,
    /// the original's SHA-256, the quarantine files and the map from old record hashes to
    /// new. Bytes that are not an intact record go to verified quarantine files beside
    /// the new log. The original is never modified or deleted. `out` may not be one of
    /// the log's own files; a temporary `out.creating` left by an earlier failed recover
    /// is replaced (`staleReplaced`); a recover that fails leaves no new file behind.
    /// Returns nil (writing nothing) for an intact log. docs/decisions/0013-salvage.md.
    package static func recover(_ path: String, to out: String, fs: any FileSystem = PosixFileSystem(),
                                clock: DurableLog.Clock = DurableLog.systemClock) throws(StoreError) -> Recovered? {
        if isOwnFile(out, ofLog: path) { throw StoreError(.ownFile, path: out) }
        let scan = try scan(path, fs: fs)
        guard scan.problem != nil else { return nil }
        if fs.exists(out) { throw StoreError(.logExists, path: out) }
        let original: [UInt8]
        do {
            let fd = try fs.open(path, write: false, create: false, exclusive: false)
            defer { fs.close(fd) }
            original = try fs.read(fd, count: scan.fileSize, at: 0)
        } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        let header = scan.header
        let found = original.withUnsafeBytes { Salvage.scan($0, header: header) }
        let originalSHA = RecordHash(of: original).hex
        let outDir = (out as NSString).deletingLastPathComponent
        let temp = out + ".creating"
        let staleReplaced = fs.exists(temp)
        var created: [String] = []
        do {
            // The bytes that are not records, each run in a quarantine file of its own.
            var quarantined: [SalvageRecord.Quarantined] = []
            for region in found.regions where region.end > region.start {
                let bytes = Array(original[region.start..<region.end])
                let digest = RecordHash(of: bytes).hex
                let firstSeq = region.lost.first?.seq ?? ((found.kept.last { $0.offset < region.start }?.seq ?? 0) + 1)
                let base = Quarantine.prefix(forLog: (out as NSString).lastPathComponent)
                    + "\(firstSeq)-\(region.start)-\(digest.prefix(8))"
                let kept = try Quarantine.keep(bytes, base: base, in: outDir, fs: fs)
                if kept.created { created.append(outDir.isEmpty ? kept.name : outDir + "/" + kept.name) }
                quarantined.append(.init(file: kept.name, offset: region.start, bytes: bytes.count, sha256: digest))
            }
            var writer = Rechain(header: header, original: original)
            writer.copy(found.kept)
            let lost = found.regions.flatMap(\.lost)
            let incomplete = writer.markIncomplete(lost: lost, unchained: found.unchained, kept: found.kept,
                                                   originalSHA: originalSHA, now: clock())
            writer.appendSalvage(original: originalSHA, bytes: original.count, lost: lost, unchained: found.unchained,
                                 quarantined: quarantined, now: clock())
            try fs.replace(out, with: writer.file, temp: temp, durable: true)
            return Recovered(kept: found.kept.count, lost: lost, quarantined: quarantined, unchained: found.unchained,
                             incomplete: incomplete, originalSHA256: originalSHA, records: writer.seq,
                             headHash: writer.prev, staleReplaced: staleReplaced)
        } catch {
            // Nothing of a failed recover stays: not the new log (`out` was not there
            // before: checked above), nor the copies of the cut bytes (the original still
            // holds them), nor a stale temporary file.
            fs.remove(out)
            fs.remove(temp)
            for file in created { fs.remove(file) }
            throw StoreError(.io, path: out, cause: error.description)
        }
    }
}

/// The new log being built in memory: frames renumbered and chained as they are added.
private struct Rechain {
    let header: LogFormat.Header
    var file: [UInt8]
    var seq = 0
    var prev: RecordHash
    /// Old sequence number → new, and the hash map the salvage record carries.
    var renumbered: [Int: Int] = [:]
    var moved: [SalvageRecord.Moved] = []
    let writer = UInt32(truncatingIfNeeded: getpid())

    init(header: LogFormat.Header, original: [UInt8]) {
        self.header = header
        file = Array(original[..<header.size])
        prev = header.genesisHash
    }

    /// Appends one frame; its durable-before is its own offset: the new log is synced
    /// whole before it is renamed into place, so everything before any record is on disk.
    private mutating func append(type: UInt16, format: UInt16, time: Instant, writerID: UInt32, payload: [UInt8]) {
        seq += 1
        let frame = LogFormat.encodeFrame(seq: seq, type: type, format: format, time: time, durableBefore: file.count,
                                          writerID: writerID, prevHash: prev, payload: payload, seed: header.seed)
        prev = RecordHash(of: frame)
        file += frame
    }

    private mutating func append(_ record: LogRecord, time: Instant) {
        let (format, payload) = record.encoded()
        append(type: record.kind.rawValue, format: format.rawValue, time: time, writerID: writer, payload: payload)
    }

    /// Copies the kept records in order. Their payloads are copied as they are, except
    /// where a record names another by sequence number: a voiding (the voided record's new
    /// number; 0 if it was lost), a document's issue (the record it was rendered after: the
    /// last kept at or before it, so `doc verify` replays the same records, decision 0025)
    /// and a batch's commit record (the batch's kept records).
    /// Whether an event names another record by its sequence number.
    static func namesARecord(_ event: CaseEvent) -> Bool {
        switch event.body {
        case .voided, .documentIssued: true
        default: false  // every other event names cases and days, not records
        }
    }

    mutating func copy(_ kept: [LogFormat.Frame]) {
        for (i, frame) in kept.enumerated() { renumbered[frame.seq] = i + 1 }
        var newHashes: [Int: RecordHash] = [:]
        for frame in kept {
            var format = frame.format
            var payload = frame.payload
            switch try? LogRecord.decode(frame) {
            case .events(var events)? where events.contains(where: Self.namesARecord):
                for i in events.indices {
                    if case .voided(let old, let reason) = events[i].body {
                        events[i].body = .voided(seq: renumbered[old] ?? 0, reason: reason)
                    }
                    if case .documentIssued(let kind, let old, let to, let delivery, let digest) = events[i].body {
                        let kept = renumbered.filter { $0.key <= old }.map(\.value).max() ?? 0
                        events[i].body = .documentIssued(kind: kind, asOf: kept, to: to, delivery: delivery, digest: digest)
                    }
                }
                (format, payload) = (LogFormat.PayloadFormat.binary.rawValue, BinaryEventCodec.encode(events))
            case .commit(let c)?:
                let batch = (c.first...max(c.first, c.last)).compactMap { renumbered[$0] }
                if let first = batch.first, let last = batch.last, let hash = newHashes[last] {
                    let (f, p) = LogRecord.commit(BatchCommit(first: first, last: last, lastHash: hash.hex)).encoded()
                    (format, payload) = (f.rawValue, p)
                }
            case .events?, .recoveryNote?, .salvage?, .checkpoint?, .staff?, .disclosure?, .supervision?, .clock?, .training?,
                 .referenceData?, nil:
                break
            }
            append(type: frame.type, format: format, time: frame.time, writerID: frame.writerID, payload: payload)
            newHashes[seq] = prev
            moved.append(.init(oldSeq: frame.seq, old: frame.hash.hex, newSeq: seq, new: prev.hex))
        }
    }

    /// A `recordsLost` event for every case named by a lost record, or by a kept record
    /// that a later one no longer vouches for (the record before an unchained one).
    mutating func markIncomplete(lost: [SalvageRecord.Lost], unchained: [Int], kept: [LogFormat.Frame],
                                 originalSHA: String, now: Instant) -> [CaseNumber] {
        var seqsOf: [CaseNumber: [Int]] = [:]
        for record in lost {
            for text in record.cases { if let n = CaseNumber(text) { seqsOf[n, default: []].append(record.seq) } }
        }
        let bySeq = Dictionary(kept.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        for after in unchained {
            guard let suspect = bySeq[after - 1], case .events(let events)? = try? LogRecord.decode(suspect) else { continue }
            for e in events { seqsOf[e.caseNumber, default: []].append(suspect.seq) }
        }
        let actor = Actor(user: "log-recover", role: .administrator, organ: header.jurisdiction)
        let events = seqsOf.keys.sorted().map { number in
            let seqs = Array(Set(seqsOf[number] ?? [])).sorted()
            return CaseEvent(caseNumber: number, at: now, actor: actor, rule: .practiceRecovery,
                             body: .recordsLost(seqs: seqs, note: "日志恢复：原日志（SHA-256 \(originalSHA.prefix(16))…）第"
                                                + seqs.map(String.init).joined(separator: "、") + "条记录损坏，未能保留"))
        }
        var start = 0
        while start < events.count {
            let end = min(events.count, start + LogInspection.lostEventsPerRecord)
            append(.events(Array(events[start..<end])), time: now)
            start = end
        }
        return seqsOf.keys.sorted()
    }

    /// The salvage record, in as many parts as its lists need.
    mutating func appendSalvage(original: String, bytes: Int, lost: [SalvageRecord.Lost], unchained: [Int],
                                quarantined: [SalvageRecord.Quarantined], now: Instant) {
        let size = LogInspection.salvagePartSize
        let parts = max(1, (moved.count + size - 1) / size, (lost.count + size - 1) / size,
                        (unchained.count + size - 1) / size)
        func slice<T>(_ all: [T], _ part: Int) -> [T] {
            let from = min(all.count, part * size)
            return Array(all[from..<min(all.count, from + size)])
        }
        let map = moved
        for part in 0..<parts {
            let record = SalvageRecord(part: part + 1, parts: parts, originalSHA256: original, originalBytes: bytes,
                                       lost: slice(lost, part), unchained: slice(unchained, part),
                                       quarantined: part == 0 ? quarantined : [], map: slice(map, part))
            append(.salvage(record), time: now)
        }
    }
}
