import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentServer

/// `fieldagent-server kpi`: company-wide KPIs, satisfaction beside collections.
struct ServerKPICommand: ServerCommand {
    static let path = ["kpi"]
    static let abstract = "company-wide KPIs per agent and per treatment"
    static let synopsis = "--data DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]"
    static let details = "The period defaults to the 30 days up to today (UTC)."
    static let valuedOptions: Set<String> = ["--data", "--from", "--to"]

    var data: String
    var from: LocalDate?
    var to: LocalDate?
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        data = try a.dataDirectory()
        (from, to) = try a.period()
        json = try a.flag("--json")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let end = to ?? context.now().utcDate
        let client = context.admin(data)
        let report = try client.kpi(from: from ?? end.adding(days: -29), to: end)
        if json {
            context.console.json(report)
        } else {
            context.console.out(KPIView(report: report, terminal: context.terminal).render())
        }
        return .success
    }
}
