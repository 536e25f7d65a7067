import FieldAgentCore

/// The body of a `200` answer to `GET /v1/pull`: one page of changes after the device's cursor,
/// in JSON (the reference) or in the binary form of ``PullResponse/binary``.
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

    /// Reads the JSON form. A missing `purge` reads as empty; anything else missing is an error.
    public init(json: Value) throws(ValidationError) {
        guard let object = json.objectValue, let list = object["changes"]?.listValue,
            let cursor = object["cursor"]?.stringValue, let more = object["more"]?.boolValue,
            let serverTime = object["serverTime"]?.intValue
        else { throw ValidationError(path: "", problem: "a pull answer needs changes, cursor, more and serverTime") }
        var changes: [Change] = []
        changes.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            changes.append(try WireChange.decode(item, path: "changes[\(index)]"))
        }
        var ids: [String] = []
        for (index, item) in (object["purge"]?.listValue ?? []).enumerated() {
            guard let id = item.stringValue else {
                throw ValidationError(path: "purge[\(index)]", problem: "not a customer id")
            }
            ids.append(id)
        }
        self.init(changes: changes, purge: ids, cursor: cursor, more: more, serverTime: serverTime)
    }

    /// Reads an answer body in the form its `Content-Type` names: binary for
    /// ``MediaType/binaryPage``, JSON otherwise.
    public init(body: [UInt8], contentType: String?) throws(WireDecodeError) {
        if MediaType.essence(of: contentType) == MediaType.binaryPage {
            do {
                try self.init(binary: body)
            } catch {
                throw .binary(error)
            }
            return
        }
        let json = try WireDecodeError.parse(body)
        do {
            try self.init(json: json)
        } catch {
            throw .shape(error)
        }
    }
}
