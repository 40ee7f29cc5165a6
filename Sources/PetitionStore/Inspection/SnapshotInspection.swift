import Foundation
import PetitionCore

/// What `log info` and `log verify` say of the snapshot beside a log, and the full
/// fold-and-compare that `log verify` runs (docs/decisions/0012-checkpoints.md).
package enum SnapshotInspection {
    package enum Status: Equatable, Sendable {
        /// No snapshot beside the log.
        case none
        /// Not a snapshot of this build, or a part of it does not hold its digest.
        case unreadable
        /// It names another log, or a record this log does not hold where it says.
        case otherLog
        /// No checkpoint in the log names it: it is never used (a hand-edited snapshot, or
        /// one whose checkpoint a crash kept from being written).
        case unvouched(seq: Int)
        /// A checkpoint (record `checkpoint`) vouches for it; it covers records up to `seq`,
        /// and `behind` records other than checkpoints follow it.
        case vouched(seq: Int, cases: Int, checkpoint: Int, behind: Int)
    }

    /// The snapshot's state against a scanned log: header, digests and checkpoints; no
    /// case is decoded.
    package static func status(ofLog path: String, _ scan: LogScan, fs: any FileSystem = PosixFileSystem()) -> Status {
        let snapshotPath = CaseSnapshot.path(forLog: path)
        guard fs.exists(snapshotPath) else { return .none }
        guard fs.isRegularFile(snapshotPath), let data = try? fs.map(snapshotPath) else { return .unreadable }
        guard let snap = try? CaseSnapshot.File(data), snap.partsIntact else { return .unreadable }
        let head = scan.frames.first { $0.seq == snap.head.seq }
        guard snap.logId == scan.header.logIdHex, head?.hash == snap.head.hash, head?.offset == snap.head.offset else {
            return .otherLog
        }
        let vouching = scan.frames.first { frame in
            guard frame.seq > snap.head.seq, frame.type == LogRecord.Kind.checkpoint.rawValue,
                  case .checkpoint(let checkpoint)? = try? LogRecord.decode(frame) else { return false }
            return snap.isVouched(by: checkpoint)
        }
        guard let vouching else { return .unvouched(seq: snap.head.seq) }
        // Checkpoints carry no cases: a snapshot followed only by them is current.
        let behind = scan.frames.reduce(0) { $0 + ($1.seq > snap.head.seq && $1.type != LogRecord.Kind.checkpoint.rawValue ? 1 : 0) }
        return .vouched(seq: snap.head.seq, cases: snap.caseCount, checkpoint: vouching.seq, behind: behind)
    }

    /// Opens the log as a console would (from its snapshot, if vouched for) and again by
    /// folding every record, and compares the two case by case in the snapshot's
    /// canonical layout. Returns the first case that differs (or a count that does), nil
    /// if they agree. The two are built one after the other, so memory holds one at a time.
    package static func foldAndCompare(_ path: String, fs: any FileSystem = PosixFileSystem())
        throws -> (differs: CaseNumber?, counts: (snapshot: Int, fold: Int))? {
        let fromSnapshot = try digests(of: CaseBook.open(at: path, .init(fs: fs)))
        let folded = try digests(of: CaseBook.replaying(at: path, .init(fs: fs)).0)
        if fromSnapshot.count != folded.count { return (nil, (fromSnapshot.count, folded.count)) }
        for (a, b) in zip(fromSnapshot, folded) where a != b {
            return (a.number, (fromSnapshot.count, folded.count))
        }
        return nil
    }

    private struct Digest: Equatable {
        var number: CaseNumber
        var hash: RecordHash
    }

    private static func digests(of book: CaseBook) -> [Digest] {
        book.states.map { state in
            var w = BinaryWriter()
            CaseSnapshot.write(state, &w)
            return Digest(number: state.number, hash: RecordHash(of: w.bytes))
        }
    }
}
