import FieldAgentCore

/// One agent's page of the log after a cursor, as storage answers it (protocol.md → Pull).
public struct StoredPage: Sendable, Equatable {
    /// Changes the agent may see, in log order, each once.
    public var changes: [Change]
    /// Customers the agent lost: its devices purge them.
    public var purge: [String]
    /// The sequence the next pull continues after.
    public var cursor: UInt64
    /// Whether the log holds more for this agent after ``cursor``.
    public var more: Bool
    /// How many change records storage read from disk for this page: a page's cost.
    public var recordsRead: Int

    /// A page with the given members.
    public init(changes: [Change], purge: [String], cursor: UInt64, more: Bool, recordsRead: Int) {
        self.changes = changes
        self.purge = purge
        self.cursor = cursor
        self.more = more
        self.recordsRead = recordsRead
    }
}
