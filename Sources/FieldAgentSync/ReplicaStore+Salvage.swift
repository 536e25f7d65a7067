import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore

extension ReplicaStore {
    /// This replica's own changes in what ``Store/salvage(at:)`` read from a damaged store: the
    /// snapshot's state and outbox, then every record that decodes, replayed in order as opening
    /// would; records that do not decode are listed as lost and skipped. Reads nothing from disk.
    static func salvaged(from salvage: StoreSalvage, replicaID: String) -> ReplicaSalvage {
        var result = ReplicaSalvage(lost: salvage.lost)
        var inner = Inner(state: ReplicaState(replicaID: replicaID))
        if let snapshot = salvage.snapshot, !snapshot.isEmpty {
            do {
                let (state, outbox) = try ReplicaRecord.decodeSnapshot(snapshot)
                inner = Inner(state: state, outbox: outbox)
            } catch {
                let file = salvage.snapshotFile ?? "the snapshot"
                result.lost.append(
                    SalvageLoss(
                        file: file, offset: 0, bytes: snapshot.count,
                        reason: "its replica state does not decode (\(error.description))"))
            }
        }
        inner.load(metadata: salvage.metadata)
        for record in salvage.records {
            do {
                inner.replay(try ReplicaRecord.decode(record.payload))
            } catch {
                result.lost.append(
                    SalvageLoss(
                        file: record.file, offset: record.offset, bytes: record.payload.count,
                        reason: "a record in the transaction starting here does not decode (\(error.description))"))
            }
        }
        // Pending means above the pushed-through mark, when the metadata still says where that is.
        inner.trimOutbox()
        let state = inner.state
        var own: [ChangeID: Change] = [:]
        for change in state.liveChanges() where change.id.replica == replicaID { own[change.id] = change }
        for change in inner.outbox where change.id.replica == replicaID { own[change.id] = change }
        result.changes = own.values.sorted { $0.id.counter < $1.id.counter }
        result.rejected = inner.rejected
        result.counterFloor = max(
            state.highestCounter(of: replicaID), result.changes.last?.id.counter ?? 0, inner.counterFloor,
            inner.pushedThrough, inner.acknowledged)
        return result
    }

    /// Records changes salvaged from this replica's damaged store in this new, empty store, in one
    /// durable transaction: the changes as local records (applied and pending, so the next push
    /// sends them; the server answers `duplicate` for those it holds), the counter floor (new
    /// changes are numbered above it), the rejected list, and the owner's `metadata`.
    func adoptSalvaged(
        _ changes: [Change], counterFloor: UInt64, rejected: [RejectedChange], metadata: [String: [UInt8]]
    ) throws(ReplicaStoreError) {
        try commit(
            reserve: { inner in max(inner.counterFloor, counterFloor) },
            write: { floor, tx in
                if !changes.isEmpty { tx.append(ReplicaRecord.local(changes).encoded()) }
                tx.setMetadata(Array(String(floor).utf8), forKey: Key.counterFloor)
                if !rejected.isEmpty { tx.setMetadata(JSON.bytes(.list(rejected.map(\.json))), forKey: Key.rejected) }
                for (key, value) in metadata { tx.setMetadata(value, forKey: key) }
            },
            publish: { floor, inner in
                inner.replay(.local(changes))
                inner.counterFloor = floor
                inner.rejected = rejected
            })
    }
}
