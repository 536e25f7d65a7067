import FieldAgentCore
import FieldAgentStore

/// Assignments and the agent's page: answered from the agent's customers, never the company log.
extension FileServerStorage {
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

    /// One step of a page, in log order.
    private enum Step {
        /// A change record.
        case record(customer: String, address: UInt64)
        /// An assignment: the customer's records stored before it.
        case whole(customer: String, addresses: [UInt64])
        /// An unassignment.
        case purge(customer: String)
    }

    /// The page of the log after `cursor` that `agent` may see, built from the agent's customers:
    /// - a change is included when its customer is assigned to the agent now;
    /// - an assignment in force after the cursor includes the customer's records stored before it;
    /// - an unassignment after the cursor drops what the page collected for that customer and lists
    ///   it in `purge`.
    /// The cost is the agent's customers and their new records, never the rest of the company.
    public func page(for agent: String, after cursor: UInt64, limit: Int) throws(ServerStorageError) -> StoredPage {
        // The sequence first: every index entry at or below it is published already.
        let answer = state.withLock { current -> (UInt64, [(String, UInt64)], [ServerState.Unassignment])? in
            let last = current.nextSequence - 1
            // Nothing of the agent's after the cursor: the common pull answers without its customers.
            guard current.agentLatest[agent] ?? 0 > cursor else { return nil }
            let held = (current.customersOfAgent[agent] ?? []).map {
                ($0, current.assignedSince[ServerState.pairKey($0, agent)] ?? 0)
            }
            let purges = (current.unassignments[agent] ?? []).filter { $0.sequence > cursor && $0.sequence <= last }
            return (last, held, purges)
        }
        guard let (last, held, purges) = answer else {
            return StoredPage(changes: [], purge: [], cursor: lastSequence, more: false, recordsRead: 0)
        }
        var steps: [(sequence: UInt64, step: Step)] = purges.map { ($0.sequence, .purge(customer: $0.customer)) }
        index.read { current in
            for (customer, since) in held {
                guard let entries = current.customers[customer] else { continue }
                var next = entries.firstIndex(after: cursor)
                if since > cursor {
                    let before = entries.firstIndex(after: since)
                    steps.append((since, .whole(customer: customer, addresses: Array(entries.addresses[..<before]))))
                    next = before
                }
                while next < entries.sequences.count, entries.sequences[next] <= last {
                    steps.append(
                        (entries.sequences[next], .record(customer: customer, address: entries.addresses[next])))
                    next += 1
                }
            }
        }
        steps.sort { $0.sequence < $1.sequence }
        var chosen: [(customer: String, address: UInt64)] = []
        var purge: [String] = []
        var position = last
        var more = false
        for (sequence, step) in steps {
            if chosen.count >= limit {
                more = true
                break
            }
            switch step {
            case .record(let customer, let address): chosen.append((customer, address))
            case .whole(let customer, let addresses): chosen += addresses.map { (customer, $0) }
            case .purge(let customer):
                chosen.removeAll { $0.customer == customer }
                if !purge.contains(customer) { purge.append(customer) }
            }
            position = sequence
        }
        if !more { position = last }
        let changes = try read(chosen.map(\.address))
        return StoredPage(changes: changes, purge: purge, cursor: position, more: more, recordsRead: chosen.count)
    }

    /// The changes at `addresses`, in that order; holes (erased since the index was read) left out.
    private func read(_ addresses: [UInt64]) throws(ServerStorageError) -> [Change] {
        let payloads = try readPayloads(addresses)
        var changes: [Change] = []
        changes.reserveCapacity(payloads.count)
        for payload in payloads {
            if let change = try decode(payload).change { changes.append(change) }
        }
        return changes
    }
}
