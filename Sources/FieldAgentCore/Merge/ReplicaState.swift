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

    /// Applies a delta from another replica: its changes, then a join with what the sender has seen.
    ///
    /// A value held here that the sender has seen after `delta.since` but did not send is dead at
    /// the sender (superseded or erased there), so it is removed here too.
    @discardableResult
    public mutating func apply(_ delta: Delta, wallMillis: Int64? = nil) -> ApplyReport {
        var windows: [String: ClosedRange<UInt64>] = [:]
        for (origin, top) in delta.vector.counters {
            let floor = delta.since[origin]
            // Only origins from which we hold something the sender may have killed.
            if top > floor, let mine = seen[origin], mine.maximum > floor { windows[origin] = (floor + 1)...top }
        }
        let report = apply(delta.changes, wallMillis: wallMillis)
        if !windows.isEmpty {
            let sent = Set(delta.changes.map(\.id))
            func dead(_ c: Change) -> Bool {
                guard let window = windows[c.id.replica], window.contains(c.id.counter) else { return false }
                return !sent.contains(c.id)
            }
            // Collect first, then mutate: only records holding a dead value are rewritten.
            let affected = customers.compactMap { key, record in
                record.cells.contains(where: dead) || record.events.values.contains(where: dead) ? key : nil
            }
            for key in affected {
                customers[key]!.cells.removeAll(where: dead)
                customers[key]!.events = customers[key]!.events.filter { !dead($0.value) }
                if customers[key]!.isEmpty { customers[key] = nil }
            }
            erased = erased.filter { !dead($0.value) }
        }
        for (replica, counter) in delta.vector.counters { seen[replica, default: SeenSet()].raise(to: counter) }
        return report
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
        if !erased.isEmpty, erased[customer] != nil, change.op != .erase {
            report.dropped.append(DroppedChange(id: change.id, customer: customer, reason: .customerErased))
            return
        }
        switch change.op {
        case .set:
            applyRegisterWrite(change)
        case .flag:
            guard change.value.boolValue != nil else {
                report.dropped.append(DroppedChange(id: change.id, customer: customer, reason: .malformed))
                return
            }
            applyRegisterWrite(change)
        case .create:
            applyCreate(change)
        case .erase:
            applyErase(change)
        }
        report.applied += 1
    }

    /// Removes the values `change` dominates, then adds it unless a live value dominates it.
    private mutating func applyRegisterWrite(_ change: Change) {
        ReplicaState.write(change, into: &customers[change.target.customer, default: CustomerRecord()].cells)
    }

    private static func write(_ change: Change, into cells: inout [Change]) {
        var index = 0
        var dominated = false
        while index < cells.count {
            if cells[index].addresses(change.op, change.target) {
                if change.dominates(cells[index]) {
                    cells.swapAt(index, cells.count - 1)
                    cells.removeLast()
                    continue
                }
                if cells[index].dominates(change) { dominated = true }
            }
            index += 1
        }
        if !dominated { cells.append(change) }
    }

    /// The causal context a new write to a register must carry: every live value and all it dominated,
    /// joined with `base` (another context for the same register).
    public static func context(of entries: [Change], including base: [ChangeID] = []) -> [ChangeID] {
        if base.isEmpty, entries.count == 1, entries[0].replaces.isEmpty { return [entries[0].id] }
        var top: [String: UInt64] = [:]
        for id in base { top[id.replica] = max(top[id.replica] ?? 0, id.counter) }
        for entry in entries {
            top[entry.id.replica] = max(top[entry.id.replica] ?? 0, entry.id.counter)
            for r in entry.replaces { top[r.replica] = max(top[r.replica] ?? 0, r.counter) }
        }
        return top.keys.sorted().map { ChangeID(replica: $0, counter: top[$0]!) }
    }

    private mutating func applyCreate(_ change: Change) {
        let key = EventKey(entity: change.target.entity, id: change.target.id)
        ReplicaState.create(
            change, key: key, into: &customers[change.target.customer, default: CustomerRecord()].events)
    }

    private static func create(_ change: Change, key: EventKey, into events: inout [EventKey: Change]) {
        if let existing = events[key], existing.id < change.id { return }
        events[key] = change
    }

    private mutating func applyErase(_ change: Change) {
        let customer = change.target.customer
        // Keep one tombstone deterministically: the smallest change id.
        if let existing = erased[customer], existing.id < change.id { return }
        erased[customer] = change
        customers[customer] = nil
    }

    /// Whether the change `id` has been applied (or is covered by an adopted vector).
    public func hasSeen(_ id: ChangeID) -> Bool { seen[id.replica]?.contains(id.counter) ?? false }

    /// The highest counter seen from `replica` (0 for none): no change of it at or below may be new.
    public func highestCounter(of replica: String) -> UInt64 { seen[replica]?.maximum ?? 0 }

    /// Forgets having seen the changes of `replica` that are not held live here, so that they apply
    /// when they arrive again. A device that lost its own history (restored from a backup) or
    /// renumbered its changes has seen counters under which the server holds other changes.
    public mutating func forgetUnheldChanges(of replica: String) {
        var set = SeenSet()
        for record in customers.values {
            for change in record.cells where change.id.replica == replica { _ = set.insert(change.id.counter) }
            for change in record.events.values where change.id.replica == replica { _ = set.insert(change.id.counter) }
        }
        for change in erased.values where change.id.replica == replica { _ = set.insert(change.id.counter) }
        seen[replica] = set
    }

    /// The counter the next local change will get.
    public var nextCounter: UInt64 { (seen[replicaID]?.maximum ?? 0) + 1 }

    // MARK: - Reading

    /// Ids of customers with any live data, sorted.
    public var customerIDs: [String] { customers.keys.sorted() }

    /// Whether `customer` has any live data here (cheaper than searching ``customerIDs``).
    public func holdsCustomer(_ customer: String) -> Bool { customers[customer] != nil }

    /// Ids of erased customers, sorted.
    public var erasedCustomerIDs: [String] { erased.keys.sorted() }

    /// Whether `customer` has been erased.
    public func isErased(_ customer: String) -> Bool { erased[customer] != nil }

    /// The value shown for a field: the winner among its live values.
    public func value(_ target: Target) -> Value? {
        winner(of: customers[target.customer]?.entries(.set, target) ?? [])?.value
    }

    /// All live values of a field, winner first.
    public func values(_ target: Target) -> [Change] {
        (customers[target.customer]?.entries(.set, target) ?? []).sorted { $0.winsOver($1) }
    }

    /// The fields set on an entity, with their shown values.
    public func fields(customer: String, entity: EntityKind = .customer, id: String? = nil) -> [String: Value] {
        let id = id ?? customer
        var out: [String: Value] = [:]
        var best: [String: Change] = [:]
        for cell in customers[customer]?.cells ?? []
        where cell.op == .set && cell.target.entity == entity && cell.target.id == id {
            if let current = best[cell.target.field], current.winsOver(cell) { continue }
            best[cell.target.field] = cell
        }
        for (field, change) in best { out[field] = change.value }
        return out
    }

    /// Flags present on a customer (add-wins: any surviving `true`).
    public func flags(customer: String) -> Set<String> {
        var out = Set<String>()
        for cell in customers[customer]?.cells ?? [] where cell.op == .flag && cell.value == .bool(true) {
            out.insert(cell.target.field)
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
        for (customer, record) in customers {
            var groups: [Target: [Change]] = [:]
            for cell in record.cells where cell.op == .set { groups[cell.target, default: []].append(cell) }
            for (target, entries) in groups where entries.count > 1 {
                out.append(
                    Conflict(
                        customer: customer, entity: target.entity, id: target.id, field: target.field,
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
        // Usually only a few origins have anything new; a short list compares faster than hashing.
        var floors: [(origin: String, floor: UInt64)] = []
        for (origin, set) in seen where set.maximum > vector[origin] { floors.append((origin, vector[origin])) }
        var out: [Change] = []
        if !floors.isEmpty {
            @inline(__always) func wanted(_ c: Change) -> Bool {
                let id = c.id
                for entry in floors where entry.origin == id.replica { return id.counter > entry.floor }
                return false
            }
            for record in customers.values {
                for cell in record.cells where wanted(cell) { out.append(cell) }
                for event in record.events.values where wanted(event) { out.append(event) }
            }
            for tombstone in erased.values where wanted(tombstone) { out.append(tombstone) }
            out.sort { $0.id < $1.id }
        }
        return Delta(changes: out, vector: versionVector, since: vector)
    }

    /// Every live change in canonical order (by customer, then change id): the state as storable data.
    public func liveChanges() -> [Change] {
        var out: [Change] = []
        out.reserveCapacity(customers.count * 16 + erased.count)
        for customer in customers.keys.sorted() {
            let start = out.count
            out.append(contentsOf: customers[customer]!.cells)
            out.append(contentsOf: customers[customer]!.events.values)
            out[start...].sort { $0.id < $1.id }
        }
        for customer in erased.keys.sorted() { out.append(erased[customer]!) }
        return out
    }

    /// The number of live changes.
    public var liveCount: Int { customers.values.reduce(erased.count) { $0 + $1.cells.count + $1.events.count } }
}
