import Crypto
import Foundation

/// The SHA-256 of a reference data folder (`data/`): every file under it, in the order
/// of their paths, each as its relative path, its length and its bytes. A PostgreSQL log
/// records the hash of the data its records were decided by, and refuses a writer whose
/// data differs: every host decides the same way, or does not write
/// (docs/decisions/0028-postgresql-store.md).
package enum ReferenceHash {
    package static func of(folder: String) -> String {
        let fm = FileManager.default
        let paths = (fm.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { path in
                var isDir: ObjCBool = false
                let full = (folder as NSString).appendingPathComponent(path)
                return !path.split(separator: "/").contains { $0.hasPrefix(".") }
                    && fm.fileExists(atPath: full, isDirectory: &isDir) && !isDir.boolValue
            }
            .sorted()
        var sha = SHA256()
        for path in paths {
            let bytes = fm.contents(atPath: (folder as NSString).appendingPathComponent(path)) ?? Data()
            sha.update(data: Data(path.utf8) + [0] + Data("\(bytes.count)".utf8) + [0])
            sha.update(data: bytes)
        }
        return sha.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
