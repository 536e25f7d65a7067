import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore

extension ReplicaStore {
    /// What this device tells the server about the history it has seen (request headers).
    public var deviceMarks: DeviceMarks {
        inner.withLock { inner in
            DeviceMarks(
                epoch: inner.epoch, replica: replicaID, acknowledged: inner.epoch == nil ? nil : inner.acknowledged)
        }
    }

    /// The highest counter of this replica in the local state: below the server's high-water mark,
    /// this device has lost changes of its own (restored from a backup, or its log was cut).
    public var ownHighestCounter: UInt64 { inner.withLock { $0.state.highestCounter(of: replicaID) } }

    /// What a repair of this device's store cut away (file and bytes), until the next successful
    /// sync brings back what the server holds; nil when nothing was repaired.
    public var repairNotice: String? { metadata(Key.repairNotice).map { String(decoding: $0, as: UTF8.self) } }

    /// How far the server's clock is ahead of this device's (negative: behind), as measured at the
    /// last sync; 0 below a minute (noise). New changes and event times are stamped with it added.
    public var clockOffsetMillis: Int64 { inner.withLock { $0.clockOffset } }

    /// The server epoch this device's cursor belongs to; nil before the first answer.
    public var epoch: String? { inner.withLock { $0.epoch } }

    /// Recovers from a server rewind (protocol.md → Epochs and recovery), durably: takes the
    /// server's epoch, forgets the cursor (the next pull starts from the beginning), never numbers
    /// a change at or below the server's high-water mark again, and queues every change of its
    /// own the server lacks (live here, numbered above the mark) for the next push. Returns how
    /// many were queued.
    ///
    /// The queue is saved by a compaction right after; should the device crash before it, the
    /// next open queues them again.
    @discardableResult
    public func recover(from marks: ServerMarks) throws(ReplicaStoreError) -> Int {
        let highWater = marks.highWater ?? 0
        let queued = try commit(
            reserve: { inner -> (changes: [Change], pushedThrough: UInt64) in
                (inner.unsentOwnChanges(above: highWater), min(inner.pushedThrough, highWater))
            },
            write: { plan, tx in
                tx.setMetadata(Array(String(plan.pushedThrough).utf8), forKey: Key.pushedThrough)
                tx.setMetadata(Array(marks.epoch.utf8), forKey: Key.epoch)
                tx.setMetadata(nil, forKey: Key.cursor)
                tx.setMetadata(Array(String(highWater).utf8), forKey: Key.acknowledged)
                tx.setMetadata(Array(String(highWater).utf8), forKey: Key.resendAbove)
            },
            publish: { plan, inner in
                inner.epoch = marks.epoch
                inner.cursor = nil
                inner.acknowledged = highWater
                inner.counterFloor = max(inner.counterFloor, highWater)
                inner.resendAbove = highWater
                inner.requeue(plan.changes, above: highWater)
            })
        // The outbox now holds changes no log record since the snapshot lists: save it in a snapshot.
        if try !compact() { inner.withLock { $0.compactPending = true } }
        return queued.changes.count
    }
}
