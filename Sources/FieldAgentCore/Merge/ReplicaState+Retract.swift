/// Local-edit support for a durable owner and a sync client: preparing a change without applying
/// it, taking back a local change the server refused, and forgetting a customer the device no
/// longer holds.
extension ReplicaState {
    /// The causal context a new write to the register `op` on `target` must carry: every live
    /// value and everything those values superseded. ``set(_:to:agent:wallMillis:)`` uses it; an
    /// owner that builds a change before applying it (to apply only after an fsync) uses it too.
    public func context(for op: Operation, target: Target) -> [ChangeID] {
        ReplicaState.context(of: customers[target.customer]?.entries(op, target) ?? [])
    }

    /// The live change with id `id`, if this replica holds one.
    public func liveChange(_ id: ChangeID, customer: String) -> Change? {
        guard let record = customers[customer] else { return nil }
        if let cell = record.cells.first(where: { $0.id == id }) { return cell }
        return record.events.values.first { $0.id == id }
    }

    /// Takes back a change of this replica that no other replica has accepted (the server refused
    /// it, e.g. for `clock-skew`): it stops being a value or an event here.
    ///
    /// The id stays seen, so the change can never come back. Values the change had superseded are
    /// not restored; a caller that re-records the edit should give it at least the original's
    /// `replaces`, so that it supersedes the same values everywhere else. Returns the removed change.
    @discardableResult
    public mutating func retract(_ id: ChangeID, customer: String) -> Change? {
        guard id.replica == replicaID, var record = customers[customer] else { return nil }
        var removed: Change?
        if let index = record.cells.firstIndex(where: { $0.id == id }) {
            removed = record.cells.remove(at: index)
        } else if let key = record.events.first(where: { $0.value.id == id })?.key {
            removed = record.events.removeValue(forKey: key)
        }
        customers[customer] = record.isEmpty ? nil : record
        return removed
    }

    /// Forgets everything about `customer` without a tombstone: the device is no longer assigned it.
    ///
    /// Unlike erasure nothing is dropped later: if the customer is assigned again, the server sends
    /// its state again under the same change ids, so those ids are marked unseen here. The highest
    /// counter of this replica stays seen, so ``nextCounter`` never goes back and an id is never
    /// reused. Returns the number of live changes removed.
    @discardableResult
    public mutating func purge(customer: String) -> Int {
        guard let record = customers.removeValue(forKey: customer) else { return 0 }
        let removed = record.allChanges()
        let ownTop = seen[replicaID]?.maximum ?? 0
        for change in removed where change.id.replica != replicaID || change.id.counter != ownTop {
            seen[change.id.replica]?.remove(change.id.counter)
        }
        return removed.count
    }
}

extension SeenSet {
    /// Marks `counter` unseen, moving the part of the contiguous prefix above it into the stragglers.
    mutating func remove(_ counter: UInt64) {
        if counter > contiguous {
            extra.remove(counter)
            return
        }
        if counter < contiguous { extra.formUnion((counter + 1)...contiguous) }
        contiguous = counter - 1
    }
}
