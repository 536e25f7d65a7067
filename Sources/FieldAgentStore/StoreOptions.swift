/// Tuning and upgrade settings for ``Store/open(at:options:)``.
public struct StoreOptions: Sendable {
    /// The log must reach at least this many bytes before ``Store/needsCompaction`` is true,
    /// so that small stores are not rewritten over and over.
    public var compactionThreshold: Int = 4 << 20
    /// The log must also be at least this fraction of the current snapshot's size. With
    /// `1.0`, the store stays within about twice the size of a fresh snapshot.
    public var compactionRatio: Double = 1.0
    /// Largest encoded transaction accepted by ``Store/write(_:)``.
    public var maxTransactionBytes: Int = 256 << 20
    /// Create the directory and an empty store when none exists.
    public var createIfMissing = true
    /// Migrations applied, in order, to a store that has not seen them yet.
    public var migrator = StoreMigrator()

    public init() {}
}
