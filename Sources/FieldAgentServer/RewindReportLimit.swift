import FieldAgentCore
import Synchronization

/// How often a device's proof of a rewind may start a new epoch: at most once per ``window``.
///
/// A genuine rewind needs one new epoch: every other device then carries the old epoch, which
/// proves nothing. Any device with a valid token can claim a cursor past the end, though, and each
/// new epoch costs every device a full pull; the limit bounds what a hostile or broken device costs.
/// The price: a false report can hold back a genuine one for up to one window. That delays the
/// resend; it loses nothing, since devices keep what the server lacks and report again.
final class RewindReportLimit: Sendable {
    /// The shortest time between two epochs started on a device's report.
    static let window: Int64 = 10 * 60 * 1000

    private let lastStart = Mutex<Int64?>(nil)

    /// Whether a report at `time` may start a new epoch; if so, it counts as the last one.
    func admit(at time: Instant) -> Bool {
        lastStart.withLock { last in
            let millis = time.millisecondsSinceEpoch
            if let last, millis - last < RewindReportLimit.window { return false }
            last = millis
            return true
        }
    }
}
