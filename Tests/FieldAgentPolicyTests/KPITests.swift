import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

@Suite struct KPITests {
    @Test func ratesWithoutDenominatorAreAbsent() {
        let report = KPICalculator().report(
            from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!,
            customers: [PolicyCustomer(customer: Fixture.customer(installments: Fixture.monthly(count: 3)))])
        let overall = report.value["overall"]!
        for key in [
            "averageCsat", "satisfiedShare", "preferredChannelShare", "preferredWindowShare", "rightPartyContactRate",
            "promiseToPayRate", "promiseKeptRate", "cureRate",
        ] {
            #expect(overall[key] == .null, "\(key)")
        }
        #expect(overall["complaints"] == .int(0))
        #expect(overall["amountCollected"] == .object(["EUR": .int(1000)]))
        #expect(JSON.string(report.value).contains("NaN") == false)
    }

    @Test func contactsFallInThePeriodByTheCustomersLocalDate() {
        // 23:30 New York time on 2026-10-31 is 03:30Z on 2026-11-01: outside November; 04:30Z on 12-01 is inside.
        let customer = Fixture.customer(zone: "America/New_York", window: "23:00-23:59")
        let contacts = [
            Fixture.contact("K1", at: "2026-11-01T03:30:00Z", outcome: .rightPartyContact),
            Fixture.contact("K2", at: "2026-12-01T04:30:00Z", outcome: .promiseToPay),
        ]
        let report = KPICalculator().report(
            from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!,
            customers: [PolicyCustomer(customer: customer, contacts: contacts)])
        #expect(report.overall.attempts == 1)
        #expect(report.overall.promisesToPay == 1)
        #expect(report.overall.preferredWindowShare == 1.0)
        #expect(report.overall.rightPartyContactRate == 1.0)
    }
}
