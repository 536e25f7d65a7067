extension ReplicaState {
    /// Rebuilds the records from a snapshot's live changes, or names why they are not a live set.
    ///
    /// Only what ``snapshot()`` writes is taken: customers with data in ascending order, each one's
    /// changes in ascending id order, then the erasures by customer. Every change has been seen, no
    /// live value dominates another of its register, no event id is created twice and no erased
    /// customer keeps data. Anything else (a damaged or forged file) would load as a state whose
    /// own snapshot differs, or differs from process to process with the hash seed.
    mutating func load(liveChanges changes: [Change]) -> String? {
        customers.reserveCapacity(changes.count / 8)
        var seenCheck = SeenCheck()
        var index = 0
        var previousCustomer: String?
        while index < changes.count, changes[index].op != .erase {
            let customer = changes[index].target.customer
            if let previous = previousCustomer, previous >= customer { return "customers out of order" }
            previousCustomer = customer
            var record = CustomerRecord()
            var previousID: ChangeID?
            while index < changes.count, changes[index].op != .erase, changes[index].target.customer == customer {
                let change = changes[index]
                if let previous = previousID, previous >= change.id { return "a customer's changes out of order" }
                previousID = change.id
                guard seenCheck.covers(change.id, in: seen) else { return "a live change that was never seen" }
                if let problem = ReplicaState.admit(change, into: &record) { return problem }
                index += 1
            }
            customers[customer] = record
        }
        var previousErased: String?
        while index < changes.count {
            let change = changes[index]
            let customer = change.target.customer
            guard change.op == .erase else { return "a change after the erasures" }
            if let previous = previousErased, previous >= customer { return "erasures out of order" }
            previousErased = customer
            guard customers[customer] == nil else { return "an erased customer keeps data" }
            guard seenCheck.covers(change.id, in: seen) else { return "a live change that was never seen" }
            erased[customer] = change
            index += 1
        }
        return nil
    }

    /// Adds one live change to its customer's record, or names why it cannot be live beside the others.
    private static func admit(_ change: Change, into record: inout CustomerRecord) -> String? {
        switch change.op {
        case .set, .flag:
            if change.op == .flag, change.value.boolValue == nil { return "a flag without a boolean value" }
            // `dominates` is a scan of a usually empty `replaces`, so it goes first.
            for other in record.cells where change.dominates(other) || other.dominates(change) {
                if other.addresses(change.op, change.target) { return "a live value dominates another" }
            }
            record.cells.append(change)
        case .create:
            let key = EventKey(entity: change.target.entity, id: change.target.id)
            guard record.events.updateValue(change, forKey: key) == nil else { return "an event created twice" }
        case .erase:
            return "an erasure among live data"
        }
        return nil
    }
}

/// Looks up seen sets for a run of change ids, reusing the last set while the replica repeats.
private struct SeenCheck {
    var replica: String?
    var set: SeenSet?

    mutating func covers(_ id: ChangeID, in seen: [String: SeenSet]) -> Bool {
        if replica != id.replica {
            replica = id.replica
            set = seen[id.replica]
        }
        return set?.contains(id.counter) ?? false
    }
}
