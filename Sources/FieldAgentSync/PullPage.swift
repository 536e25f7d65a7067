import FieldAgentCore

/// One decoded answer to `GET /v1/pull` (protocol.md).
public struct PullPage: Sendable, Equatable {
    /// Changes for this agent's customers after the request's cursor.
    public var changes: [Change]
    /// Customers this device must forget (no longer assigned).
    public var purge: [String]
    /// The cursor to save with this page and send next.
    public var cursor: String
    /// Whether another page is waiting.
    public var more: Bool
    /// The server's clock, milliseconds since the epoch.
    public var serverTime: Int64
    /// The size of the response body.
    public var byteCount: Int

    /// A page.
    public init(changes: [Change], purge: [String], cursor: String, more: Bool, serverTime: Int64, byteCount: Int) {
        self.changes = changes
        self.purge = purge
        self.cursor = cursor
        self.more = more
        self.serverTime = serverTime
        self.byteCount = byteCount
    }
}
