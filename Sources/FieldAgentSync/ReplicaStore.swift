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
        var cursor: String?
        var lastSync: Int64?
        var clockOffset: Int64 = 0
        var compactPending = false
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
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .missing(path: path)
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
            if case .missingFile = error { throw .missing(path: path) }
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
        try write { tx in for (key, value) in values { tx.setMetadata(value, forKey: key) } }
    }

    /// Counters of the underlying store (transactions, group commits, fsyncs, compactions).
    public var statistics: StoreStatistics { store.statistics }

    /// Total bytes of the store's current snapshot and log.
    public var sizeOnDisk: Int { store.currentSnapshotSize + store.logSize }

    // MARK: - Local edits

    /// Turns `edits` into changes by `agent`, stamped at `now` (corrected by the measured clock
    /// offset), and commits them in one durable transaction; returns them once they are on disk.
    ///
    /// Nothing is visible in ``state`` before the write is acknowledged, and a failed write
    /// changes nothing. Edits of one call that touch the same field supersede each other in order.
    @discardableResult
    public func record(_ edits: [LocalEdit], agent: String, at now: Instant) throws(ReplicaStoreError) -> [Change] {
        guard !edits.isEmpty else { return [] }
        let changes = inner.withLock { inner -> [Change] in
            var clock = inner.state.clock
            let wall = now.millisecondsSinceEpoch + inner.clockOffset
            var out: [Change] = []
            for edit in edits {
                let target = edit.target
                var replaces: [ChangeID] = []
                if edit.operation != .create {
                    let sameRegister = (inner.inFlight.values + out).filter {
                        $0.op == edit.operation && $0.target == target
                    }
                    replaces = ReplicaStore.mergeContext(
                        inner.state.context(for: edit.operation, target: target), sameRegister)
                }
                let counter = inner.reserveCounter()
                let change = Change(
                    id: ChangeID(replica: replicaID, counter: counter), hlc: clock.now(wallMillis: wall), agent: agent,
                    target: target, op: edit.operation, value: edit.value, replaces: replaces)
                out.append(change)
                inner.inFlight[change.id] = change
            }
            inner.state.clock = clock
            inner.writesInProgress += 1
            return out
        }
        do {
            try write { tx in tx.append(ReplicaRecord.local(changes).encoded()) }
        } catch {
            inner.withLock { inner in
                for change in changes { inner.inFlight[change.id] = nil }
                if inner.reservedCounter == changes.last!.id.counter {
                    inner.reservedCounter = changes[0].id.counter - 1
                }
                inner.writesInProgress -= 1
            }
            throw error
        }
        inner.withLock { inner in
            inner.state.apply(changes)
            inner.loggedChanges += changes.count
            inner.outbox.append(contentsOf: changes)
            for change in changes { inner.inFlight[change.id] = nil }
            inner.writesInProgress -= 1
        }
        try compactIfNeeded()
        return changes
    }

    /// The causal context `base` extended with the ids (and contexts) of `extra` writes to the same register.
    static func mergeContext(_ base: [ChangeID], _ extra: [Change]) -> [ChangeID] {
        guard !extra.isEmpty else { return base }
        return ReplicaState.context(of: extra, including: base)
    }

    // MARK: - Sync

    /// The next changes to push: pending changes in counter order, at most `limit`, stopping
    /// before any change still being written (so the pushed-through mark never skips one).
    public func pushBatch(limit: Int = 1_000) -> [Change] {
        inner.withLock { inner in
            let ceiling = inner.inFlight.keys.filter { $0.replica == replicaID }.map(\.counter).min() ?? .max
            return Array(
                inner.outbox.filter { $0.id.counter < ceiling }.sorted { $0.id.counter < $1.id.counter }.prefix(limit))
        }
    }

    /// Records the server's answer to a push of `batch` (results in the same order, checked by the
    /// caller): answered changes stop being pending, refusals are kept with their reasons and taken
    /// back locally, and changes refused for `clock-skew` are re-stamped with the server's time under
    /// new ids and become pending. All of it commits in one transaction.
    ///
    /// `serverTime` and `now` (the device's time when the answer arrived) give the clock offset.
    public func recordPush(
        batch: [Change], results: [ChangeResult], serverTime: Int64, at now: Instant
    ) throws(ReplicaStoreError) -> PushOutcome {
        let measured = serverTime - now.millisecondsSinceEpoch
        let offset = abs(measured) >= ReplicaStore.offsetThresholdMillis ? measured : 0
        let (outcome, retractions, pushedThrough, rejected) = inner.withLock {
            inner -> (PushOutcome, [(id: ChangeID, customer: String)], UInt64, [RejectedChange]) in
            var outcome = PushOutcome()
            var retractions: [(id: ChangeID, customer: String)] = []
            var clock = HybridLogicalClock()
            for (change, result) in zip(batch, results) {
                switch result.status {
                case .accepted: outcome.accepted += 1
                case .duplicate: outcome.duplicates += 1
                case .rejected:
                    let reason = result.reason?.rawValue ?? "rejected"
                    outcome.rejected.append(
                        RejectedChange(
                            id: change.id, customer: change.target.customer, reason: reason, detail: result.detail,
                            change: change))
                    let live = inner.state.liveChange(change.id, customer: change.target.customer) != nil
                    if live { retractions.append((change.id, change.target.customer)) }
                    guard result.reason == .clockSkew, live else { continue }
                    let replaces =
                        change.op == .create
                        ? []
                        : ReplicaStore.mergeContext(
                            change.replaces,
                            [change]
                                + outcome.restamped.filter {
                                    $0.op == change.op && $0.target == change.target
                                })
                    let replacement = Change(
                        id: ChangeID(replica: replicaID, counter: inner.reserveCounter()),
                        hlc: clock.now(wallMillis: serverTime), agent: change.agent, target: change.target,
                        op: change.op, value: change.value, replaces: replaces)
                    outcome.restamped.append(replacement)
                    inner.inFlight[replacement.id] = replacement
                }
            }
            if !outcome.restamped.isEmpty { inner.state.clock = clock }
            inner.writesInProgress += 1
            let top = max(inner.pushedThrough, batch.map(\.id.counter).max() ?? 0)
            return (outcome, retractions, top, inner.rejected + outcome.rejected)
        }
        do {
            try write { tx in
                if !retractions.isEmpty {
                    tx.append(ReplicaRecord.retract(retractions, replacements: outcome.restamped).encoded())
                }
                tx.setMetadata(Array(String(pushedThrough).utf8), forKey: Key.pushedThrough)
                tx.setMetadata(Array(String(offset).utf8), forKey: Key.clockOffset)
                if !outcome.rejected.isEmpty {
                    tx.setMetadata(JSON.bytes(.list(rejected.map(\.json))), forKey: Key.rejected)
                }
            }
        } catch {
            inner.withLock { inner in
                for change in outcome.restamped { inner.inFlight[change.id] = nil }
                inner.writesInProgress -= 1
            }
            throw error
        }
        inner.withLock { inner in
            inner.replay(.retract(retractions, replacements: outcome.restamped))
            for change in outcome.restamped { inner.inFlight[change.id] = nil }
            inner.pushedThrough = pushedThrough
            inner.rejected = rejected
            inner.clockOffset = offset
            inner.trimOutbox()
            inner.writesInProgress -= 1
        }
        return outcome
    }

    /// Applies one pulled page and saves `cursor` in the same transaction; purges the customers in
    /// `purge`; compacts at once when the page erased or purged a customer.
    ///
    /// With `more` set (another page follows), size-based compaction waits for the last page, so a
    /// long first sync writes one snapshot instead of one per doubling of the log.
    public func applyPage(
        changes: [Change], purge: [String], cursor: String, serverTime: Int64, at now: Instant, more: Bool = false
    ) throws(ReplicaStoreError) -> PageOutcome {
        var outcome = PageOutcome()
        let erasing = Set(changes.filter { $0.op == .erase }.map(\.target.customer))
        outcome.erased = erasing.sorted()
        outcome.purged = purge
        let needsCompaction = !erasing.isEmpty || !purge.isEmpty
        let rejected = inner.withLock { inner -> [RejectedChange] in
            inner.writesInProgress += 1
            guard !erasing.isEmpty else { return inner.rejected }
            outcome.droppedPending = inner.outbox.filter { erasing.contains($0.target.customer) }.map {
                RejectedChange(
                    id: $0.id, customer: $0.target.customer, reason: RejectionReason.customerErased,
                    detail: "the customer was erased; this change was not sent")
            }
            return Inner.stripping(erasing, from: inner.rejected) + outcome.droppedPending
        }
        do {
            try write { tx in
                if !changes.isEmpty { tx.append(ReplicaRecord.remote(changes).encoded()) }
                for customer in purge { tx.append(ReplicaRecord.purge(customer: customer).encoded()) }
                tx.setMetadata(Array(cursor.utf8), forKey: Key.cursor)
                if !erasing.isEmpty { tx.setMetadata(JSON.bytes(.list(rejected.map(\.json))), forKey: Key.rejected) }
                if needsCompaction { tx.setMetadata([1], forKey: Key.compactPending) }
            }
        } catch {
            inner.withLock { $0.writesInProgress -= 1 }
            throw error
        }
        let measured = serverTime - now.millisecondsSinceEpoch
        inner.withLock { inner in
            outcome.report = inner.state.apply(changes, wallMillis: now.millisecondsSinceEpoch + measured)
            inner.loggedChanges += changes.count
            for customer in purge { inner.state.purge(customer: customer) }
            inner.cursor = cursor
            inner.rejected = rejected
            inner.trimOutbox()
            if needsCompaction { inner.compactPending = true }
            inner.writesInProgress -= 1
        }
        if needsCompaction || !more { try compactIfNeeded() }
        return outcome
    }

    /// Records the end of a successful sync.
    public func markSynced(at now: Instant) throws(ReplicaStoreError) {
        try write { tx in tx.setMetadata(Array(String(now.millisecondsSinceEpoch).utf8), forKey: Key.lastSync) }
        inner.withLock { $0.lastSync = now.millisecondsSinceEpoch }
    }

    // MARK: - Compaction

    /// Compacts now (snapshot of state and outbox, fresh log) unless writes are in flight.
    /// Returns whether it compacted.
    @discardableResult
    public func compact() throws(ReplicaStoreError) -> Bool {
        let compacted = try inner.withLock { inner throws(ReplicaStoreError) -> Bool in
            guard inner.writesInProgress == 0 else { return false }
            do {
                try store.compact { ReplicaRecord.snapshot(state: inner.state, outbox: inner.outbox) }
                inner.loggedChanges = 0
                inner.liveAtSnapshot = inner.state.liveCount
                if inner.compactPending {
                    try store.write { tx in tx.setMetadata(nil, forKey: Key.compactPending) }
                    inner.compactPending = false
                }
            } catch let error as StoreError {
                throw .store(error)
            } catch {
                throw .missing(path: path)
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

    func write(_ body: (inout Transaction) -> Void) throws(ReplicaStoreError) {
        do {
            try store.write { tx in body(&tx) }
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .missing(path: path)
        }
    }
}

extension ReplicaStore.Inner {
    mutating func reserveCounter() -> UInt64 {
        reservedCounter = max(state.nextCounter, reservedCounter + 1)
        return reservedCounter
    }

    mutating func load(metadata: [String: [UInt8]]) {
        func text(_ key: String) -> String? { metadata[key].map { String(decoding: $0, as: UTF8.self) } }
        cursor = text(ReplicaStore.Key.cursor)
        pushedThrough = text(ReplicaStore.Key.pushedThrough).flatMap { UInt64($0) } ?? 0
        lastSync = text(ReplicaStore.Key.lastSync).flatMap { Int64($0) }
        clockOffset = text(ReplicaStore.Key.clockOffset).flatMap { Int64($0) } ?? 0
        compactPending = metadata[ReplicaStore.Key.compactPending] != nil
        if let bytes = metadata[ReplicaStore.Key.rejected], let list = (try? JSON.parse(bytes))?.listValue {
            rejected = list.compactMap(RejectedChange.init(json:))
        }
    }

    /// Applies one log record to the in-memory state.
    mutating func replay(_ record: ReplicaRecord) {
        switch record {
        case .local(let changes):
            adopt(changes)
            loggedChanges += changes.count
        case .remote(let changes):
            state.apply(changes)
            loggedChanges += changes.count
        case .purge(let customer):
            state.purge(customer: customer)
        case .retract(let ids, let replacements):
            for entry in ids { state.retract(entry.id, customer: entry.customer) }
            adopt(replacements)
            loggedChanges += ids.count + replacements.count
        }
    }

    /// Whether at least a third of what the snapshot and log hold is superseded, erased or purged.
    var mostlyDead: Bool {
        let live = state.liveCount
        return (liveAtSnapshot + loggedChanges - live) * 2 >= live
    }

    /// Applies this device's own changes and queues them for the next push.
    private mutating func adopt(_ changes: [Change]) {
        guard !changes.isEmpty else { return }
        state.apply(changes)
        for change in changes where change.hlc > state.clock.last {
            state.clock.receive(change.hlc, wallMillis: change.hlc.wallMillis)
        }
        outbox.append(contentsOf: changes)
    }

    /// Drops from the outbox what is answered (counter at or below the pushed-through mark) or erased.
    mutating func trimOutbox() {
        let through = pushedThrough
        let state = self.state
        outbox.removeAll { $0.id.counter <= through || state.isErased($0.target.customer) }
    }

    /// The rejection list without the edits (which may hold personal data) for erased customers.
    static func stripping(_ customers: Set<String>, from list: [RejectedChange]) -> [RejectedChange] {
        list.map { entry in
            var entry = entry
            if customers.contains(entry.customer) { entry.change = nil }
            return entry
        }
    }
}
