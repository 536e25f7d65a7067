/// What opening a ``SegmentLog`` found: its segments and any torn tail it cut.
public struct SegmentScan: Sendable {
    /// How many segment files the log holds.
    public var segments = 0
    /// How many frames the scan visited.
    public var frames = 0
    /// The bytes the segments hold, headers included.
    public var bytes = 0
    /// A torn tail cut from the last segment: an unfinished append from before a crash.
    public var tornTail: TornTail?
}
