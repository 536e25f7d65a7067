import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentServer

/// `fieldagent-server agent list`: agents, whether active, and how many customers each has.
struct AgentListCommand: ServerCommand {
    static let path = ["agent", "list"]
    static let abstract = "list agents with their state and number of customers"
    static let synopsis = "--data DIR [--json]"
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: ListingArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try ListingArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        let agents = try context.admin(arguments.data).listAgents()
        if arguments.json {
            context.console.json(.list(agents.map(\.json)))
            return .success
        }
        var t = TextTable(["agent", "state", "customers"], alignments: [.left, .left, .right])
        for agent in agents { t.add([agent.name, agent.revoked ? "revoked" : "active", String(agent.customers)]) }
        context.console.out(
            agents.isEmpty ? "No agents yet; add one with `fieldagent-server agent add NAME`." : t.render())
        return .success
    }
}
