import Foundation
import PetitionCore
@testable import PetitionStore
import TestSupport
import Testing

/// The fuzzers' corpus (Tests/Fuzz/corpus, grown by `make fuzz`) replayed through
/// the same decoders as ordinary tests: nothing in it may crash them.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    static let corpus = Fixtures.root + "/Tests/Fuzz/corpus"

    /// Seeds: frames, whole logs and payloads from the worked example, cut and whole.
    static func seeds() throws -> [String: [[UInt8]]] {
        let header = FuzzTargets.header
        var file = LogFormat.encodeHeader(logId: Array(repeating: 0x42, count: 16), createdAt: header.createdAt,
                                          mode: .training, jurisdiction: "D-XFJ")
        var frames: [[UInt8]] = []
        var payloads: [[UInt8]] = []
        var prev = header.genesisHash
        for (i, record) in try workedExampleRecords().enumerated() {
            let payload = BinaryEventCodec.encode(record)
            let frame = LogFormat.encodeFrame(seq: i + 1, kind: .events, format: .binary, time: header.createdAt,
                                              durableBefore: file.count, writerID: 1, prevHash: prev, payload: payload,
                                              seed: header.seed)
            prev = RecordHash(of: frame)
            frames.append(frame)
            payloads.append(payload)
            file += frame
        }
        // A batch's commit record, after the frames above.
        let (commitFormat, commitPayload) = LogRecord.commit(BatchCommit(first: 1, last: frames.count, lastHash: prev.hex)).encoded()
        let commit = LogFormat.encodeFrame(seq: frames.count + 1, kind: .commit, format: commitFormat, time: header.createdAt,
                                           durableBefore: file.count, writerID: 1, prevHash: prev, payload: commitPayload,
                                           seed: header.seed)
        // A salvage record and the events a recovery writes (docs/decisions/0013-salvage.md).
        let salvageRecord = SalvageRecord(part: 1, parts: 1, originalSHA256: prev.hex, originalBytes: file.count,
                                          lost: [.init(seq: 2, offset: 200, hash: prev.hex, cases: ["D-XFJ-2025-00001"])],
                                          unchained: [], quarantined: [.init(file: "x.quarantine-2-200-0", offset: 200,
                                                                             bytes: 96, sha256: prev.hex)],
                                          map: [.init(oldSeq: 1, old: prev.hex, newSeq: 1, new: prev.hex)])
        let (salvageFormat, salvagePayload) = LogRecord.salvage(salvageRecord).encoded()
        let salvage = LogFormat.encodeFrame(seq: frames.count + 2, kind: .salvage, format: salvageFormat,
                                            time: header.createdAt, durableBefore: file.count + commit.count, writerID: 1,
                                            prevHash: RecordHash(of: commit), payload: salvagePayload, seed: header.seed)
        let actor = Actor(user: "log-recover", role: .administrator, organ: "D-XFJ")
        let number = CaseNumber(organ: "D-XFJ", year: 2025, sequence: 1)
        let recoveryEvents = BinaryEventCodec.encode([
            CaseEvent(caseNumber: number, at: header.createdAt, actor: actor, rule: .practiceRecovery,
                      body: .recordsLost(seqs: [2, 3], note: "日志恢复")),
            CaseEvent(caseNumber: number, at: header.createdAt, actor: Fixtures.supervisor, rule: .practiceRecovery,
                      body: .recoveryReviewed(note: "已核对")),
        ])
        let head = CaseSnapshot.Head(seq: 1, offset: 64, end: 200, hash: prev, recordOffsets: [64])
        let snapshot = CaseSnapshot(logId: "abc", head: head, states: [try SnapshotLayoutTests.everyFieldSet()]).encode()
        // A checkpoint vouching for that snapshot, after the commit.
        let (checkpointFormat, checkpointPayload) = LogRecord.checkpoint(SnapshotCheckpoint(
            seq: frames.count + 1, headHash: RecordHash(of: commit).hex,
            snapshot: try #require(CaseSnapshot.digest(of: snapshot)).hex, cases: 1)).encoded()
        let checkpoint = LogFormat.encodeFrame(seq: frames.count + 2, kind: .checkpoint, format: checkpointFormat,
                                               time: header.createdAt, durableBefore: file.count + commit.count, writerID: 1,
                                               prevHash: RecordHash(of: commit), payload: checkpointPayload, seed: header.seed)
        return ["frame": Array(frames.prefix(4)) + [Array(frames[0].prefix(60)), commit, salvage, checkpoint],
                "snapshot": [snapshot, Array(snapshot.prefix(snapshot.count / 2)),
                             CaseSnapshot(logId: "abc", head: head, states: []).encode()],
                "scan": [file, Array(file.prefix(file.count / 2)), Array(file.prefix(200)), file + commit,
                         file + commit + salvage, file + commit + checkpoint],
                "payload": Array(payloads.prefix(6)) + [recoveryEvents]]
    }

    @Test(arguments: ["frame", "scan", "payload", "snapshot"])
    func theCorpusReplaysThroughTheDecodersWithoutACrash(_ target: String) throws {
        let dir = Self.corpus + "/" + target
        var files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        if files.isEmpty || ProcessInfo.processInfo.environment["RECORD_FUZZ_SEEDS"] == "1" {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (i, seed) in try Self.seeds()[target, default: []].enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: "\(dir)/seed-\(i)"))
            }
            files = try FileManager.default.contentsOfDirectory(atPath: dir)
        }
        var accepted = 0
        for name in files {
            let data = try #require(FileManager.default.contents(atPath: dir + "/" + name))
            if FuzzTargets.run(target, Array(data)) { accepted += 1 }
        }
        #expect(files.count >= 3)
        #expect(accepted >= 1, "the seeds include valid inputs")
    }
}
