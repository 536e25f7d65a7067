import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

/// Compares treatments, the plan and the KPIs of `Fixtures/policy/golden-november.json` with the values
/// written there by hand. How they were worked out, in short (plan date Monday 2026-11-30, KPIs for November):
/// - G-1: 11 installments on the 15th paid on time, 2026-11-15 unpaid → 1 late, 15 days past due: understanding.
///   SMS 17:00–19:00 Helsinki (EET, UTC+2) → 15:00Z–17:00Z; priority 30000 × 15.
/// - G-2: 2026-07 and -08 paid late, -09, -10, -11 unpaid → 5 late, 90 days past due (Sep 1 → Nov 30): decisive.
///   18:00–20:00 New York (EST, UTC−5) → 23:00Z–01:00Z; priority 120000 × 90 = 10,800,000. On Nov 1 the
///   Nov 1 installment is due that day (undecided): 4 late, 61 days past due, decisive too.
/// - G-3: two promises in September and October with no payment in their spans → 2 broken: decisive; do-not-visit
///   bars the preferred visit → first fallback, call; no window → contact hours 08:00–21:00 Berlin (07:00Z–20:00Z).
/// - G-4: vulnerable with six unpaid installments → care; visit by appointment 10:00–12:00 Helsinki.
/// - G-5: dispute → hold, skipped by `flag:dispute`.
/// - G-6: 2 late → standard; seven attempts by alice (4) and bob (3) within the 7 days before 12:00 New York
///   (17:00Z) → skipped by `attempt-cap`.
/// - G-7: promise to pay on 11-27 (rpc) broken on 11-28, 45 days past due → standard; skipped by `rpc-pause`.
///   On Nov 1 it was 16 days past due with no broken promise → understanding for the per-treatment KPIs.
/// - G-8: preferred window 06:00–07:00 is before contact hours → nearest slot 08:00–09:00 Berlin; its second
///   account was 12 days past due on Nov 1 and paid on Nov 12 → the only cured account of five late ones.
/// - KPIs: 13 outbound attempts (alice 7, bob 6), 4 right-party (2 promises to pay), 1 complaint (inbound);
///   9 of 13 in the preferred channel, 5 of 12 within the window (G-3 has none); CSAT 4, 2, 5, 3 → 3.5, half ≥ 4;
///   promises due in November: P-3c kept by the 5000 paid on Nov 5, P-7 broken; collected EUR 5000 + 1000 + 4000
///   and USD 2000.
@Suite struct PolicyGoldenTests {
    let golden: GoldenCase

    init() throws { golden = try GoldenCase("golden-november.json") }

    @Test func treatmentsAndReasons() {
        let rules = TreatmentRules()
        var actual: [String: Value] = [:]
        for input in golden.customers { actual[input.customer.id] = rules.decide(input, asOf: golden.asOf).value }
        GoldenCase.compare(.object(actual), golden.expected["treatments"]!, path: "treatments")
        var atFrom: [String: Value] = [:]
        let from = LocalDate(golden.expected["kpis"]!["from"]!.stringValue!)!
        for input in golden.customers {
            atFrom[input.customer.id] = .string(rules.decide(input, asOf: from).treatment.rawValue)
        }
        GoldenCase.compare(.object(atFrom), golden.expected["treatmentsAtFrom"]!, path: "treatmentsAtFrom")
    }

    @Test func plan() {
        let plan = ContactPlanner().plan(
            for: golden.asOf, customers: golden.customers, lastSync: golden.lastSync, now: golden.now)
        GoldenCase.compare(plan.value, golden.expected["plan"]!, path: "plan")
        #expect(plan.warnings.isEmpty)
        let everyone = Set(golden.customers.map(\.customer.id))
        let listed = plan.entries.map(\.customerId) + plan.skipped.map(\.customerId)
        #expect(listed.count == everyone.count && Set(listed) == everyone)
    }

    @Test func kpis() {
        let expected = golden.expected["kpis"]!
        let report = KPICalculator().report(
            from: LocalDate(expected["from"]!.stringValue!)!, to: LocalDate(expected["to"]!.stringValue!)!,
            customers: golden.customers)
        GoldenCase.compare(report.value, expected, path: "kpis")
        #expect(Set(report.value["byTreatment"]!.objectValue!.keys) == Set(Treatment.allCases.map(\.rawValue)))
        #expect(Set(report.byAgent.keys) == ["alice", "bob"])
    }
}
