import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore

extension ReplicaStore {
    /// The next changes to push: pending changes in counter order, at most `limit`, stopping
    /// before any change still being written (so the pushed-through mark never skips one).
    public func pushBatch(limit: Int = ProtocolLimits.maxChangesPerPush) -> [Change] {
        inner.withLock { inner in
            let ceiling = inner.inFlight.keys.filter { $0.replica == replicaID }.map(\.counter).min() ?? .max
            return Array(
                inner.outbox.filter { $0.id.counter < ceiling }.sorted { $0.id.counter < $1.id.counter }.prefix(limit))
        }
    }

    /// Records the server's answer to a push of `batch` (results in the same order, checked by the
    /// caller): answered changes stop being pending, refusals are kept with their reasons and taken
    /// back locally, and changes refused for `clock-skew` are re-stamped with the server's time under
    /// new ids and become pending. All of it commits in one transaction.
    ///
    /// `serverTime` and `now` (the device's time when the answer arrived) give the clock offset;
    /// `marks` (the answer's headers) the epoch, the acknowledged counter and the counter floor.
    public func recordPush(
        batch: [Change], results: [ChangeResult], serverTime: Int64, at now: Instant, marks: ServerMarks? = nil
    ) throws(ReplicaStoreError) -> PushOutcome {
        let measured = serverTime - now.millisecondsSinceEpoch
        let offset = abs(measured) >= ReplicaStore.offsetThresholdMillis ? measured : 0
        let plan = try commit(
            reserve: { inner in
                var plan = inner.planPush(
                    batch: batch, results: results, serverTime: serverTime, highWater: marks?.highWater)
                plan.marks = inner.marksUpdate(marks, acknowledged: plan.acknowledged)
                return plan
            },
            write: { plan, tx in
                if !plan.retractions.isEmpty {
                    tx.append(ReplicaRecord.retract(plan.retractions, replacements: plan.outcome.restamped).encoded())
                }
                plan.marks.write(into: &tx)
                tx.setMetadata(Array(String(plan.pushedThrough).utf8), forKey: Key.pushedThrough)
                tx.setMetadata(Array(String(offset).utf8), forKey: Key.clockOffset)
                if !plan.outcome.rejected.isEmpty {
                    tx.setMetadata(JSON.bytes(.list(plan.rejected.map(\.json))), forKey: Key.rejected)
                }
            },
            undo: { plan, inner in inner.unreserve(plan.outcome.restamped) },
            publish: { plan, inner in
                inner.replay(.retract(plan.retractions, replacements: plan.outcome.restamped))
                inner.release(plan.outcome.restamped)
                inner.pushedThrough = plan.pushedThrough
                inner.apply(plan.marks)
                inner.rejected = plan.rejected
                inner.clockOffset = offset
                inner.trimOutbox()
            })
        return plan.outcome
    }

    /// Applies one pulled page and saves `cursor` in the same transaction; purges the customers in
    /// `purge`; compacts at once when the page erased or purged a customer.
    ///
    /// With `more` set (another page follows), size-based compaction waits for the last page, so a
    /// long first sync writes one snapshot instead of one per doubling of the log.
    public func applyPage(
        changes: [Change], purge: [String], cursor: String, serverTime: Int64, at now: Instant, more: Bool = false,
        marks: ServerMarks? = nil
    ) throws(ReplicaStoreError) -> PageOutcome {
        var outcome = PageOutcome()
        let erasing = Set(changes.filter { $0.op == .erase }.map(\.target.customer))
        outcome.erased = erasing.sorted()
        outcome.purged = purge
        let needsCompaction = !erasing.isEmpty || !purge.isEmpty
        let measured = serverTime - now.millisecondsSinceEpoch
        let offset = abs(measured) >= ReplicaStore.offsetThresholdMillis ? measured : 0
        try commit(
            reserve: { inner -> ([RejectedChange], MarksUpdate) in
                let update = inner.marksUpdate(marks, acknowledged: nil)
                guard !erasing.isEmpty else { return (inner.rejected, update) }
                outcome.droppedPending = inner.outbox.filter { erasing.contains($0.target.customer) }.map {
                    RejectedChange(
                        id: $0.id, customer: $0.target.customer, reason: RejectionReason.customerErased,
                        detail: "the customer was erased; this change was not sent")
                }
                return (Inner.stripping(erasing, from: inner.rejected) + outcome.droppedPending, update)
            },
            write: { plan, tx in
                if !changes.isEmpty { tx.append(ReplicaRecord.remote(changes).encoded()) }
                for customer in purge { tx.append(ReplicaRecord.purge(customer: customer).encoded()) }
                tx.setMetadata(Array(cursor.utf8), forKey: Key.cursor)
                tx.setMetadata(Array(String(offset).utf8), forKey: Key.clockOffset)
                plan.1.write(into: &tx)
                if !erasing.isEmpty { tx.setMetadata(JSON.bytes(.list(plan.0.map(\.json))), forKey: Key.rejected) }
                if needsCompaction { tx.setMetadata([1], forKey: Key.compactPending) }
            },
            publish: { plan, inner in
                outcome.report = inner.state.apply(changes, wallMillis: now.millisecondsSinceEpoch + measured)
                inner.loggedChanges += changes.count
                for customer in purge { inner.state.purge(customer: customer) }
                inner.cursor = cursor
                inner.clockOffset = offset
                inner.apply(plan.1)
                inner.rejected = plan.0
                inner.trimOutbox()
                if needsCompaction { inner.compactPending = true }
            })
        if needsCompaction || !more { try compactIfNeeded() }
        return outcome
    }

    /// Records the end of a successful sync.
    /// A repair notice, if any, is cleared: the sync brought back what the server holds.
    public func markSynced(at now: Instant) throws(ReplicaStoreError) {
        try commit(
            reserve: { _ in now.millisecondsSinceEpoch },
            write: { millis, tx in
                tx.setMetadata(Array(String(millis).utf8), forKey: Key.lastSync)
                tx.setMetadata(nil, forKey: Key.repairNotice)
            },
            publish: { millis, inner in inner.lastSync = millis })
    }
}
