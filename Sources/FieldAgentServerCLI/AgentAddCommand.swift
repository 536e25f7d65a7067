import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server agent add NAME`: create an agent and print its token once.
struct AgentAddCommand: ServerCommand {
    static let path = ["agent", "add"]
    static let abstract = "create an agent; prints the token alone on stdout (shown only once)"
    static let synopsis = "NAME --data DIR"
    static let details = "The server keeps only the token's SHA-256. Give the token to the agent for `fieldagent init`."
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: AgentArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try AgentArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        let client = context.admin(arguments.data)
        context.console.out(try client.addAgent(name: arguments.name))
        return .success
    }
}
