/// What ``Store/open(at:options:)`` found and repaired, so the owner can log it.
public struct RecoveryReport: Sendable, Equatable, CustomStringConvertible {
    /// The generation opened (it grows by one with every compaction).
    public var generation: UInt64
    /// Whether the store was created by this open.
    public var created = false
    /// An incomplete last record that was cut off (never acknowledged to a writer).
    public var tornTail: TornTail?
    /// Files removed because an interrupted compaction left them behind.
    public var removedFiles: [String] = []
    /// Migrations applied during this open, in order.
    public var appliedMigrations: [String] = []
    /// Records in the log after the snapshot, before migrations.
    public var recordCount = 0

    /// Whether opening changed anything on disk besides the lock file.
    public var repairedAnything: Bool { tornTail != nil || !removedFiles.isEmpty }

    public var description: String {
        var parts = ["generation \(generation)", "\(recordCount) records in the log"]
        if created { parts.append("created") }
        if let tornTail { parts.append(tornTail.description) }
        if !removedFiles.isEmpty { parts.append("removed leftover files \(removedFiles.joined(separator: ", "))") }
        if !appliedMigrations.isEmpty {
            parts.append("applied migrations \(appliedMigrations.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }
}
