import FieldAgentServer

/// `fieldagent-server unassign CUSTOMER_ID AGENT`: take a customer away from an agent.
struct UnassignCommand: ServerCommand {
    static let path = ["unassign"]
    static let abstract = "remove AGENT from the customer; their devices delete it at the next sync"
    static let synopsis = "CUSTOMER_ID AGENT --data DIR"
    static let valuedOptions: Set<String> = ["--data"]

    var customer: String
    var agent: String
    var data: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        customer = try a.positional("CUSTOMER_ID")
        agent = try a.positional("AGENT")
        data = try a.dataDirectory()
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        try AdminClient(dataDirectory: data, now: context.now).unassign(customer: customer, agent: agent)
        context.console.out("Unassigned \(customer) from \(agent).")
        return .success
    }
}
