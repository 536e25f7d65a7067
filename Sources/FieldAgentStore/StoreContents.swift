/// Everything a store holds, as its owner rebuilds state from it: the snapshot written by
/// the last compaction, then every record committed since, in commit order.
public struct StoreContents: Sendable, Equatable {
    /// The owner's bytes from the last ``Store/compact(_:)``; `nil` before the first one.
    public var snapshot: [UInt8]?
    /// Records committed after that snapshot, oldest first.
    public var records: [[UInt8]]
    /// The committed metadata map.
    public var metadata: [String: [UInt8]]

    /// Contents as a migration or a test builds them.
    public init(snapshot: [UInt8]? = nil, records: [[UInt8]] = [], metadata: [String: [UInt8]] = [:]) {
        self.snapshot = snapshot
        self.records = records
        self.metadata = metadata
    }
}
