import FieldAgentCore

/// The body of a `200` answer to `GET /v1/pull`: one page of changes after the device's cursor.
///
/// A device deletes every customer in ``purge`` first, then applies ``changes``, then stores
/// ``cursor`` in the same atomic write.
public struct PullResponse: Sendable, Equatable {
    /// Changes for the agent's customers, in log order.
    public var changes: [Change]
    /// Customers the device must delete everything about (unassigned from this agent).
    public var purge: [String]
    /// The cursor to send on the next pull; opaque to the client.
    public var cursor: String
    /// Whether another page is waiting.
    public var more: Bool
    /// The server's wall clock in milliseconds since the Unix epoch.
    public var serverTime: Int64

    /// A page with the given members.
    public init(changes: [Change], purge: [String], cursor: String, more: Bool, serverTime: Int64) {
        self.changes = changes
        self.purge = purge
        self.cursor = cursor
        self.more = more
        self.serverTime = serverTime
    }

    /// The JSON form.
    public var json: Value {
        .object([
            "changes": .list(changes.map(WireChange.encode)), "purge": .list(purge.map { .string($0) }),
            "cursor": .string(cursor), "more": .bool(more), "serverTime": .int(serverTime),
        ])
    }

    /// Reads a pull response.
    public init(json: Value) throws(ValidationError) {
        guard let object = json.objectValue, let list = object["changes"]?.listValue,
            let purge = object["purge"]?.listValue, let cursor = object["cursor"]?.stringValue,
            let more = object["more"]?.boolValue, let serverTime = object["serverTime"]?.intValue
        else { throw ValidationError(path: "", problem: "not a pull response") }
        var changes: [Change] = []
        for (index, item) in list.enumerated() {
            changes.append(try WireChange.decode(item, path: "changes[\(index)]"))
        }
        var ids: [String] = []
        for item in purge {
            guard let id = item.stringValue else { throw ValidationError(path: "purge", problem: "not a customer id") }
            ids.append(id)
        }
        self.init(changes: changes, purge: ids, cursor: cursor, more: more, serverTime: serverTime)
    }
}
