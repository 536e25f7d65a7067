import FieldAgentCore

/// The changes a store written by an earlier version held in its own log and snapshot, on their
/// way to the change segments (``FileServerStorage`` moves them at open).
struct LegacyChanges: Sendable {
    /// Every stored change with its sequence, in sequence order.
    var changes: [(sequence: UInt64, change: Change)] = []
    /// Ids seen but whose content is gone (superseded before a snapshot, or erased): kept as holes
    /// so their counters stay seen and high-water marks do not fall.
    var seenOnly: [ChangeID] = []

    var isEmpty: Bool { changes.isEmpty && seenOnly.isEmpty }
}
