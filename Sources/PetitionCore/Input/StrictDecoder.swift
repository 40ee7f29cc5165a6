/// Decodes a `Decodable` type from JSON and refuses what the type does not know.
///
/// The known keys are not listed anywhere: a synthesised `init(from:)` asks its container
/// for every one of its coding keys (`decodeIfPresent` for an optional field), so the keys
/// asked for are the type's keys. A key present in the input that nobody asked for is
/// unknown, and is refused with the nearest key that was asked for. A field added to an
/// input type is therefore known at once, with no second list to keep in step.
package enum StrictDecoder {
    /// Reads UTF-8 JSON into `T`, refusing invalid UTF-8, duplicated and unknown keys.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(JSONInputError) -> T {
        try decode(type, from: try StrictJSON.parse(bytes))
    }

    package static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JSONInputError) -> T {
        let recorder = Recorder()
        let result: T
        do {
            result = try T(from: ValueDecoder(value: value, path: [], recorder: recorder))
        } catch let error as JSONInputError {
            throw error
        } catch DecodingError.dataCorrupted(let context) {
            // A value its type does not take (an enum's unknown raw value): refused, naming where.
            throw JSONInputError(.invalidValue(path: join(context.codingPath), value: nil, allowed: []))
        } catch {
            preconditionFailure("the strict decoder throws only JSONInputError: \(error)")
        }
        for object in recorder.objects {
            for key in object.keys where !object.asked.contains(key) {
                throw JSONInputError(.unknownKey(path: join(object.path, key),
                                                 nearest: JSONInputError.nearest(to: key, in: object.asked)))
            }
        }
        return result
    }

    static func join(_ path: [any CodingKey], _ key: String? = nil) -> String {
        var text = ""
        for k in path {
            if let i = k.intValue { text += "[\(i)]" } else { text += text.isEmpty ? k.stringValue : "." + k.stringValue }
        }
        if let key { text += text.isEmpty ? key : "." + key }
        return text
    }

    /// Every object opened as a keyed container: its keys in input order, and the keys
    /// the type asked for.
    final class Recorder {
        struct Object {
            var path: [any CodingKey]
            var keys: [String]
            var asked: Set<String> = []
        }
        var objects: [Object] = []
    }

    struct Index: CodingKey {
        var intValue: Int?
        var stringValue: String { "\(intValue ?? 0)" }
        init(_ i: Int) { intValue = i }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    static func mismatch(_ path: [any CodingKey], _ expected: String) -> JSONInputError {
        JSONInputError(.wrongType(path: join(path), expected: expected))
    }

    struct ValueDecoder: Decoder {
        let value: JSONValue
        let path: [any CodingKey]
        let recorder: Recorder
        var codingPath: [any CodingKey] { path }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw mismatch(path, "object") }
            recorder.objects.append(Recorder.Object(path: path, keys: members.map(\.key)))
            var values: [String: JSONValue] = [:]
            for m in members { values[m.key] = m.value }
            return KeyedDecodingContainer(Keyed<Key>(values: values, path: path, recorder: recorder,
                                                     index: recorder.objects.count - 1))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw mismatch(path, "array") }
            return Unkeyed(items: items, path: path, recorder: recorder)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let values: [String: JSONValue]
        let path: [any CodingKey]
        let recorder: Recorder
        let index: Int
        var codingPath: [any CodingKey] { path }
        var allKeys: [Key] { values.keys.compactMap { Key(stringValue: $0) } }

        func asked(_ key: Key) { recorder.objects[index].asked.insert(key.stringValue) }

        func contains(_ key: Key) -> Bool {
            asked(key)
            return values[key.stringValue] != nil
        }

        func child(_ key: Key) throws -> ValueDecoder {
            asked(key)
            guard let value = values[key.stringValue] else {
                throw JSONInputError(.missingKey(path: join(path, key.stringValue)))
            }
            return ValueDecoder(value: value, path: path + [key], recorder: recorder)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            asked(key)
            if case .null = values[key.stringValue] ?? .null { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: try child(key)) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Bool(from: try child(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try String(from: try child(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Double(from: try child(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try Float(from: try child(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Int(from: try child(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try Int8(from: try child(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try Int16(from: try child(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try Int32(from: try child(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Int64(from: try child(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try UInt(from: try child(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try UInt8(from: try child(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try UInt16(from: try child(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try UInt32(from: try child(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try UInt64(from: try child(key)) }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { preconditionFailure("input types do not inherit") }
        func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let path: [any CodingKey]
        let recorder: Recorder
        var currentIndex = 0
        var codingPath: [any CodingKey] { path }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func next() throws -> ValueDecoder {
            guard !isAtEnd else { throw mismatch(path, "array") }
            defer { currentIndex += 1 }
            return ValueDecoder(value: items[currentIndex], path: path + [Index(currentIndex)], recorder: recorder)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .null = items[currentIndex] else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: try next()) }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try Bool(from: try next()) }
        mutating func decode(_ type: String.Type) throws -> String { try String(from: try next()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try Double(from: try next()) }
        mutating func decode(_ type: Float.Type) throws -> Float { try Float(from: try next()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try Int(from: try next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try Int8(from: try next()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try Int16(from: try next()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try Int32(from: try next()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try Int64(from: try next()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try UInt(from: try next()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try UInt8(from: try next()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try UInt16(from: try next()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try UInt32(from: try next()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try UInt64(from: try next()) }

        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    /// A single value: strings, numbers and booleans as the type asks; nothing converted
    /// silently (a number is not read as text, nor text as a number).
    struct Single: SingleValueDecodingContainer {
        let decoder: ValueDecoder
        var codingPath: [any CodingKey] { decoder.path }

        func decodeNil() -> Bool {
            if case .null = decoder.value { return true }
            return false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = decoder.value else { throw mismatch(codingPath, "bool") }
            return b
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = decoder.value else { throw mismatch(codingPath, "string") }
            return s
        }

        func number<N: LosslessStringConvertible>(_ type: N.Type) throws -> N {
            guard case .number(let raw) = decoder.value, let n = N(raw) else { throw mismatch(codingPath, "number") }
            return n
        }

        func decode(_ type: Double.Type) throws -> Double { try number(Double.self) }
        func decode(_ type: Float.Type) throws -> Float { try number(Float.self) }
        func decode(_ type: Int.Type) throws -> Int { try number(Int.self) }
        func decode(_ type: Int8.Type) throws -> Int8 { try number(Int8.self) }
        func decode(_ type: Int16.Type) throws -> Int16 { try number(Int16.self) }
        func decode(_ type: Int32.Type) throws -> Int32 { try number(Int32.self) }
        func decode(_ type: Int64.Type) throws -> Int64 { try number(Int64.self) }
        func decode(_ type: UInt.Type) throws -> UInt { try number(UInt.self) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try number(UInt8.self) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try number(UInt16.self) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try number(UInt32.self) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try number(UInt64.self) }
    }
}
