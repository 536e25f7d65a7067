/// A hybrid logical clock (Kulkarni et al., 2014) that never runs backwards and refuses far-future readings.
///
/// The wall time is passed in, so the clock is pure: a backward jump of the wall clock only
/// advances the logical counter, and a remote reading more than ``maxSkewMillis`` ahead of
/// our wall time is reported as ``ClockSkew`` instead of being adopted, so one device with a
/// wrong clock cannot drag every other clock into the future.
public struct HybridLogicalClock: Hashable, Sendable {
    /// The latest timestamp issued or observed.
    public private(set) var last: HLCTimestamp
    /// How far ahead of local wall time a remote timestamp may be before it is refused.
    public var maxSkewMillis: Int64

    /// Five minutes: wide enough for ordinary drift, narrow enough to stop runaway clocks.
    public static let defaultMaxSkewMillis: Int64 = 5 * 60 * 1000

    public init(last: HLCTimestamp = .zero, maxSkewMillis: Int64 = HybridLogicalClock.defaultMaxSkewMillis) {
        self.last = last
        self.maxSkewMillis = maxSkewMillis
    }

    /// A new timestamp for a local event, strictly greater than every earlier one.
    public mutating func now(wallMillis: Int64) -> HLCTimestamp {
        if wallMillis > last.wallMillis {
            last = HLCTimestamp(wallMillis: wallMillis)
        } else {
            advanceLogical()
        }
        return last
    }

    /// Folds in a timestamp received from another replica.
    ///
    /// Returns the skew, without adopting `remote`, when it is more than ``maxSkewMillis`` ahead of `wallMillis`.
    @discardableResult
    public mutating func receive(_ remote: HLCTimestamp, wallMillis: Int64) -> ClockSkew? {
        if remote.wallMillis - wallMillis > maxSkewMillis {
            if wallMillis > last.wallMillis { last = HLCTimestamp(wallMillis: wallMillis) }
            return ClockSkew(remote: remote, localWallMillis: wallMillis)
        }
        if remote <= last {
            if wallMillis > last.wallMillis { last = HLCTimestamp(wallMillis: wallMillis) }
            return nil
        }
        // remote > last
        if wallMillis > remote.wallMillis {
            last = HLCTimestamp(wallMillis: wallMillis)
        } else {
            last = remote
            advanceLogical()
        }
        return nil
    }

    private mutating func advanceLogical() {
        if last.logical == UInt32.max {
            last = HLCTimestamp(wallMillis: last.wallMillis + 1)
        } else {
            last.logical += 1
        }
    }
}
