import Foundation
import PetitionCore

/// A quarantine file: bytes cut from a log (a torn tail, or the damaged rest that
/// `log recover` leaves behind), kept beside it byte for byte.
///
/// The bytes are written under a name of their own, synced, renamed into place, the
/// directory synced, and then read back and compared before the caller may cut them
/// from the log: a partial file left by a full disk under the final name is never
/// taken for the bytes. A file already at the name that holds exactly these bytes is
/// used as it is; one that holds anything else is left alone and the bytes go to the
/// next free name (`-2`, `-3` …). Docs: docs/log-operations.md, "After a crash".
package enum Quarantine {
    /// The prefix every quarantine file of the log named `logName` begins with.
    package static func prefix(forLog logName: String) -> String { logName + ".quarantine-" }

    /// Whether `path` names one of the log's quarantine files (in the log's folder).
    package static func isQuarantine(_ path: String, ofLog log: String) -> Bool {
        (path as NSString).deletingLastPathComponent == (log as NSString).deletingLastPathComponent
            && (path as NSString).lastPathComponent.hasPrefix(prefix(forLog: (log as NSString).lastPathComponent))
    }

    /// Keeps `bytes` in a file named after `base` in `directory` (empty: the current
    /// one) and returns the name that really holds them, verified, and whether this
    /// call created it (false: an identical file was there already).
    package static func keep(_ bytes: [UInt8], base: String, in directory: String,
                             fs: any FileSystem) throws(FileError) -> (name: String, created: Bool) {
        let dir = directory.isEmpty ? "." : directory
        func full(_ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }
        var attempt = 1
        while true {
            let name = attempt == 1 ? base : "\(base)-\(attempt)"
            attempt += 1
            let path = full(name)
            if fs.exists(path) {
                // Someone's file: ours only if it already holds exactly these bytes.
                if try holds(path, bytes, fs: fs, sync: true) {
                    try fs.syncDirectory(dir)
                    return (name, false)
                }
                continue
            }
            do throws(FileError) {
                try fs.replace(path, with: bytes, temp: path + ".writing", durable: true)
                guard try holds(path, bytes, fs: fs, sync: false) else { throw FileError("verify", path, EIO) }
            } catch {
                // Nothing half-done stays under a quarantine name (the name was free: see
                // above): the bytes are still in the log, which the caller leaves as it was.
                fs.remove(path)
                throw error
            }
            return (name, true)
        }
    }

    /// Whether the file at `path` holds exactly `bytes`; `sync` makes an accepted
    /// file durable first (it may have been written without a sync by another writer).
    private static func holds(_ path: String, _ bytes: [UInt8], fs: any FileSystem,
                              sync: Bool) throws(FileError) -> Bool {
        let fd = try fs.open(path, write: false, create: false, exclusive: false)
        defer { fs.close(fd) }
        guard try fs.size(fd) == Int64(bytes.count),
              try fs.read(fd, count: bytes.count + 1, at: 0) == bytes else { return false }
        if sync { try fs.dataSync(fd) }
        return true
    }
}

extension Quarantine {
    /// The case numbers named in cut bytes, in order: first those of the frames that still
    /// read whole (checksums intact, payload decoding; frames start at multiples of 8 from
    /// the cut, which begins where a frame would), then any other place where the bytes
    /// hold a case number as a payload writes one (`Salvage.caseNumbers`) — a record whose
    /// checksum failed still names its case. These are the numbers a torn batch may have
    /// shown on a screen, or a damaged last record gave out: never issued again.
    static func caseNumbers(in cut: [UInt8], format: LogFormat.Header) -> [CaseNumber] {
        var numbers = wholeFrameCaseNumbers(in: cut, format: format)
        let found = cut.withUnsafeBytes { raw in Salvage.caseNumbers(in: raw, organs: organCodes(in: raw)) }
        for number in found where !numbers.contains(number) { numbers.append(number) }
        return numbers
    }

    /// Strings in binary payloads that could be organ codes: a length byte of 2–32, then
    /// that many capital letters, digits and hyphens, starting with a letter.
    static func organCodes(in b: UnsafeRawBufferPointer) -> Set<String> {
        var codes = Set<String>()
        var i = 0
        while i + 3 <= b.count {
            let length = Int(b[i])
            if (2...32).contains(length), i + 1 + length <= b.count, (0x41...0x5A).contains(b[i + 1]),
               b[(i + 1)..<(i + 1 + length)].allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) {
                codes.insert(String(decoding: b[(i + 1)..<(i + 1 + length)], as: UTF8.self))
            }
            i += 1
        }
        return codes
    }

    private static func wholeFrameCaseNumbers(in cut: [UInt8], format: LogFormat.Header) -> [CaseNumber] {
        var numbers: [CaseNumber] = []
        var seen: Set<CaseNumber> = []
        cut.withUnsafeBytes { raw in
            var at = 0
            while at + LogFormat.frameHeaderSize <= raw.count {
                guard raw.u32(at) == LogFormat.frameMagic,
                      case .success(let frame) = LogFormat.decodeFrame(raw, at: at, seed: format.seed,
                                                                       maxPayload: format.maxPayload, hashing: false),
                      case .events(let events)? = try? LogRecord.decode(frame) else {
                    at += 8
                    continue
                }
                for event in events where seen.insert(event.caseNumber).inserted { numbers.append(event.caseNumber) }
                at += frame.length
            }
        }
        return numbers
    }
}
