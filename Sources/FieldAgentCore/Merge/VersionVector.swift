/// For each replica, the highest counter up to which every change has been seen.
///
/// A replica sends its vector to learn what it lacks: ``ReplicaState/changes(since:)`` returns
/// everything beyond it.
public struct VersionVector: Hashable, Sendable {
    public private(set) var counters: [String: UInt64]

    public init(_ counters: [String: UInt64] = [:]) { self.counters = counters.filter { $0.value > 0 } }

    public subscript(replica: String) -> UInt64 {
        get { counters[replica] ?? 0 }
        set { counters[replica] = newValue > 0 ? newValue : nil }
    }

    /// Whether the change `id` is covered.
    public func contains(_ id: ChangeID) -> Bool { id.counter <= self[id.replica] }

    /// The element-wise maximum.
    public func merged(with other: VersionVector) -> VersionVector {
        VersionVector(counters.merging(other.counters, uniquingKeysWith: max))
    }

    /// True when every entry is at least the other's.
    public func dominates(_ other: VersionVector) -> Bool {
        other.counters.allSatisfy { self[$0.key] >= $0.value }
    }
}
