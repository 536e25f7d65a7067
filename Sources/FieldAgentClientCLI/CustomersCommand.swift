import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// `fieldagent customers [--search TEXT]`: the agent's customers with their treatment.
struct CustomersCommand: ClientCommand {
    static let path = ["customers"]
    static let abstract = "list your customers with their treatment"
    static let synopsis = "[--search TEXT] [--json]"
    static let details = "--search matches id, name, phone or email, ignoring case."
    static let valuedOptions: Set<String> = ["--search"]

    var search: String?
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        search = try a.option("--search")
        json = try a.flag("--json")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let rules = TreatmentRules(configuration: context.policy)
        let today = context.today
        let rows = home.customers(search: search).map { c in
            let input = PolicyCustomer(
                customer: c, contacts: home.contacts(customer: c.id), promises: home.promises(customer: c.id))
            return (c, rules.decide(input, asOf: today))
        }
        if json {
            context.console.json(
                .list(
                    rows.map { c, d in
                        .object([
                            "id": .string(c.id), "name": .string(c.name), "treatment": d.value,
                            "daysPastDue": .int(Int64(d.behaviour.daysPastDue)),
                            "outstanding": .int(d.behaviour.outstandingBalance),
                            "preferredChannel": c.preferredChannel.map { .string($0.rawValue) } ?? .null,
                            "timeZone": .string(c.timeZone),
                        ])
                    }))
            return .success
        }
        if rows.isEmpty {
            context.console.out(search == nil ? "No customers on this device yet; run `fieldagent sync`." : "No match.")
            return .success
        }
        var t = TextTable(
            ["id", "name", "treatment", "past due", "balance", "channel"],
            alignments: [.left, .left, .left, .right, .right, .left])
        for (c, d) in rows {
            let currency = c.accounts.first?.currency ?? "EUR"
            t.add([
                c.id, c.name, TreatmentStyle.badge(d.treatment, context.terminal), "\(d.behaviour.daysPastDue) d",
                Money.format(d.behaviour.outstandingBalance, currency: currency), c.preferredChannel?.rawValue ?? "—",
            ])
        }
        context.console.out(t.render { context.terminal.paint($0, .bold) })
        return .success
    }
}
