import Foundation

/// Damage found once is known to every later open: `NAME.damaged` beside the log names
/// the damaged record (its sequence number, file offset and what was wrong).
///
/// An open from a snapshot does not re-read the records the snapshot covers, so damage
/// among them is found only by a full read — the console's background check, `log
/// verify`, an open without a snapshot. Whoever finds it leaves this note; every open
/// reads it (one small file) and, if the record it names is still bad, treats the log as
/// damaged too: `show`, `queue`, `register` and the console agree with `log verify`. The
/// note is only a pointer, checked against the log each time: once the log at that name
/// reads well there (a recovered or restored log put in its place), it is stale, ignored,
/// and removed by the next writer. Deleting it loses nothing the next full read would not
/// find again. Docs: docs/log-operations.md, "Damage".
package struct DamageMarker: Codable, Equatable, Sendable {
    package var seq: Int
    package var offset: Int
    package var reason: String

    package static func path(forLog log: String) -> String {
        (log.hasSuffix(".log") ? String(log.dropLast(4)) : log) + ".damaged"
    }

    /// Leaves the note for a problem that is damage (a torn tail is not), if the folder
    /// can be written; finding damage never fails for want of it.
    static func leave(_ problem: LogScan.Problem, forLog log: String, fs: any FileSystem) {
        guard case .damage(let at, let seq, let reason) = problem,
              let bytes = try? JSONEncoder().encode(DamageMarker(seq: seq, offset: at, reason: reason)) else { return }
        let path = path(forLog: log)
        if (try? read(path, fs: fs)) == DamageMarker(seq: seq, offset: at, reason: reason) { return }
        try? fs.replace(path, with: Array(bytes), temp: path + ".writing-\(getpid())",
                        mode: fs.modeForNewFile(at: path))
    }

    static func read(_ path: String, fs: any FileSystem) throws -> DamageMarker? {
        guard fs.exists(path) else { return nil }
        let fd = try fs.open(path, write: false, create: false, exclusive: false)
        defer { fs.close(fd) }
        let bytes = try fs.read(fd, count: min(4096, Int(try fs.size(fd))), at: 0)
        return try? JSONDecoder().decode(DamageMarker.self, from: Data(bytes))
    }
}

extension DurableLog {
    /// The damage a note beside the log names, if the log still holds it: the record at
    /// that offset does not read as that record, whole and chained to the one before it.
    /// Nil if there is no note or it is stale (a writer then removes it).
    func damageNoted() throws -> LogScan.Problem? {
        let notePath = DamageMarker.path(forLog: path)
        guard let note = try DamageMarker.read(notePath, fs: fs) else { return nil }
        if try !recordHolds(seq: note.seq, at: note.offset) {
            return .damage(at: note.offset, seq: note.seq, reason: note.reason)
        }
        if writable { fs.remove(notePath) }
        return nil
    }

    /// Whether record `seq` is at `offset`, its checksums intact, its payload readable,
    /// and its previous hash that of the record before it (the header's, for the first).
    private func recordHolds(seq: Int, at offset: Int) throws -> Bool {
        // Past what this open read (and found sound), or not a place a record can be: the
        // note is not about this file as it is now.
        guard seq >= 1, offset >= format.size, offset < end else { return true }
        let length = min(end - offset, format.maxPayload + 4096)
        let bytes = try fs.read(fd, count: length, at: Int64(offset))
        let decoded = bytes.withUnsafeBytes {
            LogFormat.decodeFrame($0, at: 0, seed: format.seed, maxPayload: format.maxPayload, hashing: false)
        }
        guard case .success(let frame) = decoded, frame.seq == seq, (try? LogRecord.decode(frame)) != nil else { return false }
        if seq == 1 { return offset == format.size && frame.prevHash == format.genesisHash }
        guard seq - 2 < recordOffsets.count, recordOffsets[seq - 2] < offset else { return false }
        let before = recordOffsets[seq - 2]
        return frame.prevHash == RecordHash(of: try fs.read(fd, count: offset - before, at: Int64(before)))
    }
}
