#if canImport(Glibc)
import Glibc
#endif
import PetitionCore

/// Compact binary primitives for record payloads: LEB128 varints, zigzag for
/// signed values, length-prefixed UTF-8, presence bytes for optionals.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ v: UInt8) { bytes.append(v) }

    mutating func uvarint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) { uvarint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
    mutating func int64(_ v: Int64) { uvarint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
    mutating func bool(_ v: Bool) { byte(v ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uvarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout BinaryWriter, T) -> Void) {
        if let v {
            byte(1)
            write(&self, v)
        } else {
            byte(0)
        }
    }

    mutating func day(_ d: Day) { int(d.ordinal) }

    /// Writes a value's position in the codec's own fixed table of its cases.
    mutating func tag<T: Equatable>(_ v: T, in table: [T]) {
        guard let i = table.firstIndex(of: v) else { preconditionFailure("\(v) missing from its codec table") }
        byte(UInt8(i))
    }
}

/// Reads what `BinaryWriter` wrote, refusing anything malformed: lengths past the
/// end, overlong varints, invalid UTF-8, tags outside their table.
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Short texts already met, when the caller reads many payloads (`ShortStrings`).
    let shorts: ShortStrings?

    init(_ bytes: UnsafeRawBufferPointer, shorts: ShortStrings? = nil) {
        self.bytes = bytes
        self.shorts = shorts
    }

    var atEnd: Bool { index == bytes.count }

    mutating func byte() throws(BinaryEventCodec.DecodeError) -> UInt8 {
        guard index < bytes.count else { throw .truncated }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func uvarint() throws(BinaryEventCodec.DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw .malformed("varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int64() throws(BinaryEventCodec.DecodeError) -> Int64 {
        let u = try uvarint()
        return Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)
    }

    mutating func int() throws(BinaryEventCodec.DecodeError) -> Int { Int(try int64()) }

    mutating func bool() throws(BinaryEventCodec.DecodeError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .malformed("bool")
        }
    }

    mutating func string() throws(BinaryEventCodec.DecodeError) -> String {
        try Self.decoded(text())
    }

    /// A text that recurs from record to record (an organ code, an account): from the
    /// cache of short texts when the caller keeps one.
    mutating func recurringString() throws(BinaryEventCodec.DecodeError) -> String {
        let slice = try text()
        if let shorts, !slice.isEmpty, slice.count <= ShortStrings.longest { return try shorts.string(slice) }
        return try Self.decoded(slice)
    }

    /// A text's bytes, where they lie.
    private mutating func text() throws(BinaryEventCodec.DecodeError) -> UnsafeRawBufferPointer {
        let n = try uvarint()
        guard n <= UInt64(bytes.count - index) else { throw .truncated }
        defer { index += Int(n) }
        return UnsafeRawBufferPointer(rebasing: bytes[index..<(index + Int(n))])
    }

    /// The text of these bytes, refused if they are not strict UTF-8. The standard library
    /// validates as it decodes, and repairs what is invalid: the text is refused, not
    /// repaired, if its bytes came out different (strict UTF-8, RFC 3629: no overlong
    /// forms, no surrogates, nothing past U+10FFFF).
    static func decoded(_ slice: UnsafeRawBufferPointer) throws(BinaryEventCodec.DecodeError) -> String {
        guard let bytes = slice.baseAddress, !slice.isEmpty else { return "" }
        var text = String(decoding: slice, as: UTF8.self)
        let same = text.withUTF8 { utf8 in
            guard let decoded = utf8.baseAddress, utf8.count == slice.count else { return false }
            return memcmp(decoded, bytes, slice.count) == 0
        }
        guard same else { throw .malformed("invalid UTF-8") }
        return text
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> T)
        throws(BinaryEventCodec.DecodeError) -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw .malformed("optional")
        }
    }

    mutating func day() throws(BinaryEventCodec.DecodeError) -> Day {
        let ordinal = try int()
        // Dates far outside any petition's lifetime are not dates.
        guard (-36_500...73_000).contains(ordinal) else { throw .malformed("date out of range") }
        return Day(ordinal: ordinal)
    }

    mutating func tag<T>(in table: [T]) throws(BinaryEventCodec.DecodeError) -> T {
        let i = Int(try byte())
        guard i < table.count else { throw .malformed("tag \(i) outside its table") }
        return table[i]
    }
}

/// The short texts a log repeats in nearly every record (organ codes, accounts, case
/// numbers' organs), as already decoded: bytes met before are compared as two words and
/// their text reused, not validated and made again (a replay reads three a record). Only
/// texts the strict decoder accepted are kept, so a hit is the same text it would make.
/// One per thread: it is not shared.
final class ShortStrings {
    /// Texts of up to 15 bytes (Swift holds them inline: nothing is shared by reusing one).
    static let longest = 15
    private static let slots = 64
    /// Each slot's bytes as two words, the length in the last byte (0: empty slot).
    private var keys = [UInt64](repeating: 0, count: 2 * slots)
    private var texts = [String](repeating: "", count: slots)

    func string(_ slice: UnsafeRawBufferPointer) throws(BinaryEventCodec.DecodeError) -> String {
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: slice) }
        key.1 |= UInt64(slice.count) << 56
        let slot = Int(truncatingIfNeeded: (key.0 &* 0x9E37_79B9_7F4A_7C15 ^ key.1 &* 0xC2B2_AE3D_27D4_EB4F) >> 58)
        if keys[2 * slot] == key.0, keys[2 * slot + 1] == key.1 { return texts[slot] }
        let text = try BinaryReader.decoded(slice)
        keys[2 * slot] = key.0
        keys[2 * slot + 1] = key.1
        texts[slot] = text
        return text
    }
}
