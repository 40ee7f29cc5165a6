import PetitionCore

/// The byte layout of a log file: a header, then frames. docs/log-format.md is the
/// specification; this file is its one implementation.
package enum LogFormat {
    package static let magic: [UInt8] = Array("XFLOG\r\n".utf8) + [0x1A]
    package static let version: UInt16 = 2
    package static let frameMagic: UInt32 = 0xC572_6678  // "xfr\u{C5}" little-endian
    package static let frameHeaderSize = 80
    package static let trailerSize = 8
    package static let maxPayload = 1 << 20
    /// Flags an older reader must understand to read the log; none are defined.
    package static let knownIncompatibleFlags: UInt16 = 0

    // MARK: - Header

    /// The decoded file header.
    package struct Header: Equatable, Sendable {
        package var version: UInt16
        package var logId: [UInt8]
        package var createdAt: Instant
        package var mode: LogMode
        package var jurisdiction: String
        package var maxPayload: Int
        /// The header's size in bytes: where the first frame starts.
        package var size: Int
        /// SHA-256 of the header bytes: the predecessor of record 1.
        package var genesisHash: RecordHash
        /// CRC32C of the log id, the seed of every checksum in this log.
        package var seed: UInt32

        package var logIdHex: String { logId.map { String($0, radix: 16).leftPadded(2) }.joined() }
    }

    package static func encodeHeader(logId: [UInt8], createdAt: Instant, mode: LogMode,
                                     jurisdiction: String) -> [UInt8] {
        precondition(logId.count == 16, "a log id is 16 bytes")
        let j = Array(jurisdiction.utf8.prefix(256))
        var w = ByteWriter(capacity: 128)
        w.raw(magic)
        w.u16(version)
        let size = (50 + j.count + 4 + 7) / 8 * 8
        w.u16(UInt16(size))
        w.u16(0)  // compatible flags
        w.u16(0)  // incompatible flags
        w.raw(logId)
        w.i64(createdAt.millisecondsSince1970)
        w.u8(mode == .production ? 1 : 2)
        w.u8(1)  // SHA-256
        w.u8(1)  // CRC32C
        w.u8(0)
        w.u32(UInt32(maxPayload))
        w.u16(UInt16(j.count))
        w.raw(j)
        w.zeros(size - 4 - w.bytes.count)
        w.u32(CRC32C.mask(CRC32C.checksum(w.bytes)))
        return w.bytes
    }

    package enum HeaderProblem: Error, Equatable {
        case notALog
        case futureVersion(UInt16)
        case damaged
    }

    /// Decodes a header from the first bytes of a file.
    package static func decodeHeader(_ b: UnsafeRawBufferPointer) -> Result<Header, HeaderProblem> {
        guard b.count >= 16, Array(b[0..<8]) == magic else { return .failure(.notALog) }
        let version = b.u16(8)
        guard version <= Self.version else { return .failure(.futureVersion(version)) }
        let size = Int(b.u16(10))
        guard size >= 56, size % 8 == 0, size <= 1024, b.count >= size else { return .failure(.damaged) }
        guard CRC32C.unmask(b.u32(size - 4)) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[0..<(size - 4)])) else {
            return .failure(.damaged)
        }
        guard b.u16(14) & ~knownIncompatibleFlags == 0 else { return .failure(.futureVersion(version)) }
        let logId = Array(b[16..<32])
        let mode: LogMode
        switch b[40] {
        case 1: mode = .production
        case 2: mode = .training
        default: return .failure(.damaged)
        }
        let jLength = Int(b.u16(48))
        guard 50 + jLength + 4 <= size else { return .failure(.damaged) }
        let jurisdiction = String(decoding: b[50..<(50 + jLength)], as: UTF8.self)
        let header = Array(b[0..<size])
        return .success(Header(version: version, logId: logId, createdAt: Instant(millisecondsSince1970: b.i64(32)),
                               mode: mode, jurisdiction: jurisdiction, maxPayload: Int(b.u32(44)), size: size,
                               genesisHash: RecordHash(of: header), seed: CRC32C.checksum(logId)))
    }

    // MARK: - Frames

    /// How a record's payload is encoded.
    package enum PayloadFormat: UInt16, Sendable {
        case json = 1
        case binary = 2
    }

    /// One frame as stored.
    package struct Frame: Sendable {
        package var offset: Int
        package var length: Int
        package var seq: Int
        /// The record's kind as stored (`LogRecord.Kind`, or one this version does not know).
        package var type: UInt16
        package var format: UInt16
        package var time: Instant
        /// The file offset known to be synced when this record was written.
        package var durableBefore: Int
        package var writerID: UInt32
        package var prevHash: RecordHash
        package var payload: [UInt8]
        /// SHA-256 of the whole frame as stored: the next record's `prevHash`.
        /// Not computed (the header's hash stands in) when decoded with `hashing: false`.
        package var hash: RecordHash
    }

    package static func encodeFrame(seq: Int, kind: LogRecord.Kind, format: PayloadFormat, time: Instant,
                                    durableBefore: Int, writerID: UInt32, prevHash: RecordHash, payload: [UInt8],
                                    seed: UInt32) -> [UInt8] {
        encodeFrame(seq: seq, type: kind.rawValue, format: format.rawValue, time: time, durableBefore: durableBefore,
                    writerID: writerID, prevHash: prevHash, payload: payload, seed: seed)
    }

    /// The same, for a stored type and format as read (a recovery copies records of kinds
    /// this version may not know).
    package static func encodeFrame(seq: Int, type: UInt16, format: UInt16, time: Instant,
                                    durableBefore: Int, writerID: UInt32, prevHash: RecordHash, payload: [UInt8],
                                    seed: UInt32) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: frameLength(payload: payload.count)) { frame, count in
            let raw = UnsafeMutableRawBufferPointer(frame)
            payload.withUnsafeBytes {
                writeFrame(into: raw, seq: seq, type: type, format: format, time: time, durableBefore: durableBefore,
                           writerID: writerID, payload: $0, seed: seed)
            }
            chain(raw, prevHash: prevHash, seed: seed)
            count = raw.count
        }
    }

    /// The bytes a frame of a payload of `count` bytes takes: the header, the payload padded
    /// to a multiple of 8, the trailer.
    package static func frameLength(payload count: Int) -> Int {
        (frameHeaderSize + count + 7) / 8 * 8 + trailerSize
    }

    /// Writes a frame into `frame` (exactly `frameLength(payload:)` bytes), all but its previous
    /// hash and the header checksum that covers it, which `chain` sets: a bulk import writes its
    /// frames on every core, straight into the batch, then chains them in order.
    package static func writeFrame(into frame: UnsafeMutableRawBufferPointer, seq: Int, type: UInt16, format: UInt16,
                                   time: Instant, durableBefore: Int, writerID: UInt32, payload: UnsafeRawBufferPointer,
                                   seed: UInt32) {
        precondition(frame.count == frameLength(payload: payload.count), "a frame is as long as its payload makes it")
        frame.storeBytes(of: frameMagic.littleEndian, toByteOffset: 0, as: UInt32.self)
        frame.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)  // header CRC, set by chain
        frame.storeBytes(of: UInt32(payload.count).littleEndian, toByteOffset: 8, as: UInt32.self)
        frame.storeBytes(of: type.littleEndian, toByteOffset: 12, as: UInt16.self)
        frame.storeBytes(of: format.littleEndian, toByteOffset: 14, as: UInt16.self)
        frame.storeBytes(of: UInt64(seq).littleEndian, toByteOffset: 16, as: UInt64.self)
        frame.storeBytes(of: UInt64(bitPattern: time.millisecondsSince1970).littleEndian, toByteOffset: 24, as: UInt64.self)
        frame.storeBytes(of: UInt64(durableBefore).littleEndian, toByteOffset: 32, as: UInt64.self)
        frame.storeBytes(of: CRC32C.mask(CRC32C.checksum(payload, seed: seed)).littleEndian, toByteOffset: 40, as: UInt32.self)
        frame.storeBytes(of: writerID.littleEndian, toByteOffset: 44, as: UInt32.self)
        // The previous hash (48..<80) is set by chain.
        let body = frame.baseAddress!
        if payload.count > 0 { body.advanced(by: frameHeaderSize).copyMemory(from: payload.baseAddress!, byteCount: payload.count) }
        let padded = frame.count - trailerSize
        for i in (frameHeaderSize + payload.count)..<padded { frame[i] = 0 }
        frame.storeBytes(of: UInt32(frame.count).littleEndian, toByteOffset: padded, as: UInt32.self)
        frame.storeBytes(of: (UInt32(truncatingIfNeeded: seq) ^ 0x5A5A_5A5A).littleEndian, toByteOffset: padded + 4, as: UInt32.self)
    }

    /// Sets a frame's previous hash and the header checksum that covers it, in place: a frame
    /// encoded before its predecessor's hash was known (a bulk import encodes its frames on
    /// every core, then chains them in order) becomes the frame `encodeFrame` makes with that
    /// `prevHash`.
    package static func chain(_ frame: UnsafeMutableRawBufferPointer, prevHash: RecordHash, seed: UInt32) {
        precondition(frame.count >= frameHeaderSize, "a frame holds its header")
        prevHash.store(at: frame.baseAddress!.advanced(by: 48))
        let headerCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: frame[8..<frameHeaderSize]), seed: seed)
        frame.storeBytes(of: CRC32C.mask(headerCRC).littleEndian, toByteOffset: 4, as: UInt32.self)
    }

    /// Why a frame does not validate.
    package enum FrameProblem: Error, Equatable, Sendable {
        /// Fewer bytes remain than the frame needs.
        case incomplete
        case badMagic
        case badHeaderChecksum
        case badLength
        case badPayloadChecksum
        case badPadding
        case badTrailer
    }

    /// Decodes and checks the frame at `offset`; the payload is copied out. With
    /// `hashing: false` the frame's hash is left empty, for a caller that hashes
    /// many frames in parallel.
    /// With `copyingPayload: false` the payload is left empty: the caller decodes it
    /// from the same bytes (at `offset + 80`, `payloadLength` long).
    package static func decodeFrame(_ b: UnsafeRawBufferPointer, at offset: Int, seed: UInt32,
                                    maxPayload: Int, hashing: Bool = true,
                                    copyingPayload: Bool = true) -> Result<Frame, FrameProblem> {
        let remaining = b.count - offset
        guard remaining >= frameHeaderSize + trailerSize else {
            return remaining >= 4 && b.u32(offset) != frameMagic ? .failure(.badMagic) : .failure(.incomplete)
        }
        guard b.u32(offset) == frameMagic else { return .failure(.badMagic) }
        let headerCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[(offset + 8)..<(offset + 80)]), seed: seed)
        guard CRC32C.unmask(b.u32(offset + 4)) == headerCRC else { return .failure(.badHeaderChecksum) }
        let payloadLength = Int(b.u32(offset + 8))
        guard payloadLength <= maxPayload else { return .failure(.badLength) }
        let length = (frameHeaderSize + payloadLength + 7) / 8 * 8 + trailerSize
        guard length <= remaining else { return .failure(.incomplete) }
        let payloadRange = (offset + 80)..<(offset + 80 + payloadLength)
        let payloadCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[payloadRange]), seed: seed)
        guard CRC32C.unmask(b.u32(offset + 40)) == payloadCRC else { return .failure(.badPayloadChecksum) }
        // The padding is covered by no checksum, so it must be zero.
        for i in payloadRange.upperBound..<(offset + length - trailerSize) where b[i] != 0 {
            return .failure(.badPadding)
        }
        let seq = Int(b.u64(offset + 16))
        guard Int(b.u32(offset + length - 8)) == length,
              b.u32(offset + length - 4) == UInt32(truncatingIfNeeded: seq) ^ 0x5A5A_5A5A else {
            return .failure(.badTrailer)
        }
        let whole = UnsafeRawBufferPointer(rebasing: b[offset..<(offset + length)])
        let prevHash = RecordHash(stored: UnsafeRawBufferPointer(rebasing: b[(offset + 48)..<(offset + 80)]))
        return .success(Frame(offset: offset, length: length, seq: seq, type: b.u16(offset + 12),
                              format: b.u16(offset + 14), time: Instant(millisecondsSince1970: b.i64(offset + 24)),
                              durableBefore: Int(b.u64(offset + 32)), writerID: b.u32(offset + 44),
                              prevHash: prevHash, payload: copyingPayload ? Array(b[payloadRange]) : [],
                              hash: hashing ? RecordHash(of: whole) : prevHash))
    }

    package static func hex(_ hash: RecordHash) -> String { hash.hex }

    package static func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).leftPadded(2) }.joined() }
}

extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
