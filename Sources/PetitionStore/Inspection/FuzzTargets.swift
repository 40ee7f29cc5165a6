import Foundation
import PetitionCore

/// The decoders that fuzzing drives (`make fuzz`), and that `make test` replays
/// the committed corpus through. Each must refuse malformed input without
/// crashing, and whatever it accepts must survive a round trip.
package enum FuzzTargets {
    /// A fixed header, so that frames can be checked against its seed.
    package static let header: LogFormat.Header = {
        let bytes = LogFormat.encodeHeader(logId: Array(repeating: 0x42, count: 16),
                                           createdAt: Instant(millisecondsSince1970: 1_745_769_600_000),
                                           mode: .training, jurisdiction: "D-XFJ")
        guard case .success(let h) = bytes.withUnsafeBytes({ LogFormat.decodeHeader($0) }) else {
            preconditionFailure("the fuzz header must decode")
        }
        return h
    }()

    /// One frame at the start of the input.
    package static func frame(_ input: [UInt8]) -> Bool {
        let result = input.withUnsafeBytes { LogFormat.decodeFrame($0, at: 0, seed: header.seed, maxPayload: header.maxPayload) }
        guard case .success(let f) = result else { return false }
        guard let kind = LogRecord.Kind(rawValue: f.type), let format = LogFormat.PayloadFormat(rawValue: f.format) else {
            return true
        }
        let again = LogFormat.encodeFrame(seq: f.seq, kind: kind, format: format, time: f.time,
                                          durableBefore: f.durableBefore, writerID: f.writerID, prevHash: f.prevHash,
                                          payload: f.payload, seed: header.seed)
        precondition(again == Array(input[..<f.length]), "an accepted frame must re-encode to the same bytes")
        _ = try? LogRecord.decode(f)
        return true
    }

    /// A whole file: header, then the recovery scanner over every frame.
    package static func scan(_ input: [UInt8]) -> Bool {
        input.withUnsafeBytes { raw in
            guard case .success(let h) = LogFormat.decodeHeader(raw) else { return false }
            let result = LogScan.scan(raw, header: h, from: h.size, lastSeq: 0, lastHash: h.genesisHash)
            precondition(result.end <= raw.count, "the valid prefix lies inside the file")
            for f in result.frames { _ = try? LogRecord.decode(f) }
            return result.problem == nil
        }
    }

    /// A binary events payload.
    package static func payload(_ input: [UInt8]) -> Bool {
        guard let events = try? BinaryEventCodec.decode(input) else { return false }
        let again = try? BinaryEventCodec.decode(BinaryEventCodec.encode(events))
        precondition(again == events, "an accepted payload must survive a round trip")
        return true
    }

    /// A snapshot file: its header, then its cases, and one case through its index and the
    /// cases linking to it through the reverse links (point queries). Whatever it accepts must survive a round trip through the writer, and
    /// a case found by number must be that number's.
    package static func snapshot(_ input: [UInt8]) -> Bool {
        guard let file = try? CaseSnapshot.File(Data(input)) else { return false }
        let probe = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)
        if let found = try? file.state(of: probe) { precondition(found.number == probe, "a point query found another case") }
        guard let states = try? file.cases() else { return false }
        for state in states.prefix(8) {
            if let found = try? file.state(of: state.number) {
                precondition(found.number == state.number, "a point query found another case")
            }
            // Through the reverse links: only cases whose links name the case asked for.
            for link in state.links.prefix(4) {
                for other in (try? file.linking(to: link.to)) ?? [] {
                    precondition(other.state.links.contains { $0.to == link.to }, "a reverse link found a case not linking")
                }
            }
        }
        let again = CaseSnapshot(logId: file.logId, head: file.head, states: states).encode()
        precondition((try? CaseSnapshot.File(Data(again)).cases()) == states, "an accepted snapshot must survive a round trip")
        return true
    }

    /// The target named (a string from the command line or the environment: anything
    /// unknown is the payload target, as `make fuzz` has always run it).
    package static func run(_ target: String, _ input: [UInt8]) -> Bool {
        switch target {
        case "frame": frame(input)
        case "scan": scan(input)
        case "snapshot": snapshot(input)
        default: payload(input)
        }
    }
}
