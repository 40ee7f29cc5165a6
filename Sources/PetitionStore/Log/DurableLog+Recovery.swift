import Foundation
import PetitionCore

/// Recovery on open: a torn tail (a crash leftover no later record vouches for) is
/// moved aside, byte for byte, before anything is written after it; damage to synced
/// data makes the log read-only (docs/log-format.md, "Recovery").
extension DurableLog {
    func handle(_ problem: LogScan.Problem, size: Int, repair: Bool) throws {
        switch problem {
        case .damage:
            damage = problem
        case .tornTail(let at, let reason):
            if writable && repair {
                try fs.lock(fd)
                defer { fs.unlock(fd) }
                // Another writer may have repaired or extended it meanwhile: look again under the lock.
                if Int(try fs.size(fd)) == size {
                    if opening, let start = try unfinishedBatchStart(tornAt: at, size: size) {
                        throw UnfinishedBatch(start: start)
                    }
                    try moveTornTailAside(at: at, size: size, reason: reason)
                } else {
                    try readNew(repair: false)
                }
            } else {
                // A reader shows what a writer would keep: not an unfinished batch's first records.
                if opening, let start = try unfinishedBatchStart(tornAt: at, size: size) {
                    throw UnfinishedBatch(start: start)
                }
                pendingTornTail = at
            }
        }
    }

    /// Moves the bytes of a torn tail into a quarantine file beside the log (synced,
    /// read back and compared byte for byte), cuts them off, and records the cut in the
    /// log, naming the file that really holds them. If the quarantine file cannot be
    /// written and verified, the log is left as it was. Under the lock.
    func moveTornTailAside(at offset: Int, size: Int, reason: String) throws {
        let cut = try fs.read(fd, count: size - offset, at: Int64(offset))
        let digest = RecordHash(of: cut).hex
        let base = Quarantine.prefix(forLog: (path as NSString).lastPathComponent)
            + "\(lastSeq + 1)-\(offset)-\(digest.prefix(8))"
        let name = try Quarantine.keep(cut, base: base, in: (path as NSString).deletingLastPathComponent, fs: fs).name
        // A cut made here before whose note never got written (this tail may be that
        // note, torn) is noted with this one.
        let orphans = offset == end ? try orphanedNotes(excluding: name) : []
        try fs.truncate(fd, to: Int64(offset))
        try fs.dataSync(fd)
        offsetsLock.lock()
        end = offset
        offsetsLock.unlock()
        pendingTornTail = nil
        let numbers = Quarantine.caseNumbers(in: cut, format: format)
        let note = RecoveryNote(reason: "torn-tail: \(reason)", cutAt: offset, bytes: cut.count, sha256: digest,
                                quarantine: name, caseNumbers: numbers.isEmpty ? nil : numbers)
        _ = try write(orphans.map { .recoveryNote($0) } + [.recoveryNote(note)])
        recoveries += orphans + [note]
    }
}

extension DurableLog {
    /// Puts right a repair stopped between the cut and its note (power lost, or the
    /// note's write failed): the log ends cleanly where a quarantine file's name says a
    /// torn tail was cut, so the note is written now, naming it. On a writable open,
    /// before anything else is appended.
    func noteOrphanedQuarantine() throws {
        guard writable, damage == nil, pendingTornTail == nil, !(try orphanedNotes(excluding: nil)).isEmpty else { return }
        try fs.lock(fd)
        defer { fs.unlock(fd) }
        guard Int(try fs.size(fd)) == end else { return }  // another writer went on meanwhile
        let notes = try orphanedNotes(excluding: nil)
        if notes.isEmpty { return }
        _ = try write(notes.map { .recoveryNote($0) })
        recoveries += notes
    }

    /// Notes for the quarantine files beside the log whose names say they hold bytes
    /// cut at the log's end as the next record's (`NAME.quarantine-SEQ-END-HASH…`) and
    /// whose bytes match that hash: no note names them yet, or the log would not end
    /// there with that sequence. The file was verified before the cut; its hash is
    /// checked again here.
    func orphanedNotes(excluding written: String?) throws -> [RecoveryNote] {
        let dir = (path as NSString).deletingLastPathComponent
        let stem = Quarantine.prefix(forLog: (path as NSString).lastPathComponent) + "\(lastSeq + 1)-\(end)-"
        var notes: [RecoveryNote] = []
        for name in try fs.list(dir.isEmpty ? "." : dir).sorted()
        where name.hasPrefix(stem) && !name.hasSuffix(".writing") && name != written {
            let qfd = try fs.open(dir.isEmpty ? name : dir + "/" + name, write: false, create: false, exclusive: false)
            defer { fs.close(qfd) }
            let bytes = try fs.read(qfd, count: Int(try fs.size(qfd)), at: 0)
            let digest = RecordHash(of: bytes).hex
            guard name.dropFirst(stem.count).hasPrefix(digest.prefix(8)) else { continue }  // someone else's partial copy
            let numbers = Quarantine.caseNumbers(in: bytes, format: format)
            notes.append(RecoveryNote(reason: "torn-tail: cut before its note was written (power lost or a failed write)",
                                      cutAt: end, bytes: bytes.count, sha256: digest, quarantine: name,
                                      caseNumbers: numbers.isEmpty ? nil : numbers))
        }
        return notes
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

/// A torn tail that began inside a batch: the batch's first records are whole, but the
/// crash came before its commit, so none of it was acknowledged. `DurableLog.open` reads
/// the log again up to `start` and moves everything from there aside.
struct UnfinishedBatch: Error {
    let start: Int
}

extension DurableLog {
    /// Where the write that left a torn tail at `at` began, if that was before `at`: the
    /// torn record's own header survived (its checksum holds; it is the next record, its
    /// previous hash the last whole record's) and names an earlier start as its
    /// durable-before, which every record of one write shares; the records from there to
    /// the tear are all whole records of that write (the same durable-before, no commit
    /// among them); and no snapshot covers them. Nil for a one-record write, or when the
    /// torn bytes do not say (a header torn too: the batch's whole records then stay, as
    /// records never acknowledged).
    func unfinishedBatchStart(tornAt at: Int, size: Int) throws -> Int? {
        let torn = try fs.read(fd, count: min(size - at, LogFormat.frameHeaderSize), at: Int64(at))
        let seed = format.seed, next = lastSeq + 1, last = headHash
        let named: Int? = torn.withUnsafeBytes { raw in
            guard raw.count == LogFormat.frameHeaderSize, raw.u32(0) == LogFormat.frameMagic,
                  CRC32C.unmask(raw.u32(4)) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[8..<80]), seed: seed),
                  Int(raw.u64(16)) == next, RecordHash(stored: UnsafeRawBufferPointer(rebasing: raw[48..<80])) == last
            else { return nil }
            let before = Int(raw.u64(32))
            return before < at ? before : nil
        }
        guard let start = named, start >= max(format.size, snapshotCovered?.end ?? 0),
              recordOffsets.last.map({ $0 >= start }) == true, recordOffsets.lastIndex(of: start) != nil else { return nil }
        let whole = try fs.read(fd, count: at - start, at: Int64(start))
        return whole.withUnsafeBytes { raw -> Int? in
            var p = 0
            while p < raw.count {
                guard case .success(let frame) = LogFormat.decodeFrame(raw, at: p, seed: seed, maxPayload: format.maxPayload,
                                                                       hashing: false, copyingPayload: false),
                      frame.durableBefore == start, frame.type != LogRecord.Kind.commit.rawValue else { return nil }
                p += frame.length
            }
            return p == raw.count && p > 0 ? start : nil
        }
    }
}
