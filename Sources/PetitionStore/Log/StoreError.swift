import PetitionCore

/// An environmental failure of the store: a file, a lock, a record that cannot be read.
package struct StoreError: Error, Sendable, Equatable {
    package enum Code: String, Sendable {
        case logMissing = "log-missing"
        case logExists = "log-exists"
        case notALog = "not-a-log"
        case futureVersion = "future-version"
        case corruptRecord = "corrupt-record"
        case io = "io"
        case dataMissing = "data-missing"
        case badData = "bad-data"
        /// A roster file (`init --roster`, `staff import`) that is not one: a member's field.
        case badRoster = "bad-roster"
        case notInRoster = "not-in-roster"
        /// A file to write (`log recover --out`) is one of the log's own: the log, its
        /// snapshot, its roster or a quarantine file.
        case ownFile = "own-file"
        /// The log, its folder or its roster is writable by every account on the machine
        /// (`FileModes.checkNotWorldWritable`); `cause` is the mode in octal.
        case unsafePermissions = "unsafe-permissions"
        /// The path no longer names the log this writer opened (renamed aside by a
        /// trainer's `training reset`, or replaced): nothing more is written to it.
        case movedAway = "moved-away"
    }

    package var code: Code
    package var path: String
    /// The sequence number of the record concerned, if one is.
    package var seq: Int?
    /// What the underlying call said.
    package var cause: String

    package init(_ code: Code, path: String, seq: Int? = nil, cause: String = "") {
        self.code = code
        self.path = path
        self.seq = seq
        self.cause = cause
    }

    /// One line saying what went wrong and what to do.
    package func message(_ language: Language) -> String {
        let zh = language == .zh
        let record = seq.map { zh ? "第\($0)条记录" : "record \($0)" } ?? ""
        switch code {
        case .logMissing:
            return zh ? "日志文件不存在：\(path)（先运行 xinfang init，或用 --log 指定）"
                      : "No log at \(path) (run xinfang init first, or give --log)"
        case .logExists:
            return zh ? "\(path) 已存在，不会覆盖：请另选一个新文件名" : "\(path) already exists and is not overwritten; choose a new name"
        case .notALog:
            return zh ? "不是 xinfang 日志文件：\(path)" : "Not an xinfang log: \(path)"
        case .futureVersion:
            return zh ? "日志格式版本过新（\(cause)），请升级 xinfang：\(path)"
                      : "The log's format version \(cause) is newer than this program; upgrade xinfang: \(path)"
        case .corruptRecord:
            return zh ? "日志已损坏：\(path) \(record)（\(LogScan.Problem.reason(cause, language))），未写入；请运行 xinfang log verify 查看，xinfang log recover 恢复"
                      : "The log \(path) is damaged at \(record) (\(cause)); nothing was written; run xinfang log verify, then xinfang log recover"
        case .io:
            return zh ? "读写文件失败：\(path)（\(cause)）" : "Could not read or write \(path) (\(cause))"
        case .dataMissing:
            return zh ? "找不到参考数据：\(path)（设置 XINFANG_DATA 指向 data 目录）"
                      : "Reference data not found: \(path) (set XINFANG_DATA to the data folder)"
        case .badData:
            return zh ? "参考数据有误：\(path)（\(cause)）" : "Reference data is invalid: \(path) (\(cause))"
        case .badRoster:
            return zh ? "人员名单有误：\(path)（\(cause)）" : "The roster is invalid: \(path) (\(cause))"
        case .ownFile:
            return zh ? "不能写到 \(path)：那是日志自己的文件（日志、快照、人员名册、损坏记号或隔离文件），请另选一个新文件名"
                      : "Will not write \(path): it is one of the log's own files (the log, its snapshot, roster, damage note or a quarantine file); choose a new name"
        case .movedAway:
            return zh ? "日志已被移走或替换（培训教员重置了它？）：\(path) 未写入；请退出后重新打开"
                      : "The log \(path) was moved or replaced while open (reset by a trainer?); nothing was written; quit and open it again"
        case .unsafePermissions:
            return zh ? "权限不安全：\(path) 的权限为 \(cause)，本机任何账号都能改写，拒绝打开；请运行 chmod o-w \(path)（或把日志移到只有自己或 xinfang 组可写的目录）"
                      : "Bad permissions: \(path) is mode \(cause), writable by every account on this machine; refusing to open it. Run chmod o-w \(path) (or move the log to a folder only you or the xinfang group can write)"
        case .notInRoster:
            return zh ? "用户「\(cause)」不在人员名册 \(path) 中，请联系系统管理员"
                      : "User \"\(cause)\" is not in the roster \(path); ask the administrator"
        }
    }
}
