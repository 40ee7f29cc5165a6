import Foundation
import PetitionCore
import PetitionPostgres
import PetitionStore
#if canImport(Glibc)
import Glibc
#endif

// A writer for the crash tests: appends records to a log as fast as it can and
// reports each one on stdout only once it is durable ("ack SEQ CASE"). The tests
// run several of these on one log and SIGKILL them at random moments.
//
// usage: xinfang-stress LOG WRITER [--create] [--no-lock] [--count N]
//
// LOG may be a postgres:// URL (docs/decisions/0028): the writer then acts as the database
// role it signs in as, decides by the reference data hash given with --data-hash, and with
// --retry keeps trying an append that failed (the server killed and restarted under it),
// acknowledging only those that committed.

let args = CommandLine.arguments
guard args.count >= 3, let writer = Int(args[2]) else {
    FileHandle.standardError.write(Data("usage: xinfang-stress LOG WRITER [--create] [--no-lock]\n".utf8))
    exit(64)
}
let path = args[1]

/// The real file system, with the lock switched off for the negative control.
final class NoLockFileSystem: FileSystem {
    let real = PosixFileSystem()
    func open(_ path: String, write: Bool, create: Bool, exclusive: Bool) throws(FileError) -> Int32 {
        try real.open(path, write: write, create: create, exclusive: exclusive)
    }
    func close(_ fd: Int32) { real.close(fd) }
    func read(_ fd: Int32, count: Int, at offset: Int64) throws(FileError) -> [UInt8] { try real.read(fd, count: count, at: offset) }
    func append(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) -> Int { try real.append(fd, bytes) }
    func size(_ fd: Int32) throws(FileError) -> Int64 { try real.size(fd) }
    func dataSync(_ fd: Int32) throws(FileError) { try real.dataSync(fd) }
    func truncate(_ fd: Int32, to size: Int64) throws(FileError) { try real.truncate(fd, to: size) }
    func lock(_ fd: Int32) throws(FileError) {}
    func unlock(_ fd: Int32) {}
    func rename(_ from: String, _ to: String) throws(FileError) { try real.rename(from, to) }
    func syncDirectory(_ path: String) throws(FileError) { try real.syncDirectory(path) }
    func exists(_ path: String) -> Bool { real.exists(path) }
    func isSymbolicLink(_ path: String) -> Bool { real.isSymbolicLink(path) }
    func isRegularFile(_ path: String) -> Bool { real.isRegularFile(path) }
    func createDirectory(_ path: String) throws(FileError) { try real.createDirectory(path) }
    func permissions(_ path: String) -> UInt32? { real.permissions(path) }
    func setPermissions(_ fd: Int32, _ mode: UInt32) throws(FileError) { try real.setPermissions(fd, mode) }
    func map(_ path: String) throws(FileError) -> Data { try real.map(path) }
    func remove(_ path: String) { real.remove(path) }
    func list(_ directory: String) throws(FileError) -> [String] { try real.list(directory) }
}

let fs: any FileSystem = args.contains("--no-lock") ? NoLockFileSystem() : PosixFileSystem()

func option(_ name: String) -> String? { args.firstIndex(of: name).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } }

if PostgresLocation.isURL(path) {
    do {
        let account = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? ""
        let location = try PostgresLocation(parsing: path, account: account)
        let log = try PostgresEventLog.open(location, writable: true, dataHash: option("--data-hash"), listen: false, timeout: 10)
        let actor = Actor(user: log.sessionUser, role: .clerk, organ: "D-XFJ")
        let count = option("--count").flatMap(Int.init) ?? 100
        let retry = args.contains("--retry")
        var i = 0
        var failures = 0
        while i < count {
            let number = CaseNumber(organ: "D-XFJ", year: 2025, sequence: writer * 1_000_000 + i + 1)
            let event = CaseEvent(caseNumber: number, at: Instant(millisecondsSince1970: 1_745_800_000_000), actor: actor,
                                  rule: .intakeRegisterAll, body: .escalated(proposal: "writer \(writer) record \(i + 1)"))
            do {
                // Two records a command, so that a half-written batch would show.
                let stored = try log.append([[event], [event]])
                let line = "ack \(stored[0].seq) \(stored[1].seq) \(number)\n"
                _ = line.withCString { Glibc.write(1, $0, strlen($0)) }
                i += 1
            } catch let error as StoreError where retry && error.code == .io && failures < 600 {
                failures += 1
                usleep(50_000)
            }
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("xinfang-stress: \(error)\n".utf8))
        exit(1)
    }
}

do {
    let log = args.contains("--create")
        ? try DurableLog.create(at: path, mode: .training, jurisdiction: "D-XFJ", now: Instant(millisecondsSince1970: 0),
                                options: .init(writable: true, fs: fs))
        : try DurableLog.open(at: path, .init(writable: true, fs: fs))
    let actor = Actor(user: "writer\(writer)", role: .trainee, organ: "D-XFJ")
    let count = args.firstIndex(of: "--count").flatMap { Int(args[$0 + 1]) } ?? Int.max
    var i = 0
    while i < count {
        i += 1
        // Sizes vary from a few bytes to past a page, so writes straddle page and pipe-buffer sizes.
        let text = String(repeating: "证", count: (i * 37) % 3000)
        let number = CaseNumber(organ: "D-XFJ", year: 2025, sequence: writer * 1_000_000 + i)
        let event = CaseEvent(caseNumber: number, at: Instant(millisecondsSince1970: 1_745_800_000_000), actor: actor,
                              rule: .intakeRegisterAll, body: .escalated(proposal: text))
        let stored = try log.append([[event]])
        let line = "ack \(stored[0].seq) \(number)\n"
        _ = line.withCString { Glibc.write(1, $0, strlen($0)) }
    }
} catch {
    FileHandle.standardError.write(Data("xinfang-stress: \(error)\n".utf8))
    exit(1)
}
