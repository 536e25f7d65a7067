import FieldAgentCore
import FieldAgentStore

/// What a damaged replica store still held of this device's own work, read by
/// ``ReplicaStore/salvaged(from:replicaID:)``: enough to rebuild the store, since everything else
/// (other devices' changes, the cursor) is pulled again from the server.
struct ReplicaSalvage: Sendable {
    /// This replica's changes that could be read (live, or pending when the store broke), in counter order.
    var changes: [Change] = []
    /// Changes the server had refused, as the store listed them (the agent still has to redo them).
    var rejected: [RejectedChange] = []
    /// The highest counter this replica is known to have used: no new change may be numbered at or below it.
    var counterFloor: UInt64 = 0
    /// What could not be read: the store's losses, then snapshots and records that do not decode.
    var lost: [SalvageLoss] = []
}
