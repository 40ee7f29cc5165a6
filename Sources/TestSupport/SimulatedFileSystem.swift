#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PetitionStore

/// An in-memory file system behind the store's file seam, for crash and error tests.
///
/// It models what a disk keeps after power loss (after SQLite's crash VFS and the
/// ALICE persistence model): a file's bytes are durable only up to its last sync;
/// writes since then may survive whole, in part, zeroed, as garbage, or out of
/// order; a created or renamed name survives only after its directory is synced.
/// It can also fail the Nth call with an errno, or cut a write short. Calls may come
/// from several threads (the overlapped replay reads a case back while the next
/// window is read): each takes one lock.
package final class SimulatedFileSystem: FileSystem, @unchecked Sendable {
    private let mutex = NSRecursiveLock()

    final class Inode {
        var durable: [UInt8] = []
        var current: [UInt8] = []
        /// Writes and truncations since the last sync, in order.
        var pending: [Op] = []

        func copy() -> Inode {
            let i = Inode()
            i.durable = durable
            i.current = current
            i.pending = pending
            return i
        }
    }

    enum Op {
        case write(offset: Int, bytes: [UInt8])
        case truncate(Int)
    }

    /// A failure to inject.
    package struct Fault {
        package var call: Int
        package var errno: Int32
        /// Every later call of the same kind fails too.
        package var persistent: Bool
        /// For a write: succeed with this many bytes instead of failing.
        package var shortWrite: Int?

        package init(call: Int, errno: Int32 = EIO, persistent: Bool = false, shortWrite: Int? = nil) {
            self.call = call
            self.errno = errno
            self.persistent = persistent
            self.shortWrite = shortWrite
        }
    }

    private var names: [String: Inode] = [:]
    private var durableNames: [String: Inode] = [:]
    private var fds: [Int32: (inode: Inode, path: String)] = [:]
    private var nextFD: Int32 = 3
    /// Calls made so far (every method counts), and their kinds in order.
    package private(set) var calls: [String] = []
    package var faults: [Fault] = []
    private var failingKinds: [String: Int32] = [:]
    /// Called before every call, with its kind: the moments power could fail.
    package var beforeCall: ((String) -> Void)?

    package init() {}

    private func call(_ kind: String) throws(FileError) {
        beforeCall?(kind)
        calls.append(kind)
        if let e = failingKinds[kind] { throw FileError(kind, "", e) }
        if let f = faults.first(where: { $0.call == calls.count }), f.shortWrite == nil {
            if f.persistent { failingKinds[kind] = f.errno }
            throw FileError(kind, "", f.errno)
        }
    }

    // MARK: - FileSystem

    package func open(_ path: String, write: Bool, create: Bool, exclusive: Bool) throws(FileError) -> Int32 {
        mutex.lock()
        defer { mutex.unlock() }
        try call("open")
        if let existing = names[path] {
            if exclusive { throw FileError("open", path, EEXIST) }
            return register(existing, path)
        }
        guard create else { throw FileError("open", path, ENOENT) }
        let inode = Inode()
        names[path] = inode
        return register(inode, path)
    }

    private func register(_ inode: Inode, _ path: String) -> Int32 {
        let fd = nextFD
        nextFD += 1
        fds[fd] = (inode, path)
        return fd
    }

    package func close(_ fd: Int32) {
        mutex.lock()
        defer { mutex.unlock() }
        fds[fd] = nil
    }

    package func read(_ fd: Int32, count: Int, at offset: Int64) throws(FileError) -> [UInt8] {
        mutex.lock()
        defer { mutex.unlock() }
        try call("pread")
        guard let f = fds[fd] else { throw FileError("pread", "", EBADF) }
        let start = min(Int(offset), f.inode.current.count)
        return Array(f.inode.current[start..<min(start + count, f.inode.current.count)])
    }

    package func append(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) -> Int {
        mutex.lock()
        defer { mutex.unlock() }
        try call("write")
        guard let f = fds[fd] else { throw FileError("write", "", EBADF) }
        var data = Array(bytes)
        if let short = faults.first(where: { $0.call == calls.count })?.shortWrite {
            data = Array(data.prefix(short))
        }
        f.inode.pending.append(.write(offset: f.inode.current.count, bytes: data))
        f.inode.current += data
        return data.count
    }

    package func size(_ fd: Int32) throws(FileError) -> Int64 {
        mutex.lock()
        defer { mutex.unlock() }
        try call("fstat")
        guard let f = fds[fd] else { throw FileError("fstat", "", EBADF) }
        return Int64(f.inode.current.count)
    }

    package func dataSync(_ fd: Int32) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("fdatasync")
        guard let f = fds[fd] else { throw FileError("fdatasync", "", EBADF) }
        f.inode.durable = f.inode.current
        f.inode.pending = []
    }

    package func truncate(_ fd: Int32, to size: Int64) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("ftruncate")
        guard let f = fds[fd] else { throw FileError("ftruncate", "", EBADF) }
        let n = Int(size)
        if n < f.inode.current.count { f.inode.current.removeLast(f.inode.current.count - n) }
        else { f.inode.current += [UInt8](repeating: 0, count: n - f.inode.current.count) }
        f.inode.pending.append(.truncate(n))
    }

    package func lock(_ fd: Int32) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("flock")
    }
    package func unlock(_ fd: Int32) {}

    package func rename(_ from: String, _ to: String) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("rename")
        guard let inode = names[from] else { throw FileError("rename", from, ENOENT) }
        names[to] = inode
        names[from] = nil
    }

    package func syncDirectory(_ path: String) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("fsync-dir")
        durableNames = names
    }

    package func exists(_ path: String) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return names[path] != nil
    }
    package func isSymbolicLink(_ path: String) -> Bool { false }
    package func isRegularFile(_ path: String) -> Bool { exists(path) }

    package func stillNamed(_ path: String, _ fd: Int32) -> Bool {
        mutex.lock()
        defer { mutex.unlock() }
        guard let open = fds[fd]?.inode else { return true }
        return names[path] === open
    }

    /// Permissions are not modelled; the call is counted (and can fail).
    package func setPermissions(_ fd: Int32, _ mode: UInt32) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("fchmod")
    }

    /// Permissions are not modelled: nothing is examined (and a new file is made as in a
    /// folder of one's own, `FileModes`). Not counted, so crash points stay where they were.
    package func permissions(_ path: String) -> UInt32? { nil }

    /// Directories are not modelled: every path may hold a file.
    package func createDirectory(_ path: String) throws(FileError) {
        mutex.lock()
        defer { mutex.unlock() }
        try call("mkdir")
    }

    package func map(_ path: String) throws(FileError) -> Data {
        mutex.lock()
        defer { mutex.unlock() }
        try call("mmap")
        guard let inode = names[path] else { throw FileError("mmap", path, ENOENT) }
        return Data(inode.current)
    }

    /// The name goes now; after power loss it is back unless the directory was synced.
    package func remove(_ path: String) {
        mutex.lock()
        defer { mutex.unlock() }
        // Counted, so power can fail just before it; a failure to remove is not reported.
        try? call("unlink")
        names[path] = nil
    }

    /// The names directly in `directory` (directories themselves are not modelled).
    package func list(_ directory: String) throws(FileError) -> [String] {
        mutex.lock()
        defer { mutex.unlock() }
        try call("readdir")
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return names.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }
    }

    // MARK: - Inspection and crashes

    /// The bytes a file holds now (as a process would read them).
    package func contents(_ path: String) -> [UInt8]? {
        mutex.lock()
        defer { mutex.unlock() }
        return names[path]?.current
    }

    /// The bytes that would survive power loss now if nothing unsynced did.
    package func durableContents(_ path: String) -> [UInt8]? {
        mutex.lock()
        defer { mutex.unlock() }
        return durableNames[path]?.durable
    }

    package func replaceContents(_ path: String, _ bytes: [UInt8]) {
        mutex.lock()
        defer { mutex.unlock() }
        let inode = names[path] ?? Inode()
        inode.current = bytes
        inode.durable = bytes
        inode.pending = []
        names[path] = inode
        durableNames[path] = inode
    }

    /// How unsynced writes fare in a crash.
    package enum CrashPolicy: CaseIterable, Sendable {
        case dropAll, keepAll, keepSome, tornLast, zeroedLast, garbageLast, reordered
    }

    /// The file system as it would be found after power loss now.
    package func crash(_ policy: CrashPolicy, seed: UInt64) -> SimulatedFileSystem {
        mutex.lock()
        defer { mutex.unlock() }
        var rng = SplitMix(seed: seed)
        let image = SimulatedFileSystem()
        var copies: [ObjectIdentifier: Inode] = [:]
        for (path, inode) in durableNames {
            let id = ObjectIdentifier(inode)
            let survivor: Inode
            if let done = copies[id] { survivor = done } else {
                survivor = Inode()
                survivor.durable = Self.survive(inode, policy, &rng)
                survivor.current = survivor.durable
                copies[id] = survivor
            }
            image.names[path] = survivor
            image.durableNames[path] = survivor
        }
        return image
    }

    private static func survive(_ inode: Inode, _ policy: CrashPolicy, _ rng: inout SplitMix) -> [UInt8] {
        var bytes = inode.durable
        let ops = inode.pending
        func apply(_ op: Op, _ transform: ([UInt8]) -> [UInt8] = { $0 }) {
            switch op {
            case .write(let offset, let data):
                let data = transform(data)
                if bytes.count < offset { bytes += [UInt8](repeating: 0, count: offset - bytes.count) }
                for (i, b) in data.enumerated() {
                    if offset + i < bytes.count { bytes[offset + i] = b } else { bytes.append(b) }
                }
            case .truncate(let n):
                if n < bytes.count { bytes.removeLast(bytes.count - n) }
                else { bytes += [UInt8](repeating: 0, count: n - bytes.count) }
            }
        }
        guard !ops.isEmpty else { return bytes }
        let k = Int(rng.next() % UInt64(ops.count))
        switch policy {
        case .dropAll: break
        case .keepAll: ops.forEach { apply($0) }
        case .keepSome: ops.prefix(k).forEach { apply($0) }
        case .tornLast, .zeroedLast, .garbageLast:
            ops.prefix(k).forEach { apply($0) }
            let last = ops[k]
            apply(last) { data in
                switch policy {
                case .tornLast:
                    let sectors = data.count / 512
                    let keep = sectors == 0 ? Int(rng.next() % UInt64(max(1, data.count))) : 512 * Int(rng.next() % UInt64(sectors + 1))
                    return Array(data.prefix(keep))
                case .zeroedLast: return [UInt8](repeating: 0, count: data.count)
                default: return (0..<data.count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
        case .reordered:
            // A later write reached the disk, an earlier one did not.
            if ops.count >= 2 {
                let skip = Int(rng.next() % UInt64(ops.count - 1))
                for (i, op) in ops.enumerated() where i != skip { apply(op) }
                if case .write(let offset, let data) = ops[skip], offset < bytes.count {
                    for i in offset..<min(bytes.count, offset + data.count) { bytes[i] = 0 }
                }
            } else {
                ops.forEach { apply($0) }
            }
        }
        return bytes
    }
}
