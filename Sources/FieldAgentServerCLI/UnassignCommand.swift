import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server unassign CUSTOMER_ID AGENT`: take a customer away from an agent.
struct UnassignCommand: ServerCommand {
    static let path = ["unassign"]
    static let abstract = "remove AGENT from the customer; their devices delete it at the next sync"
    static let synopsis = "CUSTOMER_ID AGENT --data DIR"
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: AssignmentArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try AssignmentArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.admin(arguments.data).unassign(
            customer: arguments.customer, agent: arguments.agent)
        context.console.out("Unassigned \(arguments.customer) from \(arguments.agent).")
        return .success
    }
}
