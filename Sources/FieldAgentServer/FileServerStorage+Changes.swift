import FieldAgentCore
import FieldAgentStore

/// Storing changes: duplicates, ownership, appends to the segments, erasure.
extension FileServerStorage {
    public func status(of change: Change) -> StoredChangeStatus {
        let customer = change.target.customer
        let (seen, erased) = index.read { ($0.hasSeen(change.id), $0.customers[customer]?.erasedAt != nil) }
        guard seen else { return .unknown }
        if let stored = try? storedChange(change.id, customer: customer) {
            return stored == change ? .same : .different
        }
        return erased ? .erased : .different
    }

    public func storedChange(_ id: ChangeID, customer: String) throws(ServerStorageError) -> Change? {
        let addresses = index.read { $0.hasSeen(id) ? $0.addresses(of: ChangeIndex.key(id), customer: customer) : [] }
        for payload in try readPayloads(addresses) {
            if let change = try decode(payload).change, change.id == id { return change }
        }
        return nil
    }

    func decode(_ payload: [UInt8]) throws(ServerStorageError) -> (sequence: UInt64, change: Change?) {
        do {
            return try ChangeRecord.decode(payload)
        } catch {
            throw .corrupt(path: path, reason: "a change record: \(error.description)")
        }
    }

    /// The stored changes behind `entries` with their raw addresses, in sequence order; holes left out.
    func records(_ entries: ChangeIndex.Customer) throws(ServerStorageError) -> [StoredRecord] {
        let payloads = try readPayloads(entries.addresses)
        var result: [StoredRecord] = []
        result.reserveCapacity(payloads.count)
        for (address, payload) in zip(entries.addresses, payloads) {
            let record = try decode(payload)
            if let change = record.change {
                result.append(StoredRecord(sequence: record.sequence, change: change, address: address))
            }
        }
        return result
    }

    /// A change read back with its sequence and raw address.
    struct StoredRecord {
        var sequence: UInt64
        var change: Change
        var address: UInt64
    }

    /// The payloads at `addresses` (raw ``SegmentAddress`` values), in order.
    func readPayloads(_ addresses: [UInt64]) throws(ServerStorageError) -> [[UInt8]] {
        countReads(addresses.count)
        do {
            return try segments.read(addresses.map(SegmentAddress.init(rawValue:)))
        } catch {
            if case .closed = error { throw .closed }
            throw .store(error)
        }
    }

    public func changes(of customer: String) throws(ServerStorageError) -> [(sequence: UInt64, change: Change)] {
        guard let entries = index.read({ $0.customers[customer] }) else { return [] }
        let stored = try records(entries)
        if let erasedAt = entries.erasedAt {
            // An erasure whose purge is still running: only the tombstone is the customer's now.
            return stored.filter { $0.sequence == erasedAt }.map { ($0.sequence, $0.change) }
        }
        // Merging finds what later writes superseded; the index stops sending those, so a customer
        // costs its live records (and what arrived since), not its whole history.
        var merged = ReplicaState(replicaID: ServerState.backOfficeReplica)
        _ = merged.apply(stored.map(\.change))
        let live = Set(merged.liveChanges().map(\.id))
        let superseded = Set(stored.filter { !live.contains($0.change.id) }.map(\.address))
        if !superseded.isEmpty { index.write { $0.supersede(superseded, of: customer) } }
        return stored.filter { live.contains($0.change.id) }.map { ($0.sequence, $0.change) }
    }

    public func customerState(_ customer: String) throws(ServerStorageError) -> ReplicaState {
        guard let entries = index.read({ $0.customers[customer] }) else {
            return ReplicaState(replicaID: ServerState.backOfficeReplica)
        }
        var state: ReplicaState
        var mergedThrough: UInt64
        if entries.erasedAt != nil {
            mergedStates.forget(customer)
            state = ReplicaState(replicaID: ServerState.backOfficeReplica)
            _ = state.apply(try changes(of: customer).map(\.change))
            return state
        } else if let held = mergedStates.entry(customer) {
            (state, mergedThrough) = (held.state, held.mergedThrough)
            guard mergedThrough < entries.latest else { return state }
            // Only what arrived since: superseded records among them are dominated by what
            // superseded them, so leaving them out merges to the same state.
            let newer = entries.firstIndex(after: mergedThrough)
            var since = entries
            since.addresses = Array(entries.addresses[newer...])
            _ = state.apply(try records(since).map(\.change))
        } else {
            state = ReplicaState(replicaID: ServerState.backOfficeReplica)
            _ = state.apply(try changes(of: customer).map(\.change))
        }
        mergedThrough = entries.latest
        mergedStates.keep(state, customer: customer, mergedThrough: mergedThrough)
        return state
    }

    /// Stores `changes` with group commit: the caller that gets the writer lock stores every
    /// append waiting for it, with one write of their records and one `fdatasync`, and hands each
    /// waiting caller its outcomes. Outcomes are those of storing the appends one after another in
    /// queue order; a failed write fails every append of its group, and none of them is stored.
    public func append(_ changes: [Change]) throws(ServerStorageError) -> [AppendOutcome] {
        let mine = PendingAppend(changes)
        pendingAppends.withLock { $0.append(mine) }
        return try asWriter { () throws(ServerStorageError) -> [AppendOutcome] in
            if let result = mine.result { return try result.get() }
            let group = pendingAppends.withLock { queue in
                defer { queue = [] }
                return queue
            }
            appendGroups += 1
            do throws(ServerStorageError) {
                let outcomes = try appendGroup(group.map(\.changes))
                for (pending, result) in zip(group, outcomes) { pending.result = .success(result) }
            } catch {
                for pending in group { pending.result = .failure(error) }
            }
            return try mine.result!.get()
        }
    }

    /// The outcomes of storing `requests` one after another, written at once. Writer only.
    private func appendGroup(_ requests: [[Change]]) throws(ServerStorageError) -> [[AppendOutcome]] {
        var outcomes: [[AppendOutcome]] = []
        var accepted: [Change] = []
        var batch: [ChangeID: Change] = [:]
        let replicas = Set(requests.flatMap { $0.map(\.id.replica) })
        var (owners, firstSeen) = state.withLock { current in
            (
                Dictionary(
                    uniqueKeysWithValues: replicas.map { ($0, current.devices[$0]?.agent ?? current.replicaAgents[$0]) }
                ),
                replicas.filter { current.replicaAgents[$0] == nil }
            )
        }
        var newOwners: [String: String] = [:]
        let first = state.withLock { $0.nextSequence }
        for changes in requests {
            var results: [AppendOutcome] = []
            for change in changes {
                if let earlier = batch[change.id] {
                    results.append(earlier == change ? .duplicate : .idReused)
                    continue
                }
                let replica = change.id.replica
                if let owner = owners[replica] ?? nil, owner != change.agent {
                    results.append(.wrongReplica)
                    continue
                }
                switch status(of: change) {
                case .same: results.append(.duplicate)
                case .different: results.append(.idReused)
                case .erased: results.append(.customerErased)
                case .unknown:
                    if index.read({ $0.customers[change.target.customer]?.erasedAt != nil }) {
                        results.append(.customerErased)
                        continue
                    }
                    results.append(.accepted(sequence: first + UInt64(accepted.count)))
                    accepted.append(change)
                    batch[change.id] = change
                    if owners[replica] ?? nil == nil { owners[replica] = change.agent }
                    if firstSeen.remove(replica) != nil { newOwners[replica] = change.agent }
                }
            }
            outcomes.append(results)
        }
        guard !accepted.isEmpty else { return outcomes }
        // The owner of a replica seen for the first time is kept in the control store first, so
        // erasing the change later cannot free the replica id for another agent.
        if !newOwners.isEmpty {
            try write(newOwners.sorted { $0.key < $1.key }.map { ServerState.replicaOwnerRecord($0.key, $0.value) })
            state.withLock { current in
                for (replica, agent) in newOwners where current.replicaAgents[replica] == nil {
                    current.replicaAgents[replica] = agent
                }
            }
        }
        try store(accepted, from: first)
        return outcomes
    }

    /// Appends `changes` under consecutive sequences from `first`, then publishes them. Writer only.
    func store(_ changes: [Change], from first: UInt64) throws(ServerStorageError) {
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(changes.count)
        for (offset, change) in changes.enumerated() {
            payloads.append(ChangeRecord.encode(change, sequence: first + UInt64(offset)))
        }
        let addresses: [SegmentAddress]
        do {
            addresses = try segments.append(payloads)
        } catch {
            throw .store(error)
        }
        index.write { current in
            for (offset, change) in changes.enumerated() {
                current.add(ChangeRecord.Header(change, sequence: first + UInt64(offset)), at: addresses[offset])
            }
        }
        state.withLock { current in
            for (offset, change) in changes.enumerated() {
                current.noteRecord(customer: change.target.customer, sequence: first + UInt64(offset))
            }
            current.nextSequence = max(current.nextSequence, first + UInt64(changes.count))
        }
    }

    public func erase(customer: String, with tombstone: Change) throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in
            mergedStates.forget(customer)
            try store([tombstone], from: state.withLock { $0.nextSequence })
            // The segments still hold the customer's records: replace them with holes now.
            try purge(customer)
        }
    }

    public func purgeErasedData() throws(ServerStorageError) {
        try asWriter { () throws(ServerStorageError) in
            _ = try purgeUnpurged()
            try compactControl()
        }
    }

    /// Purges every erased customer whose records the segments still hold; returns how many.
    func purgeUnpurged() throws(ServerStorageError) -> Int {
        let unpurged = index.read { $0.unpurged }
        for customer in unpurged.sorted() { try purge(customer) }
        return unpurged.count
    }

    /// Replaces every record of erased `customer` but its tombstone by a hole of the same size,
    /// rewriting only the segments that hold them. Writer only.
    func purge(_ customer: String) throws(ServerStorageError) {
        guard let entries = index.read({ $0.customers[customer] }), let erasedAt = entries.erasedAt else { return }
        var holes: [UInt32: [(SegmentAddress, [UInt8])]] = [:]
        do {
            let tombstone = entries.sequences.firstIndex(of: erasedAt).map { entries.addresses[$0] }
            for raw in entries.addresses + entries.supersededAddresses where raw != tombstone {
                let address = SegmentAddress(rawValue: raw)
                countReads(1)
                let header = try segments.read(address).withUnsafeBytes { try ChangeRecord.header($0) }
                let hole = ChangeRecord.hole(
                    sequence: header.sequence, id: header.id, length: address.length - SegmentLog.frameHeaderSize)
                holes[address.segment, default: []].append((address, hole))
            }
            for segment in holes.keys.sorted() { try segments.rewrite(segment: segment, replacing: holes[segment]!) }
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .corrupt(path: path, reason: "a change record: \(error)")
        }
        index.write { $0.purged(customer) }
    }

    /// Whether a change with this id was ever stored (erased or not): for tests and tools.
    public func hasStored(_ id: ChangeID) -> Bool { index.read { $0.hasSeen(id) } }

    public func highWater(of replica: String) -> UInt64 { index.read { $0.highWater(of: replica) } }

    public func replicaAgent(_ replica: String) -> String? { state.withLock { $0.replicaAgents[replica] } }

    public var backOfficeClock: HybridLogicalClock { index.read { $0.backOfficeClock } }

    public func customerIDs() -> [String] {
        index.read { current in current.customers.compactMap { $0.value.erasedAt == nil ? $0.key : nil } }.sorted()
    }

    public func erasedCustomerIDs() -> [String] {
        index.read { current in current.customers.compactMap { $0.value.erasedAt == nil ? nil : $0.key } }.sorted()
    }

    /// Every stored change in sequence order, holes left out: for tests and small tools.
    public func loggedChanges() throws(ServerStorageError) -> [Change] {
        let all = index.read { Array($0.customers.values) }
        var changes: [StoredRecord] = []
        for entries in all { changes += try records(entries) }
        return changes.sorted { $0.sequence < $1.sequence }.map(\.change)
    }
}

extension ChangeRecord.Header {
    /// The header of `change` stored under `sequence`.
    init(_ change: Change, sequence: UInt64) {
        self.init(
            sequence: sequence, id: change.id, customer: change.target.customer, agent: change.agent,
            erases: change.op == .erase, hlc: change.hlc)
    }
}
