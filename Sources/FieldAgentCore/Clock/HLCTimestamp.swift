/// A hybrid logical clock reading: wall-clock milliseconds plus a logical counter for events in the same millisecond.
///
/// Ordered by wall time, then counter. Two readings from different replicas can be equal; ties are
/// broken by replica id where an order is needed (see ``Change/winsOver(_:)``).
public struct HLCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var wallMillis: Int64
    public var logical: UInt32

    public init(wallMillis: Int64, logical: UInt32 = 0) {
        self.wallMillis = wallMillis
        self.logical = logical
    }

    public static let zero = HLCTimestamp(wallMillis: 0)

    /// The wall-clock part as an ``Instant``.
    public var instant: Instant { Instant(millisecondsSinceEpoch: wallMillis) }

    public var description: String { "\(instant)#\(logical)" }

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.wallMillis, lhs.logical) < (rhs.wallMillis, rhs.logical)
    }
}
