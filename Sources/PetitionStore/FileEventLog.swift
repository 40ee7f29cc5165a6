import Foundation
import PetitionCore
#if canImport(Glibc)
import Glibc
#endif

/// The plain JSON-lines log file: a header line, then one event per line.
///
/// This is the first, simple form of the log (docs/log-format.md): append with
/// `O_APPEND`, `fsync` before reporting success, and refuse to read past a line
/// that does not decode. Checksums, the hash chain, locking and recovery come with
/// the durable log.
package final class FileEventLog: EventLog {
    package let path: String
    package let header: LogHeader
    private var lastSeq: Int?

    /// Creates a new log with its header; refuses to overwrite an existing file.
    /// The header is written under a temporary name, synced, and renamed into place.
    package static func create(at path: String, header: LogHeader) throws(StoreError) -> FileEventLog {
        if FileManager.default.fileExists(atPath: path) { throw StoreError(.logExists, path: path) }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.io, path: dir, cause: "\(error.localizedDescription)")
            }
        }
        let temp = path + ".creating"
        let line = try encodeLine(header, path: path)
        try writeAndSync(path: temp, data: line, flags: O_WRONLY | O_CREAT | O_TRUNC)
        guard rename(temp, path) == 0 else { throw StoreError(.io, path: path, cause: String(cString: strerror(errno))) }
        syncDirectory(dir.isEmpty ? "." : dir)
        return FileEventLog(path: path, header: header, lastSeq: 0)
    }

    /// Opens an existing log, reading and checking its header.
    package static func open(at path: String) throws(StoreError) -> FileEventLog {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError(.logMissing, path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.io, path: path, cause: "cannot open for reading")
        }
        defer { try? handle.close() }
        var first = Data()
        while let chunk = try? handle.read(upToCount: 4096), !chunk.isEmpty {
            if let nl = chunk.firstIndex(of: 0x0A) {
                first.append(chunk[chunk.startIndex..<nl])
                break
            }
            first.append(chunk)
            if first.count > 65_536 { break }
        }
        struct Probe: Decodable { var format: String?; var version: Int? }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: first), probe.format == LogHeader.formatName,
              let version = probe.version else {
            throw StoreError(.notALog, path: path, line: 1)
        }
        guard version <= LogHeader.currentVersion else { throw StoreError(.futureVersion, path: path, cause: "\(version)") }
        guard let header = try? JSONDecoder().decode(LogHeader.self, from: first) else {
            throw StoreError(.notALog, path: path, line: 1)
        }
        return FileEventLog(path: path, header: header, lastSeq: nil)
    }

    private init(path: String, header: LogHeader, lastSeq: Int?) {
        self.path = path
        self.header = header
        self.lastSeq = lastSeq
    }

    package func readAll() throws(StoreError) -> [CaseEvent] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StoreError(.io, path: path, cause: error.localizedDescription)
        }
        var events: [CaseEvent] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber == 1 || line.isEmpty { continue }
            do {
                let event = try decoder.decode(CaseEvent.self, from: line)
                guard event.seq == (events.last?.seq ?? 0) + 1 else {
                    throw StoreError(.corruptRecord, path: path, line: lineNumber, cause: "sequence \(event.seq)")
                }
                events.append(event)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.corruptRecord, path: path, line: lineNumber, cause: "undecodable")
            }
        }
        lastSeq = events.last?.seq ?? 0
        return events
    }

    package func append(_ new: [CaseEvent]) throws(StoreError) -> [CaseEvent] {
        if lastSeq == nil { _ = try readAll() }
        var seq = lastSeq ?? 0
        var stored: [CaseEvent] = []
        var bytes = Data()
        for var event in new {
            seq += 1
            event.seq = seq
            bytes.append(try Self.encodeLine(event, path: path))
            stored.append(event)
        }
        try Self.writeAndSync(path: path, data: bytes, flags: O_WRONLY | O_APPEND)
        lastSeq = seq
        return stored
    }

    static func encodeLine(_ value: some Encodable, path: String) throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            return data
        } catch {
            throw StoreError(.io, path: path, cause: "encode: \(error)")
        }
    }

    /// Writes all bytes and syncs them; the file is readable by its owner and group only.
    static func writeAndSync(path: String, data: Data, flags: Int32) throws(StoreError) {
        let fd = Glibc.open(path, flags | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw StoreError(.io, path: path, cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        var failure: String?
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if let failure { throw StoreError(.io, path: path, cause: failure) }
        guard fsync(fd) == 0 else { throw StoreError(.io, path: path, cause: "fsync: " + String(cString: strerror(errno))) }
    }

    static func syncDirectory(_ dir: String) {
        let fd = Glibc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
