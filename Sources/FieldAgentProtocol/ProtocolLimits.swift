import FieldAgentCore

/// The limits both sides of the protocol keep (protocol.md → Limits, Clock skew).
///
/// The server refuses what exceeds them; the client never sends more, so it is never refused.
public enum ProtocolLimits {
    /// The most changes one push may carry; more is refused `413 too-many-changes`.
    public static let maxChangesPerPush = 1000
    /// The page size of a pull that names no `limit`.
    public static let defaultPageLimit = 1000
    /// The page sizes a pull may ask for; outside is refused `400 bad-limit`.
    public static let pageLimits = 1...5000
    /// The largest request body, in bytes (8 MiB); the HTTP server refuses larger ones with `413`.
    public static let maxBodyBytes = 8 * 1024 * 1024
    /// The earliest `wall` (and event `at`) a change may carry: 2020-01-01T00:00:00Z, before any
    /// FieldAgent data. A `wall` before it is refused `clock-skew`, so the device re-stamps it.
    public static let epochMillis: Int64 = 1_577_836_800_000
    /// How far ahead of the server's clock a change's `wall` may be before it is refused
    /// `clock-skew`; also how far a replica's hybrid logical clock lets a remote time pull it ahead.
    public static let maxClockSkewMillis: Int64 = HybridLogicalClock.defaultMaxSkewMillis
}
