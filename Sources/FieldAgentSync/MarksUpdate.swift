import FieldAgentStore

/// The sync marks a server answer moves forward on the device: its epoch (taken when none was
/// known), the acknowledged counter and the counter floor. Worked out under the lock, written with
/// the answer, then published.
struct MarksUpdate: Sendable, Equatable {
    var epoch: String?
    var acknowledged: UInt64 = 0
    var counterFloor: UInt64 = 0

    /// Writes the marks into the answer's transaction.
    func write(into tx: inout Transaction) {
        if let epoch { tx.setMetadata(Array(epoch.utf8), forKey: ReplicaStore.Key.epoch) }
        tx.setMetadata(Array(String(acknowledged).utf8), forKey: ReplicaStore.Key.acknowledged)
        tx.setMetadata(Array(String(counterFloor).utf8), forKey: ReplicaStore.Key.counterFloor)
    }
}
