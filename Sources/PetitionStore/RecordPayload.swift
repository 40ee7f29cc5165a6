import Foundation
import PetitionCore

/// A record's content, decoded.
package enum LogRecord: Sendable {
    case events([CaseEvent])
    case recoveryNote(RecoveryNote)
    /// A record type this version does not know but may skip.
    case skipped(type: UInt16)
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

/// Encoding and decoding of record payloads.
package enum RecordPayload {
    static func encodeEvents(_ events: [CaseEvent]) -> (LogFormat.PayloadFormat, [UInt8]) {
        (.binary, BinaryEventCodec.encode(events))
    }

    static func encodeNote(_ note: RecoveryNote) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(note))) ?? []
    }

    /// Decodes a frame's payload; events get the frame's sequence number.
    package static func decode(_ frame: LogFormat.Frame) throws -> LogRecord {
        try frame.payload.withUnsafeBytes { try decode(frame, payload: $0) }
    }

    /// Decodes an events record's payload where it lies onto the end of `events` (the
    /// replay path: no array per record); other record types add nothing. Throws for
    /// a payload that does not decode, leaving `events` as it was.
    static func decodeEvents(_ frame: LogFormat.Frame, payload: UnsafeRawBufferPointer,
                             into events: inout [CaseEvent]) throws {
        guard frame.type == LogFormat.RecordType.events.rawValue, frame.format == LogFormat.PayloadFormat.binary.rawValue else {
            if case .events(let decoded) = try decode(frame, payload: payload) { events += decoded }
            return
        }
        try BinaryEventCodec.decode(payload, seq: frame.seq, into: &events)
    }

    /// Decodes a payload where it lies (in the window read from the file), for a frame
    /// whose payload was not copied out.
    static func decode(_ frame: LogFormat.Frame, payload: UnsafeRawBufferPointer) throws -> LogRecord {
        switch frame.type {
        case LogFormat.RecordType.events.rawValue:
            var events: [CaseEvent]
            switch frame.format {
            case LogFormat.PayloadFormat.binary.rawValue:
                events = try BinaryEventCodec.decode(payload)
            case LogFormat.PayloadFormat.json.rawValue:
                events = try JSONDecoder().decode([CaseEvent].self, from: Data(payload))
            default:
                throw BinaryEventCodec.DecodeError.unknownFormat(frame.format)
            }
            for i in events.indices { events[i].seq = frame.seq }
            return .events(events)
        case LogFormat.RecordType.recoveryNote.rawValue:
            return .recoveryNote(try JSONDecoder().decode(RecoveryNote.self, from: Data(payload)))
        default:
            if frame.type & LogFormat.RecordType.safeToIgnore != 0 { return .skipped(type: frame.type) }
            throw BinaryEventCodec.DecodeError.unknownRecordType(frame.type)
        }
    }
}
