import Foundation
import PetitionCore

/// Reading a log file whole without changing it: for `xinfang log info`, `verify`,
/// `dump` and `recover`, which an auditor may run on a copy.
package enum LogInspection {
    /// Reads and checks every byte of the file.
    package static func scan(_ path: String, fs: any FileSystem = PosixFileSystem()) throws(StoreError) -> LogScan {
        guard fs.exists(path) else { throw StoreError(.logMissing, path: path) }
        let bytes: [UInt8]
        do {
            let fd = try fs.open(path, write: false, create: false, exclusive: false)
            defer { fs.close(fd) }
            bytes = try fs.read(fd, count: Int(try fs.size(fd)), at: 0)
        } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        let result: Result<LogScan, StoreError> = bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) -> LogScan in try scan(raw, path: path) }
        }
        return try result.get()
    }

    private static func scan(_ raw: UnsafeRawBufferPointer, path: String) throws(StoreError) -> LogScan {
        let header: LogFormat.Header
        switch LogFormat.decodeHeader(raw) {
        case .failure(.notALog): throw StoreError(.notALog, path: path)
        case .failure(.futureVersion(let v)): throw StoreError(.futureVersion, path: path, cause: "\(v)")
        case .failure(.damaged): throw StoreError(.corruptRecord, path: path, cause: "header")
        case .success(let h): header = h
        }
        let result = LogScan.scan(raw, header: header, from: header.size, lastSeq: 0, lastHash: header.genesisHash)
        var scan = LogScan(header: header, frames: result.frames, end: result.end, fileSize: raw.count,
                           problem: result.problem)
        // A payload that does not decode is damage too, though its checksums held.
        for frame in result.frames {
            do { _ = try LogRecord.decode(frame) } catch {
                scan.frames = Array(result.frames.prefix { $0.seq < frame.seq })
                scan.end = frame.offset
                scan.problem = .damage(at: frame.offset, seq: frame.seq, reason: "payload: \(error)")
                break
            }
        }
        return scan
    }

    /// Leaves the note that tells later opens of the log of damage `scan` found (they may
    /// open from a snapshot and not read that far): `log verify` and the console agree
    /// with `show` and `queue` from then on. Nothing for an intact log or a torn tail.
    package static func noteDamage(_ scan: LogScan, ofLog path: String, fs: any FileSystem = PosixFileSystem()) {
        if let problem = scan.problem { DamageMarker.leave(problem, forLog: path, fs: fs) }
    }

    /// Writes a new log beside the damaged one: the same header, the valid prefix
    /// byte for byte, and a recovery note; the rest goes to a quarantine file beside
    /// the new log (verified, `Quarantine`). The original is never modified or deleted.
    /// `out` may not be one of the log's own files (the log, its snapshot, its roster, its
    /// damage note, a quarantine file); a temporary `out.creating` left by an earlier failed recover is
    /// replaced (`staleReplaced`); a recover that fails leaves no new file behind.
    package static func recover(_ path: String, to out: String, fs: any FileSystem = PosixFileSystem(),
                                clock: DurableLog.Clock = DurableLog.systemClock)
        throws(StoreError) -> (scan: LogScan, note: RecoveryNote, staleReplaced: Bool)? {
        if isOwnFile(out, ofLog: path) { throw StoreError(.ownFile, path: out) }
        let scan = try scan(path, fs: fs)
        guard let problem = scan.problem else { return nil }
        if fs.exists(out) { throw StoreError(.logExists, path: out) }
        let original: [UInt8]
        do {
            let fd = try fs.open(path, write: false, create: false, exclusive: false)
            defer { fs.close(fd) }
            original = try fs.read(fd, count: scan.fileSize, at: 0)
        } catch {
            throw StoreError(.io, path: path, cause: error.description)
        }
        let cut = Array(original[scan.end...])
        let digest = RecordHash(of: cut).hex
        let outDir = (out as NSString).deletingLastPathComponent
        let base = Quarantine.prefix(forLog: (out as NSString).lastPathComponent) + "\(scan.lastSeq + 1)-\(scan.end)-\(digest.prefix(8))"
        let reason: String = switch problem {
        case .tornTail(_, let r): "torn-tail: \(r)"
        case .damage(_, let seq, let r): "damage at record \(seq): \(r)"
        }
        let temp = out + ".creating"
        let staleReplaced = fs.exists(temp)
        var kept: (name: String, created: Bool)?
        do {
            kept = try Quarantine.keep(cut, base: base, in: outDir, fs: fs)
            let numbers = Quarantine.caseNumbers(in: cut, format: scan.header)
            let note = RecoveryNote(reason: reason, cutAt: scan.end, bytes: cut.count, sha256: digest,
                                    quarantine: kept?.name ?? base, caseNumbers: numbers.isEmpty ? nil : numbers)
            let (format, payload) = LogRecord.recoveryNote(note).encoded()
            let noteFrame = LogFormat.encodeFrame(
                seq: scan.lastSeq + 1, kind: .recoveryNote, format: format, time: clock(), durableBefore: scan.end,
                writerID: UInt32(truncatingIfNeeded: getpid()), prevHash: scan.headHash, payload: payload,
                seed: scan.header.seed)
            try fs.replace(out, with: Array(original[..<scan.end]) + noteFrame, temp: temp, durable: true)
            return (scan, note, staleReplaced)
        } catch {
            // Nothing of a failed recover stays: not the new log (`out` was not there
            // before: checked above), nor the copy of the cut bytes (the original still
            // holds them), nor a stale temporary file.
            fs.remove(out)
            fs.remove(temp)
            if let kept, kept.created { fs.remove(outDir.isEmpty ? kept.name : outDir + "/" + kept.name) }
            throw StoreError(.io, path: out, cause: error.description)
        }
    }

    /// Whether `out` names the log itself, its snapshot, its roster or one of its
    /// quarantine files: writing a recovered log there would destroy or be destroyed
    /// by what the next open does with that file.
    static func isOwnFile(_ out: String, ofLog log: String) -> Bool {
        func normal(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        let target = normal(out), logPath = normal(log)
        return [logPath, normal(CaseSnapshot.path(forLog: log)), normal(Roster.path(forLog: log)),
                normal(DamageMarker.path(forLog: log))].contains(target)
            || Quarantine.isQuarantine(target, ofLog: logPath)
    }
}
