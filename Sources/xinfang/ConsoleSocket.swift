import ConsoleUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Unix socket of the console service beside its log (decision 0033): where it is,
/// listening and connecting, who is at the other end, and whole messages in and out.
struct ConsoleSocket {
    let descriptor: Int32

    /// `xinfang.console` beside `xinfang.log` (as `xinfang.snapshot` is).
    static func path(forLog log: String) -> String {
        (log.hasSuffix(".log") ? String(log.dropLast(4)) : log) + ".console"
    }

    /// The address, or nil when the path is longer than a socket's address holds (108 bytes).
    private static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    enum ListenError: Error {
        case tooLong
        /// Another service holds it.
        case inUse
        /// Something that is not a socket is at its path.
        case notASocket
        case system(String)
    }

    /// Listens at `path`, for whoever may write `log` (its group and mode bits), holding
    /// `path.lock` for as long as the process lives: one service a log, whoever starts
    /// first. A socket a service that stopped left there is replaced; anything else at the
    /// path is not touched.
    static func listen(at path: String, likeLog log: String) throws(ListenError) -> ConsoleSocket {
        guard var address = address(path) else { throw .tooLong }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { throw .system("\(path).lock: " + String(cString: strerror(errno))) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            Glibc.close(lock)
            throw .inUse
        }
        // (The lock stays open, and so held, until the process ends.)
        var status = stat(), existing = stat()
        let logKnown = stat(log, &status) == 0
        if logKnown {
            _ = fchown(lock, uid_t.max, status.st_gid)
            _ = fchmod(lock, status.st_mode & 0o660)
        }
        if lstat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system(String(cString: strerror(errno))) }
        // Made the owner's alone (no moment of a wider mode, whatever the umask), then given the log's.
        let umasked = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(umasked)
        // Whoever may write the log may connect: its group and its mode, less the world's. If
        // the group cannot be given (not the service's), its owner alone.
        var mode: mode_t = 0o600
        if bound == 0, logKnown {
            mode = chown(path, uid_t.max, status.st_gid) == 0 ? status.st_mode & 0o660 : status.st_mode & 0o600
        }
        guard bound == 0, chmod(path, mode) == 0, Glibc.listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw .system(reason)
        }
        return ConsoleSocket(descriptor: fd)
    }

    /// A connection to the service at `path`, or nil when none answers there.
    static func connect(to path: String) -> ConsoleSocket? {
        guard var address = address(path) else { return nil }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            return nil
        }
        return ConsoleSocket(descriptor: fd)
    }

    /// The next connection, or nil when none came within `milliseconds`.
    func accept(waiting milliseconds: Int32) -> ConsoleSocket? {
        guard readable(within: milliseconds) else { return nil }
        let fd = Glibc.accept(descriptor, nil, nil)
        guard fd >= 0 else {
            usleep(100_000)  // out of descriptors, say: not a spin
            return nil
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        // A console that stops reading holds its session's thread for ten seconds, not for good.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return ConsoleSocket(descriptor: fd)
    }

    /// The effective user and group ids of the process at the other end, as the kernel
    /// recorded them when it connected or listened (`SO_PEERCRED`): not anything it says.
    var peer: (user: uid_t, group: gid_t)? {
        // struct ucred: pid, uid, gid.
        var credentials: (Int32, UInt32, UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              Int(length) == MemoryLayout.size(ofValue: credentials) else { return nil }
        return (credentials.1, credentials.2)
    }

    /// Whether a process of these ids may write `log` by its owner and mode (root may): the
    /// test a console puts to the process serving the socket before it sends a key, so that
    /// a socket someone else made beside the log never hears what is typed.
    static func mayWrite(_ log: String, user: uid_t, group: gid_t) -> Bool {
        var status = stat()
        guard stat(log, &status) == 0 else { return false }
        return user == 0 || (user == status.st_uid && status.st_mode & 0o200 != 0)
            || (group == status.st_gid && status.st_mode & 0o020 != 0)
    }

    /// Whether bytes (or the end) are there to read within `milliseconds`.
    func readable(within milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
    }

    /// Sends a message whole; false when the other end is gone.
    @discardableResult
    func send(_ message: ConsoleMessage) -> Bool {
        let bytes = ConsoleWire.encode(message)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    /// Reads what is there into `reader`; false at the end of the stream or on an error
    /// (`errno` is then 0 at the end, EAGAIN on a non-blocking socket with nothing there).
    func receive(into reader: inout ConsoleWire.Reader) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n == 0 { errno = 0 }
            guard n > 0 else { return false }
            reader.feed(buffer[..<n])
            return true
        }
    }

    /// The next message, waiting at most `milliseconds` for it; nil when none came, and
    /// `.failure` when the stream ended or could not be read.
    func message(within milliseconds: Int32, _ reader: inout ConsoleWire.Reader) -> Result<ConsoleMessage?, ConsoleWireError> {
        let deadline = ProcessInfo.processInfo.systemUptime + Double(milliseconds) / 1000
        while true {
            do throws(ConsoleWireError) {
                if let message = try reader.next() { return .success(message) }
            } catch {
                return .failure(error)
            }
            let left = Int32(max(0, (deadline - ProcessInfo.processInfo.systemUptime) * 1000))
            guard readable(within: left) else { return .success(nil) }
            guard receive(into: &reader) else { return .failure(ConsoleWireError(reason: "closed")) }
        }
    }

    func close() { Glibc.close(descriptor) }
}
