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
        var tally = KPITally()
        for (input, treatment) in zip(customers, treatments) {
            let clock = TimeZoneClock(identifier: input.customer.timeZone)
            let period = KPIPeriod(from: from, to: to)
            countContacts(of: input, in: period, clock: clock, treatment: treatment, into: &tally)
            countNotes(of: input, in: period, clock: clock, treatment: treatment, into: &tally)
            countPromises(of: input, in: period, clock: clock, treatment: treatment, into: &tally)
            countMoney(of: input.customer, in: period, treatment: treatment, into: &tally)
        }
        return KPIReport(
            from: from, to: to, overall: tally.overall, byAgent: tally.byAgent, byTreatment: tally.byTreatment)
    }

    private func countContacts(
        of input: PolicyCustomer, in period: KPIPeriod, clock: TimeZoneClock, treatment: Treatment,
        into tally: inout KPITally
    ) {
        let customer = input.customer
        let contacts = input.contacts.isEmpty ? [] : ContactHistory.effective(input.contacts)
        for contact in contacts {
            let wall = clock.wallTime(at: contact.at)
            guard period.contains(wall.date) else { continue }
            tally.add(agents: [contact.agent], treatment: treatment) { f in
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
    }

    private func countNotes(
        of input: PolicyCustomer, in period: KPIPeriod, clock: TimeZoneClock, treatment: Treatment,
        into tally: inout KPITally
    ) {
        let minScore = configuration.satisfiedMinScore
        for note in input.notes where period.contains(clock.wallTime(at: note.at).date) {
            tally.add(agents: [note.author], treatment: treatment) { f in
                f.csatResponses += 1
                f.csatTotal += note.score
                if note.score >= minScore { f.satisfied += 1 }
            }
        }
    }

    private func countPromises(
        of input: PolicyCustomer, in period: KPIPeriod, clock: TimeZoneClock, treatment: Treatment,
        into tally: inout KPITally
    ) {
        guard input.promises.contains(where: { period.contains($0.date) }) else { return }
        let payments = Payment.all(in: input.customer.accounts)
        for promise in input.promises where period.contains(promise.date) {
            let madeOn = clock.wallTime(at: promise.at).date
            let kept =
                PromiseStatus.of(promise, madeOn: madeOn, payments: payments, asOf: period.to) == .kept
            tally.add(agents: [promise.agent], treatment: treatment) { f in
                f.promisesDue += 1
                if kept { f.promisesKept += 1 }
            }
        }
    }

    /// Money measures go to every agent assigned to the customer.
    private func countMoney(
        of customer: Customer, in period: KPIPeriod, treatment: Treatment, into tally: inout KPITally
    ) {
        var collected: [String: Int64] = [:]
        var lateAtStart = 0
        var cured = 0
        for account in customer.accounts {
            for installment in account.installments {
                if let paid = installment.paid, let amount = installment.paidAmount, period.contains(paid) {
                    collected[account.currency, default: 0] += amount
                }
            }
            if PaymentBehaviour.daysPastDue(of: account, asOf: period.from) > configuration.graceDays {
                lateAtStart += 1
                if PaymentBehaviour.daysPastDue(of: account, asOf: period.to) == 0 { cured += 1 }
            }
        }
        guard !collected.isEmpty || lateAtStart > 0 else { return }
        tally.add(agents: Set(customer.agents), treatment: treatment) { f in
            for (currency, amount) in collected { f.amountCollected[currency, default: 0] += amount }
            f.accountsLateAtStart += lateAtStart
            f.accountsCured += cured
        }
    }
}
