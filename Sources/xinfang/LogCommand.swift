import ArgumentParser
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// `xinfang log info|verify|recover|dump|follow`: the log's own tools. None of them
/// changes the log; `recover` writes a new one beside it.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "日志工具 — inspect, verify, recover, dump or follow the log.",
        subcommands: [Info.self, Verify.self, Recover.self, Dump.self, Follow.self, Copy.self, ReferenceData.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Mode, log id, records, head hash, size and date range.")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        struct Summary: Encodable {
            var path: String
            var mode: String
            var logId: String
            var jurisdiction: String
            var version: Int
            var records: Int
            var headHash: String
            var bytes: Int
            var first: String?
            var last: String?
            var state: String
            /// The snapshot beside the log: "current", "N records behind", "ignored: …" or "none".
            var snapshot: String
        }

        func run() throws {
            try Session.run(options) { session in
                let path = session.logPath
                let scan = try session.scanLog()
                let state: String = switch scan.problem {
                case nil: "ok"
                case .tornTail?: "torn-tail"
                case .damage?: "damaged"
                }
                // The dates the events took place (a training log's simulated clock included).
                var range: (first: Day, last: Day)?
                for frame in scan.frames {
                    guard case .events(let events)? = try? LogRecord.decode(frame) else { continue }
                    for e in events {
                        let d = Day(e.at)
                        range = (min(range?.first ?? d, d), max(range?.last ?? d, d))
                    }
                }
                let snapshotPath = CaseSnapshot.path(forLog: path)
                let zh = session.language == .zh
                let snapshot = session.isDatabaseLog ? Verify.describe(.none, session)
                    : Verify.describe(SnapshotInspection.status(ofLog: path, scan), session)
                let s = Summary(path: session.logName, mode: scan.header.mode.rawValue, logId: scan.header.logIdHex,
                                jurisdiction: scan.header.jurisdiction, version: Int(scan.header.version),
                                records: scan.lastSeq, headHash: LogFormat.hex(scan.headHash), bytes: scan.fileSize,
                                first: range?.first.description, last: range?.last.description, state: state,
                                snapshot: snapshot)
                if json { return Output.printJSON(s) }
                // A database log: the reference data it is decided by, beside this host's.
                var data: [[String]] = []
                if let location = try session.database() {
                    let recorded = try PostgresEventLog.open(location, listen: false).logDataHash
                    let here = session.referenceHash
                    data = [[zh ? "参考数据" : "reference data",
                             recorded == here ? recorded + (zh ? "（与本机相同）" : " (this host's too)")
                                              : recorded + (zh ? "；本机为 \(here)，不同：本机不能写入" : "; this host's is \(here): different, this host cannot write")]]
                }
                let mode = scan.header.mode == .training ? (zh ? "培训" : "training") : (zh ? "正式" : "production")
                Output.printTable(nil, [
                    [zh ? "日志" : "log", session.logName],
                    [zh ? "模式" : "mode", mode],
                    [zh ? "日志编号" : "log id", s.logId],
                    [zh ? "辖区" : "jurisdiction", session.reference.directory.name(s.jurisdiction, session.language)],
                    [zh ? "记录数" : "records", "\(s.records)"],
                    [zh ? "头哈希" : "head hash", s.headHash],
                    [zh ? "大小" : "size", "\(s.bytes) bytes"],
                    [zh ? "日期范围" : "dates", "\(s.first ?? "—") — \(s.last ?? "—")"],
                    [zh ? "状态" : "state", Verify.describe(scan, session)],
                    [zh ? "快照" : "snapshot", session.isDatabaseLog ? s.snapshot : snapshotPath + "  " + s.snapshot],
                ] + data)
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check every checksum, the sequence and the hash chain; print the count and head hash.",
            discussion: "--anchor SEQ:HASH checks that the log still leads to a head hash written down earlier (on a daily report): the one thing that shows a cut or rewritten log.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "A record number and the head hash it had, SEQ:HASH, as printed earlier by verify.") var anchor: String?

        /// The snapshot's state, in a line (`log info`, `log verify`).
        static func describe(_ status: SnapshotInspection.Status, _ session: Session) -> String {
            let zh = session.language == .zh
            switch status {
            case .none:
                return zh ? "无" : "none"
            case .unreadable:
                return zh ? "无法读取，不会使用（下次读取全部案件的写入时重建，如控制台）"
                    : "ignored: unreadable (rebuilt by the next writer that reads every case, such as the console)"
            case .otherLog:
                return zh ? "不对应此日志，不会使用（下次写入时重建）" : "ignored: it does not match this log (rebuilt on the next write)"
            case .unvouched(let seq):
                return zh ? "至第\(seq)条记录，但日志中没有为它担保的检查点记录，不会使用（下次写入时重建）"
                          : "record \(seq), but no checkpoint in the log vouches for it: not used (rebuilt on the next write)"
            case .vouched(let seq, let cases, let checkpoint, let behind):
                let where_ = behind == 0 ? (zh ? "最新" : "current") : (zh ? "落后\(behind)条记录" : behind == 1 ? "1 record behind" : "\(behind) records behind")
                return zh ? "\(where_)（至第\(seq)条记录，\(cases)件案件；第\(checkpoint)条检查点担保）"
                          : "\(where_) (record \(seq), \(cases) cases; vouched for by checkpoint \(checkpoint))"
            }
        }

        /// A role from which accusations' payloads are withheld (Art 30) cannot lay the log
        /// out as a file: its read checked every record's sequence and link to the one before
        /// (the withheld ones by their headers and stored hashes), and it is told so.
        static func withheld(_ location: PostgresLocation, _ session: Session) throws -> Bool {
            let log = try PostgresEventLog.open(location, listen: false)
            guard !log.withheld.isEmpty else { return false }
            let head = log.headHash.hex
            session.say("\(log.lastSeq)条记录，头哈希 \(head)（锚点 \(log.lastSeq):\(head)）",
                        "\(log.lastSeq) records, head hash \(head) (anchor \(log.lastSeq):\(head))")
            session.say("序号与哈希链完好；其中\(log.withheld.count)条为检举控告记录，数据库不向角色 \(log.sessionUser) 提供其内容，只核对了记录头与哈希（\(session.citation(.classifyAccusation))）",
                        "Sequence and hash chain intact; \(log.withheld.count) records are accusations' whose payload the database withholds from role \(log.sessionUser): their headers and hashes were checked (\(session.citation(.classifyAccusation)))")
            return true
        }

        /// On a database log, every record decided here names as its actor the role that
        /// appended it (the database stamps session_user; a clerk cannot append in another's
        /// name even from psql). Records copied in by `log copy` keep their own actors.
        static func checkStamps(_ location: PostgresLocation, _ scan: LogScan, _ session: Session) throws {
            let log = try PostgresEventLog.open(location, listen: false)
            let stamps = Dictionary(uniqueKeysWithValues: try log.image().stamps.map { ($0.seq, $0) })
            var mismatches: [(Int, String, String)] = []
            var imported = 0
            for frame in scan.frames {
                guard let stamp = stamps[frame.seq] else { continue }
                if stamp.imported { imported += 1; continue }
                // A training log's trainee plays every role (--as): no stamp to match there.
                guard scan.header.mode == .production, let record = try? LogRecord.decode(frame),
                      let actor = PostgresEventLog.actor(of: record) else { continue }
                if actor != stamp.role { mismatches.append((frame.seq, actor, stamp.role)) }
            }
            if imported > 0 {
                session.say("其中\(imported)条记录由 xinfang log copy 从其他存储复制而来，保留原记录的操作人",
                            "\(imported) records were copied in from another store by xinfang log copy and keep their own actors")
            }
            for (seq, actor, role) in mismatches.prefix(20) {
                session.say("第\(seq)条记录的操作人「\(actor)」不是写入它的数据库角色「\(role)」",
                            "Record \(seq) names \"\(actor)\" as its actor but was appended by database role \"\(role)\"")
            }
            if !mismatches.isEmpty { throw ExitCode(65) }
            if scan.header.mode == .production {
                session.say("每条记录的操作人与写入它的数据库角色相符", "Every record's actor is the database role that appended it")
            }
        }

        static func describe(_ scan: LogScan, _ session: Session) -> String {
            let zh = session.language == .zh
            switch scan.problem {
            case nil:
                return zh ? "完好" : "intact"
            case .tornTail(let at, _)?:
                let n = scan.fileSize - at
                return zh ? "末尾有\(n)字节崩溃遗留（偏移\(at)），下次写入时移至隔离文件"
                          : "\(n) bytes of crash leftover at offset \(at); the next write moves them aside"
            case .damage(let at, let seq, let english)?:
                let reason = LogScan.Problem.reason(english, session.language)
                return zh ? "第\(seq)条记录损坏（字节偏移\(at)，\(reason)），日志只读；请运行 xinfang log recover --out 新文件"
                          : "record \(seq) is damaged (byte offset \(at), \(reason)); the log is read-only; run xinfang log recover --out NEW"
            }
        }

        func run() throws {
            try Session.run(options) { session in
                if let location = try session.database(), try Verify.withheld(location, session) { return }
                let scan = try session.scanLog()
                let head = LogFormat.hex(scan.headHash)
                session.say("\(scan.lastSeq)条记录，头哈希 \(head)（锚点 \(scan.lastSeq):\(head)）",
                            "\(scan.lastSeq) records, head hash \(head) (anchor \(scan.lastSeq):\(head))")
                session.say(Verify.describe(scan, session), Verify.describe(scan, session))
                for frame in scan.frames {
                    guard case .salvage(let s)? = try? LogRecord.decode(frame), s.part == 1 else { continue }
                    session.say("第\(frame.seq)条为恢复记录（salvage）：由原日志（SHA-256 \(s.originalSHA256)）恢复，原记录丢失见 xinfang log dump",
                                "Record \(frame.seq) is a salvage record: recovered from an original with SHA-256 \(s.originalSHA256); what was lost is in xinfang log dump")
                }
                if case .damage? = scan.problem {
                    // So that show, queue and the console, opening from a snapshot, agree.
                    if !session.isDatabaseLog { LogInspection.noteDamage(scan, ofLog: session.logPath) }
                    throw ExitCode(65)
                }
                if let location = try session.database() {
                    try Verify.checkStamps(location, scan, session)
                } else {
                    try checkSnapshot(scan, session)
                }
                if let anchor {
                    let parts = anchor.split(separator: ":")
                    guard parts.count == 2, let seq = Int(parts[0]), parts[1].count == 64 else {
                        throw UsageError("--anchor 应为 记录号:头哈希（64位十六进制）", "--anchor is SEQ:HASH (64 hex digits)")
                    }
                    guard let frame = scan.frames.first(where: { $0.seq == seq }) else {
                        session.say("锚点不符：日志只有\(scan.lastSeq)条记录，少于锚点的第\(seq)条——日志被截短或回退",
                                    "Anchor does not match: the log has \(scan.lastSeq) records, fewer than the anchor's \(seq): it was cut or rolled back")
                        throw ExitCode(65)
                    }
                    guard LogFormat.hex(frame.hash) == parts[1].lowercased() else {
                        session.say("锚点不符：第\(seq)条记录的哈希已不同——日志被改写",
                                    "Anchor does not match: record \(seq) has a different hash: the log was rewritten")
                        throw ExitCode(65)
                    }
                    session.say("锚点相符：第\(seq)条记录以来的日志是其延续", "Anchor matches: the log extends record \(seq)")
                }
            }
        }
    }

    /// The snapshot's state, and — when the log vouches for it — the full fold of the
    /// log compared with it case by case: the one check that catches a checkpoint the
    /// log should never have held (decision 0012). Run by the scheduled `log verify`.
    static func checkSnapshot(_ scan: LogScan, _ session: Session) throws {
        let status = SnapshotInspection.status(ofLog: session.logPath, scan)
        if status == .none { return }
        let line = Verify.describe(status, session)
        session.say("快照：" + line, "Snapshot: " + line)
        guard case .vouched = status, let mismatch = try SnapshotInspection.foldAndCompare(session.logPath) else { return }
        let which = mismatch.differs.map { "\($0)" }
        session.say("快照与逐条重放的结果不符（\(which.map { "案件\($0)" } ?? "快照\(mismatch.counts.snapshot)件，重放\(mismatch.counts.fold)件")）：快照或为它担保的检查点记录被改动过；请删除 \(CaseSnapshot.path(forLog: session.logPath)) 并核查日志",
                    "The snapshot differs from the full replay (\(which.map { "case \($0)" } ?? "\(mismatch.counts.snapshot) cases against \(mismatch.counts.fold)")): the snapshot or the checkpoint vouching for it was altered; delete \(CaseSnapshot.path(forLog: session.logPath)) and audit the log")
        throw ExitCode(65)
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Write a new log of every intact record, re-chained, with a salvage record; the original is untouched.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The new log to write.") var out: String

        func run() throws {
            try Session.run(options) { session in
                if session.isDatabaseLog {
                    throw UsageError("数据库中的日志不由 xinfang 恢复：每条记录写入时已由数据库核对哈希链，损坏请从数据库备份恢复；要得到一份日志文件，请用 xinfang log copy --from 数据库地址 --to 新文件",
                                     "A database log is not recovered by xinfang: the database checked the chain of every record as it was appended; restore damage from the database's backups, and for a log file use xinfang log copy --from URL --to NEW")
                }
                try session.checkOfficeFolder(holds: out)
                guard let r = try LogInspection.recover(session.logPath, to: out) else {
                    session.say("日志完好，无需恢复", "The log is intact; nothing to recover")
                    return
                }
                if r.staleReplaced {
                    session.warn("上次恢复未完成留下的 \(out).creating 已被替换", "\(out).creating, left by an earlier recover that did not finish, was replaced")
                }
                for line in Recover.report(r, out: out, session.language) { print(line) }
            }
        }

        /// What a recovery kept, lost and moved aside, one fact a line.
        static func report(_ r: LogInspection.Recovered, out: String, _ language: Language) -> [String] {
            let zh = language == .zh
            let seqs = r.lost.map { "\($0.seq)" }.joined(separator: zh ? "、" : ", ")
            var lines = [zh ? "已写出 \(out)：保留全部\(r.kept)条完好记录（重新编号为第1至\(r.kept)条并重建哈希链），共\(r.records)条记录，头哈希 \(r.headHash.hex)"
                            : "Wrote \(out): all \(r.kept) intact records kept (renumbered 1 to \(r.kept), hash chain rebuilt), \(r.records) records in all, head hash \(r.headHash.hex)"]
            if r.lost.isEmpty {
                lines.append(zh ? "丢失记录：无" : "Records lost: none")
            } else {
                lines.append(zh ? "丢失记录：\(r.lost.count)条（原第\(seqs)条）" : "Records lost: \(r.lost.count) (old records \(seqs))")
            }
            if !r.incomplete.isEmpty {
                let cases = r.incomplete.map(\.description).joined(separator: zh ? "、" : ", ")
                lines.append(zh ? "记录不全的案件（须督办人员复核恢复后方可办理）：\(cases)"
                                : "Cases now incomplete (a supervisor must review-recovery before anyone acts on them): \(cases)")
            }
            if !r.unchained.isEmpty {
                let list = r.unchained.map(String.init).joined(separator: zh ? "、" : ", ")
                lines.append(zh ? "哈希链在原第\(list)条记录前断开（前一条记录被改动），已保留并标记其案件"
                                : "The hash chain broke before old records \(list) (the record before was changed); kept, and its cases marked")
            }
            for q in r.quarantined {
                lines.append(zh ? "隔离文件：\(q.file)（原字节偏移\(q.offset)起\(q.bytes)字节，SHA-256 \(q.sha256)）"
                                : "Quarantine: \(q.file) (\(q.bytes) bytes from original offset \(q.offset), SHA-256 \(q.sha256))")
            }
            lines.append(zh ? "原日志 SHA-256 \(r.originalSHA256)，未改动；旧记录哈希到新记录的对照见 xinfang log dump 中的 salvage 记录"
                            : "Original SHA-256 \(r.originalSHA256), untouched; the map from old record hashes to new is in the salvage record (xinfang log dump)")
            return lines
        }
    }

    /// `xinfang log reference-data --log postgres://…`: the log's owner records this host's
    /// `data/` as the reference data in force (a kind-8 record, decision 0028), once every
    /// host has it: from then on a host with other data may not write.
    struct ReferenceData: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reference-data",
            abstract: "On a database log: record this host's reference data (data/) as the data in force (the log's owner).")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Session.run(options) { session in
                guard let location = try session.database() else {
                    throw UsageError("只有数据库中的日志记录参考数据", "Only a database log records its reference data")
                }
                let log = try session.openDatabaseLog(location, writable: true)
                try log.recordReferenceData()
                session.say("已记录：此后按本机的参考数据（SHA-256 \(session.referenceHash)）办理，参考数据不同的主机不能写入",
                            "Recorded: from now on records are decided by this host's reference data (SHA-256 \(session.referenceHash)); hosts with other data cannot write")
            }
        }
    }

    struct Follow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "follow",
            abstract: "Print records as other processes append them, one JSON object per line, until interrupted.",
            discussion: "For administrators and supervisors only; personal data and accusation content are masked (Art 30).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Stop after this many seconds (default: run until interrupted).") var seconds: Double?

        func run() throws {
            try Session.run(options) { session in
                // What a dump may show, a follow may show: to the same roles, masked (Art 30).
                let log = try session.openLog(writable: false)
                try Dump.authorize(try session.actor(in: try session.openBook()), log.header.mode, session)
                var masking = Dump.Masking()
                masking.note(try log.readAll())
                let deadline = seconds.map { Date().addingTimeInterval($0) }
                while deadline.map({ Date() < $0 }) ?? true {
                    let new = try log.poll()
                    masking.note(new)
                    for event in new {
                        // Written straight to the descriptor, so a pipe sees each record at once.
                        if let data = Output.jsonLine(masking.masked(event)) { FileHandle.standardOutput.write(data) }
                    }
                    usleep(100_000)
                }
            }
        }
    }
}
