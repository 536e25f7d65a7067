import FieldAgentCore
import FieldAgentSystem

extension Instant {
    /// The current wall-clock time, to the millisecond (rounded down).
    ///
    /// The core takes instants as arguments and never reads a clock; this is the default
    /// clock that the store, sync, server and tools inject at the edge.
    @Sendable public static func now() -> Instant {
        Instant(millisecondsSinceEpoch: WallClock.millisecondsSinceEpoch())
    }
}
