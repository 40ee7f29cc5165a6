import PetitionCore

/// Whether a log holds real cases or practice ones (DESIGN.md, "Typed by mode").
package enum LogMode: String, Codable, Sendable {
    /// Real cases; the system clock only.
    case production
    /// Practice cases; a simulated clock is allowed.
    case training
}

/// What a log says about itself in its header.
package struct LogHeader: Codable, Sendable, Equatable {
    package var version: Int
    package var mode: LogMode
    /// A random id naming this log, hex.
    package var logId: String
    /// The organ code of the jurisdiction's petition department.
    package var jurisdiction: OrganCode
    package var createdAt: Instant

    package init(version: Int = Int(LogFormat.version), mode: LogMode, logId: String, jurisdiction: OrganCode,
                 createdAt: Instant) {
        self.version = version
        self.mode = mode
        self.logId = logId
        self.jurisdiction = jurisdiction
        self.createdAt = createdAt
    }
}
