import PetitionCore

/// Everything a log holds, one case per kind of record: case events and records of
/// no case alike. Every encoder and decoder switches over it (or over `Kind`)
/// exhaustively, so a new kind does not compile until each has been told how to
/// handle it (docs/decisions/0010-one-house.md).
package enum LogRecord: Sendable, Equatable {
    /// The events of one command.
    case events([CaseEvent])
    /// Bytes cut from a torn tail, and where they were kept.
    case recoveryNote(RecoveryNote)
    /// Written after a batch of records (one command's, when it has more than one) is
    /// synced, naming the batch: its durable-before offset vouches for every byte of it,
    /// so damage inside an acknowledged batch is damage, never a torn tail.
    case commit(BatchCommit)
    /// Written by `xinfang log recover`: what it kept, what it lost and where the lost
    /// bytes went (docs/decisions/0013-salvage.md).
    case salvage(SalvageRecord)

    /// A record's kind as stored in its frame's type field (docs/log-format.md).
    package enum Kind: UInt16, CaseIterable, Sendable {
        case events = 1
        case recoveryNote = 2
        /// Safe to ignore (it carries no state): a reader that predates commit records skips it.
        case commit = 0x8003
        /// Safe to ignore: it carries no state (the cases a recovery left incomplete are
        /// marked by `recordsLost` events), only the account of the recovery. 0x8004 is
        /// the snapshot checkpoint's.
        case salvage = 0x8005

        /// Set on a stored type that a reader which does not know it may skip.
        package static let safeToIgnoreBit: UInt16 = 0x8000

        /// The name `log dump` prints.
        package var name: String {
            switch self {
            case .events: "events"
            case .recoveryNote: "recoveryNote"
            case .commit: "commit"
            case .salvage: "salvage"
            }
        }
    }

    package var kind: Kind {
        switch self {
        case .events: .events
        case .recoveryNote: .recoveryNote
        case .commit: .commit
        case .salvage: .salvage
        }
    }

    /// The events this record adds to cases (none for a record of no case).
    package var events: [CaseEvent] {
        switch self {
        case .events(let events): events
        case .recoveryNote, .commit, .salvage: []
        }
    }
}

/// What a recovery cut, and where the cut bytes were kept.
package struct RecoveryNote: Codable, Sendable, Equatable {
    package var reason: String
    package var cutAt: Int
    package var bytes: Int
    /// SHA-256 of the cut bytes, hex.
    package var sha256: String
    /// The quarantine file's name, beside the log.
    package var quarantine: String
}

/// The batch a commit record closes: its first and last sequence numbers and the last
/// record's SHA-256 (hex), as written.
package struct BatchCommit: Codable, Sendable, Equatable {
    package var first: Int
    package var last: Int
    package var lastHash: String

    package init(first: Int, last: Int, lastHash: String) {
        self.first = first
        self.last = last
        self.lastHash = lastHash
    }
}
