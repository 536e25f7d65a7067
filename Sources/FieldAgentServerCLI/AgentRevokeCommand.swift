import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server agent revoke NAME`: the agent's token stops working at once.
struct AgentRevokeCommand: ServerCommand {
    static let path = ["agent", "revoke"]
    static let abstract = "revoke an agent's token; it stops working at once"
    static let synopsis = "NAME --data DIR"
    static let valuedOptions: Set<String> = ["--data"]

    var name: String
    var data: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        name = try a.positional("agent NAME")
        data = try a.dataDirectory()
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        try AdminClient(dataDirectory: data, now: context.now).revokeAgent(name: name)
        context.console.out("Revoked the token of \(name).")
        return .success
    }
}
