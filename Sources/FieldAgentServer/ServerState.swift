import FieldAgentCore

/// The server's control state (agents, devices, tokens, assignments, replica owners), rebuilt from
/// the control store's snapshot plus log records: a pure value.
///
/// ``FileServerStorage`` keeps one behind a lock and publishes to it only after a write is durable,
/// so nothing a pull returns can be lost by a crash. Changes live in the change segments; the
/// change members below (``replica``, ``entries`` with changes, ``fingerprints``) are filled only
/// when a store written by an earlier version is read, until its changes move to the segments.
struct ServerState: Sendable {
    /// The replica id under which the back office (import, assignment, erasure) makes changes.
    static let backOfficeReplica = "backoffice"

    var replica = ReplicaState(replicaID: ServerState.backOfficeReplica)
    var nextSequence: UInt64 = 1
    /// The log, in sequence order.
    var entries: [LogEntry] = []
    /// Sequence number of every change still in ``entries``.
    var sequences: [ChangeID: UInt64] = [:]
    /// A content fingerprint of every stored change, with its customer (for duplicate detection).
    var fingerprints: [ChangeID: Fingerprint] = [:]
    /// The change entries of each customer, in sequence order (superseded ones until the next prune).
    var changesByCustomer: [String: [LogEntry]] = [:]
    private(set) var agents: [String: AgentRecord] = [:]
    var assignments: [String: Set<String>] = [:]
    /// The agent each replica id belongs to: the agent of the first change stored under it. A
    /// replica id is one device's, so no other agent may write under it.
    var replicaAgents: [String: String] = [:]
    /// Registered devices by replica id (protocol.md → Devices).
    private(set) var devices: [String: DeviceRecord] = [:]
    /// Agent names and device replica ids by token hash, so a request is authenticated by one lookup.
    private(set) var tokenOwners: [[UInt8]: TokenOwner] = [:]
    /// Customers whose tombstone was read from the log, not a snapshot: their data may still be
    /// in the store's files until the next compaction (an erasure interrupted before its purge).
    var unpurgedErasures: Set<String> = []
    /// The sequence of the assignment event in force for each assigned `customer`\0`agent` pair.
    var assignedSince: [String: UInt64] = [:]
    /// Each agent's customers now: the reverse of ``assignments``.
    private(set) var customersOfAgent: [String: Set<String>] = [:]
    /// Each agent's unassignments still in the log, in sequence order: a pull after one purges.
    private(set) var unassignments: [String: [Unassignment]] = [:]

    /// The sequence of the latest record or assignment event each agent's pull would see: a pull
    /// after it has nothing to read. Derived, never stored.
    var agentLatest: [String: UInt64] = [:]

    /// An unassignment event.
    struct Unassignment: Sendable, Hashable {
        var sequence: UInt64
        var customer: String
    }

    /// Whose token a hash is.
    enum TokenOwner: Hashable, Sendable {
        case agent(String)
        case device(String)
    }

    /// Adds or replaces an agent's record, keeping the token index.
    mutating func put(_ agent: AgentRecord) {
        if let old = agents.updateValue(agent, forKey: agent.name), old.tokenHash != agent.tokenHash {
            tokenOwners[old.tokenHash] = nil
        }
        tokenOwners[agent.tokenHash] = .agent(agent.name)
    }

    /// Adds or replaces a device's record, keeping the token index.
    mutating func put(_ device: DeviceRecord) {
        if let old = devices.updateValue(device, forKey: device.replica), old.tokenHash != device.tokenHash {
            tokenOwners[old.tokenHash] = nil
        }
        tokenOwners[device.tokenHash] = .device(device.replica)
    }

    /// Updates a device's record in place (last sight, refusal count), not its token.
    mutating func updateDevice(_ replica: String, _ update: (inout DeviceRecord) -> Void) {
        guard var device = devices[replica] else { return }
        update(&device)
        devices[replica] = device
    }

    static func pairKey(_ customer: String, _ agent: String) -> String { customer + "\u{0}" + agent }

    struct Fingerprint: Sendable, Hashable {
        var write: StoredWrite
        var value: UInt64
    }

    static func fingerprint(_ change: Change) -> UInt64 {
        let digest = SHA256.hash(ChangeCodec.encode([change]))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    func status(of change: Change) -> StoredChangeStatus {
        guard replica.hasSeen(change.id) else { return .unknown }
        guard let stored = fingerprints[change.id] else { return .erased }
        return stored.value == ServerState.fingerprint(change) ? .same : .different
    }

    // MARK: - Applying log records

    /// Adds an accepted change under `sequence`.
    mutating func applyChange(_ change: Change, sequence: UInt64) {
        replica.apply(change)
        let entry = LogEntry(sequence: sequence, kind: .change(change))
        entries.append(entry)
        changesByCustomer[change.target.customer, default: []].append(entry)
        sequences[change.id] = sequence
        if replicaAgents[change.id.replica] == nil { replicaAgents[change.id.replica] = change.agent }
        fingerprints[change.id] = Fingerprint(write: StoredWrite(of: change), value: ServerState.fingerprint(change))
        nextSequence = max(nextSequence, sequence + 1)
        if change.id.replica == ServerState.backOfficeReplica {
            var clock = replica.clock
            _ = clock.receive(change.hlc, wallMillis: change.hlc.wallMillis)
            replica.clock = clock
        }
    }

    /// Notes a record stored under `sequence` for `customer` in the latest event of its agents.
    mutating func noteRecord(customer: String, sequence: UInt64) {
        for agent in assignments[customer] ?? [] { agentLatest[agent] = max(agentLatest[agent] ?? 0, sequence) }
    }

    /// Recomputes ``agentLatest`` from the assignments in force, the unassignments kept and
    /// `latest`, the sequence of each customer's latest record.
    mutating func rebuildAgentLatest(_ latest: (String) -> UInt64) {
        agentLatest = [:]
        for (agent, customers) in customersOfAgent {
            var highest = unassignments[agent]?.last?.sequence ?? 0
            for customer in customers {
                highest = max(highest, latest(customer), assignedSince[ServerState.pairKey(customer, agent)] ?? 0)
            }
            agentLatest[agent] = highest
        }
        for (agent, events) in unassignments where agentLatest[agent] == nil {
            agentLatest[agent] = events.last?.sequence ?? 0
        }
    }

    mutating func applyAssignment(customer: String, agent: String, assigned: Bool, sequence: UInt64) {
        if assigned {
            assignments[customer, default: []].insert(agent)
            customersOfAgent[agent, default: []].insert(customer)
            assignedSince[ServerState.pairKey(customer, agent)] = sequence
        } else {
            assignedSince[ServerState.pairKey(customer, agent)] = nil
            assignments[customer]?.remove(agent)
            if assignments[customer]?.isEmpty == true { assignments[customer] = nil }
            customersOfAgent[agent]?.remove(customer)
            unassignments[agent, default: []].append(Unassignment(sequence: sequence, customer: customer))
        }
        agentLatest[agent] = max(agentLatest[agent] ?? 0, sequence)
        let kind: LogEntry.Kind =
            assigned ? .assigned(customer: customer, agent: agent) : .unassigned(customer: customer, agent: agent)
        entries.append(LogEntry(sequence: sequence, kind: kind))
        nextSequence = max(nextSequence, sequence + 1)
    }

    /// Removes every entry and fingerprint about `customer` except its tombstone and assignment events.
    mutating func forget(customer: String) {
        entries.removeAll { entry in
            guard case .change(let change) = entry.kind, change.target.customer == customer else { return false }
            if change.op == .erase, replica.isErased(customer) { return false }
            sequences[change.id] = nil
            return true
        }
        fingerprints = fingerprints.filter { $0.value.write.customer != customer }
        changesByCustomer[customer] = changesByCustomer[customer]?.filter { entry in
            if case .change(let change) = entry.kind { return change.op == .erase }
            return false
        }
    }

    /// Rebuilds the indexes derived from ``entries`` and ``assignments``.
    mutating func reindex() {
        changesByCustomer = [:]
        assignedSince = [:]
        unassignments = [:]
        customersOfAgent = [:]
        for (customer, agents) in assignments {
            for agent in agents { customersOfAgent[agent, default: []].insert(customer) }
        }
        for entry in entries {
            switch entry.kind {
            case .change(let change):
                changesByCustomer[change.target.customer, default: []].append(entry)
            case .assigned(let customer, let agent):
                agentLatest[agent] = max(agentLatest[agent] ?? 0, entry.sequence)
                if assignments[customer]?.contains(agent) == true {
                    assignedSince[ServerState.pairKey(customer, agent)] = entry.sequence
                }
            case .unassigned(let customer, let agent):
                agentLatest[agent] = max(agentLatest[agent] ?? 0, entry.sequence)
                unassignments[agent, default: []].append(Unassignment(sequence: entry.sequence, customer: customer))
            }
        }
    }

    /// Removes the changes read from a store written by an earlier version, for the change
    /// segments: every stored change in sequence order, then the ids of changes whose content is
    /// gone (superseded before the snapshot), so their counters stay seen.
    mutating func takeLegacyChanges() -> LegacyChanges {
        var taken = LegacyChanges()
        for entry in entries {
            if case .change(let change) = entry.kind { taken.changes.append((entry.sequence, change)) }
        }
        let held = Set(taken.changes.map(\.change.id))
        var seenOnly = Set(fingerprints.keys).subtracting(held)
        for (replicaID, counter) in replica.versionVector.counters {
            let highest = ChangeID(replica: replicaID, counter: counter)
            if !held.contains(highest) { seenOnly.insert(highest) }
        }
        taken.seenOnly = seenOnly.sorted()
        guard !taken.isEmpty else { return taken }
        entries.removeAll { if case .change = $0.kind { true } else { false } }
        replica = ReplicaState(replicaID: ServerState.backOfficeReplica)
        fingerprints = [:]
        sequences = [:]
        changesByCustomer = [:]
        return taken
    }

    /// Drops superseded changes and older assignment events for the same pair: what a snapshot keeps.
    mutating func prune() {
        let live = Set(replica.liveChanges().map(\.id))
        var latestAssignment: [String: UInt64] = [:]
        for entry in entries {
            switch entry.kind {
            case .assigned(let customer, let agent), .unassigned(let customer, let agent):
                latestAssignment[customer + "\u{0}" + agent] = entry.sequence
            case .change: break
            }
        }
        entries.removeAll { entry in
            switch entry.kind {
            case .change(let change):
                if live.contains(change.id) { return false }
                sequences[change.id] = nil
                return true
            case .assigned(let customer, let agent), .unassigned(let customer, let agent):
                return latestAssignment[customer + "\u{0}" + agent] != entry.sequence
            }
        }
        reindex()
    }

    /// Index of the first entry with a sequence number above `cursor`.
    func firstIndex(after cursor: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].sequence <= cursor { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
