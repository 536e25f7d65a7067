import FieldAgentSystem
import Foundation
import Synchronization

/// A durable, single-writer store of opaque records in one directory.
///
/// The directory holds a snapshot (the owner's state at the last compaction, plus the
/// metadata map) and an append-only log of the transactions committed since. A transaction
/// is acknowledged only after its log frame is flushed with `fdatasync`; concurrent writers
/// share one flush (group commit). A lock file with the owner's process id keeps a second
/// process out.
///
/// The owner rebuilds its state with ``readContents()`` (snapshot, then records in order),
/// writes with ``write(_:)`` and, when ``needsCompaction`` says so, replaces snapshot and log
/// with ``compact(_:)``.
///
/// Thread safety: every mutable property is guarded by `condition`'s lock, except the log
/// descriptor and the files, which only the thread holding the *writer role*
/// (`writerActive`, taken under the lock) touches. That makes the class safe to share, hence
/// `@unchecked Sendable`.
public final class Store: @unchecked Sendable {
    /// The store directory.
    public let path: String
    /// The options the store was opened with.
    public let options: StoreOptions
    /// What opening found and repaired (including migrations applied).
    public var recoveryReport: RecoveryReport { locked { openReport } }

    let layout: StoreLayout
    let directoryLock: FileDescriptor
    let condition = NSCondition()

    // Guarded by `condition`.
    var writerActive = false
    var pending: [PendingTransaction] = []
    var nextTicket = 1
    var resolvedThrough = 0
    var failedTickets: [Int: StoreError] = [:]
    /// Set after an fsync failure: the page cache can no longer be trusted until reopen.
    var failure: StoreError?
    var isClosed = false
    var committedMetadata: [String: [UInt8]]
    var generation: UInt64
    var acknowledgedLogSize: Int
    var snapshotSize: Int
    var appliedMigrations: [String]
    var openReport: RecoveryReport

    // Touched only by the thread holding the writer role.
    var log: FileDescriptor

    let transactionCount = Atomic<Int>(0)
    let commitCount = Atomic<Int>(0)
    let fsyncCount = Atomic<Int>(0)
    let compactionCount = Atomic<Int>(0)

    init(
        path: String, options: StoreOptions, layout: StoreLayout, directoryLock: FileDescriptor, log: FileDescriptor,
        state: OpenedState, report: RecoveryReport
    ) {
        self.path = path
        self.options = options
        self.layout = layout
        self.directoryLock = directoryLock
        self.log = log
        self.committedMetadata = state.metadata
        self.generation = state.generation
        self.acknowledgedLogSize = state.logSize
        self.snapshotSize = state.snapshotSize
        self.appliedMigrations = state.appliedMigrations
        self.openReport = report
        fsyncCount.store(state.fsyncs, ordering: .relaxed)
    }

    deinit {
        if !isClosed {
            try? log.close()
            try? directoryLock.unlock()
            try? directoryLock.close()
        }
    }

    /// The committed metadata: every key set by an acknowledged transaction (or carried over
    /// by compaction), never a value from a write that failed.
    public var metadata: [String: [UInt8]] {
        locked { committedMetadata }
    }

    /// Bytes in the current log, counting only acknowledged transactions.
    public var logSize: Int { locked { acknowledgedLogSize } }

    /// Bytes in the current snapshot file.
    public var currentSnapshotSize: Int { locked { snapshotSize } }

    /// True when the log has outgrown ``StoreOptions/compactionThreshold`` and
    /// ``StoreOptions/compactionRatio`` × the snapshot size; the owner should then call
    /// ``compact(_:)``.
    public var needsCompaction: Bool {
        locked {
            acknowledgedLogSize >= options.compactionThreshold
                && Double(acknowledgedLogSize) >= Double(snapshotSize) * options.compactionRatio
        }
    }

    /// The current generation number (it grows by one with every compaction).
    public var currentGeneration: UInt64 { locked { generation } }

    /// Names of all migrations applied to this store, in order.
    public var migrations: [String] { locked { appliedMigrations } }

    /// Counters since open: transactions, group commits, fsyncs, compactions.
    public var statistics: StoreStatistics {
        StoreStatistics(
            transactions: transactionCount.load(ordering: .relaxed),
            commits: commitCount.load(ordering: .relaxed),
            fsyncs: fsyncCount.load(ordering: .relaxed),
            compactions: compactionCount.load(ordering: .relaxed))
    }

    /// Closes the store and releases its lock. Later calls fail with ``StoreError/closed(path:)``.
    public func close() {
        condition.lock()
        while writerActive { condition.wait() }
        if isClosed {
            condition.unlock()
            return
        }
        isClosed = true
        condition.broadcast()
        condition.unlock()
        try? log.close()
        try? directoryLock.unlock()
        try? directoryLock.close()
    }

    func locked<R>(_ body: () throws -> R) rethrows -> R {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    func countFsync() { fsyncCount.add(1, ordering: .relaxed) }

    /// Runs `body` holding the writer role: no commit, compaction or read of the files runs
    /// concurrently. With `allowFailed`, it also runs after an fsync failure (for reads).
    func withWriterRole<R>(allowFailed: Bool = false, _ body: () throws(StoreError) -> R) throws(StoreError) -> R {
        condition.lock()
        while writerActive && !isClosed { condition.wait() }
        if isClosed {
            condition.unlock()
            throw .closed(path: path)
        }
        if let failure, !allowFailed {
            condition.unlock()
            throw failure
        }
        writerActive = true
        condition.unlock()
        defer {
            condition.lock()
            writerActive = false
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
