import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, on which path, with which errno.
package struct FileError: Error, Equatable, Sendable {
    package var call: String
    package var path: String
    package var errno: Int32

    package init(_ call: String, _ path: String, _ errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    package var description: String { "\(call): \(String(cString: strerror(errno)))" }
}

/// Every raw file call of the store goes through this seam, so that tests can put
/// an in-memory file system behind it, inject errors at the Nth call and simulate
/// power loss. `PosixFileSystem` is the real one.
package protocol FileSystem: AnyObject {
    /// Opens a file; `create` makes it if missing — with exactly the mode its folder calls
    /// for (`FileModes`), whatever the umask —, `exclusive` fails if it exists.
    func open(_ path: String, write: Bool, create: Bool, exclusive: Bool) throws(FileError) -> Int32
    func close(_ fd: Int32)
    /// Up to `count` bytes from `offset`; fewer only at end of file.
    func read(_ fd: Int32, count: Int, at offset: Int64) throws(FileError) -> [UInt8]
    /// The same, into `buffer`, whose storage is reused when it is large enough (reading
    /// a large file a window at a time touches the same memory for every window).
    func read(_ fd: Int32, into buffer: inout [UInt8], count: Int, at offset: Int64) throws(FileError)
    /// Appends at the end of the file; may write fewer bytes than given (a short write).
    func append(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) -> Int
    func size(_ fd: Int32) throws(FileError) -> Int64
    func dataSync(_ fd: Int32) throws(FileError)
    func truncate(_ fd: Int32, to size: Int64) throws(FileError)
    /// An exclusive advisory lock on the whole file (`flock`), released on unlock or close.
    func lock(_ fd: Int32) throws(FileError)
    func unlock(_ fd: Int32)
    func rename(_ from: String, _ to: String) throws(FileError)
    /// Makes the directory's entries (a create or rename) durable.
    func syncDirectory(_ path: String) throws(FileError)
    func exists(_ path: String) -> Bool
    func isSymbolicLink(_ path: String) -> Bool
    /// Whether the path names a plain file (not a directory, a FIFO, a device or a link):
    /// the only thing a log, a snapshot or a note may be (opening a FIFO would wait forever).
    func isRegularFile(_ path: String) -> Bool
    /// Whether `path` still names the file open as `fd`: not renamed away (a trainer's
    /// `training reset`) nor replaced since it was opened.
    func stillNamed(_ path: String, _ fd: Int32) -> Bool
    /// Sets an open file's permission bits exactly (whatever the umask took from them).
    func setPermissions(_ fd: Int32, _ mode: UInt32) throws(FileError)
    /// Makes a directory and any missing parents, each new one with exactly the mode its
    /// parent calls for (`FileModes`), whatever the umask.
    func createDirectory(_ path: String) throws(FileError)
    /// The permission bits (with the set-group-id bit) of a file or folder, following a
    /// link; nil if it cannot be examined (or, in a simulation, is not modelled).
    func permissions(_ path: String) -> UInt32?
    /// A whole file's bytes, mapped into memory where the system can (a snapshot is
    /// read where it lies, its pages from the page cache). The file must never be
    /// changed in place while mapped: the store only ever replaces such files whole.
    func map(_ path: String) throws(FileError) -> Data
    /// Removes a name (a temporary file left by a failed write).
    func remove(_ path: String)
    /// The names in a directory (not the paths), in no particular order.
    func list(_ directory: String) throws(FileError) -> [String]
}

extension FileSystem {
    /// Reads into `buffer` by way of `read(_:count:at:)`: a file system that cannot reuse
    /// the buffer's storage (the simulated one) need not.
    package func read(_ fd: Int32, into buffer: inout [UInt8], count: Int, at offset: Int64) throws(FileError) {
        buffer = try read(fd, count: count, at: offset)
    }

    /// The mode a new file at `path` gets: what its folder calls for (`FileModes`).
    package func modeForNewFile(at path: String) -> UInt32 {
        FileModes.file(in: permissions(FileModes.folder(of: path)))
    }

    /// Appends all of `bytes`, however many short writes it takes.
    package func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) {
        var rest = bytes
        while !rest.isEmpty {
            let n = try append(fd, rest)
            guard n > 0 else { throw FileError("write", "", EIO) }
            rest = rest.dropFirst(n)
        }
    }

    /// Puts a file in place whole: the bytes go to `temp` (a name of the writer's own, so
    /// two writers never mix their bytes; a stale one is overwritten), which is then
    /// renamed to `path`. A reader sees the old file or the new one, never a mixture.
    /// `mode`: the new file's permissions set again once written (nil: those `open` gave
    /// it, what its folder calls for, `FileModes` — exact whatever the umask either way).
    /// `durable`: the bytes are synced before the rename and the directory after it — for
    /// a record (a new log, a quarantine file); without, for derived files (the snapshot),
    /// which are checked when read and rebuilt if lost. On failure `temp` is removed; a
    /// failure after the rename leaves `path` for the caller to judge.
    package func replace(_ path: String, with bytes: [UInt8], temp: String, mode: UInt32? = nil,
                         durable: Bool = false) throws(FileError) {
        do {
            do {
                // A stale temporary file would keep its old mode: made afresh, the new one
                // gets its folder's (`open`).
                if exists(temp) { remove(temp) }
                let fd = try open(temp, write: true, create: true, exclusive: false)
                defer { close(fd) }
                if let mode { try setPermissions(fd, mode) }
                try truncate(fd, to: 0)
                try writeAll(fd, bytes[...])
                if durable { try dataSync(fd) }
            }
            try rename(temp, path)
        } catch {
            remove(temp)
            throw error
        }
        if durable {
            let dir = (path as NSString).deletingLastPathComponent
            try syncDirectory(dir.isEmpty ? "." : dir)
        }
    }
}

/// The real file system.
extension FileSystem {
    /// A file system that does not model renames says yes.
    package func stillNamed(_ path: String, _ fd: Int32) -> Bool { true }
}

package final class PosixFileSystem: FileSystem {
    package init() {}

    package func open(_ path: String, write: Bool, create: Bool, exclusive: Bool) throws(FileError) -> Int32 {
        var flags: Int32 = O_CLOEXEC | (write ? O_RDWR | O_APPEND : O_RDONLY)
        // Never follow a symbolic link at the log's own name.
        flags |= O_NOFOLLOW
        if create {
            // Made here (O_EXCL tells), it gets its folder's mode exactly: the umask
            // may have taken bits the office folder's group needs, or left the world's.
            let mode = FileModes.file(in: permissions(FileModes.folder(of: path)))
            while true {
                let fd = Glibc.open(path, flags | O_CREAT | O_EXCL, mode_t(mode))
                if fd >= 0 {
                    guard fchmod(fd, mode_t(mode)) == 0 else {
                        let failed = errno
                        _ = Glibc.close(fd)
                        throw FileError("fchmod", path, failed)
                    }
                    return fd
                }
                if errno == EINTR { continue }
                if errno != EEXIST || exclusive { throw FileError("open", path, errno) }
                break
            }
        }
        while true {
            let fd = Glibc.open(path, flags, 0o600)
            if fd >= 0 { return fd }
            if errno != EINTR { throw FileError("open", path, errno) }
        }
    }

    package func close(_ fd: Int32) { _ = Glibc.close(fd) }

    package func read(_ fd: Int32, count: Int, at offset: Int64) throws(FileError) -> [UInt8] {
        var buffer: [UInt8] = []
        try read(fd, into: &buffer, count: count, at: offset)
        return buffer
    }

    package func read(_ fd: Int32, into buffer: inout [UInt8], count: Int, at offset: Int64) throws(FileError) {
        if buffer.count > count {
            buffer.removeLast(buffer.count - count)
        } else if buffer.count < count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
        }
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError("pread", "", errno)
            }
            if n == 0 { break }
            done += n
        }
        if done < count { buffer.removeLast(count - done) }
    }

    package func append(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(FileError) -> Int {
        while true {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n >= 0 { return n }
            if errno != EINTR { throw FileError("write", "", errno) }
        }
    }

    package func size(_ fd: Int32) throws(FileError) -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileError("fstat", "", errno) }
        return Int64(st.st_size)
    }

    package func dataSync(_ fd: Int32) throws(FileError) {
        guard fdatasync(fd) == 0 else { throw FileError("fdatasync", "", errno) }
    }

    package func truncate(_ fd: Int32, to size: Int64) throws(FileError) {
        guard ftruncate(fd, off_t(size)) == 0 else { throw FileError("ftruncate", "", errno) }
    }

    package func lock(_ fd: Int32) throws(FileError) {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw FileError("flock", "", errno) }
        }
    }

    package func unlock(_ fd: Int32) { _ = flock(fd, LOCK_UN) }

    package func rename(_ from: String, _ to: String) throws(FileError) {
        guard Glibc.rename(from, to) == 0 else { throw FileError("rename", to, errno) }
    }

    package func syncDirectory(_ path: String) throws(FileError) {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError("open", path, errno) }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw FileError("fsync", path, errno) }
    }

    package func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    package func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    package func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    package func stillNamed(_ path: String, _ fd: Int32) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0 else { return true }  // not for this check to say
        return stat(path, &named) == 0 && named.st_dev == open.st_dev && named.st_ino == open.st_ino
    }

    package func setPermissions(_ fd: Int32, _ mode: UInt32) throws(FileError) {
        guard fchmod(fd, mode_t(mode)) == 0 else { throw FileError("fchmod", "", errno) }
    }

    /// `mkdir -p`, one component at a time, keeping the call's own errno. A folder made
    /// here gets exactly the mode its parent calls for; existing ones are left as they are.
    package func createDirectory(_ path: String) throws(FileError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            let parent = prefix.isEmpty ? "." : prefix
            prefix += component
            let mode = FileModes.folder(in: permissions(parent))
            if Glibc.mkdir(prefix, mode_t(mode)) == 0 {
                guard chmod(prefix, mode_t(mode)) == 0 else { throw FileError("chmod", prefix, errno) }
            } else {
                let failed = errno
                var st = stat()
                guard failed == EEXIST, stat(prefix, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw FileError("mkdir", prefix, failed)
                }
            }
            prefix += "/"
        }
    }

    package func permissions(_ path: String) -> UInt32? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt32(st.st_mode) & 0o7777
    }

    package func map(_ path: String) throws(FileError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw FileError("mmap", path, exists(path) ? EIO : ENOENT)
        }
    }

    package func remove(_ path: String) { _ = unlink(path) }

    package func list(_ directory: String) throws(FileError) -> [String] {
        guard let dir = opendir(directory) else { throw FileError("opendir", directory, errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
