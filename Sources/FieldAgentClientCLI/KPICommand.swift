import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// `fieldagent kpi [--from D] [--to D]`: satisfaction beside collections for your portfolio.
struct KPICommand: ClientCommand {
    static let path = ["kpi"]
    static let abstract = "satisfaction and collection KPIs, overall, per agent and per treatment"
    static let synopsis = "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]"
    static let details = "The period defaults to the 30 days up to today. Rates without a denominator show n/a."
    static let valuedOptions: Set<String> = ["--from", "--to"]

    var from: LocalDate?
    var to: LocalDate?
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        (from, to) = try a.period()
        json = try a.flag("--json")
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let end = to ?? context.today
        let start = from ?? end.adding(days: -29)
        let report = KPICalculator(configuration: context.policy).report(
            from: start, to: end, customers: context.policyCustomers(home))
        if json {
            context.console.json(report.value)
        } else {
            context.console.out(KPIView(report: report.value, terminal: context.terminal).render())
        }
        return .success
    }
}
