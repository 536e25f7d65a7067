import FieldAgentCore

/// Computes a ``KPIReport`` for the period `[from, to]` (local dates, both inclusive).
///
/// Events fall in the period by their local date in the customer's time zone. Attribution:
/// - contacts to their `agent`, satisfaction notes to their `author`, promises to their `agent`;
/// - money measures of accounts (amount collected, cure rate) to every agent assigned to the customer,
///   so per-agent figures may add up to more than the overall ones;
/// - per treatment, every measure to the treatment the customer had as of `from`.
/// See ``KPIFigures`` for the formulas.
public struct KPICalculator: Sendable {
    public var configuration: PolicyConfiguration

    /// A calculator with the rules of `configuration`.
    public init(configuration: PolicyConfiguration = .standard) { self.configuration = configuration }

    /// The report for `customers` over `[from, to]`.
    public func report(from: LocalDate, to: LocalDate, customers: [PolicyCustomer]) -> KPIReport {
        let rules = TreatmentRules(configuration: configuration)
        return report(
            from: from, to: to, customers: customers,
            treatments: customers.map { rules.treatment(of: $0, asOf: from) })
    }

    /// The report with each customer's treatment at `from` already known (`treatments[i]` for `customers[i]`).
    public func report(from: LocalDate, to: LocalDate, customers: [PolicyCustomer], treatments: [Treatment])
        -> KPIReport
    {
        precondition(customers.count == treatments.count, "one treatment per customer")
        var overall = KPIFigures()
        var byAgent: [String: KPIFigures] = [:]
        var byTreatment: [Treatment: KPIFigures] = [:]
        for treatment in Treatment.allCases { byTreatment[treatment] = KPIFigures() }
        let minScore = configuration.satisfiedMinScore
        for (input, treatment) in zip(customers, treatments) {
            let customer = input.customer
            let clock = TimeZoneClock(identifier: customer.timeZone)
            func add(_ agent: String?, _ change: (inout KPIFigures) -> Void) {
                change(&overall)
                change(&byTreatment[treatment, default: KPIFigures()])
                if let agent { change(&byAgent[agent, default: KPIFigures()]) }
            }
            let contacts = input.contacts.isEmpty ? [] : ContactHistory.effective(input.contacts)
            for contact in contacts {
                let wall = clock.wallTime(at: contact.at)
                guard wall.date >= from, wall.date <= to else { continue }
                add(contact.agent) { f in
                    if contact.outcome == .complaint { f.complaints += 1 }
                    guard contact.direction == .outbound else { return }
                    f.attempts += 1
                    if contact.outcome.isRightPartyContact { f.rightPartyContacts += 1 }
                    if contact.outcome == .promiseToPay { f.promisesToPay += 1 }
                    if let preferred = customer.preferredChannel {
                        f.withPreferredChannel += 1
                        if contact.channel == preferred { f.inPreferredChannel += 1 }
                    }
                    if let window = customer.contactWindow {
                        f.withPreferredWindow += 1
                        if wall.minute >= window.start, wall.minute < window.end { f.inPreferredWindow += 1 }
                    }
                }
            }
            for note in input.notes {
                let day = clock.wallTime(at: note.at).date
                guard day >= from, day <= to else { continue }
                add(note.author) { f in
                    f.csatResponses += 1
                    f.csatTotal += note.score
                    if note.score >= minScore { f.satisfied += 1 }
                }
            }
            if input.promises.contains(where: { $0.date >= from && $0.date <= to }) {
                let payments = Payment.all(in: customer.accounts)
                for promise in input.promises where promise.date >= from && promise.date <= to {
                    let madeOn = clock.wallTime(at: promise.at).date
                    let kept = PromiseStatus.of(promise, madeOn: madeOn, payments: payments, asOf: to) == .kept
                    add(promise.agent) { f in
                        f.promisesDue += 1
                        if kept { f.promisesKept += 1 }
                    }
                }
            }
            var collected: [String: Int64] = [:]
            var lateAtStart = 0
            var cured = 0
            for account in customer.accounts {
                for installment in account.installments {
                    if let paid = installment.paid, let amount = installment.paidAmount, paid >= from, paid <= to {
                        collected[account.currency, default: 0] += amount
                    }
                }
                if PaymentBehaviour.daysPastDue(of: account, asOf: from) > configuration.graceDays {
                    lateAtStart += 1
                    if PaymentBehaviour.daysPastDue(of: account, asOf: to) == 0 { cured += 1 }
                }
            }
            if !collected.isEmpty || lateAtStart > 0 {
                let money: (inout KPIFigures) -> Void = { f in
                    for (currency, amount) in collected { f.amountCollected[currency, default: 0] += amount }
                    f.accountsLateAtStart += lateAtStart
                    f.accountsCured += cured
                }
                money(&overall)
                money(&byTreatment[treatment, default: KPIFigures()])
                for agent in Set(customer.agents) { money(&byAgent[agent, default: KPIFigures()]) }
            }
        }
        return KPIReport(from: from, to: to, overall: overall, byAgent: byAgent, byTreatment: byTreatment)
    }
}
