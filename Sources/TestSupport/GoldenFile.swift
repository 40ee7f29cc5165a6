import Foundation

/// Golden files for tests that compare whole texts (screens, the transition table).
///
/// A test asserts `GoldenFile.mismatch(text, at: path) == nil`. Setting
/// `RECORD_SNAPSHOTS=1` writes the file anew *and* reports a mismatch, so a recording
/// run always fails: a test never passes by writing its own expectation (as
/// swift-snapshot-testing's record mode does). Run again without it to check.
package enum GoldenFile {
    /// Whether this run re-records golden files.
    package static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Nil when `actual` equals the file at `path`; otherwise what differs (the first
    /// differing line of each), or that the file was recorded or is missing.
    package static func mismatch(_ actual: String, at path: String) -> String? {
        if recording {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            do { try actual.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                return "could not record \(path): \(error)"
            }
            return "recorded \(path); review the diff and run again without RECORD_SNAPSHOTS"
        }
        guard let stored = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no golden file at \(path): record it with RECORD_SNAPSHOTS=1, review it, and run again"
        }
        guard stored != actual else { return nil }
        let a = stored.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            let expected = i < a.count ? a[i] : "(no line)", got = i < b.count ? b[i] : "(no line)"
            return "\(path) differs at line \(i + 1):\n  expected: \(expected)\n  actual:   \(got)\n"
                + "re-record with RECORD_SNAPSHOTS=1 if the change is intended"
        }
        return "\(path) differs"
    }
}
