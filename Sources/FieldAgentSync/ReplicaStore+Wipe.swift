import FieldAgentCore
import FieldAgentStore

extension ReplicaStore {
    /// Deletes every customer's data at once, as a revoked device told to wipe must: the merged
    /// state, the pending changes, the rejected list (with the edits it keeps) and the cursor, in one
    /// durable transaction that also marks the store wiped; then compacts, so no snapshot or log
    /// file keeps their bytes. Returns the number of pending changes lost (never synced).
    ///
    /// A crash before the compaction leaves the compaction pending; opening the store finishes it.
    /// Wiping a wiped store loses nothing more and returns its first count.
    @discardableResult
    public func wipe() throws(ReplicaStoreError) -> Int {
        if let lost = wipedLoss { return lost }
        let plan = try commit(
            reserve: { inner -> (customers: [String], lost: Int, through: UInt64) in
                (inner.state.customerIDs, inner.outbox.count, inner.firstFreeCounter - 1)
            },
            write: { plan, tx in
                for customer in plan.customers { tx.append(ReplicaRecord.purge(customer: customer).encoded()) }
                tx.setMetadata(nil, forKey: Key.cursor)
                tx.setMetadata(nil, forKey: Key.rejected)
                tx.setMetadata(Array(String(plan.through).utf8), forKey: Key.pushedThrough)
                tx.setMetadata(Array(String(plan.lost).utf8), forKey: Key.wiped)
                tx.setMetadata([1], forKey: Key.compactPending)
            },
            publish: { plan, inner in
                for customer in plan.customers { inner.state.purge(customer: customer) }
                inner.outbox.removeAll()
                inner.superseded.removeAll()
                inner.rejected = []
                inner.cursor = nil
                inner.pushedThrough = plan.through
                inner.compactPending = true
            })
        try compact()
        return plan.lost
    }

    /// After ``wipe()``: the number of pending changes the wipe deleted; nil when the store was never wiped.
    public var wipedLoss: Int? {
        metadata(Key.wiped).flatMap { Int(String(decoding: $0, as: UTF8.self)) }
    }

    /// Whether the store was wiped and the server has not yet acknowledged the wipe report.
    public var wipeReportPending: Bool { wipedLoss != nil && metadata(Key.wipeReported) == nil }

    /// Records durably that the server acknowledged the wipe report.
    public func markWipeReported() throws(ReplicaStoreError) {
        try setMetadata([Key.wipeReported: [1]])
    }
}
