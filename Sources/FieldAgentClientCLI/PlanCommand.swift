import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// `fieldagent plan [--date D]`: whom to contact, in order, how, when and why.
struct PlanCommand: ClientCommand {
    static let path = ["plan"]
    static let abstract = "today's contact plan: order, treatment, reasons, channel, window, guard notes"
    static let synopsis = "[--date YYYY-MM-DD] [--json]"
    static let details = """
        Decisive customers come first, then by amount x days past due. Every customer assigned to you
        appears once: planned, or skipped with the reason (hold, pause after a conversation, attempt cap...).
        Windows are in the customer's own time zone.
        """
    static let valuedOptions: Set<String> = ["--date"]

    var date: LocalDate?
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        if let d = try a.option("--date") {
            guard let date = LocalDate(d) else { throw UsageError("--date must be YYYY-MM-DD", usage: a.usage) }
            self.date = date
        }
        json = try a.flag("--json")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let customers = context.policyCustomers(home)
        let plan = ContactPlanner(configuration: context.policy).plan(
            for: date ?? context.today, customers: customers, lastSync: home.status().lastSync, now: context.now())
        if json {
            context.console.json(plan.value)
        } else {
            let names = Dictionary(uniqueKeysWithValues: customers.map { ($0.customer.id, $0.customer.name) })
            context.console.out(PlanView(plan: plan, names: names, terminal: context.terminal).render())
        }
        return .success
    }
}
