/// What happened when a batch of changes was applied.
public struct ApplyReport: Sendable, Equatable {
    /// Changes that took effect (including ones already superseded on arrival).
    public var applied: Int = 0
    /// Changes seen before and ignored.
    public var duplicates: Int = 0
    /// Changes refused, with reasons.
    public var dropped: [DroppedChange] = []
    /// Remote timestamps too far ahead of local time; their changes were still applied.
    public var skews: [ClockSkew] = []

    public init() {}

    public mutating func merge(_ other: ApplyReport) {
        applied += other.applied
        duplicates += other.duplicates
        dropped += other.dropped
        skews += other.skews
    }
}
