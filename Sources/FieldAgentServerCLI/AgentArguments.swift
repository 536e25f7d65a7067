import FieldAgentCommandKit

/// What `agent add` and `agent revoke` both take: an agent name and the data directory.
struct AgentArguments: Sendable {
    var name: String
    var data: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        name = try a.positional("agent NAME")
        data = try a.dataDirectory()
    }
}
