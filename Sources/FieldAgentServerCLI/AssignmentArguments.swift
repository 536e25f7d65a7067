import FieldAgentCommandKit

/// What `assign` and `unassign` both take: a customer, an agent and the data directory.
struct AssignmentArguments: Sendable {
    var customer: String
    var agent: String
    var data: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        customer = try a.positional("CUSTOMER_ID")
        agent = try a.positional("AGENT")
        data = try a.dataDirectory()
    }
}
