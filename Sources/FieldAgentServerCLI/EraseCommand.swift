import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server erase CUSTOMER_ID`: GDPR erasure, here and on every device at its next sync.
struct EraseCommand: ServerCommand {
    static let path = ["erase"]
    static let abstract = "erase a customer's personal data everywhere (GDPR); leaves only a tombstone"
    static let synopsis = "CUSTOMER_ID --data DIR"
    static let details = """
        The server's files are rewritten at once so none holds the customer's name, phone, email, address
        or notes. Devices purge the customer at their next sync; offline edits to it are dropped and reported.
        """
    static let valuedOptions: Set<String> = ["--data"]

    var customer: String
    var data: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        customer = try a.positional("CUSTOMER_ID")
        data = try a.dataDirectory()
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.admin(data).erase(customer: customer)
        context.console.out("Erased \(customer); devices purge it at their next sync.")
        return .success
    }
}
