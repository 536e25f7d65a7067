import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server assign CUSTOMER_ID AGENT`: add an agent to a customer.
struct AssignCommand: ServerCommand {
    static let path = ["assign"]
    static let abstract = "add AGENT to the customer's agents; it reaches their devices at the next sync"
    static let synopsis = "CUSTOMER_ID AGENT --data DIR"
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: AssignmentArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try AssignmentArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.admin(arguments.data).assign(
            customer: arguments.customer, agent: arguments.agent)
        context.console.out("Assigned \(arguments.customer) to \(arguments.agent).")
        return .success
    }
}
