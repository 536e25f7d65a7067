extension ReplicaState {
    /// The live writes of the register `op` on `target` (the values one more write there would supersede).
    public func liveWrites(_ op: Operation, _ target: Target) -> [Change] {
        customers[target.customer]?.entries(op, target) ?? []
    }

    /// Puts back register writes that a change of this replica had superseded here before the
    /// server refused it and it was taken back (``retract(_:customer:)``): the device again shows
    /// what every other replica shows.
    ///
    /// A write is put back only while nothing live supersedes it, it is not live already and its
    /// customer was not erased; creations and erasures are never put back. Returns how many were.
    @discardableResult
    public mutating func restore(_ writes: [Change]) -> Int {
        var restored = 0
        for write in writes where write.op == .set || write.op == .flag {
            let customer = write.target.customer
            guard !isErased(customer), hasSeen(write.id) else { continue }
            let live = liveWrites(write.op, write.target)
            guard !live.contains(where: { $0.id == write.id || $0.dominates(write) }) else { continue }
            customers[customer, default: CustomerRecord()].cells.append(write)
            restored += 1
        }
        return restored
    }
}
