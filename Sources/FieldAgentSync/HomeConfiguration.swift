import FieldAgentCore

/// Where a home syncs to and as whom; kept in the replica store's metadata (the token is not: it
/// lives in its own file, readable by the owner only).
public struct HomeConfiguration: Sendable, Hashable {
    /// The server's base URL, e.g. `http://127.0.0.1:8080`.
    public var server: String
    /// The agent this device works for.
    public var agent: String
    /// This device's replica id.
    public var replicaID: String

    static let metadataKey = "home.config"

    var json: Value {
        .object(["server": .string(server), "agent": .string(agent), "replicaId": .string(replicaID)])
    }

    init(server: String, agent: String, replicaID: String) {
        self.server = server
        self.agent = agent
        self.replicaID = replicaID
    }

    init?(json: Value) {
        guard let server = json["server"]?.stringValue, let agent = json["agent"]?.stringValue,
            let replicaID = json["replicaId"]?.stringValue
        else { return nil }
        self.init(server: server, agent: agent, replicaID: replicaID)
    }
}
