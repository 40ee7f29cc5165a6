import Foundation
import PetitionCore
@testable import PetitionStore
import PropertyBased
import TestSupport
import Testing

@Suite("Checksums and the payload codec")
struct CodecTests {
    @Test func crc32cMatchesTheRFC3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0...31)) == 0x46DD_794E)
        #expect(CRC32C.checksum(Array((0...31).reversed())) == 0x113F_DB5C)
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.unmask(CRC32C.mask(0x1234_5678)) == 0x1234_5678)
        // Continuing a checksum equals checksumming the whole.
        let all = Array("hello, petition".utf8)
        #expect(CRC32C.checksum(Array(all[5...]), seed: CRC32C.checksum(Array(all[..<5]))) == CRC32C.checksum(all))
    }

    @Test func hardwareAndTableCRCAgreeOnEveryLengthAndAlignment() {
        // The instruction runs only on machines that have it; the tables must give the
        // same CRC wherever a log is later read (a machine without SSE4.2, say).
        var g = SplitMix(seed: 7)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for end in stride(from: start, through: raw.count, by: 7) {
                    let part = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    #expect(CRC32C.checksum(part, seed: 0x1234) == CRC32C.software(part, seed: 0x1234))
                }
            }
            #expect(CRC32C.software(UnsafeRawBufferPointer(rebasing: raw[0..<0])) == 0)
        }
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32C.software($0) } == 0xE306_9283)
    }

    @Test func sha256MatchesFIPS180() {
        let abc = RecordHash(of: Array("abc".utf8))
        #expect(abc.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(LogFormat.hex(abc.bytes) == abc.hex)
        // Kept as four words, it gives back the same 32 bytes, in the order stored.
        #expect(RecordHash(bytes: abc.bytes) == abc && abc.bytes.first == 0xBA && abc.bytes.last == 0xAD)
        #expect(RecordHash(bytes: [1, 2, 3]) == nil)
    }

    @Test func everyCodecTableHoldsEveryCaseExactlyOnce() {
        func check<T: CaseIterable & Hashable>(_ table: [T]) {
            #expect(table.count == T.allCases.count && Set(table) == Set(T.allCases), "\(T.self)")
        }
        check(BinaryEventCodec.roles); check(BinaryEventCodec.channels); check(BinaryEventCodec.petitionerKinds)
        check(BinaryEventCodec.matterTypes); check(BinaryEventCodec.nonAcceptances); check(BinaryEventCodec.referrals)
        check(BinaryEventCodec.agreements); check(BinaryEventCodec.outcomes); check(BinaryEventCodec.measures)
        check(BinaryEventCodec.reviewOutcomes); check(BinaryEventCodec.conducts); check(BinaryEventCodec.followUps)
        check(BinaryEventCodec.suggestions); check(BinaryEventCodec.links); check(BinaryEventCodec.fields)
        check(BinaryEventCodec.rules); check(BinaryEventCodec.earlierCaseKinds)
    }

    /// The events added after tag 41 (decision 0017), each written and read back exactly.
    @Test func theEarlierCaseSupplementAndRehandlingEventsRoundTrip() throws {
        let ref = CaseNumber(organ: "D-XFJ", year: 2024, sequence: 9)
        let bodies: [EventBody] = [
            .earlierCaseFlagged(kind: .final, ref: ref), .earlierCaseFlagged(kind: .leapfrog, ref: nil),
            .earlierCaseFlagged(kind: .pendingBelow, ref: ref), .earlierCaseFlagged(kind: .repeatPetition, ref: ref),
            .differentMatterRecorded(ref: ref, reason: "事实不同"),
            .supplementRequested(due: Fixtures.day("2025-05-09"), note: "请补充理由"),
            .supplementReceived(facts: nil, reasons: "依据协议", phone: "13800138000", note: nil),
            .supplementReceived(facts: "事实", reasons: nil, phone: nil, note: "当面补正"),
            .rehandlingOrdered(note: "复查撤销，重新办理"),
            .rated(satisfaction: .basicallySatisfied, note: "答复及时"), .rated(satisfaction: .dissatisfied, note: nil),
        ]
        let events = bodies.map {
            CaseEvent(caseNumber: ref, at: Fixtures.instant("2025-04-29T09:00"), actor: Fixtures.clerk,
                      rule: .practiceSupplement, body: $0)
        }
        #expect(try BinaryEventCodec.decode(BinaryEventCodec.encode(events)) == events)
        // And as JSON, as `log dump` and `show --json` write them.
        let json = try JSONEncoder().encode(events)
        #expect(try JSONDecoder().decode([CaseEvent].self, from: json) == events)
    }

    @Test func everyEventOfEveryPhasePathRoundTrips() throws {
        var all: [CaseEvent] = []
        for phase in Phase.allCases { all += Scenario.at(phase).log }
        for kind in ActionKind.allCases {
            var s = Scenario.at(.handling)
            if (try? s.run(Samples.command(kind, lastSeq: s.log.last?.seq ?? 0), as: Fixtures.trainee, at: s.lastTime)) != nil { all += s.log.suffix(1) }
        }
        let bodies = Set(all.map(\.body.name))
        #expect(bodies.count >= 30, "the sample covers most event kinds: \(bodies.count)")
        let decoded = try BinaryEventCodec.decode(BinaryEventCodec.encode(all))
        #expect(decoded == all.map { var e = $0; e.seq = 0; return e })
    }

    @Test func randomTextSurvivesTheCodec() async {
        await propertyCheck(count: 500, input: Gen.character(in: "\u{1}"..."\u{D7FF}").string(of: 0...40), Gen.int(in: -100_000...100_000)) { text, n in
            var p = Fixtures.letter()
            p.request = text
            p.petitioner.name = text.isEmpty ? nil : text
            let e = CaseEvent(caseNumber: CaseNumber(organ: text.isEmpty ? "X" : text, year: n, sequence: n),
                              at: Instant(millisecondsSince1970: Int64(n) * 1_000_003), actor: Fixtures.clerk,
                              rule: .intakeRegisterAll, body: .registered(petition: p))
            #expect((try? BinaryEventCodec.decode(BinaryEventCodec.encode([e]))) == [e])
        }
    }

    @Test func malformedPayloadsAreRefusedNotCrashedOn() {
        let good = BinaryEventCodec.encode(try! workedExampleRecords().flatMap { $0 })
        // Every truncation and a sweep of single-byte corruptions either decode or throw.
        for n in 0..<good.count { _ = try? BinaryEventCodec.decode(Array(good.prefix(n))) }
        for i in stride(from: 0, to: good.count, by: 3) {
            var bad = good
            bad[i] ^= 0xA5
            _ = try? BinaryEventCodec.decode(bad)
        }
        #expect(throws: BinaryEventCodec.DecodeError.self) { _ = try BinaryEventCodec.decode([1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) }
        #expect(throws: BinaryEventCodec.DecodeError.self) { _ = try BinaryEventCodec.decode([1, 1, 0x7F, 0xC3, 0x28]) }
        #expect(throws: BinaryEventCodec.DecodeError.unknownVersion(9)) { _ = try BinaryEventCodec.decode([9]) }
    }
}

@Suite("UTF-8 in payloads")
struct UTF8Tests {
    /// A payload's text is taken exactly when it is valid UTF-8 (as the standard
    /// library's validating initializer judges it) and refused otherwise, never
    /// repaired: ASCII, Chinese, emoji, and the classic invalid forms.
    @Test func theDecoderAcceptsExactlyValidUTF8() {
        var cases: [[UInt8]] = [Array("张伟 abc".utf8), Array("😀".utf8), Array("é".utf8), [], [0x7F]]
        cases += [[0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                  [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xBD], [0x80], [0xFF], [0xE4, 0x41, 0x80]]
        for _ in 0..<2000 { cases.append((0..<Int.random(in: 1...6)).map { _ in UInt8.random(in: 0...255) }) }
        for bytes in cases {
            let field = [UInt8(bytes.count)] + bytes
            let read = field.withUnsafeBytes { raw -> String? in
                var r = BinaryReader(raw)
                return try? r.string()
            }
            let valid = String(validating: bytes, as: UTF8.self)
            #expect(read == valid, "\(bytes)")
        }
    }

    /// The same with the replay's cache of short texts (`ShortStrings`), every case read
    /// twice through one cache: thousands of texts share its 64 slots, and neither a text
    /// met before nor one that displaced another reads differently, or lets invalid
    /// bytes through.
    @Test func theCacheOfShortTextsReadsEveryTextAsTheDecoderDoes() {
        var cases: [[UInt8]] = [Array("D-XFJ".utf8), Array("张伟".utf8), Array("clerk01".utf8), [0xC0, 0x80], [0xED, 0xA0, 0x80]]
        for _ in 0..<3000 { cases.append((0..<Int.random(in: 1...15)).map { _ in UInt8.random(in: 0...255) }) }
        for _ in 0..<1000 { cases.append((0..<Int.random(in: 1...15)).map { _ in UInt8.random(in: 0x61...0x64) }) }
        let shorts = ShortStrings()
        for bytes in cases + cases.shuffled() {
            let field = [UInt8(bytes.count)] + bytes
            let read = field.withUnsafeBytes { raw -> String? in
                var r = BinaryReader(raw, shorts: shorts)
                return try? r.recurringString()
            }
            #expect(read == String(validating: bytes, as: UTF8.self), "\(bytes)")
        }
    }
}

/// A log written in JSON (payload format 1) before the answer to a suggestion had three
/// values still reads: `adopted: true|false` is read as adopted or not adopted.
@Suite("JSON payloads of an older shape")
struct OlderJSONTests {
    @Test(arguments: [(true, Adoption.adopted), (false, Adoption.notAdopted)])
    func anAnswerRecordedAsAdoptedYesOrNoReadsAsItsAdoption(adopted: Bool, adoption: Adoption) throws {
        let event = CaseEvent(caseNumber: CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1),
                              at: Fixtures.instant("2025-04-29T09:00"), actor: Fixtures.supervisor,
                              rule: .supervisionOrder, body: .feedbackRecorded(order: 1, adoption: adoption, note: "理由"))
        let now = String(decoding: try JSONEncoder().encode([event]), as: UTF8.self)
        let old = now.replacingOccurrences(of: #""adoption":"\#(adoption.rawValue)""#, with: #""adopted":\#(adopted)"#)
        #expect(old != now)
        let frame = LogFormat.Frame(offset: 0, length: 0, seq: 7, type: LogRecord.Kind.events.rawValue,
                                    format: LogFormat.PayloadFormat.json.rawValue, time: event.at, durableBefore: 0,
                                    writerID: 0, prevHash: RecordHash(of: [UInt8]()), payload: Array(old.utf8),
                                    hash: RecordHash(of: [UInt8]()))
        guard case .events(let events)? = try LogRecord.decode(frame) else {
            Issue.record("not read as events")
            return
        }
        #expect(events.map(\.body) == [.feedbackRecorded(order: 1, adoption: adoption, note: "理由")])
    }
}
