import Foundation
import PetitionCore

/// Reading a log file whole without changing it: for `xinfang log info`, `verify`,
/// `dump` and `recover`, which an auditor may run on a copy.
package enum LogInspection {
    /// Reads and checks every byte of the file.
    package static func scan(_ path: String, fs: any FileSystem = PosixFileSystem()) throws(StoreError) -> LogScan {
        guard fs.exists(path) else { throw StoreError(.logMissing, path: path) }
        if !fs.isRegularFile(path) { throw StoreError(.io, path: path, cause: "not a regular file") }
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

    /// The same for a log's bytes held elsewhere (a PostgreSQL log's header and frames,
    /// laid end to end as a file would hold them); `path` names it in messages.
    package static func scan(bytes: [UInt8], path: String) throws(StoreError) -> LogScan {
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

    /// Whether `out` names the log itself, its snapshot, its roster or one of its
    /// quarantine files: writing a recovered log there would destroy or be destroyed
    /// by what the next open does with that file.
    static func isOwnFile(_ out: String, ofLog log: String) -> Bool {
        func normal(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        let target = normal(out), logPath = normal(log)
        return [logPath, normal(CaseSnapshot.path(forLog: log)), normal(Roster.path(forLog: log)),
                normal(DamageMarker.path(forLog: log)), normal(log + ".creating")].contains(target)
            || Quarantine.isQuarantine(target, ofLog: logPath)
    }
}

extension LogInspection {
    /// Every staff record of a log file, with its sequence number, read whole from the
    /// first record (not from a snapshot): for "who held which role on 5 May".
    package static func staffChanges(_ path: String, fs: any FileSystem = PosixFileSystem())
        throws(StoreError) -> [(seq: Int, change: StaffChange)] {
        staffChanges(in: try scan(path, fs: fs))
    }

    /// The staff records of a scanned log, with their sequence numbers.
    package static func staffChanges(in scan: LogScan) -> [(seq: Int, change: StaffChange)] {
        scan.frames.compactMap { frame in
            guard frame.type == LogRecord.Kind.staff.rawValue, case .staff(let change)? = try? LogRecord.decode(frame) else {
                return nil
            }
            return (frame.seq, change)
        }
    }
}
