import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server agent revoke NAME`: the agent's token stops working at once.
struct AgentRevokeCommand: ServerCommand {
    static let path = ["agent", "revoke"]
    static let abstract = "revoke an agent's token; it stops working at once"
    static let synopsis = "NAME --data DIR"
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: AgentArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try AgentArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.admin(arguments.data).revokeAgent(name: arguments.name)
        context.console.out("Revoked the token of \(arguments.name).")
        return .success
    }
}
