import FieldAgentCore

/// An agent as `agent list` shows it: never the token or its hash.
public struct AgentSummary: Sendable, Hashable {
    /// The agent's name.
    public var name: String
    /// Whether its token was revoked.
    public var revoked: Bool
    /// How many customers are assigned to it.
    public var customers: Int

    /// A summary with the given members.
    public init(name: String, revoked: Bool, customers: Int) {
        self.name = name
        self.revoked = revoked
        self.customers = customers
    }

    /// `{"name", "revoked", "customers"}`.
    public var json: Value {
        .object(["name": .string(name), "revoked": .bool(revoked), "customers": .int(Int64(customers))])
    }

    /// Reads ``json``.
    public init?(json: Value) {
        guard let name = json["name"]?.stringValue, let revoked = json["revoked"]?.boolValue,
            let customers = json["customers"]?.intValue
        else { return nil }
        self.init(name: name, revoked: revoked, customers: Int(customers))
    }
}
