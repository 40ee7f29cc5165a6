import Crypto

/// A SHA-256 value held in place: the header's hash and every record's (`hash`,
/// `prevHash`). Four words rather than an array, so that reading a million records
/// allocates nothing per hash.
package struct RecordHash: Equatable, Hashable, Sendable {
    private var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// The hash of these bytes.
    package init(of bytes: UnsafeRawBufferPointer) {
        var sha = SHA256()
        sha.update(bufferPointer: bytes)
        self = sha.finalize().withUnsafeBytes { RecordHash(stored: $0) }
    }

    package init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { RecordHash(of: $0) }
    }

    /// A hash as stored: 32 bytes at the start of `raw`.
    package init(stored raw: UnsafeRawBufferPointer) {
        precondition(raw.count >= 32, "a SHA-256 value is 32 bytes")
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// A hash from its 32 bytes; nil for any other count.
    package init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self = bytes.withUnsafeBytes { RecordHash(stored: $0) }
    }

    /// The 32 bytes, in the order they are stored in the file.
    package var bytes: [UInt8] {
        withUnsafeBytes(of: (w0, w1, w2, w3)) { Array($0) }
    }

    /// Writes the 32 bytes, in the order they are stored in the file, at `destination`
    /// (a frame's previous hash, set in place by `LogFormat.chain`).
    package func store(at destination: UnsafeMutableRawPointer) {
        withUnsafeBytes(of: (w0, w1, w2, w3)) { destination.copyMemory(from: $0.baseAddress!, byteCount: 32) }
    }

    /// Lower-case hex, as `log verify` prints it.
    package var hex: String { LogFormat.hex(bytes) }
}
