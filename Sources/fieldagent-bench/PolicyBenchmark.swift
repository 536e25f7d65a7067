import FieldAgentCore
import FieldAgentPolicy
import FieldAgentTestSupport

/// `fieldagent-bench policy`: the day's plan plus a month's KPIs for 10,000 customers with 24 months of history.
enum PolicyBenchmark {
    static func run() -> [(String, Value)] {
        let asOf = LocalDate("2026-11-29")!
        let generated = PortfolioGenerator(customerCount: 10_000, months: 24, asOf: asOf).generate()
        let customers = PolicyCustomer.group(
            customers: generated.customers, contacts: generated.contacts, promises: generated.promises,
            notes: generated.notes)
        // Plan the Monday after the data's date (2026-11-29 is a Sunday, when no contact is allowed).
        let day = asOf.adding(days: 1)
        let now = Instant(date: day, minutesUTC: 6 * 60)
        let planner = ContactPlanner()
        let calculator = KPICalculator()
        // Results are kept until the end so freeing one run's output is not timed in the next run.
        var plans: [ContactPlan] = []
        var reports: [KPIReport] = []
        let planSeconds = Stopwatch.best(of: 5) {
            plans.append(planner.plan(for: day, customers: customers, lastSync: now, now: now))
        }
        let kpiSeconds = Stopwatch.best(of: 5) {
            reports.append(calculator.report(from: asOf.adding(months: -1), to: asOf, customers: customers))
        }
        let bothSeconds = Stopwatch.best(of: 5) {
            plans.append(planner.plan(for: day, customers: customers, lastSync: now, now: now))
            reports.append(calculator.report(from: asOf.adding(months: -1), to: asOf, customers: customers))
        }
        let plan = plans.last
        let report = reports.last
        let installments = generated.customers.reduce(0) { $0 + $1.accounts.reduce(0) { $0 + $1.installments.count } }
        return [
            ("customers", .int(Int64(customers.count))), ("installments", .int(Int64(installments))),
            ("contacts", .int(Int64(generated.contacts.count))), ("planSeconds", .double(planSeconds)),
            ("kpiSeconds", .double(kpiSeconds)), ("planAndKpiSeconds", .double(bothSeconds)),
            ("planEntries", .int(Int64(plan!.entries.count))), ("planSkipped", .int(Int64(plan!.skipped.count))),
            ("kpiAgents", .int(Int64(report!.byAgent.count))),
        ]
    }
}
