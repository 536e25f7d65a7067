/// What ``Store/salvage(at:)`` could still read from a store that may not open: the newest
/// snapshot that decodes, the metadata, every readable record in commit order, and what was lost.
public struct StoreSalvage: Sendable, Equatable {
    /// The owner's bytes from the newest readable snapshot; nil when none could be read or the
    /// store was never compacted.
    public var snapshot: [UInt8]?
    /// The snapshot file read, if any.
    public var snapshotFile: String?
    /// The metadata: the snapshot's, with every readable transaction's changes applied in order.
    public var metadata: [String: [UInt8]] = [:]
    /// The records read, oldest first.
    public var records: [SalvagedRecord] = []
    /// Missing files and unreadable byte ranges, in the order found.
    public var lost: [SalvageLoss] = []

    /// Whether everything the store held could be read.
    public var isComplete: Bool { lost.isEmpty }

    /// An empty salvage (nothing read, nothing lost yet).
    public init() {}
}
