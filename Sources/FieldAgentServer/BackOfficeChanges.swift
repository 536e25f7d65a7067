import FieldAgentCore

/// Builds changes under the `backoffice` replica against a snapshot of the merged state, without
/// applying them: storage applies them once they are durable.
struct BackOfficeChanges {
    private let state: ReplicaState
    private var clock: HybridLogicalClock
    private var counter: UInt64
    private let wallMillis: Int64
    private(set) var changes: [Change] = []

    init(state: ReplicaState, wallMillis: Int64) {
        self.state = state
        self.clock = state.clock
        self.counter = state.nextCounter
        self.wallMillis = wallMillis
    }

    private mutating func make(_ target: Target, _ op: Operation, _ value: Value, replaces: [ChangeID]) -> Change {
        let change = Change(
            id: ChangeID(replica: ServerState.backOfficeReplica, counter: counter),
            hlc: clock.now(wallMillis: wallMillis),
            agent: AdminService.backOfficeAgent, target: target, op: op, value: value, replaces: replaces)
        counter += 1
        changes.append(change)
        return change
    }

    /// Writes a field, superseding every value the state shows for it (like a device's `set`).
    mutating func set(_ target: Target, _ value: Value) {
        _ = make(target, .set, value, replaces: state.context(for: .set, target: target))
    }

    /// Adds a flag (add wins, so no causal context is needed).
    mutating func addFlag(customer: String, flag: String) {
        _ = make(Target(customer: customer, field: flag), .flag, .bool(true), replaces: [])
    }

    /// The tombstone that erases `customer`.
    mutating func erase(customer: String) -> Change {
        make(Target(customer: customer), .erase, .null, replaces: [])
    }
}
