import PetitionCore

/// Everything a log holds, one case per kind of record: case events and records of
/// no case alike. Every encoder and decoder switches over it (or over `Kind`)
/// exhaustively, so a new kind does not compile until each has been told how to
/// handle it (docs/decisions/0010-one-house.md).
package enum LogRecord: Sendable, Equatable {
    /// The events of one command.
    case events([CaseEvent])
    /// A change to the staff: who may act, in which role, for which organ
    /// (docs/decisions/0016-staff.md). Not safe to skip: it decides who may act.
    case staff(StaffChange)
    /// Bytes cut from a torn tail, and where they were kept.
    case recoveryNote(RecoveryNote)
    /// Written after a batch of records (one command's, when it has more than one) is
    /// synced, naming the batch: its durable-before offset vouches for every byte of it,
    /// so damage inside an acknowledged batch is damage, never a torn tail.
    case commit(BatchCommit)
    /// Written after a snapshot of the cases is put beside the log, naming it (its head
    /// and the digest of its header section): a snapshot is used only if a checkpoint in
    /// the log vouches for it (docs/decisions/0012-checkpoints.md).
    case checkpoint(SnapshotCheckpoint)
    /// Written by `xinfang log recover`: what it kept, what it lost and where the lost
    /// bytes went (docs/decisions/0013-salvage.md).
    case salvage(SalvageRecord)
    /// Written by `xinfang log dump --reason` before anything is printed: who read the
    /// log's personal data unmasked, when and why (Art 30; docs/decisions/0015-art30.md).
    case disclosure(DisclosureRecord)
    /// A supervision act that concerns an organ rather than one case: an interview, a
    /// circular or a listing of its leadership (Art 39 para 3), an inspection (Art 38).
    /// Decision 0024. Not safe to skip: the supervisor's desk shows it.
    case supervision(OrganSupervisionRecord)
    /// A training log's simulated clock moved forward (docs/decisions/0026-training.md).
    /// Not safe to skip: it is the time the log's later commands are decided at.
    case clock(ClockMove)
    /// On a training log, the trainee's practice: a refused command (so that mistakes can
    /// be scored; a production log writes nothing on a refusal), an exercise started, a
    /// hint shown (decision 0026).
    case training(TrainingNote)
    /// The reference data (`data/`) a database log's records are decided by, from here on:
    /// its SHA-256, and who recorded it (docs/decisions/0028-postgresql-store.md). Not safe
    /// to skip: a writer whose data differs may not decide.
    case referenceData(ReferenceDataRecord)

    /// A record's kind as stored in its frame's type field (docs/log-format.md).
    package enum Kind: UInt16, CaseIterable, Sendable {
        case events = 1
        case recoveryNote = 2
        case staff = 3
        /// Supervision acts of an organ (decision 0024).
        case supervision = 4
        /// Safe to ignore (it carries no state): a reader that predates commit records skips it.
        case commit = 0x8003
        /// Safe to ignore: a snapshot is a cache, and the checkpoint carries no state.
        case checkpoint = 0x8004
        /// Safe to ignore: it carries no state (the cases a recovery left incomplete are
        /// marked by `recordsLost` events), only the account of the recovery. 0x8004 is
        /// the snapshot checkpoint's.
        case salvage = 0x8005
        /// Safe to ignore: an account of an unmasked dump, no state. (Kind 3 is the staff
        /// records'; 0x8004 and 0x8005 are taken.)
        case disclosure = 0x8006
        /// Kind 6: the training clock (it carries state: the time commands are decided at).
        case clock = 6
        /// Kind 7: a training note. Not marked safe to skip, though it carries no case
        /// state: the exercises and the training report read it, and a reader that does not
        /// know it must not pass over a trainee's mistakes as if there were none.
        case training = 7
        /// Kind 8: the reference data in force on a database log (decision 0028).
        case referenceData = 8

        /// Set on a stored type that a reader which does not know it may skip.
        package static let safeToIgnoreBit: UInt16 = 0x8000

        /// The name `log dump` prints.
        package var name: String {
            switch self {
            case .events: "events"
            case .recoveryNote: "recoveryNote"
            case .staff: "staff"
            case .commit: "commit"
            case .checkpoint: "checkpoint"
            case .salvage: "salvage"
            case .disclosure: "disclosure"
            case .supervision: "supervision"
            case .clock: "clock"
            case .training: "training"
            case .referenceData: "referenceData"
            }
        }
    }

    package var kind: Kind {
        switch self {
        case .events: .events
        case .recoveryNote: .recoveryNote
        case .staff: .staff
        case .commit: .commit
        case .checkpoint: .checkpoint
        case .salvage: .salvage
        case .disclosure: .disclosure
        case .supervision: .supervision
        case .clock: .clock
        case .training: .training
        case .referenceData: .referenceData
        }
    }

    /// The events this record adds to cases (none for a record of no case).
    package var events: [CaseEvent] {
        switch self {
        case .events(let events): events
        case .recoveryNote, .commit, .checkpoint, .salvage, .staff, .disclosure, .supervision, .clock, .training,
             .referenceData: []
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
    /// The case numbers in the cut bytes' readable frames (registrations never
    /// acknowledged, most often): never issued again. Absent in notes written before.
    package var caseNumbers: [CaseNumber]? = nil
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

/// A snapshot the log vouches for: the record it ends with (sequence number and SHA-256,
/// hex) and the SHA-256 (hex) of its header section, which holds the SHA-256 of each of
/// its parts — so every byte of the snapshot is bound to this record.
package struct SnapshotCheckpoint: Codable, Sendable, Equatable {
    package var seq: Int
    package var headHash: String
    package var snapshot: String
    package var cases: Int

    package init(seq: Int, headHash: String, snapshot: String, cases: Int) {
        self.seq = seq
        self.headHash = headHash
        self.snapshot = snapshot
        self.cases = cases
    }
}

/// The reference data in force: the SHA-256 of `data/` (as `ReferenceHash` computes it,
/// hex) and the account or role that recorded it.
package struct ReferenceDataRecord: Codable, Sendable, Equatable {
    package var sha256: String
    package var by: String

    package init(sha256: String, by: String) {
        self.sha256 = sha256
        self.by = by
    }
}

/// Who dumped the log unmasked, in which role and organ, and why (`log dump --reason`).
/// The time is the record's own frame time.
package struct DisclosureRecord: Codable, Sendable, Equatable {
    package var user: String
    package var role: Role
    package var organ: OrganCode
    package var reason: String
    /// What was disclosed: `log-dump` (every record of the log, unmasked).
    package var scope: String

    package init(user: String, role: Role, organ: OrganCode, reason: String, scope: String = "log-dump") {
        self.user = user
        self.role = role
        self.organ = organ
        self.reason = reason
        self.scope = scope
    }
}
