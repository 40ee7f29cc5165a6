import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore

/// A log in PostgreSQL (`--log postgres://…`, docs/decisions/0028-postgresql-store.md):
/// how a session tells it from a file path, opens it, and reads it whole for the log tools.
extension Session {
    /// The database the log is in, when `--log` (or `$XINFANG_LOG`) is a `postgres://` or
    /// `postgresql://` URL; nil for a file. A URL that does not parse is refused, never
    /// taken for a file path.
    func database() throws -> PostgresLocation? {
        let path = logPath
        guard PostgresLocation.isURL(path) else { return nil }
        do throws(PostgresLocation.ParseError) {
            var location = try PostgresLocation(parsing: path, account: Installation.current.account)
            // SCRAM from another host: the password from $PGPASSWORD rather than the URL,
            // which other accounts may see on a command line.
            if location.password == nil, let password = Self.environment["PGPASSWORD"], !password.isEmpty {
                location.password = password
            }
            return location
        } catch {
            guard case .bad(let field, _) = error else { return nil }
            throw UsageError("--log「\(path)」不是有效的数据库地址（\(field)）：应为 postgres://[用户@]主机[:端口]/数据库 或 postgresql:///数据库?host=/套接字目录",
                             "--log \"\(path)\" is not a database URL (\(field)): use postgres://[user@]host[:port]/database or postgresql:///database?host=/socket/folder")
        }
    }

    /// The log as messages name it: a database's URL without its password.
    var logName: String { ((try? database()) ?? nil)?.description ?? logPath }

    /// Whether the log is in a database.
    var isDatabaseLog: Bool { PostgresLocation.isURL(logPath) }

    /// The hash of the reference data in force, recorded in a database log: hosts with
    /// other data refuse to write there.
    var referenceHash: String { ReferenceHash.of(folder: reference.folder) }

    /// Opens a database log and reads it; a writer carries this host's reference-data hash.
    func openDatabaseLog(_ location: PostgresLocation, writable: Bool) throws -> PostgresEventLog {
        let log = try PostgresEventLog.open(location, writable: writable, dataHash: writable ? referenceHash : nil)
        try checkMode(log.header.mode)
        return log
    }

    /// The log opened as its store: a file or a database.
    func openLog(writable: Bool) throws -> any EventLog {
        if let location = try database() { return try openDatabaseLog(location, writable: writable) }
        let log = try DurableLog.open(at: logPath, .init(writable: writable))
        try checkMode(log.header.mode)
        return log
    }

    /// Every record read and checked as `log verify` reads a file: a database log's rows laid
    /// end to end after its header are the file it would be.
    func scanLog() throws -> LogScan {
        guard let location = try database() else { return try LogInspection.scan(logPath) }
        let log = try PostgresEventLog.open(location, listen: false)
        return try LogInspection.scan(bytes: try log.image().bytes, path: location.description)
    }
}
