import ConsoleUI
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// The console's log: the case book of the log file, as `ConsoleLoop` asks for it.
///
/// Writes go through the case book (under the log's lock, after catching up with other
/// consoles, deciding again); a snapshot's records are checked on another thread, and
/// damage found there turns the log read-only with a warning on every screen.
final class BookHost: ConsoleHost {
    private let book: CaseBook
    private let session: Session
    private let actor: Actor
    private let staff: StaffDirectory
    /// The check of a snapshot's records: the console's own, or the console service's one
    /// check shared by every session on its book (decision 0033).
    private let background: BackgroundCheck
    /// A training log's exercises (`data/exercises/`), with their seeds' petitions.
    private let exercises: [ExerciseFile]

    init(book: CaseBook, session: Session, actor: Actor, staff: StaffDirectory, exercises: [ExerciseFile] = [],
         background: BackgroundCheck = BackgroundCheck()) {
        self.background = background
        self.staff = staff
        self.exercises = exercises
        self.book = book
        self.session = session
        self.actor = actor
    }

    /// Opened from a snapshot, the records it covers were not re-read: check them now,
    /// in the background (after the first screen, so they do not compete with it).
    func startBackgroundCheck() {
        if let log = book.log as? DurableLog, log.resumed, let head = log.snapshotCovered {
            background.start(session.logPath, covered: head)
        }
    }

    var cases: (states: [CaseState], positions: CasePositions) { (book.states, book.position) }

    func rows(asOf day: Day) -> [QueueRow] {
        book.nextDeadlines(asOf: day, calendar: session.reference.calendar, directory: session.reference.directory)
    }

    func searchIndex() -> SearchIndex { book.searchIndex() }

    /// A database log that cannot be reached is not the end of the console: it keeps its
    /// screen, says so on its status line (`warning`) and asks again at the next poll,
    /// which reconnects (docs/decisions/0028-postgresql-store.md).
    func pickUp() throws -> Bool {
        do {
            return !(try book.refresh()).isEmpty
        } catch {
            guard error.code == .io, book.log is PostgresEventLog else { throw error }
            return false
        }
    }

    func history(of number: CaseNumber) -> [CaseEvent] { (try? book.history(of: number)) ?? [] }

    /// Writes what a saved form asked for, then prints an issued document (`printed`).
    func perform(_ effect: Effect, now: Instant) -> EffectResult { printed(write(effect, now: now)) }

    /// Writes what a saved form asked for, through the log's lock: the case book
    /// catches up with other consoles, decides again, appends and syncs. A refusal or
    /// a failure comes back as one line, and nothing was written. A document issued is
    /// saved, not yet printed: the console service prints it after letting go of its lock.
    func write(_ effect: Effect, now: Instant) -> EffectResult {
        do {
            switch effect {
            case .register(let petition):
                let numbers = try book.register([petition], now: now, actor: actor, reference: session.reference, staff: staff)
                return .registered(numbers[0])
            case .execute(let command, let number):
                _ = try book.execute(command, on: number, now: now, actor: actor, reference: session.reference, staff: staff)
                return .executed(number)
            case .recordOrganAct(let command):
                try book.recordOrganAct(command, now: now, actor: actor, reference: session.reference, staff: staff)
                return .recordedOrganAct(command)
            case .issueDocument(let command, let number, let text, let fileName):
                // Saved first, then recorded: a refused issue takes away the file it made (never
                // one an earlier issue of the same text left), so nothing is left of it.
                let existed = FileManager.default.fileExists(atPath: (documentsFolder as NSString).appendingPathComponent(fileName))
                let path = try saveDocument(text, named: fileName)
                do {
                    _ = try book.execute(command, on: number, now: now, actor: actor, reference: session.reference, staff: staff)
                } catch {
                    if !existed { try? FileManager.default.removeItem(atPath: path) }
                    throw error
                }
                return .issued(number, path: path, printed: false)
            case .moveClock(let to):
                let move = try book.moveClock(to: to, by: actor.user, given: try session.now(for: book.mode))
                return .clockMoved(move.to)
            case .startExercise(let id):
                guard let file = exercises.first(where: { $0.exercise.id == id }) else {
                    return .failed(session.language == .zh ? "没有练习 \(id)" : "No exercise \(id)", field: nil)
                }
                try book.startExercise(file, given: now, actor: actor, reference: session.reference, staff: staff)
                return .exerciseStarted(id)
            case .recordNote(let note):
                _ = try? book.record(note)
                return .noteRecorded
            }
        } catch {
            recordAttempt(error, effect, now: now)
            let field: String? = switch error {
            case let r as Rejection: r.field
            case let b as BatchRejection: b.rejection.field
            default: nil  // an error type, not an enum of ours: only refusals name a field
            }
            return .failed(Failure.describe(error, language: session.language, reference: session.reference).0, field: field)
        }
    }

    /// The folder documents are saved in: `$XINFANG_DOCUMENTS`, else `documents/` beside the
    /// log (made private to the user, as the log's folder is); for a database log, beside
    /// where the user's own log file would be.
    var documentsFolder: String {
        if let folder = Session.environment["XINFANG_DOCUMENTS"], !folder.isEmpty { return folder }
        // A database log has no folder of its own: the user's data folder keeps them.
        let log = session.isDatabaseLog ? Session.defaultFileLog : session.logPath
        return ((log as NSString).deletingLastPathComponent as NSString).appendingPathComponent("documents")
    }

    private func saveDocument(_ text: String, named name: String) throws -> String {
        let folder = documentsFolder
        try session.checkOfficeFolder(holds: folder + "/" + name)
        do {
            // Modes as the log's own files have them (`FileModes`): the user's alone, or in an
            // office folder (set-group-id) its group's, so that every window (and the console
            // service, which saves for them all) writes to the same folder.
            let parent = try? FileManager.default.attributesOfItem(atPath: FileModes.folder(of: folder))[.posixPermissions]
            let parentMode = (parent as? NSNumber)?.uint32Value
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: FileModes.folder(in: parentMode)])
            let folderMode = ((try? FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions]) as? NSNumber)?.uint32Value
            let path = (folder as NSString).appendingPathComponent(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            // Personal data: readable by the user alone, as the log is (or its office's group).
            try FileManager.default.setAttributes([.posixPermissions: FileModes.file(in: folderMode)], ofItemAtPath: path)
            return path
        } catch {
            throw UsageError("不能保存文书到 \(folder)：\(error.localizedDescription)",
                             "Cannot save the document in \(folder): \(error.localizedDescription)")
        }
    }

    /// `result` with the document it issued sent to the printer, if it issued one.
    func printed(_ result: EffectResult) -> EffectResult {
        guard case .issued(let number, let path, _) = result else { return result }
        return .issued(number, path: path, printed: printDocument(at: path))
    }

    /// Sends the saved document to the system printer with `lp` when one is configured
    /// (`$XINFANG_PRINTER` names it); whether it went.
    private func printDocument(at path: String) -> Bool {
        guard let printer = Session.environment["XINFANG_PRINTER"], !printer.isEmpty,
              FileManager.default.isExecutableFile(atPath: "/usr/bin/lp") else { return false }
        let lp = Process()
        lp.executableURL = URL(fileURLWithPath: "/usr/bin/lp")
        lp.arguments = ["-d", printer, path]
        lp.standardOutput = FileHandle.nullDevice
        lp.standardError = FileHandle.nullDevice
        do { try lp.run() } catch { return false }
        lp.waitUntilExit()
        return lp.terminationStatus == 0
    }

    /// On a training log, a refused registration or action is written as an attempt, so
    /// that the trainee's mistakes can be scored (decision 0026); a production log writes
    /// nothing on a refusal (`recordAttempt` does nothing there). Best effort: a failure to
    /// write the attempt leaves the refusal as it was.
    private func recordAttempt(_ error: any Error, _ effect: Effect, now: Instant) {
        let rejection: Rejection? = switch error {
        case let r as Rejection: r
        case let b as BatchRejection: b.rejection
        default: nil
        }
        guard let rejection else { return }
        let (action, number): (String, CaseNumber?) = switch effect {
        case .register: ("register", nil)
        case .execute(let command, let number), .issueDocument(let command, let number, _, _): (command.kind.rawValue, number)
        case .recordOrganAct(let command): (command.measure.rawValue, nil)
        case .moveClock, .recordNote, .startExercise: ("", nil)
        }
        guard !action.isEmpty else { return }
        _ = try? book.record(.refused(TrainingAttempt(rejection, action: action, caseNumber: number, by: actor.user, at: now)))
    }

    /// The damage the open or a later read found, or else what the background check
    /// found (which then makes the log read-only too). Short enough for one line of an
    /// 80-column screen with what to run kept whole; `log verify` gives the offset and why.
    var checking: Bool { background.running }

    func exerciseRuns() -> [ExerciseRun] { book.exerciseRuns(of: actor.user) }

    var organRecords: [OrganSupervisionRecord] { book.organRecords }

    var staffList: (members: [StaffMember], owner: String?) {
        let staff = book.staff
        return (staff.sorted, staff.owner)
    }

    func warning() -> String? {
        if let database = book.log as? PostgresEventLog, !database.isConnected {
            return session.language == .zh
                ? "数据库连接已断开，正在重连；恢复前不能保存"
                : "Database connection lost; reconnecting. Nothing can be saved until it is back"
        }
        let log = book.log as? DurableLog
        if log?.damage == nil, let found = background.damage(), case .damage = found { log?.markDamaged(found) }
        guard case .damage(_, let seq, _)? = log?.damage else { return nil }
        return session.language == .zh
            ? "日志已损坏：第\(seq)条记录；只读，请运行 xinfang log verify，再 log recover"
            : "Log damaged at record \(seq), read-only: run xinfang log verify / log recover"
    }
}
