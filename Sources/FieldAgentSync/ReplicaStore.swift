import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore
import Synchronization

/// A ``ReplicaState`` bound to a durable FieldAgentStore directory, with the sync metadata.
///
/// - Every local edit is appended as a record and acknowledged only after the store's `fdatasync`;
///   it is applied in memory only then, so what readers see has always been saved. Concurrent
///   writers share one flush (group commit).
/// - A pulled page is appended in the same transaction as the new cursor, so cursor and data
///   commit together: after a crash either both are there or neither, and the pull resumes from
///   the old cursor.
/// - Opening recovers: snapshot, then replay of the records after it. When the log outgrows the
///   snapshot, a compaction writes ``ReplicaState/snapshot()`` plus the outbox.
/// - Erasing or purging a customer compacts at once, so no file keeps its personal data.
///
/// Sync metadata kept here, durably: pending changes (the outbox: this device's changes not yet
/// answered by the server), the server cursor, rejected changes with their reasons, the last
/// successful sync, the measured clock offset, plus any key the owner sets with ``setMetadata(_:)``.
///
/// Thread safety: all mutable state sits in one `Mutex`; the store itself is thread-safe.
public final class ReplicaStore: Sendable {
    /// The store directory.
    public let path: String
    /// This replica's id; its changes are numbered under it.
    public let replicaID: String

    let store: Store
    let inner: Mutex<Inner>

    enum Key {
        static let replicaID = "replica.id"
        static let compactPending = "replica.compactPending"
        static let cursor = "sync.cursor"
        static let pushedThrough = "sync.pushedThrough"
        static let rejected = "sync.rejected"
        static let lastSync = "sync.lastSync"
        static let clockOffset = "sync.clockOffset"
        static let epoch = "sync.epoch"
        static let acknowledged = "sync.acknowledged"
        static let counterFloor = "sync.counterFloor"
        static let resendAbove = "sync.resendAbove"
        static let repairNotice = "device.repairNotice"
        static let wiped = "device.wiped"
        static let wipeReported = "device.wipeReported"
    }

    /// Clock offsets smaller than this are measurement noise and are not applied.
    static let offsetThresholdMillis: Int64 = 60_000

    struct Inner: Sendable {
        var state: ReplicaState
        /// This device's changes with counter above `pushedThrough` (and not erased): what the next push sends.
        var outbox: [Change] = []
        var pushedThrough: UInt64 = 0
        var reservedCounter: UInt64 = 0
        /// Changes numbered and being written, not yet durable.
        var inFlight: [ChangeID: Change] = [:]
        var writesInProgress = 0
        var rejected: [RejectedChange] = []
        /// Register writes the outbox's changes superseded here: put back if the server refuses them.
        var superseded: [Change] = []
        var cursor: String?
        var lastSync: Int64?
        var clockOffset: Int64 = 0
        var compactPending = false
        /// The server epoch the cursor and ``acknowledged`` belong to; nil before the first answer.
        var epoch: String?
        /// The highest counter of this replica the server acknowledged in ``epoch``.
        var acknowledged: UInt64 = 0
        /// No local change is numbered at or below this: the server holds changes of this replica up to it.
        var counterFloor: UInt64 = 0
        /// Set by a recovery until a compaction saves its outbox: own live changes above it are pending.
        var resendAbove: UInt64?
        /// Changes written to the log since the last snapshot, and live changes the snapshot held:
        /// together they tell how much of the log is dead weight worth compacting away.
        var loggedChanges = 0
        var liveAtSnapshot = 0
    }

    init(path: String, replicaID: String, store: Store, inner: Inner) {
        self.path = path
        self.replicaID = replicaID
        self.store = store
        self.inner = Mutex(inner)
    }

    // MARK: - Opening

    /// Creates a new, empty replica store in `path` for replica `replicaID`.
    public static func create(
        at path: String, replicaID: String, options: StoreOptions = StoreOptions()
    ) throws(ReplicaStoreError) -> ReplicaStore {
        var options = options
        options.createIfMissing = true
        let store: Store
        do {
            store = try Store.open(at: path, options: options)
            if store.metadata[Key.replicaID] == nil {
                try store.write { tx in tx.setMetadata(Array(replicaID.utf8), forKey: Key.replicaID) }
            }
        } catch {
            throw .store(error)
        }
        store.close()
        return try open(at: path, options: options)
    }

    /// Opens the replica store in `path` and recovers its state (snapshot, then log replay).
    public static func open(at path: String, options: StoreOptions = StoreOptions()) throws(ReplicaStoreError)
        -> ReplicaStore
    {
        var options = options
        options.createIfMissing = false
        let store: Store
        let contents: StoreContents
        do {
            store = try Store.open(at: path, options: options)
            contents = try store.readContents()
        } catch let error {
            if case .missingFile(let missing, _) = error, missing == path { throw .missing(path: path) }
            throw .store(error)
        }
        guard let idBytes = contents.metadata[Key.replicaID] else {
            store.close()
            throw .missing(path: path)
        }
        let replicaID = String(decoding: idBytes, as: UTF8.self)
        var inner: Inner
        do {
            if let snapshot = contents.snapshot, !snapshot.isEmpty {
                let (state, outbox) = try ReplicaRecord.decodeSnapshot(snapshot)
                inner = Inner(state: state, outbox: outbox)
            } else {
                inner = Inner(state: ReplicaState(replicaID: replicaID))
            }
        } catch {
            store.close()
            throw .undecodable(path: path, what: "a snapshot", problem: error.description)
        }
        inner.liveAtSnapshot = inner.state.liveCount
        inner.load(metadata: contents.metadata)
        for bytes in contents.records {
            do {
                inner.replay(try ReplicaRecord.decode(bytes))
            } catch {
                store.close()
                throw .undecodable(path: path, what: "a log record", problem: error.description)
            }
        }
        inner.trimOutbox()
        if let torn = store.recoveryReport.tornTail {
            // The cut may have held acknowledged work: say so until a sync has brought it back.
            let notice =
                "this device's store was repaired: \(torn.discardedBytes) bytes were cut from \(torn.file); "
                + "run `fieldagent sync` to get back from the server what it holds"
            do {
                try store.write { tx in tx.setMetadata(Array(notice.utf8), forKey: Key.repairNotice) }
            } catch {
                store.close()
                throw .store(error)
            }
        }
        // A recovery that crashed before its compaction: queue again what it queued.
        if let above = inner.resendAbove {
            inner.requeue(inner.unsentOwnChanges(above: above), above: above)
            inner.compactPending = true  // the compaction below saves the queue and ends the recovery
        }
        let replica = ReplicaStore(path: path, replicaID: replicaID, store: store, inner: inner)
        try replica.compactIfNeeded()
        return replica
    }

    /// Closes the store and releases its lock.
    public func close() { store.close() }

    // MARK: - Reading

    /// The merged state as of the last acknowledged write (a cheap copy-on-write value).
    public var state: ReplicaState { inner.withLock { $0.state } }

    /// Pending changes: made here, durable, not yet answered by the server; in counter order.
    public var pending: [Change] { inner.withLock { $0.outbox.sorted { $0.id.counter < $1.id.counter } } }

    /// The number of pending changes.
    public var pendingCount: Int { inner.withLock { $0.outbox.count } }

    /// Changes the server refused, oldest first, with their reasons.
    public var rejected: [RejectedChange] { inner.withLock { $0.rejected } }

    /// The server cursor after the last applied page, or nil before the first pull.
    public var cursor: String? { inner.withLock { $0.cursor } }

    /// The end of the last successful sync.
    public var lastSync: Instant? { inner.withLock { $0.lastSync.map { Instant(millisecondsSinceEpoch: $0) } } }

    /// An owner's metadata value (e.g. the home configuration), committed durably.
    public func metadata(_ key: String) -> [UInt8]? { store.metadata[key] }

    /// Sets (or, with nil, removes) owner metadata in one durable transaction.
    public func setMetadata(_ values: [String: [UInt8]?]) throws(ReplicaStoreError) {
        try commit(
            reserve: { _ in values },
            write: { values, tx in for (key, value) in values { tx.setMetadata(value, forKey: key) } },
            publish: { _, _ in })
    }

    /// Counters of the underlying store (transactions, group commits, fsyncs, compactions).
    public var statistics: StoreStatistics { store.statistics }

    /// Total bytes of the store's current snapshot and log.
    public var sizeOnDisk: Int { store.currentSnapshotSize + store.logSize }

    // MARK: - Local edits

    /// Turns `edits` into changes by `agent` with ``ChangeMaker``, stamped at `now` (corrected by the
    /// measured clock offset), and commits them in one durable transaction; returns them once they are on disk.
    ///
    /// Nothing is visible in ``state`` before the write is acknowledged, and a failed write
    /// changes nothing. Edits of one call that touch the same field supersede each other in order.
    @discardableResult
    public func record(_ edits: [Edit], agent: String, at now: Instant) throws(ReplicaStoreError) -> [Change] {
        guard !edits.isEmpty else { return [] }
        let changes = try commit(
            reserve: { inner -> ([Change], [Change]) in
                var maker = ChangeMaker(
                    replicaID: replicaID, clock: inner.state.clock, firstCounter: inner.firstFreeCounter,
                    unapplied: Array(inner.inFlight.values))
                let wall = now.millisecondsSinceEpoch + inner.clockOffset
                for edit in edits { maker.make(edit, by: agent, at: wall, in: inner.state) }
                inner.state.clock = maker.clock
                inner.reserve(maker.changes)
                return (maker.changes, inner.shadowed(by: maker.changes))
            },
            write: { plan, tx in
                tx.append(ReplicaRecord.local(plan.0).encoded())
                if !plan.1.isEmpty { tx.append(ReplicaRecord.superseded(plan.1).encoded()) }
            },
            undo: { plan, inner in inner.unreserve(plan.0) },
            publish: { plan, inner in
                inner.state.apply(plan.0)
                inner.loggedChanges += plan.0.count
                inner.outbox.append(contentsOf: plan.0)
                inner.keepSuperseded(plan.1)
                inner.release(plan.0)
            }
        ).0
        try compactIfNeeded()
        return changes
    }

    // MARK: - Compaction

    /// Compacts now (snapshot of state and outbox, fresh log) unless writes are in flight.
    /// Returns whether it compacted.
    @discardableResult
    public func compact() throws(ReplicaStoreError) -> Bool {
        let compacted = try inner.withLock { inner throws(ReplicaStoreError) -> Bool in
            guard inner.writesInProgress == 0 else { return false }
            do throws(StoreError) {
                try store.compact { ReplicaRecord.snapshot(state: inner.state, outbox: inner.outbox) }
                // The snapshot holds no superseded writes: log the ones still needed right after it
                // (a crash in between only loses the chance to put a refused write's value back).
                if !inner.superseded.isEmpty {
                    let writes = inner.superseded
                    try store.write { tx in tx.append(ReplicaRecord.superseded(writes).encoded()) }
                }
                inner.loggedChanges = 0
                inner.liveAtSnapshot = inner.state.liveCount
                if inner.compactPending || inner.resendAbove != nil {
                    try store.write { tx in
                        tx.setMetadata(nil, forKey: Key.compactPending)
                        tx.setMetadata(nil, forKey: Key.resendAbove)
                    }
                    inner.compactPending = false
                    inner.resendAbove = nil
                }
            } catch {
                throw .store(error)
            }
            return true
        }
        return compacted
    }

    /// Compacts when a customer was erased or purged (at once: no file may keep their data), or when
    /// the log has outgrown the snapshot and much of it is dead. A log of live data (a first sync)
    /// is left alone: replaying it costs no more than reading a snapshot of the same changes.
    func compactIfNeeded() throws(ReplicaStoreError) {
        if inner.withLock({ $0.compactPending }) || (store.needsCompaction && inner.withLock { $0.mostlyDead }) {
            try compact()
        }
    }

    /// The one write sequence: reserve under the lock, write durably, then publish under the lock;
    /// if the write fails, undo the reservation and publish nothing. Compaction waits meanwhile.
    @discardableResult
    func commit<Plan: Sendable>(
        reserve: (inout Inner) -> Plan,
        write: (Plan, inout Transaction) -> Void,
        undo: (Plan, inout Inner) -> Void = { _, _ in },
        publish: (Plan, inout Inner) -> Void
    ) throws(ReplicaStoreError) -> Plan {
        let plan = inner.withLock { inner in
            inner.writesInProgress += 1
            return reserve(&inner)
        }
        do {
            try store.write { tx in write(plan, &tx) }
        } catch {
            inner.withLock { inner in
                undo(plan, &inner)
                inner.writesInProgress -= 1
            }
            throw .store(error)
        }
        inner.withLock { inner in
            publish(plan, &inner)
            inner.writesInProgress -= 1
        }
        return plan
    }
}
