import FieldAgentCore

/// The body of `POST /v1/push`: `{"device": REPLICA_ID, "changes": [CHANGE, …]}`.
public struct PushRequest: Sendable, Equatable {
    /// The pushing device's replica id (informational; each change names its own replica).
    public var device: String
    /// The changes, in the order results are returned.
    public var changes: [Change]

    /// A request with the given members.
    public init(device: String, changes: [Change]) {
        self.device = device
        self.changes = changes
    }

    /// The JSON form.
    public var json: Value {
        .object(["device": .string(device), "changes": .list(changes.map(WireChange.encode))])
    }

    /// The request body: the JSON form as UTF-8.
    public var body: [UInt8] { JSON.bytes(json) }

    /// Reads a push body. Throws the path of the first member that is missing or of the wrong type.
    ///
    /// The change count is checked first (before decoding any change) so an oversized batch is
    /// refused cheaply; the server maps ``PushRequestError/tooManyChanges(_:)`` to 413.
    public init(json: Value) throws(PushRequestError) {
        guard let object = json.objectValue else { throw .invalid(ValidationError(path: "", problem: "not an object")) }
        guard let device = object["device"]?.stringValue else {
            throw .invalid(ValidationError(path: "device", problem: "must be the device's replica id (a string)"))
        }
        if let problem = ReplicaIDSyntax.problem(with: device) {
            throw .invalid(ValidationError(path: "device", problem: "the device's replica id \(problem)"))
        }
        guard let list = object["changes"]?.listValue else {
            throw .invalid(ValidationError(path: "changes", problem: "must be an array of changes"))
        }
        guard list.count <= ProtocolLimits.maxChangesPerPush else { throw .tooManyChanges(list.count) }
        var changes: [Change] = []
        changes.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            do {
                try PushRequest.checkIDs(item, path: "changes[\(index)]")
                changes.append(try WireChange.decode(item, path: "changes[\(index)]"))
            } catch {
                throw .invalid(error)
            }
        }
        self.init(device: device, changes: changes)
    }

    /// Reads a push body from its bytes.
    public init(body: [UInt8]) throws(PushRequestError) {
        let json: Value
        do {
            json = try JSON.parse(body)
        } catch {
            throw .invalidJSON(error)
        }
        try self.init(json: json)
    }

    /// A pushed change's `id` and `replaces` must be change ids in canonical form with valid replica
    /// ids, so every id has one spelling (a server answers results under the ids as sent).
    static func checkIDs(_ item: Value, path: String) throws(ValidationError) {
        if let text = item["id"]?.stringValue, let problem = ReplicaIDSyntax.problem(withChangeID: text) {
            throw ValidationError(path: "\(path).id", problem: problem)
        }
        for (index, entry) in (item["replaces"]?.listValue ?? []).enumerated() {
            if let text = entry.stringValue, let problem = ReplicaIDSyntax.problem(withChangeID: text) {
                throw ValidationError(path: "\(path).replaces[\(index)]", problem: problem)
            }
        }
    }
}
