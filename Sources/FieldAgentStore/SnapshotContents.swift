/// What a snapshot file holds: the owner's state bytes, the metadata map and the names of
/// the migrations applied so far.
struct SnapshotContents: Sendable, Equatable {
    var generation: UInt64
    /// The owner's snapshot bytes; `nil` for a store that was never compacted.
    var state: [UInt8]?
    var metadata: [String: [UInt8]]
    var appliedMigrations: [String]
}
