import PetitionCore

/// What `xinfang log recover` salvaged from a damaged log: every record it could not
/// keep, the original file's hash, where the bytes that were not records went, and
/// which new record each kept one became (docs/log-format.md, "Salvage records";
/// docs/decisions/0013-salvage.md).
///
/// A large recovery is written as several parts (`part` of `parts`), so that no payload
/// passes the log's maximum; every part names the same original.
package struct SalvageRecord: Codable, Sendable, Equatable {
    /// A record of the original that could not be kept.
    package struct Lost: Codable, Sendable, Equatable {
        /// Its sequence number in the original.
        package var seq: Int
        /// Where it began in the original, when that can be told.
        package var offset: Int?
        /// Its SHA-256 (hex), when the next record's previous-hash field still gives it.
        package var hash: String?
        /// The case numbers found in its bytes (a payload that still decodes, or case
        /// numbers located in the bytes); empty when none can be told.
        package var cases: [String]

        package init(seq: Int, offset: Int?, hash: String?, cases: [String]) {
            self.seq = seq
            self.offset = offset
            self.hash = hash
            self.cases = cases
        }
    }

    /// Bytes of the original that are not an intact record, kept beside the new log.
    package struct Quarantined: Codable, Sendable, Equatable {
        /// The quarantine file's name, beside the new log.
        package var file: String
        /// Where the bytes began in the original, and how many.
        package var offset: Int
        package var bytes: Int
        package var sha256: String

        package init(file: String, offset: Int, bytes: Int, sha256: String) {
            self.file = file
            self.offset = offset
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// One kept record: its sequence number and SHA-256 (hex) in the original and in
    /// the new log, so a hash printed before the recovery can be followed to its record.
    package struct Moved: Codable, Sendable, Equatable {
        package var oldSeq: Int
        package var old: String
        package var newSeq: Int
        package var new: String

        package init(oldSeq: Int, old: String, newSeq: Int, new: String) {
            self.oldSeq = oldSeq
            self.old = old
            self.newSeq = newSeq
            self.new = new
        }
    }

    package var part: Int
    package var parts: Int
    /// SHA-256 (hex) and size of the original file, as it was read.
    package var originalSHA256: String
    package var originalBytes: Int
    package var lost: [Lost]
    /// Kept records whose previous-hash field did not name the record kept before them
    /// with nothing lost between (old sequence numbers): that predecessor was changed
    /// after they were written. They are kept, and their cases marked incomplete.
    package var unchained: [Int]
    package var quarantined: [Quarantined]
    package var map: [Moved]

    package init(part: Int, parts: Int, originalSHA256: String, originalBytes: Int, lost: [Lost], unchained: [Int],
                 quarantined: [Quarantined], map: [Moved]) {
        self.part = part
        self.parts = parts
        self.originalSHA256 = originalSHA256
        self.originalBytes = originalBytes
        self.lost = lost
        self.unchained = unchained
        self.quarantined = quarantined
        self.map = map
    }
}
