import FieldAgentCore

/// Deterministic generator of large, realistic portfolios for benchmarks and load tests.
///
/// The same seed gives the same portfolio on every machine (``SplitMix64``; no Foundation randomness,
/// no system clock). Customers are spread over several time zones, channels and windows; about 70 % pay
/// reliably, 20 % are sometimes late and 10 % are chronically late with an unpaid tail; a few carry
/// restrictive or caring flags. Contacts, promises and satisfaction notes follow the lateness.
/// Names, phones and addresses are obviously fictional.
public struct PortfolioGenerator: Sendable {
    /// Number of customers.
    public var customerCount: Int
    /// Months of installment history per account, ending at `asOf`.
    public var months: Int
    /// The day the history runs up to.
    public var asOf: LocalDate
    /// The random seed.
    public var seed: UInt64
    /// Number of agents (`agent-00`, `agent-01`, …) customers are spread over.
    public var agentCount: Int
    /// When set, customers are assigned in blocks of this size, one agent each: customers 0…199 to
    /// `agent-00`, 200…399 to `agent-01` and so on (the company workload). When nil, each customer
    /// draws its agent, and about 5 % a second one.
    public var customersPerAgent: Int?
    /// When set, every customer gets exactly this many contacts, dated over the `contactDays` before
    /// `asOf`. When nil, contacts follow lateness over the whole history.
    public var contactsPerCustomer: Int?
    /// The days before `asOf` that ``contactsPerCustomer`` contacts are spread over.
    public var contactDays = 365

    /// A generator; the defaults are the policy benchmark's workload (10,000 customers × 24 months).
    public init(
        customerCount: Int = 10_000, months: Int = 24, asOf: LocalDate = LocalDate("2026-11-29")!, seed: UInt64 = 2026,
        agentCount: Int = 20
    ) {
        self.customerCount = customerCount
        self.months = months
        self.asOf = asOf
        self.seed = seed
        self.agentCount = agentCount
    }

    /// The company workload (issue 13): `customers` customers with 24 months of installments,
    /// `perAgent` customers per agent (assigned in blocks, so `customers / perAgent` agents, rounded
    /// up) and `contacts` contacts per customer over the past year.
    public static func company(customers: Int, perAgent: Int = 200, contacts: Int = 10) -> PortfolioGenerator {
        var generator = PortfolioGenerator(
            customerCount: customers, months: 24, agentCount: max(1, (customers + perAgent - 1) / perAgent))
        generator.customersPerAgent = perAgent
        generator.contactsPerCustomer = contacts
        return generator
    }

    /// The agent names, `agent-00`, `agent-01`, …
    public var agents: [String] { (0..<agentCount).map { $0 < 10 ? "agent-0\($0)" : "agent-\($0)" } }

    static let zones = [
        "Europe/Helsinki", "Europe/Helsinki", "Europe/Berlin", "Europe/Stockholm", "Europe/Madrid", "Europe/Lisbon",
        "America/New_York", "America/Chicago",
    ]
    static let currencies = ["EUR", "EUR", "EUR", "SEK", "USD"]
    static let windows: [ContactWindow?] = [
        nil, ContactWindow("08:00-10:00"), ContactWindow("12:00-14:00"), ContactWindow("17:00-19:00"),
        ContactWindow("18:00-20:00"), ContactWindow("06:30-07:30"), ContactWindow("20:00-22:00"),
    ]
    static let contactOutcomes: [ContactOutcome] = [
        .noAnswer, .noAnswer, .leftMessage, .rightPartyContact, .promiseToPay, .promiseToPay, .paymentTaken,
        .callbackRequested, .refused, .wrongNumber, .complaint,
    ]

    /// Generates the portfolio.
    public func generate() -> GeneratedPortfolio {
        var out = GeneratedPortfolio(customers: [], contacts: [], promises: [], notes: [])
        out.customers.reserveCapacity(customerCount)
        generate { one in
            out.customers += one.customers
            out.contacts += one.contacts
            out.promises += one.promises
            out.notes += one.notes
        }
        return out
    }

    /// Generates the same portfolio one customer at a time: `body` gets each customer with its
    /// history, in order, so a portfolio of a million customers is never held whole.
    public func generate(each body: (GeneratedPortfolio) -> Void) {
        var draws = RandomDraws(seed: seed)
        let agents = self.agents
        for n in 0..<customerCount {
            var out = GeneratedPortfolio(customers: [], contacts: [], promises: [], notes: [])
            let id = "G-\(100_000 + n)"
            let lateness: Double
            let unpaidTail: Int
            switch draws.between(0...9) {
            case 0: (lateness, unpaidTail) = (0.6, draws.between(0...4))
            case 1, 2: (lateness, unpaidTail) = (0.2, draws.between(0...1))
            default: (lateness, unpaidTail) = (0.03, 0)
            }
            var flags = Set<Flag>()
            if draws.chance(0.03) { flags.insert(draws.pick(Flag.holding.sorted { $0.rawValue < $1.rawValue })) }
            if draws.chance(0.05) { flags.insert(draws.pick([.vulnerable, .hardship])) }
            if draws.chance(0.03) { flags.insert(.doNotVisit) }
            var assigned = [draws.pick(agents)]
            if draws.chance(0.05) {
                let second = draws.pick(agents)
                if second != assigned[0] { assigned.append(second) }
            }
            // The draws above are made either way, so the rest of a customer does not depend on the mode.
            if let perAgent = customersPerAgent { assigned = [agents[min(n / perAgent, agents.count - 1)]] }
            let zone = draws.pick(Self.zones)
            let currency = draws.pick(Self.currencies)
            let accounts = (0..<(draws.chance(0.2) ? 2 : 1)).map { a in
                account(id: "\(id)-\(a + 1)", currency: currency, lateness: lateness, unpaidTail: unpaidTail, &draws)
            }
            out.customers.append(
                Customer(
                    id: id, name: "Generated Customer \(n)", phone: draws.chance(0.9) ? "+3584\(10_000_000 + n)" : nil,
                    email: draws.chance(0.7) ? "customer\(n)@example.invalid" : nil,
                    address: draws.chance(0.85) ? "Example Street \(n % 500), Sample City" : nil, language: "en",
                    timeZone: zone, preferredChannel: draws.chance(0.9) ? draws.pick(Channel.allCases) : nil,
                    contactWindow: draws.pick(Self.windows), flags: flags, agents: assigned, accounts: accounts))
            addHistory(customer: id, agents: assigned, lateness: lateness, &draws, into: &out)
            body(out)
        }
    }

    /// One account with `months` of installments: late by `lateness`, the last `unpaidTail` unpaid.
    private func account(
        id: String, currency: String, lateness: Double, unpaidTail: Int, _ draws: inout RandomDraws
    ) -> Account {
        let amount = Int64(draws.between(20...400)) * 500
        let day = draws.between(1...28)
        var installments: [Installment] = []
        var unpaidBalance: Int64 = 0
        for m in 0..<months {
            let due = LocalDate(year: asOf.year, month: asOf.month, day: day)!.adding(months: m - months + 1)
            guard due <= asOf else { continue }
            let unpaid = m >= months - unpaidTail
            if unpaid || (due.days(until: asOf) < 60 && draws.chance(lateness / 4)) {
                installments.append(Installment(due: due, amount: amount))
                unpaidBalance += amount
                continue
            }
            let late = draws.chance(lateness) ? draws.between(1...60) : 0
            let paid = min(due.adding(days: late), asOf)
            installments.append(Installment(due: due, amount: amount, paid: paid, paidAmount: amount))
        }
        return Account(
            id: id, creditor: "Example Creditor \(draws.between(1...40))", currency: currency,
            balance: unpaidBalance + Int64(draws.between(0...12)) * amount, installments: installments)
    }

    /// Contacts (about one a month while late, a few otherwise), the promises made at them and some notes.
    private func addHistory(
        customer id: String, agents assigned: [String], lateness: Double, _ draws: inout RandomDraws,
        into out: inout GeneratedPortfolio
    ) {
        var contactCount = contactsPerCustomer ?? 0
        var span = contactDays - 1
        if contactsPerCustomer == nil {
            contactCount = Int(Double(months) * lateness) + draws.between(0...3)
            span = months * 30
        }
        for k in 0..<contactCount {
            let day = asOf.adding(days: -draws.between(0...span))
            let at = Instant(date: day, minutesUTC: draws.between(6 * 60...19 * 60))
            let outcome = draws.pick(Self.contactOutcomes)
            let agent = draws.pick(assigned)
            let contactId = "\(id)-K\(k)"
            out.contacts.append(
                Contact(
                    id: contactId, customerId: id, agent: agent, at: at, channel: draws.pick(Channel.allCases),
                    direction: draws.chance(0.1) ? .inbound : .outbound, outcome: outcome))
            if outcome == .promiseToPay {
                let amount = Int64(draws.between(10...200)) * 500
                out.promises.append(
                    PromiseToPay(
                        id: "\(id)-P\(k)", customerId: id, contactId: contactId, amount: amount,
                        date: day.adding(days: draws.between(3...21)), agent: agent, at: at))
            }
            if outcome.isRightPartyContact, draws.chance(0.4) {
                out.notes.append(
                    SatisfactionNote(
                        id: "\(id)-N\(k)", customerId: id, score: draws.between(1...5), author: agent,
                        at: at.adding(seconds: 600), contactId: contactId))
            }
        }
    }
}
