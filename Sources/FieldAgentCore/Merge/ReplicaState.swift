/// One replica's merged state: the CRDT at the heart of FieldAgent.
///
/// Apply changes in any order, any number of times; replicas that have applied the same set of
/// changes hold the same live changes and so the same ``digest()``. The state is a value: it never
/// touches disk or network, and the wall time it needs is passed in.
///
/// Semantics (SPEC.md → Merge semantics):
/// - scalar fields are multi-value registers: a write removes the values it names in `replaces`;
///   values that survive side by side are a ``Conflict``; ``Change/winsOver(_:)`` picks the one shown;
/// - flags are registers over booleans read add-wins;
/// - events are created once; if two creations share an id the one with the smaller change id is kept;
/// - an erasure purges everything about the customer and drops every change aimed at it, before or after.
public struct ReplicaState: Sendable {
    /// This replica's id; local changes are numbered under it.
    public let replicaID: String
    /// The clock that stamps local changes.
    public var clock: HybridLogicalClock

    var seen: [String: SeenSet] = [:]
    var customers: [String: CustomerRecord] = [:]
    var erased: [String: Change] = [:]
    /// Live changes by origin replica and counter; the source for deltas, snapshots and digests.
    var byOrigin: [String: [UInt64: Change]] = [:]

    public init(replicaID: String, clock: HybridLogicalClock = HybridLogicalClock()) {
        self.replicaID = replicaID
        self.clock = clock
    }

    /// A copy of this state that will number its own changes as `replicaID`: a new device starting from a known state.
    public func forked(as replicaID: String) -> ReplicaState {
        var copy = ReplicaState(replicaID: replicaID, clock: clock)
        copy.seen = seen
        copy.customers = customers
        copy.erased = erased
        copy.byOrigin = byOrigin
        return copy
    }

    // MARK: - Applying

    /// Applies one change, local or remote. Idempotent and order-independent.
    @discardableResult
    public mutating func apply(_ change: Change, wallMillis: Int64? = nil) -> ApplyReport {
        var report = ApplyReport()
        apply(change, wallMillis: wallMillis, into: &report)
        return report
    }

    /// Applies a batch of changes.
    @discardableResult
    public mutating func apply(_ changes: some Sequence<Change>, wallMillis: Int64? = nil) -> ApplyReport {
        var report = ApplyReport()
        for change in changes { apply(change, wallMillis: wallMillis, into: &report) }
        return report
    }

    /// Applies a delta from another replica and adopts its vector as seen.
    @discardableResult
    public mutating func apply(_ delta: Delta, wallMillis: Int64? = nil) -> ApplyReport {
        let report = apply(delta.changes, wallMillis: wallMillis)
        var sent: Set<ChangeID>?
        for (origin, top) in delta.vector.counters where top > delta.since[origin] {
            let floor = delta.since[origin]
            guard let entries = byOrigin[origin] else { continue }
            let dead = entries.keys.filter { $0 > floor && $0 <= top }
            if dead.isEmpty { continue }
            if sent == nil { sent = Set(delta.changes.map(\.id)) }
            for counter in dead where !sent!.contains(ChangeID(replica: origin, counter: counter)) {
                removeEverywhere(entries[counter]!)
            }
        }
        for (replica, counter) in delta.vector.counters { seen[replica, default: SeenSet()].raise(to: counter) }
        return report
    }

    /// Removes a live change from the record that holds it and from the live index.
    private mutating func removeEverywhere(_ change: Change) {
        let customer = change.target.customer
        removeLive(change.id)
        switch change.op {
        case .set:
            customers[customer]?.registers[RegisterKey(change.target)]?.removeAll { $0.id == change.id }
            if customers[customer]?.registers[RegisterKey(change.target)]?.isEmpty == true {
                customers[customer]?.registers[RegisterKey(change.target)] = nil
            }
        case .flag:
            customers[customer]?.flags[change.target.field]?.removeAll { $0.id == change.id }
            if customers[customer]?.flags[change.target.field]?.isEmpty == true {
                customers[customer]?.flags[change.target.field] = nil
            }
        case .create:
            let key = EventKey(entity: change.target.entity, id: change.target.id)
            if customers[customer]?.events[key]?.id == change.id { customers[customer]?.events[key] = nil }
        case .erase:
            if erased[customer]?.id == change.id { erased[customer] = nil }
        }
        if customers[customer]?.isEmpty == true { customers[customer] = nil }
    }

    mutating func apply(_ change: Change, wallMillis: Int64?, into report: inout ApplyReport) {
        guard seen[change.id.replica, default: SeenSet()].insert(change.id.counter) else {
            report.duplicates += 1
            return
        }
        if let wall = wallMillis, change.id.replica != replicaID,
            let skew = clock.receive(change.hlc, wallMillis: wall)
        {
            report.skews.append(skew)
        }
        let customer = change.target.customer
        if erased[customer] != nil, change.op != .erase {
            report.dropped.append(DroppedChange(id: change.id, customer: customer, reason: .customerErased))
            return
        }
        switch change.op {
        case .set:
            applyRegisterWrite(change, flag: false)
        case .flag:
            guard change.value.boolValue != nil else {
                report.dropped.append(DroppedChange(id: change.id, customer: customer, reason: .malformed))
                return
            }
            applyRegisterWrite(change, flag: true)
        case .create:
            applyCreate(change)
        case .erase:
            applyErase(change)
        }
        report.applied += 1
    }

    private mutating func applyRegisterWrite(_ change: Change, flag: Bool) {
        let customer = change.target.customer
        var record = customers.removeValue(forKey: customer) ?? CustomerRecord()
        defer { customers[customer] = record }
        if flag {
            update(&record.flags[change.target.field, default: []], with: change)
        } else {
            update(&record.registers[RegisterKey(change.target), default: []], with: change)
        }
    }

    /// Removes the entries `change` dominates, then adds it unless a live entry dominates it.
    private mutating func update(_ entries: inout [Change], with change: Change) {
        if !change.replaces.isEmpty {
            entries.removeAll { entry in
                guard change.dominates(entry) else { return false }
                removeLive(entry.id)
                return true
            }
        }
        if entries.contains(where: { $0.dominates(change) }) { return }
        entries.append(change)
        addLive(change)
    }

    /// The causal context a new write to `entries` must carry: every live value and all it dominated.
    static func context(of entries: [Change]) -> [ChangeID] {
        if entries.count == 1, entries[0].replaces.isEmpty { return [entries[0].id] }
        var top: [String: UInt64] = [:]
        for entry in entries {
            top[entry.id.replica] = max(top[entry.id.replica] ?? 0, entry.id.counter)
            for r in entry.replaces { top[r.replica] = max(top[r.replica] ?? 0, r.counter) }
        }
        return top.keys.sorted().map { ChangeID(replica: $0, counter: top[$0]!) }
    }

    private mutating func applyCreate(_ change: Change) {
        let key = EventKey(entity: change.target.entity, id: change.target.id)
        let customer = change.target.customer
        var record = customers.removeValue(forKey: customer) ?? CustomerRecord()
        defer { customers[customer] = record }
        if let existing = record.events[key] {
            guard change.id < existing.id else { return }
            removeLive(existing.id)
        }
        record.events[key] = change
        addLive(change)
    }

    private mutating func applyErase(_ change: Change) {
        let customer = change.target.customer
        if let existing = erased[customer] {
            // Keep one tombstone deterministically: the smallest change id.
            guard change.id < existing.id else { return }
            removeLive(existing.id)
        }
        erased[customer] = change
        addLive(change)
        if let record = customers.removeValue(forKey: customer) {
            for live in record.allChanges() { removeLive(live.id) }
        }
    }

    private mutating func addLive(_ change: Change) {
        byOrigin[change.id.replica, default: [:]][change.id.counter] = change
    }

    private mutating func removeLive(_ id: ChangeID) {
        byOrigin[id.replica]?[id.counter] = nil
    }

    /// Whether the change `id` has been applied (or is covered by an adopted vector).
    public func hasSeen(_ id: ChangeID) -> Bool { seen[id.replica]?.contains(id.counter) ?? false }

    // MARK: - Local edits

    /// Writes `value` to a field, replacing every value currently there (so it also resolves a conflict).
    public mutating func set(_ target: Target, to value: Value, agent: String, wallMillis: Int64) -> Change {
        let current = ReplicaState.context(of: customers[target.customer]?.registers[RegisterKey(target)] ?? [])
        return commitLocal(target: target, op: .set, value: value, agent: agent, replaces: current, wallMillis: wallMillis)
    }

    /// Adds or removes a flag. A removal names only the adds it saw, so a concurrent add survives.
    public mutating func setFlag(
        customer: String, flag: String, present: Bool, agent: String, wallMillis: Int64
    ) -> Change {
        let current = ReplicaState.context(of: customers[customer]?.flags[flag] ?? [])
        return commitLocal(
            target: Target(customer: customer, field: flag), op: .flag, value: .bool(present), agent: agent,
            replaces: current, wallMillis: wallMillis)
    }

    /// Creates an event (contact, promise, note) with the given body.
    public mutating func create(
        _ entity: EntityKind, id: String, customer: String, body: Value, agent: String, wallMillis: Int64
    ) -> Change {
        commitLocal(
            target: Target(customer: customer, entity: entity, id: id), op: .create, value: body, agent: agent,
            replaces: [], wallMillis: wallMillis)
    }

    /// Erases a customer everywhere this change reaches.
    public mutating func erase(customer: String, agent: String, wallMillis: Int64) -> Change {
        commitLocal(
            target: Target(customer: customer), op: .erase, value: .null, agent: agent, replaces: [],
            wallMillis: wallMillis)
    }

    /// The counter the next local change will get.
    public var nextCounter: UInt64 { (seen[replicaID]?.maximum ?? 0) + 1 }

    private mutating func commitLocal(
        target: Target, op: Operation, value: Value, agent: String, replaces: [ChangeID], wallMillis: Int64
    ) -> Change {
        let change = Change(
            id: ChangeID(replica: replicaID, counter: nextCounter), hlc: clock.now(wallMillis: wallMillis),
            agent: agent, target: target, op: op, value: value, replaces: replaces)
        apply(change)
        return change
    }

    // MARK: - Reading

    /// Ids of customers with any live data, sorted.
    public var customerIDs: [String] { customers.keys.sorted() }

    /// Ids of erased customers, sorted.
    public var erasedCustomerIDs: [String] { erased.keys.sorted() }

    /// Whether `customer` has been erased.
    public func isErased(_ customer: String) -> Bool { erased[customer] != nil }

    /// The value shown for a field: the winner among its live values.
    public func value(_ target: Target) -> Value? {
        winner(of: customers[target.customer]?.registers[RegisterKey(target)] ?? [])?.value
    }

    /// All live values of a field, winner first.
    public func values(_ target: Target) -> [Change] {
        (customers[target.customer]?.registers[RegisterKey(target)] ?? []).sorted { $0.winsOver($1) }
    }

    /// The fields set on an entity, with their shown values.
    public func fields(customer: String, entity: EntityKind = .customer, id: String? = nil) -> [String: Value] {
        let id = id ?? customer
        var out: [String: Value] = [:]
        for (key, entries) in customers[customer]?.registers ?? [:] where key.entity == entity && key.id == id {
            if let w = winner(of: entries) { out[key.field] = w.value }
        }
        return out
    }

    /// Flags present on a customer (add-wins).
    public func flags(customer: String) -> Set<String> {
        var out = Set<String>()
        for (flag, entries) in customers[customer]?.flags ?? [:] where entries.contains(where: { $0.value == .bool(true) })
        {
            out.insert(flag)
        }
        return out
    }

    /// The customer's events of one kind, in id order.
    public func events(customer: String, entity: EntityKind) -> [Change] {
        (customers[customer]?.events.values.filter { $0.target.entity == entity } ?? []).sorted {
            $0.target.id < $1.target.id
        }
    }

    /// Every unresolved conflict, ordered by customer and field.
    public func conflicts() -> [Conflict] {
        var out: [Conflict] = []
        for customer in customers.keys.sorted() {
            for (key, entries) in customers[customer]!.registers where entries.count > 1 {
                out.append(
                    Conflict(
                        customer: customer, entity: key.entity, id: key.id, field: key.field,
                        values: entries.sorted { $0.winsOver($1) }))
            }
        }
        return out.sorted { ($0.customer, $0.entity, $0.id, $0.field) < ($1.customer, $1.entity, $1.id, $1.field) }
    }

    private func winner(of entries: [Change]) -> Change? {
        entries.count <= 1 ? entries.first : entries.max { $1.winsOver($0) }
    }

    // MARK: - Replication

    /// The contiguous part of what this replica has seen.
    public var versionVector: VersionVector {
        VersionVector(seen.mapValues(\.contiguous))
    }

    /// The live changes a replica at `vector` lacks, ordered by origin and counter, with this replica's vector.
    public func changes(since vector: VersionVector) -> Delta {
        var out: [Change] = []
        for origin in byOrigin.keys.sorted() {
            let floor = vector[origin]
            let entries = byOrigin[origin]!
            guard let top = seen[origin]?.maximum, top > floor else { continue }
            var picked: [Change] = []
            for (counter, change) in entries where counter > floor { picked.append(change) }
            picked.sort { $0.id.counter < $1.id.counter }
            out.append(contentsOf: picked)
        }
        return Delta(changes: out, vector: versionVector, since: vector)
    }

    /// Every live change, ordered by id: the state in a form that can be stored or sent.
    public func liveChanges() -> [Change] {
        var out: [Change] = []
        out.reserveCapacity(liveCount)
        for origin in byOrigin.keys.sorted() {
            let entries = byOrigin[origin]!
            for counter in entries.keys.sorted() { out.append(entries[counter]!) }
        }
        return out
    }

    /// The number of live changes.
    public var liveCount: Int { byOrigin.values.reduce(0) { $0 + $1.count } }
}
