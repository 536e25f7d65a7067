import FieldAgentCore
import Synchronization

/// The demo's simulated clock: it starts on a fixed Monday morning and moves forward a few seconds per
/// reading, so the story (and the plan it shows) is the same on every run. Server and devices share it.
final class DemoClock: Sendable {
    private let current: Mutex<Int64>

    init(start: Instant) { current = Mutex(start.millisecondsSinceEpoch) }

    /// The current instant; each reading advances the clock by `step` milliseconds.
    func now(step: Int64 = 1_500) -> Instant {
        current.withLock { value in
            value += step
            return Instant(millisecondsSinceEpoch: value)
        }
    }

    /// Moves the clock to `instant` if that is later; the clock never runs backwards.
    func advance(to instant: Instant) {
        current.withLock { $0 = max($0, instant.millisecondsSinceEpoch) }
    }
}
