import Dispatch
import Foundation
import PetitionCore

/// A snapshot of a log's replayed cases, kept beside the log (`NAME.snapshot`) so that
/// opening does not replay every event (docs/decisions/0008-snapshot.md).
///
/// It is derived and never trusted over the log: it names the log (its id), the last
/// record it covers (sequence number, where that record lies, and its SHA-256), and is
/// used only if that record is in the log, checksum and hash intact, at that place. The
/// records after it are then read, verified and folded as usual. A snapshot that does
/// not match — another log, a log cut back or rewritten, another build's layout, a
/// damaged file — is ignored and rebuilt.
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

    static let magic = Array("XFSNAP01".utf8)

    /// Changes whenever a table the snapshot stores by position changes, so a snapshot
    /// written by another build's layout is ignored rather than misread.
    static let fingerprint: UInt32 = {
        let tables: [[String]] = [Phase.allCases.map(\.rawValue), CaseFlag.allCases.map(\.rawValue),
                                  ActionKind.allCases.map(\.rawValue), ["layout 1"]]
        return CRC32C.checksum(Array(tables.map { $0.joined(separator: ",") }.joined(separator: ";").utf8))
    }()

    /// The path of a log's snapshot.
    package static func path(forLog log: String) -> String {
        (log.hasSuffix(".log") ? String(log.dropLast(4)) : log) + ".snapshot"
    }

    // MARK: - Encoding

    /// The cases are written in `chunks` parts, each with its own checksum, so that
    /// opening decodes them on every core at once.
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
        w.uvarint(UInt64(parts.count))
        for (i, part) in parts.enumerated() {
            w.uvarint(UInt64(part.count))
            w.uvarint(UInt64(min(states.count, (i + 1) * per) - min(states.count, i * per)))
            w.uvarint(UInt64(CRC32C.checksum(part)))
        }
        var out = Self.magic
        func u32(_ v: UInt32) { var le = v.littleEndian; withUnsafeBytes(of: &le) { out += $0 } }
        u32(CRC32C.checksum(w.bytes))
        u32(UInt32(w.bytes.count))
        out += w.bytes
        for part in parts { out += part }
        return out
    }

    package enum Failure: Error, Equatable {
        case notASnapshot, damaged, otherLayout
    }

    /// A snapshot file with only its header read: enough to decide whether the log
    /// holds its head before paying for its cases.
    package struct File {
        package let logId: String
        package let head: Head
        let bytes: Data
        let chunks: [(from: Int, length: Int, count: Int, crc: UInt32)]

        package init(_ data: Data) throws(Failure) {
            bytes = data
            let result: Result<(String, Head, [(from: Int, length: Int, count: Int, crc: UInt32)]), Failure> =
                data.withUnsafeBytes { raw in Result { () throws(Failure) in try Self.header(raw) } }
            (logId, head, chunks) = try result.get()
        }

        private static func header(_ raw: UnsafeRawBufferPointer) throws(Failure)
            -> (String, Head, [(from: Int, length: Int, count: Int, crc: UInt32)]) {
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
                var chunks: [(from: Int, length: Int, count: Int, crc: UInt32)] = []
                var from = 16 + headerLength
                for _ in 0..<(try r.count()) {
                    let length = Int(try r.uvarint()), count = Int(try r.uvarint())
                    let crc = UInt32(truncatingIfNeeded: try r.uvarint())
                    guard length >= 0, from + length <= raw.count, count <= length else { throw Failure.damaged }
                    chunks.append((from, length, count, crc))
                    from += length
                }
                guard r.atEnd, from == raw.count else { throw Failure.damaged }
                return (logId, Head(seq: seq, offset: offset, end: end, hash: hash, recordOffsets: offsets), chunks)
            } catch let f as Failure {
                throw f
            } catch {
                throw .damaged
            }
        }

        /// How many cases the snapshot holds, from its header.
        package var caseCount: Int { chunks.reduce(0) { $0 + $1.count } }

        /// Whether every part's checksum holds, without decoding any case.
        package var partsIntact: Bool {
            bytes.withUnsafeBytes { raw in
                chunks.allSatisfy { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[$0.from..<($0.from + $0.length)])) == $0.crc }
            }
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
                            guard CRC32C.checksum(part) == c.crc else { throw .damaged }
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

    // MARK: - A case

    static func write(_ s: CaseState, _ w: inout BinaryWriter) {
        typealias C = BinaryEventCodec
        w.string(s.number.organ)
        w.int(s.number.year)
        w.int(s.number.sequence)
        w.tag(s.phase, in: Phase.allCases)
        w.optional(s.petition) { w, p in C.writePetition(p, &w) }
        w.uvarint(UInt64(s.flags.count))
        for flag in s.flags.sorted() { w.tag(flag, in: CaseFlag.allCases) }
        w.optional(s.holder) { $0.string($1) }
        w.optional(s.sender) { $0.string($1) }
        w.optional(s.sentOn) { $0.day($1) }
        w.optional(s.triageStart) { $0.day($1) }
        w.optional(s.assignment) { w, a in
            w.string(a.assigner); w.string(a.to); w.day(a.on); w.day(a.due); w.optional(a.reportedOn) { $0.day($1) }
        }
        w.optional(s.receivedOn) { $0.day($1) }
        w.optional(s.acceptedOn) { $0.day($1) }
        w.optional(s.handlerOrgan) { $0.string($1) }
        w.optional(s.route) { $0.string($1) }
        w.optional(s.type) { $0.tag($1, in: C.matterTypes) }
        w.optional(s.track) { $0.int($1) }
        w.optional(s.handler) { $0.string($1) }
        writeIntervals(s.hearings, &w)
        w.optional(s.extensionGranted) { w, e in w.int(e.days); w.string(e.reason); w.string(e.approvedBy); w.day(e.on) }
        w.optional(s.opinion) { w, o in
            w.tag(o.outcome, in: C.outcomes); w.string(o.text); w.string(o.basis)
            w.uvarint(UInt64(o.measures.count))
            for m in o.measures { w.tag(m, in: C.measures) }
            w.day(o.on)
        }
        w.optional(s.deliveredOn) { $0.day($1) }
        w.optional(s.review) { writeStage($1, &$0) }
        w.optional(s.rereview) { writeStage($1, &$0) }
        writeIntervals(s.rereviewPauses, &w)
        w.uvarint(UInt64(s.supervision.count))
        for o in s.supervision {
            w.int(o.index); w.string(o.organ); w.tag(o.suggestion, in: C.suggestions); w.string(o.reason)
            w.day(o.issuedOn); w.day(o.due)
            w.optional(o.feedback) { w, f in w.bool(f.adopted); w.string(f.note); w.day(f.on) }
        }
        w.optional(s.listedOn) { $0.day($1) }
        w.optional(s.listedDue) { $0.day($1) }
        w.optional(s.leader) { $0.string($1) }
        w.uvarint(UInt64(s.links.count))
        for l in s.links {
            w.string(l.to.organ); w.int(l.to.year); w.int(l.to.sequence); w.tag(l.kind, in: C.links)
        }
        w.optional(s.closedOn) { $0.day($1) }
        w.optional(s.lastStepDay) { $0.day($1) }
        w.uvarint(UInt64(s.steps.count))
        for step in s.steps {
            w.int(step.seq); w.int64(step.at.millisecondsSince1970)
            w.string(step.actor.user); w.tag(step.actor.role, in: C.roles); w.string(step.actor.organ)
            w.tag(step.rule, in: C.rules); w.tag(step.action, in: ActionKind.allCases); w.bool(step.annotation)
        }
        w.uvarint(UInt64(s.voided.count))
        for seq in s.voided.sorted() { w.int(seq) }
    }

    static func read(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState {
        typealias C = BinaryEventCodec
        var s = CaseState(number: CaseNumber(organ: try r.string(), year: try r.int(), sequence: try r.int()))
        s.phase = try r.tag(in: Phase.allCases)
        s.petition = try r.optional { r throws(C.DecodeError) in try C.readPetition(&r) }
        for _ in 0..<(try r.count()) { s.flags.insert(try r.tag(in: CaseFlag.allCases)) }
        s.holder = try r.optional { r throws(C.DecodeError) in try r.string() }
        s.sender = try r.optional { r throws(C.DecodeError) in try r.string() }
        s.sentOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.triageStart = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.assignment = try r.optional { r throws(C.DecodeError) in
            CaseState.Assignment(assigner: try r.string(), to: try r.string(), on: try r.day(), due: try r.day(),
                                 reportedOn: try r.optional { r throws(C.DecodeError) in try r.day() })
        }
        s.receivedOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.acceptedOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.handlerOrgan = try r.optional { r throws(C.DecodeError) in try r.string() }
        s.route = try r.optional { r throws(C.DecodeError) in try r.string() }
        s.type = try r.optional { r throws(C.DecodeError) in try r.tag(in: C.matterTypes) }
        s.track = try r.optional { r throws(C.DecodeError) in try r.int() }
        s.handler = try r.optional { r throws(C.DecodeError) in try r.string() }
        s.hearings = try readIntervals(&r)
        s.extensionGranted = try r.optional { r throws(C.DecodeError) in
            CaseState.Extension(days: try r.int(), reason: try r.string(), approvedBy: try r.string(), on: try r.day())
        }
        s.opinion = try r.optional { r throws(C.DecodeError) in
            let outcome = try r.tag(in: C.outcomes)
            let text = try r.string(), basis = try r.string()
            var measures: [Measure] = []
            for _ in 0..<(try r.count()) { measures.append(try r.tag(in: C.measures)) }
            return CaseState.Opinion(outcome: outcome, text: text, basis: basis, measures: measures, on: try r.day())
        }
        s.deliveredOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.review = try r.optional { r throws(C.DecodeError) in try readStage(&r) }
        s.rereview = try r.optional { r throws(C.DecodeError) in try readStage(&r) }
        s.rereviewPauses = try readIntervals(&r)
        for _ in 0..<(try r.count()) {
            let index = try r.int(), organ = try r.string(), suggestion = try r.tag(in: C.suggestions)
            let reason = try r.string(), issued = try r.day(), due = try r.day()
            let feedback = try r.optional { r throws(C.DecodeError) -> (adopted: Bool, note: String, on: Day) in
                (try r.bool(), try r.string(), try r.day())
            }
            s.supervision.append(CaseState.SupervisionOrder(index: index, organ: organ, suggestion: suggestion,
                                                            reason: reason, issuedOn: issued, due: due, feedback: feedback))
        }
        s.listedOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.listedDue = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.leader = try r.optional { r throws(C.DecodeError) in try r.string() }
        for _ in 0..<(try r.count()) {
            let to = CaseNumber(organ: try r.string(), year: try r.int(), sequence: try r.int())
            s.links.append(CaseState.Link(to: to, kind: try r.tag(in: C.links)))
        }
        s.closedOn = try r.optional { r throws(C.DecodeError) in try r.day() }
        s.lastStepDay = try r.optional { r throws(C.DecodeError) in try r.day() }
        var steps: [CaseState.Step] = []
        let stepCount = try r.count()
        steps.reserveCapacity(stepCount)
        for _ in 0..<stepCount {
            let seq = try r.int()
            let at = Instant(millisecondsSince1970: try r.int64())
            let actor = Actor(user: try r.string(), role: try r.tag(in: C.roles), organ: try r.string())
            steps.append(CaseState.Step(seq: seq, at: at, actor: actor, rule: try r.tag(in: C.rules),
                                        action: try r.tag(in: ActionKind.allCases), annotation: try r.bool()))
        }
        s.steps = steps
        for _ in 0..<(try r.count()) { s.voided.insert(try r.int()) }
        return s
    }

    static func writeIntervals(_ intervals: [CaseState.Interval], _ w: inout BinaryWriter) {
        w.uvarint(UInt64(intervals.count))
        for i in intervals { w.day(i.start); w.optional(i.end) { $0.day($1) } }
    }

    static func readIntervals(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> [CaseState.Interval] {
        var out: [CaseState.Interval] = []
        for _ in 0..<(try r.count()) {
            out.append(CaseState.Interval(start: try r.day(),
                                          end: try r.optional { r throws(BinaryEventCodec.DecodeError) in try r.day() }))
        }
        return out
    }

    static func writeStage(_ s: CaseState.Stage, _ w: inout BinaryWriter) {
        w.string(s.organ); w.day(s.requestedOn)
        w.optional(s.outcome) { $0.tag($1, in: BinaryEventCodec.reviewOutcomes) }
        w.optional(s.opinionOn) { $0.day($1) }
        w.optional(s.deliveredOn) { $0.day($1) }
    }

    static func readStage(_ r: inout BinaryReader) throws(BinaryEventCodec.DecodeError) -> CaseState.Stage {
        typealias C = BinaryEventCodec
        return CaseState.Stage(organ: try r.string(), requestedOn: try r.day(),
                               outcome: try r.optional { r throws(C.DecodeError) in try r.tag(in: C.reviewOutcomes) },
                               opinionOn: try r.optional { r throws(C.DecodeError) in try r.day() },
                               deliveredOn: try r.optional { r throws(C.DecodeError) in try r.day() })
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
