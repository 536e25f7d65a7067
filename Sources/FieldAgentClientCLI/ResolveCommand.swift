import FieldAgentCommandKit

/// `fieldagent resolve ID FIELD VALUE`: settle a conflict with one value, everywhere.
struct ResolveCommand: ClientCommand {
    static let path = ["resolve"]
    static let abstract = "settle a conflict; the value replaces every concurrent one on all devices"
    static let synopsis = "ID FIELD VALUE"
    static let details = "FIELD is as `fieldagent conflicts` lists it: a customer field (phone) or note:NOTE_ID.score."

    var id: String
    var field: String
    var value: String

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        field = try a.positional("FIELD")
        value = try a.positional("VALUE")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        guard home.conflicts().contains(where: { $0.customer == id && $0.fieldPath == field }) else {
            throw CLIError.noSuchConflict(customer: id, field: field)
        }
        _ = try home.resolve(customer: id, field: field, value: value)
        context.console.out("Resolved \(id) \(field); the resolution reaches other devices at the next sync.")
        return .success
    }
}
