import ArgumentParser
import Foundation
import PetitionCore
import PetitionStore

extension LogCommand {
    /// `xinfang log dump [--reason TEXT]`: every record as one JSON object per line, for
    /// administrators and supervisors only. Personal data and accusation content are
    /// masked (Art 30; REGULATION.md, "Personal data") unless a reason is given, which is
    /// recorded in the log first — so no one reads the log unmasked without a trace
    /// (docs/decisions/0015-art30.md).
    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump",
            abstract: "Print every record as one JSON object per line (administrators and supervisors; masked).",
            discussion: """
            Names, identity numbers, phones and addresses are masked, and an accusation's content withheld \
            (Art 30). --reason prints them unmasked; the reason, who and when are first recorded in the log \
            as a disclosure record, and if that record cannot be written (a read-only or damaged log) nothing \
            is printed.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "Print unmasked, for this reason (recorded in the log before anything is printed).")
        var reason: String?

        /// The roles that may read the log's records: the administrator keeps the log,
        /// supervisors audit it. Handlers and clerks see cases through `show` and
        /// `queue`, which withhold what Art 30 withholds from them.
        static let roles: Set<Role> = [.administrator, .supervisor]

        /// On a training log a trainee plays every role, the administrator's included:
        /// its cases are practice, never a real accuser's.
        static func authorize(_ actor: Actor, _ mode: LogMode, _ session: Session) throws {
            guard roles.contains(actor.role) || (actor.role == .trainee && mode == .training) else {
                throw UsageError(
                    "日志记录仅限系统管理员和督办人员查阅（\(actor.user) 的岗位是\(session.reference.policy.name(of: actor.role, .zh))）；检举控告材料不得泄露（\(session.citation(.classifyAccusation))），请用 show 或 queue 查看案件",
                    "Only administrators and supervisors may read the log's records (\(actor.user) is \(session.reference.policy.name(of: actor.role, .en))); accusations are never disclosed (\(session.citation(.classifyAccusation))); use show or queue to see cases")
            }
        }

        func run() throws {
            try Session.run(options) { session in
                let actor = try session.actor(in: try session.openBook())
                var scan = try session.scanLog()
                try Dump.authorize(actor, scan.header.mode, session)
                if let reason {
                    guard !reason.trimmed.isEmpty else {
                        throw UsageError("--reason 不能为空：请写明查阅理由", "--reason is empty: say why the log is read unmasked")
                    }
                    try Dump.record(DisclosureRecord(user: actor.user, role: actor.role, organ: actor.organ,
                                                     reason: reason.trimmed), session)
                    scan = try session.scanLog()
                }
                var masking = Masking(unmasked: reason != nil)
                for frame in scan.frames { masking.note(try? LogRecord.decode(frame)) }
                for frame in scan.frames { Dump.print(frame, masking) }
                if scan.problem != nil { session.warn(Verify.describe(scan, session), Verify.describe(scan, session)) }
            }
        }

        /// Appends the disclosure record, synced, before anything is printed; if it cannot
        /// be written, the dump is refused with the reason it could not.
        static func record(_ disclosure: DisclosureRecord, _ session: Session) throws {
            do {
                let log = try session.openLog(writable: true)
                _ = try log.transact { _ in [.disclosure(disclosure)] }
            } catch let usage as UsageError {
                throw usage
            } catch {
                let (line, code) = Failure.describe(error, language: session.language, reference: session.reference)
                var refused = UsageError("查阅理由无法记入日志，未输出任何内容（\(line)）",
                                         "The reason could not be recorded in the log, so nothing is printed (\(line))")
                refused.exitCode = code == 65 ? 65 : 74
                throw refused
            }
        }

        /// Which cases are accusations (so every event of theirs is masked as one), and
        /// whether to mask at all.
        struct Masking {
            var unmasked = false
            private var accusations: Set<CaseNumber> = []

            init(unmasked: Bool = false) { self.unmasked = unmasked }

            /// The cases each act of an organ cites, in log order (a lift names its act by number).
            private var actCases: [[CaseNumber]] = []

            mutating func note(_ record: LogRecord?) {
                if case .supervision(let act)? = record, act.lifts == nil { actCases.append(act.cases) }
                note(record?.events ?? [])
            }

            /// A case is an accusation if it was registered or ever classified as one.
            mutating func note(_ events: [CaseEvent]) {
                for e in events {
                    if case .registered(let p) = e.body, p.type == .accusation { accusations.insert(e.caseNumber) }
                    if case .classified(.accusation, _) = e.body { accusations.insert(e.caseNumber) }
                }
            }

            func masked(_ event: CaseEvent) -> CaseEvent {
                unmasked ? event : event.redacted(accusation: accusations.contains(event.caseNumber))
            }

            /// A supervision act of an organ: its note withheld if it cites an accusation (Art 30).
            /// A lift's reason is withheld as its act's note is (decision 0030).
            func masked(_ act: OrganSupervisionRecord) -> OrganSupervisionRecord {
                guard !unmasked else { return act }
                if let n = act.lifts, actCases.indices.contains(n - 1), actCases[n - 1].contains(where: accusations.contains) {
                    var lift = act
                    lift.note = PersonalData.withheld
                    return lift
                }
                return act.redacted(accusations: accusations)
            }
        }

        struct Line: Encodable {
            var seq: Int
            var offset: Int
            var type: String
            var time: String
            var durableBefore: Int
            var writer: UInt32
            var prevHash: String
            var hash: String
            var events: [CaseEvent]?
            var note: RecoveryNote?
            var commit: BatchCommit?
            var checkpoint: SnapshotCheckpoint?
            var salvage: SalvageRecord?
            var disclosure: DisclosureRecord?
            /// Staff are officials acting in their posts: shown as recorded.
            var staff: StaffChange?
            /// A supervision act of an organ (decision 0024); officials in their posts, shown as
            /// recorded, but a note citing an accusation is masked like its events.
            var supervision: OrganSupervisionRecord?
            /// A training log's clock (decision 0026).
            var clock: ClockMove?
            /// A training note: a refused attempt (what was tried and why it was refused, no
            /// petition text), an exercise started, a hint shown (decision 0026).
            var training: TrainingNote?
            /// The reference data in force on a database log from here on (decision 0028).
            var referenceData: ReferenceDataRecord?
            /// True when personal data and accusation content were masked.
            var masked: Bool?
        }

        static func print(_ frame: LogFormat.Frame, _ masking: Masking) {
            var line = Line(seq: frame.seq, offset: frame.offset, type: "\(frame.type)", time: frame.time.beijingDescription,
                            durableBefore: frame.durableBefore, writer: frame.writerID,
                            prevHash: LogFormat.hex(frame.prevHash), hash: LogFormat.hex(frame.hash))
            // A record that does not decode, or of a kind this version skips, keeps its number as its type.
            switch try? LogRecord.decode(frame) {
            case .events(let e)?:
                line.type = LogRecord.Kind.events.name
                line.events = e.map(masking.masked)
                line.masked = !masking.unmasked
            case .recoveryNote(let n)?: line.type = LogRecord.Kind.recoveryNote.name; line.note = n
            case .commit(let c)?: line.type = LogRecord.Kind.commit.name; line.commit = c
            case .checkpoint(let c)?: line.type = LogRecord.Kind.checkpoint.name; line.checkpoint = c
            case .salvage(let s)?: line.type = LogRecord.Kind.salvage.name; line.salvage = s
            case .disclosure(let d)?: line.type = LogRecord.Kind.disclosure.name; line.disclosure = d
            case .staff(let c)?: line.type = LogRecord.Kind.staff.name; line.staff = c
            case .supervision(let act)?:
                line.type = LogRecord.Kind.supervision.name
                line.supervision = masking.masked(act)
                line.masked = !masking.unmasked
            case .clock(let c)?: line.type = LogRecord.Kind.clock.name; line.clock = c
            case .training(let n)?: line.type = LogRecord.Kind.training.name; line.training = n
            case .referenceData(let r)?: line.type = LogRecord.Kind.referenceData.name; line.referenceData = r
            case nil: break
            }
            if let data = Output.jsonLine(line) { FileHandle.standardOutput.write(data) }
        }
    }
}
