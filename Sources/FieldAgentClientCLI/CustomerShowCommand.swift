import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync

/// `fieldagent customer show ID`: everything about one customer, with the treatment and why.
struct CustomerShowCommand: ClientCommand {
    static let path = ["customer", "show"]
    static let abstract = "one customer: fields, accounts, contacts, promises, notes, treatment"
    static let synopsis = "ID [--json]"

    var id: String
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("customer ID")
        json = try a.flag("--json")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        guard let customer = home.customer(id: id) else { throw AgentHomeError.unknownCustomer(id) }
        let input = PolicyCustomer(
            customer: customer, contacts: home.contacts(customer: id), promises: home.promises(customer: id),
            notes: home.notes(customer: id))
        let decision = TreatmentRules(configuration: context.policy).decide(input, asOf: context.today)
        let view = CustomerView(terminal: context.terminal, policy: context.policy, today: context.today)
        if json {
            context.console.json(view.json(input, decision: decision))
        } else {
            context.console.out(view.text(input, decision: decision))
        }
        return .success
    }
}
