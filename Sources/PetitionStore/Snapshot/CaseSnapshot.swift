import Dispatch
import Foundation
import PetitionCore

/// A snapshot of a log's replayed cases, kept beside the log (`NAME.snapshot`) so that
/// opening does not replay every event (docs/decisions/0008-snapshot.md).
///
/// It is derived and never trusted over the log: it names the log (its id), the last
/// record it covers (sequence number, where that record lies, and its SHA-256), and is
/// used only if that record is in the log, checksum and hash intact, at that place, and
/// a checkpoint record in the log vouches for its digest (`digest`: the SHA-256 of its
/// header section, which holds each part's SHA-256; decision 0012). The records after
/// it are then read, verified and folded as usual. A snapshot that does not match —
/// another log, a log cut back or rewritten, another build's layout, a damaged or
/// hand-edited file — is ignored and rebuilt.
package struct CaseSnapshot {
    /// Where the snapshot leaves off in the log.
    package struct Head: Equatable, Sendable {
        package var seq: Int
        /// The file offset of record `seq`, and of the byte after it.
        package var offset: Int
        package var end: Int
        package var hash: RecordHash
        /// Where every record up to `seq` starts (index seq − 1).
        package var recordOffsets: [Int]
    }

    package var logId: String
    package var head: Head
    package var states: [CaseState]
    /// Case numbers no case holds but recovery notes up to the head reserved (found in
    /// bytes cut from the log): never issued again.
    package var reserved: [CaseNumber] = []
    /// The staff as the staff records up to the head left it.
    package var staff = Staff()

    static let magic = Array("XFSNAP02".utf8)

    /// Changes whenever the layout of a case (`layout`: its fields, in order) or a table
    /// the snapshot stores by position changes, so a snapshot written by another build's
    /// layout is ignored rather than misread. Nothing to bump by hand.
    static let fingerprint: UInt32 = {
        let tables: [[String]] = [Phase.allCases.map(\.rawValue), CaseFlag.allCases.map(\.rawValue),
                                  ActionKind.allCases.map(\.rawValue),
                                  layout.map { "\($0.name):\($0.shape)" }]
        return CRC32C.checksum(Array(tables.map { $0.joined(separator: ",") }.joined(separator: ";").utf8))
    }()

    /// The path of a log's snapshot.
    package static func path(forLog log: String) -> String {
        (log.hasSuffix(".log") ? String(log.dropLast(4)) : log) + ".snapshot"
    }

    // MARK: - Encoding

    /// The cases are written in `chunks` parts, each with its own SHA-256, so that
    /// opening checks and decodes them on every core at once.
    package func encode(chunks: Int = 2) -> [UInt8] {
        let per = max(1, (states.count + chunks - 1) / max(1, chunks))
        let parts: [[UInt8]] = stride(from: 0, to: max(states.count, 1), by: per).map { from in
            var w = BinaryWriter()
            for state in states[from..<min(states.count, from + per)] { Self.write(state, &w) }
            return w.bytes
        }
        var w = BinaryWriter()
        w.uvarint(UInt64(Self.fingerprint))
        w.string(logId)
        w.int(head.seq)
        w.int(head.offset)
        w.int(head.end)
        w.uvarint(32)
        w.bytes += head.hash.bytes
        w.uvarint(UInt64(head.recordOffsets.count))
        var previous = 0
        for offset in head.recordOffsets {
            w.uvarint(UInt64(offset - previous))
            previous = offset
        }
        w.uvarint(UInt64(reserved.count))
        for number in reserved { w.string(number.description) }
        w.string(staff.owner ?? "")
        let members = staff.sorted
        w.uvarint(UInt64(members.count))
        for member in members {
            w.string(member.user)
            w.string(member.name)
            w.string(member.role.rawValue)
            w.string(member.organ)
        }
        w.uvarint(UInt64(parts.count))
        for (i, part) in parts.enumerated() {
            w.uvarint(UInt64(part.count))
            w.uvarint(UInt64(min(states.count, (i + 1) * per) - min(states.count, i * per)))
            w.bytes += RecordHash(of: part).bytes
        }
        var out = Self.magic
        func u32(_ v: UInt32) { var le = v.littleEndian; withUnsafeBytes(of: &le) { out += $0 } }
        u32(CRC32C.checksum(w.bytes))
        u32(UInt32(w.bytes.count))
        out += w.bytes
        for part in parts { out += part }
        return out
    }

    /// The digest a checkpoint names: the SHA-256 of the header section of encoded
    /// snapshot bytes (nil if they are too short to hold one).
    package static func digest(of encoded: [UInt8]) -> RecordHash? {
        guard encoded.count >= 16 else { return nil }
        let length = Int(encoded[12]) | Int(encoded[13]) << 8 | Int(encoded[14]) << 16 | Int(encoded[15]) << 24
        guard length <= encoded.count - 16 else { return nil }
        return encoded.withUnsafeBytes { RecordHash(of: UnsafeRawBufferPointer(rebasing: $0[16..<(16 + length)])) }
    }

    package enum Failure: Error, Equatable {
        case notASnapshot, damaged, otherLayout
    }

    /// A snapshot file with only its header read: enough to decide whether the log
    /// holds its head before paying for its cases.
    package struct File {
        package let logId: String
        package let head: Head
        package let reserved: [CaseNumber]
        package let staff: Staff
        /// The SHA-256 of the header section: what a checkpoint must name.
        package let digest: RecordHash
        let bytes: Data
        let chunks: [Chunk]

        struct Chunk {
            var from: Int, length: Int, count: Int
            var sha: RecordHash
        }

        package init(_ data: Data) throws(Failure) {
            bytes = data
            let result: Result<(String, Head, [CaseNumber], Staff, [Chunk], RecordHash), Failure> =
                data.withUnsafeBytes { raw in Result { () throws(Failure) in try Self.header(raw) } }
            (logId, head, reserved, staff, chunks, digest) = try result.get()
        }

        private static func header(_ raw: UnsafeRawBufferPointer) throws(Failure)
            -> (String, Head, [CaseNumber], Staff, [Chunk], RecordHash) {
            guard raw.count >= 16, raw[0..<8].elementsEqual(magic) else { throw .notASnapshot }
            func u32(_ at: Int) -> UInt32 {
                UInt32(raw[at]) | UInt32(raw[at + 1]) << 8 | UInt32(raw[at + 2]) << 16 | UInt32(raw[at + 3]) << 24
            }
            let headerCRC = u32(8), headerLength = Int(u32(12))
            guard headerLength <= raw.count - 16 else { throw .damaged }
            let header = UnsafeRawBufferPointer(rebasing: raw[16..<(16 + headerLength)])
            guard CRC32C.checksum(header) == headerCRC else { throw .damaged }
            var r = BinaryReader(header)
            do {
                guard try r.uvarint() == UInt64(fingerprint) else { throw Failure.otherLayout }
                let logId = try r.string()
                let seq = try r.int(), offset = try r.int(), end = try r.int()
                var bytes: [UInt8] = []
                for _ in 0..<(try r.count()) { bytes.append(try r.byte()) }
                guard let hash = RecordHash(bytes: bytes) else { throw Failure.damaged }
                let offsetCount = try r.count()
                guard offsetCount == seq else { throw Failure.damaged }
                var offsets: [Int] = []
                offsets.reserveCapacity(offsetCount)
                var previous = 0
                for _ in 0..<offsetCount {
                    previous += Int(try r.uvarint())
                    offsets.append(previous)
                }
                var reserved: [CaseNumber] = []
                for _ in 0..<(try r.count()) {
                    guard let number = CaseNumber(try r.string()) else { throw Failure.damaged }
                    reserved.append(number)
                }
                let owner = try r.string()
                var members: [StaffMember] = []
                for _ in 0..<(try r.count()) {
                    let user = try r.string(), name = try r.string()
                    guard let role = Role(rawValue: try r.string()) else { throw Failure.damaged }
                    members.append(StaffMember(user: user, name: name, role: role, organ: try r.string()))
                }
                let staff = Staff(members, owner: owner.isEmpty ? nil : owner)
                var chunks: [Chunk] = []
                var from = 16 + headerLength
                for _ in 0..<(try r.count()) {
                    let length = Int(try r.uvarint()), count = Int(try r.uvarint())
                    var sha: [UInt8] = []
                    for _ in 0..<32 { sha.append(try r.byte()) }
                    guard length >= 0, from + length <= raw.count, count <= length,
                          let sha = RecordHash(bytes: sha) else { throw Failure.damaged }
                    chunks.append(Chunk(from: from, length: length, count: count, sha: sha))
                    from += length
                }
                guard r.atEnd, from == raw.count else { throw Failure.damaged }
                return (logId, Head(seq: seq, offset: offset, end: end, hash: hash, recordOffsets: offsets), reserved,
                        staff, chunks, RecordHash(of: header))
            } catch let f as Failure {
                throw f
            } catch {
                throw .damaged
            }
        }

        /// How many cases the snapshot holds, from its header.
        package var caseCount: Int { chunks.reduce(0) { $0 + $1.count } }

        /// Whether every part's SHA-256 holds, without decoding any case.
        package var partsIntact: Bool {
            bytes.withUnsafeBytes { raw in
                chunks.allSatisfy { RecordHash(of: UnsafeRawBufferPointer(rebasing: raw[$0.from..<($0.from + $0.length)])) == $0.sha }
            }
        }

        /// Whether a checkpoint names this snapshot: its head and its digest.
        package func isVouched(by checkpoint: SnapshotCheckpoint) -> Bool {
            checkpoint.seq == head.seq && checkpoint.headHash == head.hash.hex && checkpoint.snapshot == digest.hex
                && checkpoint.cases == caseCount
        }

        /// The cases, each part checked and decoded on its own core.
        package func cases() throws(Failure) -> [CaseState] {
            let spans = chunks
            var parts = [Result<[CaseState], Failure>?](repeating: nil, count: spans.count)
            bytes.withUnsafeBytes { raw in
                nonisolated(unsafe) let file = raw
                parts.withUnsafeMutableBufferPointer { out in
                    nonisolated(unsafe) let results = out.baseAddress
                    DispatchQueue.concurrentPerform(iterations: spans.count) { i in
                        let c = spans[i]
                        let part = UnsafeRawBufferPointer(rebasing: file[c.from..<(c.from + c.length)])
                        results?.advanced(by: i).pointee = Result { () throws(Failure) -> [CaseState] in
                            guard RecordHash(of: part) == c.sha else { throw .damaged }
                            var r = BinaryReader(part)
                            var states: [CaseState] = []
                            states.reserveCapacity(c.count)
                            do {
                                for _ in 0..<c.count { states.append(try read(&r)) }
                            } catch {
                                throw .damaged
                            }
                            guard r.atEnd else { throw .damaged }
                            return states
                        }
                    }
                }
            }
            var states: [CaseState] = []
            states.reserveCapacity(spans.reduce(0) { $0 + $1.count })
            for part in parts {
                guard let part else { throw .damaged }
                states += try part.get()
            }
            return states
        }
    }
}

extension BinaryReader {
    /// A count of items that follow, refused if it could not fit in what is left.
    mutating func count() throws(BinaryEventCodec.DecodeError) -> Int {
        let n = try uvarint()
        guard n <= UInt64(bytes.count - index) else { throw .truncated }
        return Int(n)
    }
}
