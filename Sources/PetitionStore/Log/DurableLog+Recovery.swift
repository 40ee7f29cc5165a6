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
                    try moveTornTailAside(at: at, size: size, reason: reason)
                } else {
                    try readNew(repair: false)
                }
            } else {
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
        try fs.truncate(fd, to: Int64(offset))
        try fs.dataSync(fd)
        offsetsLock.lock()
        end = offset
        offsetsLock.unlock()
        pendingTornTail = nil
        let note = RecoveryNote(reason: "torn-tail: \(reason)", cutAt: offset, bytes: cut.count, sha256: digest,
                                quarantine: name)
        _ = try write([.recoveryNote(note)])
        recoveries.append(note)
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
