import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

@Suite struct ContactPlannerTests {
    let monday = LocalDate("2026-11-30")!
    let now = Instant("2026-11-30T06:00:00Z")!

    func plan(_ customers: [Customer]) -> ContactPlan {
        ContactPlanner().plan(
            for: monday, customers: customers.map { PolicyCustomer(customer: $0) }, lastSync: now, now: now)
    }

    @Test func orderIsDecisiveFirstThenAmountTimesDaysPastDue() {
        let asOf = monday
        let decisiveSmall = Fixture.customer(
            "C-D", balance: 100, installments: Fixture.monthly(count: 12, lateIndices: [1, 3, 5, 7]))
        let bigUnderstanding = Fixture.customer(
            "C-U", balance: 1_000_000, installments: [Fixture.unpaid(daysBefore: 20, asOf: asOf)])
        let tieA = Fixture.customer("C-A", balance: 2000, installments: [Fixture.unpaid(daysBefore: 10, asOf: asOf)])
        let tieB = Fixture.customer("C-B", balance: 1000, installments: [Fixture.unpaid(daysBefore: 20, asOf: asOf)])
        let result = plan([tieB, bigUnderstanding, tieA, decisiveSmall])
        #expect(result.entries.map(\.customerId) == ["C-D", "C-U", "C-A", "C-B"])
        #expect(result.entries[1].priority == 20_000_000)
        #expect(result.entries[2].priority == result.entries[3].priority)
    }

    @Test func channelFallsBackWhenBarred() {
        var noPhone = Fixture.customer("C-1", channel: .sms)
        noPhone.phone = nil
        var nothing = Fixture.customer("C-2", channel: .call)
        nothing.phone = nil
        nothing.email = nil
        nothing.address = nil
        let result = plan([noPhone, nothing])
        #expect(result.entries.map(\.channel) == [.email])
        #expect(
            result.entries.first?.channelReason
                == "preferred channel sms barred (no phone number); first usable in fallback order: email")
        #expect(result.skipped.map(\.rules) == [["channel"]])
    }

    @Test(arguments: [
        ("17:00-19:00", "17:00-19:00"),
        ("07:00-09:00", "08:00-09:00"),
        ("20:30-22:00", "20:30-21:00"),
        ("06:00-07:00", "08:00-09:00"),
        ("21:30-23:00", "20:00-21:00"),
    ])
    func windowInsidePreferredOrNearestAllowed(preferred: String, planned: String) {
        let result = plan([Fixture.customer(window: preferred)])
        #expect(result.entries.first?.window.description == planned)
    }

    @Test func careVisitIsByAppointmentWithForbearance() {
        let result = plan([Fixture.customer(flags: [.hardship], channel: .visit)])
        let entry = result.entries.first!
        #expect(entry.treatment == .care && entry.channel == .visit && entry.appointment)
        #expect(entry.actions.first == "offer forbearance and debt advice")
        #expect(entry.warnings.map(\.rule.id) == ["flag:hardship"])
    }

    @Test func jsonHasTheSpecKeys() {
        let value = plan([Fixture.customer(), Fixture.customer("C-2", flags: [.stopContact])]).value
        #expect(value["date"] == .string("2026-11-30"))
        for key in ["customerId", "treatment", "reasons", "channel", "window"] {
            #expect(value["entries"]?.listValue?.first?[key] != nil)
        }
        for key in ["customerId", "treatment", "reasons"] { #expect(value["skipped"]?.listValue?.first?[key] != nil) }
    }
}
