import FieldAgentCommandKit
import FieldAgentCore

/// `fieldagent customer set ID FIELD=VALUE...`: edit contact details and preferences.
struct CustomerSetCommand: ClientCommand {
    static let path = ["customer", "set"]
    static let abstract = "change fields, e.g. phone=+358401234567 contactWindow=17:00-19:00"
    static let synopsis = "ID FIELD=VALUE..."
    static let details = """
        Fields: name, phone (E.164), email, address, language, timeZone (IANA), preferredChannel
        (visit, call, sms, email, letter), contactWindow (HH:MM-HH:MM), note. An empty value (phone=)
        clears the field. All edits are checked first; if one is invalid, nothing is saved.
        """

    var id: String
    var assignments: [(String, String?)]

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        let rest = a.remainingPositionals()
        guard !rest.isEmpty else { throw UsageError("missing FIELD=VALUE", usage: a.usage) }
        assignments = try rest.map { (item: String) throws(UsageError) -> (String, String?) in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UsageError("expected FIELD=VALUE, got a word without '='", usage: a.usage)
            }
            let value = String(item[item.index(after: eq)...])
            return (String(item[..<eq]), value.isEmpty ? nil : value)
        }
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        for (field, value) in assignments {
            _ = try home.setField(customer: id, field: field, value: value)
        }
        context.console.out("Saved \(assignments.count) change(s) to \(id); they will be sent at the next sync.")
        return .success
    }
}
