import ArgumentParser
import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

extension LogCommand {
    /// `xinfang log copy --from A --to B`: a file log into a database, or a database log out
    /// to a file (an archive), every record byte for byte, so the chain and `log verify`'s
    /// head hash are the same on both (docs/decisions/0028-postgresql-store.md).
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a log between a file and a PostgreSQL database, every record and the hash chain kept.",
            discussion: "--from FILE --to postgres://… makes the jurisdiction's log in the database (run by the schema's owner; the copied records keep their own actors); --from postgres://… --to FILE writes a new file. The source must verify intact; the destination must not exist yet.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "The log to copy: a file or a postgres:// URL.") var from: String
        @Option(help: "Where to copy it: a new file or a postgres:// URL.") var to: String

        func run() throws {
            try Session.run(options) { session in
                let fromDatabase = PostgresLocation.isURL(from), toDatabase = PostgresLocation.isURL(to)
                guard fromDatabase != toDatabase else {
                    throw UsageError("--from 与 --to 须一个是日志文件、一个是数据库地址",
                                     "--from and --to must be one a log file and the other a database URL")
                }
                if toDatabase {
                    try copyIntoDatabase(session)
                } else {
                    try copyOutToFile(session)
                }
            }
        }

        private func location(_ text: String, _ session: Session) throws -> PostgresLocation {
            var options = session.options
            options.log = text
            guard let location = try Session(options: options, reference: session.reference).database() else {
                throw UsageError("「\(text)」不是数据库地址", "\"\(text)\" is not a database URL")
            }
            return location
        }

        private func copyIntoDatabase(_ session: Session) throws {
            let scan = try LogInspection.scan(from)
            guard scan.problem == nil else {
                throw UsageError("\(from) 未通过校验（\(LogCommand.Verify.describe(scan, session))），不复制；请先运行 xinfang log verify",
                                 "\(from) does not verify (\(LogCommand.Verify.describe(scan, session))); nothing copied: run xinfang log verify first")
            }
            let bytes = try Self.read(from)
            var target = try location(to, session)
            if let named = target.jurisdiction, named != scan.header.jurisdiction {
                throw UsageError("\(from) 是 \(scan.header.jurisdiction) 的日志，不是 \(named) 的",
                                 "\(from) is the log of \(scan.header.jurisdiction), not of \(named)")
            }
            _ = try PostgresEventLog.create(target, jurisdiction: scan.header.jurisdiction, mode: scan.header.mode,
                                            now: Session.systemNow, dataHash: session.referenceHash,
                                            copying: Array(bytes[0..<scan.header.size]))
            target.jurisdiction = scan.header.jurisdiction
            let log = try PostgresEventLog.open(target, writable: true, listen: false)
            try log.importFrames(scan.frames.map { Array(bytes[$0.offset..<($0.offset + $0.length)]) })
            try log.finishImport()
            let head = log.headHash.hex
            session.say("已复制\(log.lastSeq)条记录到 \(target.description)，头哈希 \(head)",
                        "Copied \(log.lastSeq) records to \(target.description), head hash \(head)")
        }

        private func copyOutToFile(_ session: Session) throws {
            try session.checkOfficeFolder(holds: to)
            try InitCommand.checkNewLogPath(to)
            let fs = PosixFileSystem()
            if fs.exists(to) { throw StoreError(.logExists, path: to) }
            let source = try PostgresEventLog.open(try location(from, session), listen: false)
            let image = try source.image()
            let scan = try LogInspection.scan(bytes: image.bytes, path: source.location.description)
            guard scan.problem == nil else {
                throw UsageError("数据库中的日志未通过校验（\(LogCommand.Verify.describe(scan, session))），不复制",
                                 "The database log does not verify (\(LogCommand.Verify.describe(scan, session))); nothing copied")
            }
            let dir = (to as NSString).deletingLastPathComponent
            if !dir.isEmpty, !fs.exists(dir) {
                do throws(FileError) { try fs.createDirectory(dir) } catch {
                    throw StoreError(.io, path: dir, cause: error.description)
                }
            }
            try FileModes.checkNotWorldWritable(to, fs: fs)
            do throws(FileError) { try fs.replace(to, with: image.bytes, temp: to + ".creating", durable: true) } catch {
                throw StoreError(.io, path: to, cause: error.description)
            }
            let written = try LogInspection.scan(to)
            let head = LogFormat.hex(written.headHash)
            session.say("已复制\(written.lastSeq)条记录到 \(to)，头哈希 \(head)",
                        "Copied \(written.lastSeq) records to \(to), head hash \(head)")
        }

        static func read(_ path: String) throws -> [UInt8] {
            let fs = PosixFileSystem()
            do {
                let fd = try fs.open(path, write: false, create: false, exclusive: false)
                defer { fs.close(fd) }
                return try fs.read(fd, count: Int(try fs.size(fd)), at: 0)
            } catch {
                throw StoreError(.io, path: path, cause: error.description)
            }
        }
    }
}
