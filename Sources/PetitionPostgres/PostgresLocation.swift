import Foundation

/// Where a log lives in PostgreSQL, from a `--log` (or `$XINFANG_LOG`) that is a URL:
/// `postgres://[user[:password]@][host][:port]/database[?host=/socket/dir&jurisdiction=CODE]`
/// (also `postgresql://`). Without a host — or with `?host=` naming a folder — the server
/// is reached over its Unix socket in that folder (`/run/postgresql` by default), where
/// peer authentication makes the account the database role (docs/decisions/0028).
package struct PostgresLocation: Sendable, Equatable {
    /// A TCP host, or nil for the Unix socket in `socketFolder`.
    package var host: String?
    package var port: Int
    package var socketFolder: String
    /// The database role: the URL's user, else the account running xinfang (peer authentication).
    package var user: String
    package var password: String?
    package var database: String
    /// The jurisdiction whose log this is (its organ code), when the URL names one; else the
    /// database's only log (or, for `init`, the jurisdiction given there).
    package var jurisdiction: String?
    /// Over TCP: `disable` (no TLS), `prefer` (TLS when the server offers it; the default) or
    /// `require`; the server's certificate is checked against the system's trusted ones.
    package var sslMode: String

    /// Whether a `--log` names a database rather than a file.
    package static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres:")
            || lower.hasPrefix("postgresql:")
    }

    package enum ParseError: Error, Equatable {
        /// `field` is what is wrong: the scheme, the database, the port.
        case bad(field: String, text: String)
    }

    /// Parses a URL; `account` is the default role.
    package init(parsing text: String, account: String) throws(ParseError) {
        guard Self.isURL(text), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw .bad(field: "url", text: text)
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let database = String(components.percentEncodedPath.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw .bad(field: "database", text: text) }
        self.database = database
        let givenHost = components.host.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        let queryHost = query["host"].flatMap { $0.isEmpty ? nil : $0 }
        if let queryHost, queryHost.hasPrefix("/") {
            host = nil
            socketFolder = queryHost
        } else if let h = queryHost ?? givenHost {
            host = h
            socketFolder = ""
        } else {
            host = nil
            socketFolder = "/run/postgresql"
        }
        if let p = query["port"] ?? components.port.map(String.init) {
            guard let n = Int(p), (1...65535).contains(n) else { throw .bad(field: "port", text: text) }
            port = n
        } else {
            port = 5432
        }
        user = query["user"] ?? components.user?.removingPercentEncoding ?? account
        password = query["password"] ?? components.password?.removingPercentEncoding
        jurisdiction = query["jurisdiction"].flatMap { $0.isEmpty ? nil : $0 }
        sslMode = query["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else { throw .bad(field: "sslmode", text: text) }
    }

    /// The socket file: `<folder>/.s.PGSQL.<port>`.
    package var socketPath: String { "\(socketFolder)/.s.PGSQL.\(port)" }

    /// The location as messages name it: never the password.
    package var description: String {
        let at = host.map { "\($0):\(port)" } ?? socketFolder
        let log = jurisdiction.map { "?jurisdiction=\($0)" } ?? ""
        return "postgres://\(user)@\(at)/\(database)\(log)"
    }
}
