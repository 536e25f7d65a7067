import FieldAgentCore
import FieldAgentStore
import Foundation
import Synchronization

/// ``ServerStorage`` on a ``Store`` in one directory: the log is the store's records, compaction
/// writes the server state as the store's snapshot.
///
/// ``init()`` makes the same storage without files, for tests and for a server embedded in a
/// process: the same rules, nothing durable.
///
/// Writes are serialised by one writer lock and published to the in-memory state only after the
/// store acknowledged them (after `fdatasync`), so a pull never returns an entry a crash could take back
/// and sequence numbers are never reused. Readers take only the state lock.
///
/// `@unchecked Sendable`: `store` is itself thread-safe, every mutable member is behind `state`
/// (a `Mutex`) or `writer` (an `NSLock`) and only touched while holding it.
public final class FileServerStorage: ServerStorage, @unchecked Sendable {
    /// The store directory.
    public let path: String
    /// Nil when the storage lives in memory only.
    private let store: Store?
    let state: Mutex<ServerState>
    private let writer = NSLock()
    private var isClosed = false
    /// Erasures whose purge an earlier process did not finish; this open finished them.
    public private(set) var finishedErasures = 0
    /// What opening found and repaired in the store (nil in memory).
    public let recovery: RecoveryReport?
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

    static let epochKey = "server.epoch"
    static let previousEpochKey = "server.epoch.previous"

    /// Storage in memory only: every write is "durable" at once and is lost with the process.
    public init() {
        path = ":memory:"
        store = nil
        state = Mutex(ServerState())
        recovery = nil
        epochAtOpen = nil
        previousEpochAtOpen = nil
        currentEpoch = Mutex(Hex.random(byteCount: 16))
    }

    /// Opens (or creates) the storage in `path`. Throws ``ServerStorageError/store(_:)`` with
    /// `StoreError.inUse` when another process (a running server) holds it.
    public init(path: String, options: StoreOptions = StoreOptions()) throws(ServerStorageError) {
        self.path = path
        let store: Store
        do {
            store = try Store.open(at: path, options: options)
        } catch {
            throw .store(error)
        }
        do {
            let contents = try store.readContents()
            var loaded = ServerState()
            if let snapshot = contents.snapshot { loaded = try ServerState(snapshot: snapshot) }
            for record in contents.records { try loaded.apply(record: record) }
            self.store = store
            self.state = Mutex(loaded)
            self.recovery = store.recoveryReport
            let metadata = store.metadata
            let stored = metadata[FileServerStorage.epochKey].map { String(decoding: $0, as: UTF8.self) }
            self.epochAtOpen = stored
            self.previousEpochAtOpen = metadata[FileServerStorage.previousEpochKey].map {
                String(decoding: $0, as: UTF8.self)
            }
            self.currentEpoch = Mutex(stored ?? "")
            if let torn = store.recoveryReport.tornTail {
                // The cut bytes may have held acknowledged entries: devices must re-send what is missing.
                epochStartReason = "opening cut \(torn.discardedBytes) bytes from \(torn.file)"
            } else if stored == nil {
                epochStartReason = store.recoveryReport.created ? "new store" : "the store had no epoch yet"
            }
            if let reason = epochStartReason { _ = try startNewEpoch(reason: reason) }
            if !loaded.unpurgedErasures.isEmpty {
                // Finish an erasure interrupted before its purge, before anything is served.
                try compactNow()
                finishedErasures = loaded.unpurgedErasures.count
            }
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

    /// Runs `body` as the only writer; `body` writes to the store, then publishes to memory.
    func asWriter<R>(_ body: () throws(ServerStorageError) -> R) throws(ServerStorageError) -> R {
        writer.lock()
        defer { writer.unlock() }
        guard !isClosed else { throw .closed }
        let result = try body()
        compactIfNeeded()
        return result
    }

    func write(_ records: [[UInt8]]) throws(ServerStorageError) {
        guard let store else { return }
        do {
            try store.write { tx in for record in records { tx.append(record) } }
        } catch {
            throw .store(error)
        }
    }

    private func compactIfNeeded() {
        let unpurged = state.withLock { !$0.unpurgedErasures.isEmpty }
        guard store?.needsCompaction == true || unpurged else { return }
        // A failed compaction leaves the previous generation in place; the next write tries again.
        try? compactNow()
    }

    private func compactNow() throws(ServerStorageError) {
        guard let store else {
            state.withLock { $0.prune() }
            return
        }
        do {
            try store.compact {
                state.withLock { current in
                    current.prune()
                    current.unpurgedErasures = []
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

    // MARK: - Assignments

    public func assignedAgents(of customer: String) -> Set<String> {
        state.withLock { $0.assignments[customer] ?? [] }
    }

    public func assignmentSequence(customer: String, agent: String) -> UInt64? {
        state.withLock { $0.assignedSince[ServerState.pairKey(customer, agent)] }
    }

    public func setAssignments(_ changes: [AssignmentChange]) throws(ServerStorageError) -> Int {
        try asWriter { () throws(ServerStorageError) -> Int in
            var records: [[UInt8]] = []
            var events: [(AssignmentChange, UInt64)] = []
            state.withLock { current in
                var assignments = current.assignments
                var sequence = current.nextSequence
                for change in changes
                where assignments[change.customer, default: []].contains(change.agent) != change.assigned {
                    if change.assigned {
                        assignments[change.customer, default: []].insert(change.agent)
                    } else {
                        assignments[change.customer]?.remove(change.agent)
                    }
                    records.append(
                        ServerState.assignmentRecord(
                            customer: change.customer, agent: change.agent, assigned: change.assigned,
                            sequence: sequence))
                    events.append((change, sequence))
                    sequence += 1
                }
            }
            guard !records.isEmpty else { return 0 }
            try write(records)
            state.withLock { current in
                for (change, sequence) in events {
                    current.applyAssignment(
                        customer: change.customer, agent: change.agent, assigned: change.assigned, sequence: sequence)
                }
            }
            return events.count
        }
    }

    // MARK: - Changes

    public func status(of change: Change) -> StoredChangeStatus {
        state.withLock { $0.status(of: change) }
    }

    public func append(_ changes: [Change]) throws(ServerStorageError) -> [AppendOutcome] {
        try asWriter { () throws(ServerStorageError) -> [AppendOutcome] in
            var outcomes: [AppendOutcome] = []
            var accepted: [Change] = []
            var batch = Set<ChangeID>()
            // The agent of each replica's first change accepted in this batch.
            var batchOwners: [String: String] = [:]
            let first = state.withLock { current -> UInt64 in
                for change in changes {
                    if batch.contains(change.id) {
                        let earlier = accepted.first { $0.id == change.id }
                        outcomes.append(earlier == change ? .duplicate : .idReused)
                        continue
                    }
                    let replica = change.id.replica
                    if let owner = current.devices[replica]?.agent ?? current.replicaAgents[replica]
                        ?? batchOwners[replica],
                        owner != change.agent
                    {
                        outcomes.append(.wrongReplica)
                        continue
                    }
                    switch current.status(of: change) {
                    case .same: outcomes.append(.duplicate)
                    case .different: outcomes.append(.idReused)
                    case .erased: outcomes.append(.customerErased)
                    case .unknown:
                        if current.replica.isErased(change.target.customer) {
                            outcomes.append(.customerErased)
                        } else {
                            outcomes.append(.accepted(sequence: current.nextSequence + UInt64(accepted.count)))
                            accepted.append(change)
                            batch.insert(change.id)
                            if batchOwners[change.id.replica] == nil { batchOwners[change.id.replica] = change.agent }
                        }
                    }
                }
                return current.nextSequence
            }
            guard !accepted.isEmpty else { return outcomes }
            try write([ServerState.changesRecord(firstSequence: first, accepted)])
            state.withLock { current in
                for (offset, change) in accepted.enumerated() {
                    current.applyChange(change, sequence: first + UInt64(offset))
                }
            }
            return outcomes
        }
    }

    public func erase(customer: String, with tombstone: Change) throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in
            let first = state.withLock { $0.nextSequence }
            try write([ServerState.changesRecord(firstSequence: first, [tombstone])])
            state.withLock { current in
                current.applyChange(tombstone, sequence: first)
                current.forget(customer: customer)
                current.unpurgedErasures.insert(customer)
            }
            // The old log and snapshot still hold the customer's data: replace them now.
            try compactNow()
        }
    }

    // MARK: - Reading

    public func entries(after cursor: UInt64, limit: Int) -> [LogEntry] {
        state.withLock { current in
            let start = current.firstIndex(after: cursor)
            let end = min(current.entries.count, start + max(0, limit))
            return Array(current.entries[start..<end])
        }
    }

    public func changes(of customer: String) -> [(sequence: UInt64, change: Change)] {
        state.withLock { current in
            (current.changesByCustomer[customer] ?? []).compactMap { entry in
                if case .change(let change) = entry.kind { return (entry.sequence, change) }
                return nil
            }
        }
    }

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

    public func highWater(of replica: String) -> UInt64 { state.withLock { $0.replica.highestCounter(of: replica) } }

    public func storedWrite(_ id: ChangeID) -> StoredWrite? { state.withLock { $0.fingerprints[id]?.write } }

    public func replicaAgent(_ replica: String) -> String? { state.withLock { $0.replicaAgents[replica] } }

    public func currentState() -> ReplicaState { state.withLock { $0.replica } }

    public func purgeErasedData() throws(ServerStorageError) { try compact() }

    /// Compacts now: the store then holds one snapshot of the current state and an empty log.
    public func compact() throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in try compactNow() }
    }

    /// The store's files and sizes, e.g. for tests and operators.
    public var statistics: StoreStatistics {
        store?.statistics ?? StoreStatistics(transactions: 0, commits: 0, fsyncs: 0, compactions: 0)
    }

    public func close() {
        writer.lock()
        defer { writer.unlock() }
        guard !isClosed else { return }
        isClosed = true
        store?.close()
    }

    deinit { close() }
}
