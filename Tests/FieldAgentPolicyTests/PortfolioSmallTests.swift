import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

@Suite struct PortfolioSmallTests {
    @Test func readsAndCoversEveryTreatment() throws {
        let portfolio = try PortfolioReader(isKnownZone: TimeZoneClock.isKnownZone).read(
            try Fixture.bytes("portfolio-small.json"))
        #expect(portfolio.customers.count == 20)
        #expect(portfolio.customers.filter { $0.agents.count > 1 }.count >= 2)
        #expect(Set(portfolio.customers.flatMap(\.agents)) == ["alice", "bob"])
        let expected = try JSON.parse(try Fixture.bytes("policy/portfolio-small-treatments.json"))
        let asOf = LocalDate(expected["asOf"]!.stringValue!)!
        let rules = TreatmentRules()
        var seen = Set<Treatment>()
        for customer in portfolio.customers {
            let decision = rules.decide(PolicyCustomer(customer: customer), asOf: asOf)
            seen.insert(decision.treatment)
            #expect(
                decision.treatment.rawValue == expected["treatments"]?[customer.id]?.stringValue,
                "\(customer.id): \(decision.reasons)")
            if let days = expected["daysPastDue"]?[customer.id]?.intValue {
                #expect(Int64(decision.behaviour.daysPastDue) == days, "\(customer.id)")
            }
            // Reasons never carry personal data.
            for reason in decision.reasons {
                for personal in [customer.name, customer.phone, customer.email, customer.address].compactMap({ $0 }) {
                    #expect(!reason.contains(personal))
                }
            }
        }
        #expect(seen == Set(Treatment.allCases))
    }

    @Test func planOnAMondayListsEveryoneOnce() throws {
        let portfolio = try PortfolioReader(isKnownZone: TimeZoneClock.isKnownZone).read(
            try Fixture.bytes("portfolio-small.json"))
        let customers = portfolio.customers.map { PolicyCustomer(customer: $0) }
        let now = Instant("2026-11-30T06:00:00Z")!
        let plan = ContactPlanner().plan(for: LocalDate("2026-11-30")!, customers: customers, lastSync: nil, now: now)
        let ids = plan.entries.map(\.customerId) + plan.skipped.map(\.customerId)
        #expect(ids.count == 20 && Set(ids).count == 20)
        #expect(plan.skipped.map(\.customerId) == ["C-1011", "C-1012", "C-1013", "C-1014"])
        let firstNonDecisive = plan.entries.firstIndex { $0.treatment != .decisive } ?? plan.entries.count
        #expect(plan.entries[..<firstNonDecisive].count == 4)
        #expect(plan.entries[firstNonDecisive...].allSatisfy { $0.treatment != .decisive })
        #expect(plan.warnings.map(\.rule) == [.staleData])
        // C-1018 prefers visits but is flagged do-not-visit: the first fallback (call) is used.
        let lars = plan.entries.first { $0.customerId == "C-1018" }!
        #expect(lars.channel == .call)
        #expect(
            lars.channelReason == "preferred channel visit barred (do-not-visit); first usable in fallback order: call")
        // Sunday: nobody is contacted.
        let sunday = ContactPlanner().plan(for: LocalDate("2026-11-29")!, customers: customers, lastSync: now, now: now)
        #expect(sunday.entries.isEmpty && sunday.skipped.count == 20)
        #expect(sunday.skipped.filter { $0.treatment != .hold }.allSatisfy { $0.rules == ["contact-hours"] })
    }
}
