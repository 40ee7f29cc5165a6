import Foundation
import PetitionCore

extension LogRecord {
    /// Why a frame whose checksums held still does not give a record.
    package enum Unreadable: Error, Equatable, Sendable, CustomStringConvertible {
        /// A kind this version does not know, not marked safe to skip: a newer writer's
        /// record, which this reader must not pass over.
        case unknownKind(UInt16)
        /// A payload format the kind does not come in.
        case unknownFormat(kind: UInt16, format: UInt16)
        /// The payload does not decode as its kind and format say.
        case payload(String)

        /// As `log verify` and a recovery note word it (the words the decoder used before
        /// there was one record enum, kept so that reports and notes read the same).
        package var description: String {
            switch self {
            case .unknownKind(let kind): "unknownRecordType(\(kind))"
            case .unknownFormat(_, let format): "unknownFormat(\(format))"
            case .payload(let what): what
            }
        }
    }

    /// The payload format and bytes of this record.
    package func encoded() -> (LogFormat.PayloadFormat, [UInt8]) {
        switch self {
        case .events(let events):
            return (.binary, BinaryEventCodec.encode(events))
        case .recoveryNote(let note):
            return (.json, Self.json(note))
        case .staff(let change):
            return (.json, Self.json(change))
        case .commit(let commit):
            return (.json, Self.json(commit))
        case .checkpoint(let checkpoint):
            return (.json, Self.json(checkpoint))
        case .salvage(let salvage):
            return (.json, Self.json(salvage))
        case .disclosure(let disclosure):
            return (.json, Self.json(disclosure))
        case .supervision(let act):
            return (.json, Self.json(act))
        case .clock(let move):
            return (.json, Self.json(move))
        case .training(let note):
            return (.json, Self.json(note))
        case .referenceData(let data):
            return (.json, Self.json(data))
        }
    }

    /// A note or a commit is a handful of plain fields: encoding it cannot fail.
    private static func json(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(value))) ?? []
    }

    /// The record a frame holds (its events numbered with the frame's sequence number),
    /// or nil for a kind this version does not know that its writer marked safe to skip.
    package static func decode(_ frame: LogFormat.Frame) throws(Unreadable) -> LogRecord? {
        let result: Result<LogRecord?, Unreadable> = frame.payload.withUnsafeBytes { payload in
            Result { () throws(Unreadable) -> LogRecord? in try decode(frame, payload: payload) }
        }
        return try result.get()
    }

    /// The same, for a payload read where it lies (in a window of the file).
    static func decode(_ frame: LogFormat.Frame, payload: UnsafeRawBufferPointer) throws(Unreadable) -> LogRecord? {
        guard let kind = try known(frame) else { return nil }
        switch kind {
        case .events:
            var events: [CaseEvent] = []
            try decodeEvents(frame, payload: payload, into: &events)
            return .events(events)
        case .recoveryNote:
            // Only ever written as JSON; read as JSON whatever the format field says.
            do { return .recoveryNote(try JSONDecoder().decode(RecoveryNote.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .staff:
            do { return .staff(try JSONDecoder().decode(StaffChange.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .commit:
            do { return .commit(try JSONDecoder().decode(BatchCommit.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .checkpoint:
            do { return .checkpoint(try JSONDecoder().decode(SnapshotCheckpoint.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .salvage:
            do { return .salvage(try JSONDecoder().decode(SalvageRecord.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .disclosure:
            do { return .disclosure(try JSONDecoder().decode(DisclosureRecord.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .supervision:
            do { return .supervision(try JSONDecoder().decode(OrganSupervisionRecord.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .clock:
            do { return .clock(try JSONDecoder().decode(ClockMove.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .training:
            do { return .training(try JSONDecoder().decode(TrainingNote.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        case .referenceData:
            do { return .referenceData(try JSONDecoder().decode(ReferenceDataRecord.self, from: Data(payload))) } catch {
                throw .payload("\(error)")
            }
        }
    }

    /// Decodes a frame's events onto the end of `events`, where the payload lies (the
    /// replay path: no array per record); a record of no case adds nothing but must
    /// still decode. On a throw `events` is as it was.
    static func decodeEvents(_ frame: LogFormat.Frame, payload: UnsafeRawBufferPointer,
                             into events: inout [CaseEvent], shorts: ShortStrings? = nil) throws(Unreadable) {
        guard let kind = try known(frame) else { return }
        switch kind {
        case .events:
            switch LogFormat.PayloadFormat(rawValue: frame.format) {
            case .binary?:
                do { try BinaryEventCodec.decode(payload, seq: frame.seq, into: &events, shorts: shorts) } catch {
                    throw .payload("\(error)")
                }
            case .json?:
                do {
                    var decoded: [CaseEvent]
                    do {
                        decoded = try JSONDecoder().decode([CaseEvent].self, from: Data(payload))
                    } catch {
                        // Written before a shape changed: read as it was meant, or not at all.
                        guard let upgraded = Self.upgradedJSON(Array(payload)) else { throw error }
                        decoded = try JSONDecoder().decode([CaseEvent].self, from: upgraded)
                    }
                    for i in decoded.indices { decoded[i].seq = frame.seq }
                    events += decoded
                } catch {
                    throw .payload("\(error)")
                }
            case nil:
                throw .unknownFormat(kind: frame.type, format: frame.format)
            }
        case .recoveryNote, .commit, .checkpoint, .salvage, .staff, .disclosure, .supervision, .clock, .training, .referenceData:
            _ = try decode(frame, payload: payload)
        }
    }

    /// A JSON payload (format 1) of events written before a field changed shape, in this
    /// build's shape; nil if nothing in it is of an older shape. So far: the answer to a
    /// supervision suggestion, once `adopted: true|false`, now `adoption` (decision 0024).
    static func upgradedJSON(_ payload: [UInt8]) -> Data? {
        guard let events = try? JSONSerialization.jsonObject(with: Data(payload)) as? [Any] else { return nil }
        var changed = false
        func upgrade(_ value: Any) -> Any {
            if var object = value as? [String: Any] {
                if var feedback = object["feedbackRecorded"] as? [String: Any], let adopted = feedback["adopted"] as? Bool,
                   feedback["adoption"] == nil {
                    feedback["adopted"] = nil
                    feedback["adoption"] = adopted ? Adoption.adopted.rawValue : Adoption.notAdopted.rawValue
                    object["feedbackRecorded"] = feedback
                    changed = true
                }
                for (key, inner) in object { object[key] = upgrade(inner) }
                return object
            }
            if let array = value as? [Any] { return array.map(upgrade) }
            return value
        }
        let upgraded = upgrade(events)
        guard changed else { return nil }
        return try? JSONSerialization.data(withJSONObject: upgraded)
    }

    /// The frame's kind; nil if unknown but safe to skip.
    private static func known(_ frame: LogFormat.Frame) throws(Unreadable) -> Kind? {
        if let kind = Kind(rawValue: frame.type) { return kind }
        if frame.type & Kind.safeToIgnoreBit != 0 { return nil }
        throw .unknownKind(frame.type)
    }
}
