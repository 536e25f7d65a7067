import FieldAgentCore
import FieldAgentStore
import FieldAgentSystem
import Foundation
import Synchronization

/// ``ServerStorage`` in one directory: changes in a ``SegmentLog`` (`segments/`), read on demand
/// through an in-memory ``ChangeIndex``; agents, devices and assignments in a ``Store`` whose
/// snapshot holds them.
///
/// ``init()`` makes the same storage without files, for tests and for a server embedded in a
/// process: the same rules, nothing durable.
///
/// Writes are serialised by one writer lock and published to memory only after they are durable
/// (after `fdatasync`), so a pull never returns an entry a crash could take back and sequence
/// numbers are never reused. Appends that queue for the lock while another holds it are stored
/// together by the next holder, with one `fdatasync` (group commit). Reading takes two short locks, never for longer than an index lookup:
/// - `state` (a `Mutex`): agents, devices, tokens and assignments, touched by every request;
/// - `index` (a ``ReadWriteLock``): the change index. Pulls read it on both cores at once; only a
///   write that just became durable takes it exclusively, to publish.
/// Records are read from the segments outside both locks. A write publishes the index before it
/// raises the sequence in `state`, so a reader that sees a sequence finds its index entries.
///
/// `@unchecked Sendable`: `store` and `segments` are thread-safe, every mutable member is behind
/// `state`, `index` or `writer`, and only touched while holding it.
public final class FileServerStorage: ServerStorage, @unchecked Sendable {
    /// The store directory.
    public let path: String
    /// Nil when the storage lives in memory only.
    let store: Store?
    let segments: SegmentLog
    let state: Mutex<ServerState>
    let index: ReadWriteLock<ChangeIndex>
    private let readCount = Atomic<Int>(0)
    /// Appends waiting for the writer lock; the next holder stores them all (group commit).
    let pendingAppends = Mutex<[PendingAppend]>([])
    /// How many groups of appends were stored (each with one write); changed under `writer`.
    public internal(set) var appendGroups = 0
    /// Recently merged customers: pushes to a customer merge only what arrived since.
    let mergedStates = MergedStateCache(capacity: 200_000)
    private let writer = NSLock()
    private var isClosed = false
    /// Erasures whose purge an earlier process did not finish; this open finished them.
    public internal(set) var finishedErasures = 0
    /// Change records moved out of a store written by an earlier version, at this open.
    public internal(set) var migratedChanges = 0
    /// What opening found and repaired in the store (nil in memory).
    public let recovery: RecoveryReport?
    /// What opening found in the change segments (nil in memory).
    public let segmentScan: SegmentScan?
    /// Why this open started a new epoch, if it did: a new store, or a repair that may have lost
    /// entries. Set only while opening.
    public private(set) var epochStartReason: String?
    /// The epoch the store held when this open found it, before any new epoch the open started;
    /// nil for a new store (or one written before stores had epochs).
    public let epochAtOpen: String?
    /// The epoch before ``epochAtOpen``, when the store recorded it: a data directory whose
    /// marker names it saw this history before its last new epoch.
    public let previousEpochAtOpen: String?
    private let currentEpoch: Mutex<String>

    /// How many records this storage has read from its segments since it opened: the measure of
    /// work the complexity tests and metrics count.
    public var recordsRead: Int { readCount.load(ordering: .relaxed) }

    func countReads(_ count: Int) { readCount.add(count, ordering: .relaxed) }

    static let epochKey = "server.epoch"
    static let previousEpochKey = "server.epoch.previous"
    static let segmentsDirectory = "segments"

    /// Storage in memory only: every write is "durable" at once and is lost with the process.
    public init() {
        path = ":memory:"
        store = nil
        segments = SegmentLog()
        state = Mutex(ServerState())
        index = ReadWriteLock(ChangeIndex())
        recovery = nil
        segmentScan = nil
        epochAtOpen = nil
        previousEpochAtOpen = nil
        currentEpoch = Mutex(Hex.random(byteCount: 16))
    }

    /// Opens (or creates) the storage in `path`. Throws ``ServerStorageError/store(_:)`` with
    /// `StoreError.inUse` when another process (a running server) holds it.
    public init(path: String, options: StoreOptions = StoreOptions(), segmentSize: Int = 16 << 20)
        throws(ServerStorageError)
    {
        self.path = path
        let store: Store
        do {
            store = try Store.open(at: path, options: options)
        } catch {
            throw .store(error)
        }
        do {
            let contents = try store.readContents()
            var control = ServerState()
            if let snapshot = contents.snapshot { control = try ServerState(snapshot: snapshot) }
            for record in contents.records { try control.apply(record: record) }
            let legacy = control.takeLegacyChanges()
            if !legacy.isEmpty { try SegmentLog.destroy(directory: path + "/" + Self.segmentsDirectory) }
            var loaded = ChangeIndex()
            let (segments, scan) = try SegmentLog.open(
                directory: path + "/" + Self.segmentsDirectory, targetSize: segmentSize
            ) { address, payload in
                do throws(DecodeError) {
                    loaded.add(try ChangeRecord.header(payload), at: address)
                    return nil
                } catch {
                    return error.description
                }
            }
            control.nextSequence = max(control.nextSequence, loaded.lastSequence + 1)
            control.rebuildAgentLatest { loaded.customers[$0]?.latest ?? 0 }
            self.store = store
            self.segments = segments
            self.segmentScan = scan
            self.state = Mutex(control)
            self.index = ReadWriteLock(loaded)
            self.recovery = store.recoveryReport
            let metadata = store.metadata
            let stored = metadata[FileServerStorage.epochKey].map { String(decoding: $0, as: UTF8.self) }
            self.epochAtOpen = stored
            self.previousEpochAtOpen = metadata[FileServerStorage.previousEpochKey].map {
                String(decoding: $0, as: UTF8.self)
            }
            self.currentEpoch = Mutex(stored ?? "")
            if let torn = store.recoveryReport.tornTail ?? scan.tornTail {
                // The cut bytes may have held acknowledged entries: devices must re-send what is missing.
                epochStartReason = "opening cut \(torn.discardedBytes) bytes from \(torn.file)"
            } else if stored == nil {
                epochStartReason = store.recoveryReport.created ? "new store" : "the store had no epoch yet"
            }
            if let reason = epochStartReason { _ = try startNewEpoch(reason: reason) }
            if !legacy.isEmpty { try migrate(legacy) }
            // Finish erasures interrupted before their purge, before anything is served.
            finishedErasures = try purgeUnpurged()
        } catch let error as StoreError {
            store.close()
            throw .store(error)
        } catch let error as ServerStorageError {
            store.close()
            throw error
        } catch let error as DecodeError {
            store.close()
            throw .corrupt(path: path, reason: error.description)
        } catch {
            store.close()
            throw .corrupt(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` as the only writer; `body` writes durably, then publishes to memory.
    func asWriter<R>(_ body: () throws(ServerStorageError) -> R) throws(ServerStorageError) -> R {
        writer.lock()
        defer { writer.unlock() }
        guard !isClosed else { throw .closed }
        let result = try body()
        if store?.needsCompaction == true {
            // A failed compaction leaves the previous generation in place; the next write tries again.
            try? compactControl()
        }
        return result
    }

    /// Writes control records (agents, devices, assignments, replica owners) durably.
    func write(_ records: [[UInt8]]) throws(ServerStorageError) {
        guard let store else { return }
        do {
            try store.write { tx in for record in records { tx.append(record) } }
        } catch {
            throw .store(error)
        }
    }

    /// Replaces the control store's log by one snapshot of the control state.
    func compactControl() throws(ServerStorageError) {
        guard let store else {
            state.withLock { $0.prune() }
            return
        }
        do {
            try store.compact {
                state.withLock { current in
                    current.prune()
                    return current.snapshot()
                }
            }
        } catch {
            throw .store(error)
        }
    }

    // MARK: - Agents

    public func agents() -> [AgentRecord] {
        state.withLock { $0.agents.values.sorted { $0.name < $1.name } }
    }

    public func saveAgent(_ agent: AgentRecord) throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in
            try write([ServerState.agentRecord(agent)])
            state.withLock { $0.put(agent) }
        }
    }

    // MARK: - Epochs

    public var lastSequence: UInt64 { state.withLock { $0.nextSequence - 1 } }

    public var epoch: String { currentEpoch.withLock { $0 } }

    public func startNewEpoch(reason: String) throws(ServerStorageError) -> String {
        let epoch = Hex.random(byteCount: 16)
        let previous = currentEpoch.withLock { $0 }
        if let store {
            do {
                try store.write { tx in
                    tx.setMetadata(Array(epoch.utf8), forKey: FileServerStorage.epochKey)
                    if !previous.isEmpty {
                        tx.setMetadata(Array(previous.utf8), forKey: FileServerStorage.previousEpochKey)
                    }
                }
            } catch {
                throw .store(error)
            }
        }
        currentEpoch.withLock { $0 = epoch }
        return epoch
    }

    /// Compacts the control store now: one snapshot of agents, devices and assignments.
    public func compact() throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in try compactControl() }
    }

    /// The control store's files and sizes, e.g. for tests and operators.
    public var statistics: StoreStatistics {
        store?.statistics ?? StoreStatistics(transactions: 0, commits: 0, fsyncs: 0, compactions: 0)
    }

    public func close() {
        writer.lock()
        defer { writer.unlock() }
        guard !isClosed else { return }
        isClosed = true
        segments.close()
        store?.close()
    }

    deinit { close() }
}
