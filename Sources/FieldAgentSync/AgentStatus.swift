import FieldAgentCore

/// The sync state of a home, as `fieldagent status` shows it.
public struct AgentStatus: Sendable, Hashable {
    /// Changes saved here and not yet answered by the server.
    public var pending: Int
    /// Changes the server refused, with reasons.
    public var rejected: [RejectedChange]
    /// Unresolved conflicts.
    public var conflicts: Int
    /// The end of the last successful sync, if any.
    public var lastSync: Instant?
    /// The server URL.
    public var server: String
    /// The agent name.
    public var agent: String
    /// This device's replica id.
    public var replicaID: String
    /// A repair of this device's store not yet followed by a successful sync.
    public var repairNotice: String? = nil
    /// How far the server's clock is ahead of this device's (ms, negative: behind), as last measured;
    /// new work is stamped with it added.
    public var clockOffsetMillis: Int64 = 0
    /// A warning when that offset is over the protocol's skew allowance.
    public var clockWarning: String? = nil
}
