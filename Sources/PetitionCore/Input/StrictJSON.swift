/// A JSON value as read by `StrictJSON`: an object keeps its keys in document order.
package indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number as written; the decoder reads it as the type asked for.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])
}

/// A JSON reader that lets nothing slip: invalid UTF-8, a duplicated key, a raw control
/// character in a string, trailing bytes and nesting deeper than `maxDepth` are refused
/// with where they are. (Foundation's reader takes one of two duplicated keys silently.)
package enum StrictJSON {
    /// Deeper than any petition; a bound so that `[[[[…` cannot exhaust the stack.
    package static let maxDepth = 32

    package static func parse(_ bytes: [UInt8]) throws(JSONInputError) -> JSONValue {
        if let offset = firstInvalidUTF8(bytes) { throw JSONInputError(.invalidUTF8(offset: offset)) }
        do {
            return try bytes.withUnsafeBufferPointer { buffer in
                var reader = Reader(bytes: buffer)
                reader.skipSpace()
                let value = try reader.value(path: "", depth: 0)
                reader.skipSpace()
                guard reader.i == buffer.count else { throw reader.syntax("end of input") }
                return value
            }
        } catch let error as JSONInputError {
            throw error
        } catch {
            preconditionFailure("the JSON reader throws only JSONInputError: \(error)")
        }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // The standard library validates fast; only a failure is located scalar by scalar.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func syntax(_ expected: String) -> JSONInputError {
            JSONInputError(.syntax(offset: i, expected: expected))
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(path: String, depth: Int) throws(JSONInputError) -> JSONValue {
            guard depth < StrictJSON.maxDepth else { throw JSONInputError(.tooDeep(path: path)) }
            guard i < bytes.count else { throw syntax("a value") }
            switch bytes[i] {
            case UInt8(ascii: "{"): return try object(path: path, depth: depth)
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw syntax("] or ,") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw syntax("] or ,")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw syntax("a value")
            }
        }

        mutating func object(path: String, depth: Int) throws(JSONInputError) -> JSONValue {
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            var seen: Set<String> = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw syntax("a key in double quotes") }
                let key = try string()
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard seen.insert(key).inserted else { throw JSONInputError(.duplicateKey(path: keyPath)) }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw syntax(":") }
                i += 1
                skipSpace()
                members.append((key, try value(path: keyPath, depth: depth + 1)))
                skipSpace()
                guard i < bytes.count else { throw syntax("} or ,") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                throw syntax("} or ,")
            }
        }

        mutating func word(_ w: String) throws(JSONInputError) {
            let expected = Array(w.utf8)
            guard i + expected.count <= bytes.count else { throw syntax(w) }
            for k in expected.indices where bytes[i + k] != expected[k] { throw syntax(w) }
            i += expected.count
        }

        mutating func number() throws(JSONInputError) -> JSONValue {
            let start = i
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                     UInt8(ascii: "e"), UInt8(ascii: "E"):
                    i += 1
                default:
                    return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                }
            }
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
        }

        /// A string, its escapes decoded. Runs without escapes are copied whole, so a
        /// 50 MB field is read in one pass.
        mutating func string() throws(JSONInputError) -> String {
            i += 1
            var out = ""
            var run = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<i]), as: UTF8.self)
                    i += 1
                    return out
                }
                if b < 0x20 { throw JSONInputError(.rawControl(offset: i)) }
                if b != UInt8(ascii: "\\") { i += 1; continue }
                out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<i]), as: UTF8.self)
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out += "\""
                case UInt8(ascii: "\\"): out += "\\"
                case UInt8(ascii: "/"): out += "/"
                case UInt8(ascii: "b"): out += "\u{8}"
                case UInt8(ascii: "f"): out += "\u{C}"
                case UInt8(ascii: "n"): out += "\n"
                case UInt8(ascii: "r"): out += "\r"
                case UInt8(ascii: "t"): out += "\t"
                case UInt8(ascii: "u"):
                    var unit = try hex4()
                    if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                       bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw syntax("a low surrogate") }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    // A lone surrogate is not a character: refused as invalid text.
                    guard let scalar = Unicode.Scalar(unit) else { throw JSONInputError(.invalidUTF8(offset: i - 6)) }
                    out.unicodeScalars.append(scalar)
                default: throw syntax("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
                run = i
            }
            throw syntax("the closing \"")
        }

        mutating func hex4() throws(JSONInputError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw syntax("four hex digits") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt8 = switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
                default: throw syntax("four hex digits")
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }
    }
}
