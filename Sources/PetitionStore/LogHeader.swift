import PetitionCore

/// Whether a log holds real cases or practice ones (DESIGN.md, "Typed by mode").
package enum LogMode: String, Codable, Sendable {
    /// Real cases; the system clock only.
    case production
    /// Practice cases; a simulated clock is allowed.
    case training
}

/// The first line of every log file.
package struct LogHeader: Codable, Sendable, Equatable {
    /// Always "xinfang-log".
    package var format: String
    package var version: Int
    package var mode: LogMode
    /// A random id naming this log.
    package var logId: String
    /// The organ code of the jurisdiction's petition department.
    package var jurisdiction: OrganCode
    package var createdAt: Instant

    package static let currentVersion = 1
    package static let formatName = "xinfang-log"

    package init(mode: LogMode, logId: String, jurisdiction: OrganCode, createdAt: Instant) {
        format = Self.formatName
        version = Self.currentVersion
        self.mode = mode
        self.logId = logId
        self.jurisdiction = jurisdiction
        self.createdAt = createdAt
    }
}
