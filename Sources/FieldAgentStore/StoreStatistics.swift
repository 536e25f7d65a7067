/// Counters for benchmarks and tests, since the store was opened.
public struct StoreStatistics: Sendable, Equatable {
    /// Transactions acknowledged by ``Store/write(_:)``.
    public var transactions: Int
    /// Group commits: batches of transactions made durable by one log flush.
    public var commits: Int
    /// All `fsync`/`fdatasync` calls the store made (log, snapshots, directory).
    public var fsyncs: Int
    /// Compactions (generation switches) completed.
    public var compactions: Int

    /// Counters with the given values.
    public init(transactions: Int, commits: Int, fsyncs: Int, compactions: Int) {
        self.transactions = transactions
        self.commits = commits
        self.fsyncs = fsyncs
        self.compactions = compactions
    }
}
