import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PetitionStore
import PostgresNIO

/// One connection to the server, used synchronously (docs/decisions/0010-one-house.md,
/// point 5): it owns its event-loop thread, and each call runs the async work there and
/// waits for it on the caller's thread — never an event-loop thread — with a timeout
/// that becomes `StoreError(.io)`. A connection that failed is dropped; the next call
/// connects again (a console that lost the server reconnects by itself).
final class SyncConnection: @unchecked Sendable {
    let location: PostgresLocation
    /// How long one call may take before it fails as an I/O error.
    let timeout: TimeInterval
    private let group: MultiThreadedEventLoopGroup
    private var connection: PostgresConnection?
    private let logger: Logger
    /// Called with each NOTIFY on `xinfang_append` received (on the event-loop thread).
    private let onNotify: (@Sendable (String) -> Void)?
    /// Whether the open connection listens (LISTEN is lost with a connection).
    private var listening = false

    init(_ location: PostgresLocation, timeout: TimeInterval = 30, onNotify: (@Sendable (String) -> Void)? = nil) {
        self.location = location
        self.timeout = timeout
        self.onNotify = onNotify
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var logger = Logger(label: "xinfang.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        if let connection { _ = try? wait(connection.close(), what: "close") }
        try? group.syncShutdownGracefully()
    }

    /// Whether a connection is open now (false after the server went away, until the next call).
    var isConnected: Bool { connection.map { !$0.isClosed } ?? false }

    /// Whether the open connection hears NOTIFY (not on a standby).
    var isListening: Bool { isConnected && listening }

    /// Drops the connection (a test cuts it mid-transaction this way; a failure does it too).
    func disconnect() {
        guard let c = connection else { return }
        connection = nil
        listening = false
        _ = try? wait(c.close(), what: "close")
    }

    /// The open connection, connecting (and listening) first if there is none.
    private func open() throws(StoreError) -> PostgresConnection {
        if let c = connection, !c.isClosed { return c }
        connection = nil
        listening = false
        let configuration: PostgresConnection.Configuration
        if let host = location.host {
            var tls = PostgresConnection.Configuration.TLS.disable
            if location.sslMode != "disable" {
                let context: NIOSSLContext
                do { context = try NIOSSLContext(configuration: .makeClientConfiguration()) } catch {
                    throw StoreError(.io, path: location.description, cause: "TLS: \(error)")
                }
                tls = location.sslMode == "require" ? .require(context) : .prefer(context)
            }
            configuration = .init(host: host, port: location.port, username: location.user, password: location.password,
                                  database: location.database, tls: tls)
        } else {
            configuration = .init(unixSocketPath: location.socketPath, username: location.user, password: location.password,
                                  database: location.database)
        }
        let c = try wait(PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger),
                         what: "connect")
        connection = c
        if let onNotify {
            c.addListener(channel: "xinfang_append") { _, note in onNotify(note.payload) }
            // A standby refuses LISTEN ("during recovery"): there the log is polled instead.
            do {
                _ = try wait(c.query("LISTEN xinfang_append", logger: logger), what: "LISTEN")
                listening = true
            } catch {
                if c.isClosed { throw error }
            }
        }
        return c
    }

    /// The connection a transaction is open on: a statement of that transaction never
    /// goes out on another (a reconnect would run it outside the transaction).
    private var transaction: ObjectIdentifier?

    /// BEGIN: the statements up to `commit` or `rollback` are one transaction.
    func begin() throws(StoreError) {
        transaction = nil
        let c = try open()
        try query("BEGIN")
        transaction = ObjectIdentifier(c)
    }

    /// COMMIT; returns once the server says the transaction is durable (synchronous_commit on).
    func commit() throws(StoreError) {
        defer { transaction = nil }
        try query("COMMIT")
    }

    /// Runs one statement and returns its rows, waiting at most `timeout`.
    @discardableResult
    func query(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
        if let transaction, connection.map({ $0.isClosed || ObjectIdentifier($0) != transaction }) ?? true {
            throw StoreError(.io, path: location.description, cause: "the connection was lost mid-transaction; nothing of it was written")
        }
        let c = try open()
        do {
            return try wait(c.query(query, logger: logger), what: "query").rows
        } catch {
            // A server error leaves the connection usable; a lost one is dropped here.
            if c.isClosed { connection = nil; listening = false }
            throw error
        }
    }

    /// ROLLBACK of the open transaction, if the connection still stands (it is dropped if
    /// even that fails; a lost connection's transaction the server has rolled back).
    func rollback() {
        transaction = nil
        guard let c = connection, !c.isClosed else { return }
        do { _ = try wait(c.query("ROLLBACK", logger: logger), what: "ROLLBACK") } catch { disconnect() }
    }

    /// Waits for a future on this (non-event-loop) thread, at most `timeout`.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>, what: String) throws(StoreError) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        future.whenComplete { result in
            box.set(result)
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            // Nothing is known of the statement's fate: the connection goes (the server
            // rolls back an open transaction when it sees the connection close).
            let c = connection
            connection = nil
            listening = false
            // Kept until its close is done: postgres-nio asserts that a connection is closed
            // before it goes, and the last reference let go inside the close (a LISTEN's
            // context) would end it half-closed.
            if let c { c.close().whenComplete { _ in withExtendedLifetime(c) {} } }
            // A connection that arrives after its wait gave up is closed too, not dropped open.
            future.whenSuccess { late in
                if let late = late as? PostgresConnection { late.close().whenComplete { _ in withExtendedLifetime(late) {} } }
            }
            throw StoreError(.io, path: location.description, cause: "\(what): no answer within \(Int(timeout)) s")
        }
        switch box.get()! {
        case .success(let value): return value
        case .failure(let error): throw StoreError(.io, path: location.description, cause: Self.describe(error))
        }
    }

    /// The server's own message where there is one (`PSQLError` hides it from `description`).
    static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                let code = psql.serverInfo?[.sqlState].map { " [\($0)]" } ?? ""
                return message + code
            }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}

/// A result handed from the event-loop thread to the waiting one.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<T, any Error>?
    func set(_ result: Result<T, any Error>) { lock.withLock { value = result } }
    func get() -> Result<T, any Error>? { lock.withLock { value } }
}
