import FieldAgentServer

/// `fieldagent-server assign CUSTOMER_ID AGENT`: add an agent to a customer.
struct AssignCommand: ServerCommand {
    static let path = ["assign"]
    static let abstract = "add AGENT to the customer's agents; it reaches their devices at the next sync"
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
        try AdminClient(dataDirectory: data, now: context.now).assign(customer: customer, agent: agent)
        context.console.out("Assigned \(customer) to \(agent).")
        return .success
    }
}
