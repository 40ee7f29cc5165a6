import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
import TestSupport
import Testing

/// The throwaway cluster `make test` starts (scripts/pg-cluster.sh): its socket folder is
/// `$XINFANG_TEST_PG`. Under `make test` (which also sets `XINFANG_TEST_PG_REQUIRED=1`) a
/// missing or dead server fails these tests; a plain `swift test` without one skips them.
enum TestServer {
    static let folder: String? = ProcessInfo.processInfo.environment["XINFANG_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["XINFANG_TEST_PG_REQUIRED"] == "1"
    /// Whether tests that need the server run: it is named, or it is required (and then fails).
    static let enabled = folder != nil || required

    /// The superuser: the account running the tests (peer authentication).
    static var account: String { String(cString: getpwuid(geteuid())!.pointee.pw_name) }

    static func location(_ database: String, user: String? = nil, password: String? = nil,
                         jurisdiction: String? = nil) throws -> PostgresLocation {
        guard let folder else {
            throw StoreError(.io, path: "XINFANG_TEST_PG", cause: "no test server: run the tests with make test")
        }
        var url = "postgresql:///\(database)?host=\(folder)"
        if let user { url += "&user=\(user)" }
        if let password { url += "&password=\(password)" }
        if let jurisdiction { url += "&jurisdiction=\(jurisdiction)" }
        return try PostgresLocation(parsing: url, account: account)
    }

    /// A fresh database of its own for one test.
    static func freshDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try PostgresAdmin.execute(try location("postgres"), ["CREATE DATABASE \(name)"])
        return String(name)
    }

    /// A role that signs in with a password (SCRAM), a member of xinfang_staff.
    static func role(_ name: String, in database: String, accusations: Bool = false) throws {
        let exists = try PostgresAdmin.column(try location(database), "SELECT rolname::text FROM pg_roles WHERE rolname = '\(name)'")
        var statements = exists.isEmpty ? ["CREATE ROLE \(name) LOGIN PASSWORD 'pw-\(name)'"] : []
        statements.append("GRANT xinfang_staff TO \(name)")
        if accusations { statements.append("GRANT xinfang_accusations TO \(name)") }
        try PostgresAdmin.execute(try location(database), statements)
    }

    static let dataHash = ReferenceHash.of(folder: Fixtures.dataFolder)

    /// A new log for D-XFJ in a fresh database, opened writable.
    static func newLog(mode: LogMode = .training, now: Instant = Instant(millisecondsSince1970: 1_745_800_000_000))
        throws -> (database: String, log: PostgresEventLog) {
        let database = try freshDatabase()
        _ = try PostgresEventLog.create(try location(database), jurisdiction: "D-XFJ", mode: mode, now: now, dataHash: dataHash)
        return (database, try PostgresEventLog.open(try location(database), writable: true, dataHash: dataHash))
    }
}
