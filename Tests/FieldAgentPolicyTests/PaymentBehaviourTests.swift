import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

@Suite struct PaymentBehaviourTests {
    let asOf = LocalDate("2026-11-29")!

    func behaviour(_ installments: [Installment], promises: [PromiseToPay] = [], grace: Int = 0) -> PaymentBehaviour {
        var configuration = PolicyConfiguration.standard
        configuration.graceDays = grace
        return PaymentBehaviour(
            of: PolicyCustomer(customer: Fixture.customer(installments: installments), promises: promises), asOf: asOf,
            configuration: configuration)
    }

    @Test func countsShareWorstAndMonths() {
        let b = behaviour(Fixture.monthly(count: 24, lateIndices: [2, 20, 22], daysLate: 9))
        // Dues 2024-12-10 … 2026-11-10; the window holds the last 12, of which indices 20 and 22 are late.
        #expect(b.latePayments == 2)
        #expect(b.onTimePayments == 10)
        #expect(b.onTimeShare == 10.0 / 12.0)
        #expect(b.worstDaysLate == 9)
        #expect(b.daysPastDue == 0)
        #expect(b.monthsAsCustomer == 23)  // 2024-12-10 → 2026-11-29: 23 whole months.
        #expect(b.outstandingBalance == 10_000)
    }

    @Test func graceDaysTurnSlightlyLatePaymentsOnTime() {
        let history = Fixture.monthly(count: 12, lateIndices: [3, 6], daysLate: 3)
        #expect(behaviour(history).latePayments == 2)
        #expect(behaviour(history, grace: 3).latePayments == 0)
        #expect(behaviour(history, grace: 2).latePayments == 2)
    }

    @Test func unpaidPastDueIsLateAndCountsDaysFromTheOldest() {
        let history =
            Fixture.monthly(count: 10, last: LocalDate("2026-09-10")!) + [
                Installment(due: LocalDate("2026-10-10")!, amount: 1000),
                Installment(due: LocalDate("2026-11-10")!, amount: 1000),
                Installment(due: LocalDate("2026-12-10")!, amount: 1000),
            ]
        let b = behaviour(history)
        #expect(b.daysPastDue == 50)  // 2026-10-10 → 2026-11-29
        #expect(b.latePayments == 2)  // the December installment is not due yet
        #expect(b.worstDaysLate == 50)
        #expect(b.latestDecidedWasLate)
    }

    @Test func partialPaymentLeavesTheInstallmentOpen() {
        let b = behaviour([
            Installment(due: LocalDate("2026-11-01")!, amount: 1000, paid: LocalDate("2026-11-01")!, paidAmount: 400)
        ])
        #expect(b.daysPastDue == 28)
        #expect(b.latePayments == 1)
    }

    @Test func paymentsAfterAsOfAreNotYetKnown() {
        let b = behaviour([
            Installment(due: LocalDate("2026-11-01")!, amount: 1000, paid: LocalDate("2026-12-03")!, paidAmount: 1000)
        ])
        #expect(b.daysPastDue == 28)
        #expect(b.latePayments == 1)
    }

    @Test func dueTodayIsUndecided() {
        let b = behaviour([Installment(due: asOf, amount: 1000)])
        #expect(b.latePayments == 0 && b.onTimePayments == 0)
        #expect(b.onTimeShare == nil)
        #expect(b.daysPastDue == 0)
    }

    @Test func promiseStatuses() {
        let payments = [
            Payment(date: LocalDate("2026-11-12")!, amount: 3000, currency: "EUR"),
            Payment(date: LocalDate("2026-11-18")!, amount: 2000, currency: "EUR"),
        ]
        let madeOn = LocalDate("2026-11-10")!
        let p = Fixture.promise("P", amount: 5000, date: "2026-11-18", madeAt: "2026-11-10T10:00:00Z")
        #expect(PromiseStatus.of(p, madeOn: madeOn, payments: payments, asOf: asOf) == .kept)
        // As of the day before the second payment, the promise is still open.
        #expect(PromiseStatus.of(p, madeOn: madeOn, payments: payments, asOf: LocalDate("2026-11-17")!) == .open)
        let short = Fixture.promise("P", amount: 5001, date: "2026-11-18", madeAt: "2026-11-10T10:00:00Z")
        #expect(PromiseStatus.of(short, madeOn: madeOn, payments: payments, asOf: LocalDate("2026-11-18")!) == .open)
        #expect(PromiseStatus.of(short, madeOn: madeOn, payments: payments, asOf: LocalDate("2026-11-19")!) == .broken)
        // Payments before the promise was made do not keep it.
        #expect(PromiseStatus.of(p, madeOn: LocalDate("2026-11-13")!, payments: payments, asOf: asOf) == .broken)
    }

    @Test func promiseDayIsTheCustomersLocalDay() {
        // Made at 23:30 New York time on 2026-11-11 (04:30Z on the 12th); a payment on the 11th keeps it.
        let history = [
            Installment(due: LocalDate("2026-11-11")!, amount: 5000, paid: LocalDate("2026-11-11")!, paidAmount: 5000)
        ]
        let promise = Fixture.promise("P", amount: 5000, date: "2026-11-15", madeAt: "2026-11-12T04:30:00Z")
        let ny = PaymentBehaviour(
            accounts: Fixture.customer(installments: history).accounts, promises: [promise],
            timeZone: "America/New_York",
            asOf: asOf, configuration: .standard)
        #expect(ny.brokenPromises == 0)
        let helsinki = PaymentBehaviour(
            accounts: Fixture.customer(installments: history).accounts, promises: [promise],
            timeZone: "Europe/Helsinki",
            asOf: asOf, configuration: .standard)
        #expect(helsinki.brokenPromises == 1)
    }
}
