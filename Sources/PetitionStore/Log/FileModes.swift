import Foundation

/// The permissions of every file and folder the store makes, and the ones it refuses to
/// open: never the umask's choice (docs/decisions/0014-identity.md, docs/security.md).
///
/// A new file or folder takes its mode from the folder it is made in. The office folder
/// of an installation (`docs/install.md`) is set-group-id and group-owned by `xinfang`, a
/// group no person belongs to: there a file is `0660` and a folder `2770`, so that every
/// clerk's xinfang — running set-group-id `xinfang` — can append to a log another
/// clerk's created, and no one can otherwise. Anywhere else a log is one person's: a file
/// is `0600` and a folder `0700`. Nothing is ever made with access for the world.
package enum FileModes {
    /// The set-group-id bit of a folder: files made in it take the folder's group.
    package static let setGroupID: UInt32 = 0o2000

    /// The mode of a new file in a folder whose permission bits are `folder`.
    package static func file(in folder: UInt32?) -> UInt32 {
        isShared(folder) ? 0o660 : 0o600
    }

    /// The mode of a new folder made inside a folder whose permission bits are `parent`.
    package static func folder(in parent: UInt32?) -> UInt32 {
        isShared(parent) ? 0o2770 : 0o700
    }

    /// The folder a path is in (`.` for a bare name).
    package static func folder(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// An office folder: set-group-id, so that its group is what is shared.
    static func isShared(_ mode: UInt32?) -> Bool {
        guard let mode else { return false }
        return mode & setGroupID != 0
    }

    /// Refuses a log (or the roster beside it) that anyone on the machine could change:
    /// the file itself, or its folder, writable by others — where another account could
    /// also put a snapshot, a roster or a damage note of its own beside the log. As ssh
    /// refuses a key with bad permissions, it says how to fix it.
    package static func checkNotWorldWritable(_ path: String, fs: any FileSystem) throws(StoreError) {
        let folder = folder(of: path)
        for checked in [path, folder] {
            guard let mode = fs.permissions(checked), mode & 0o002 != 0 else { continue }
            throw StoreError(.unsafePermissions, path: checked, cause: String(mode, radix: 8))
        }
    }
}
