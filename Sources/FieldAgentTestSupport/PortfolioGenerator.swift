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
        var random = SplitMix64(seed: seed)
        var customers: [Customer] = []
        var contacts: [Contact] = []
        var promises: [PromiseToPay] = []
        var notes: [SatisfactionNote] = []
        customers.reserveCapacity(customerCount)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }
        func between(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        let agents = (0..<agentCount).map { $0 < 10 ? "agent-0\($0)" : "agent-\($0)" }
        for n in 0..<customerCount {
            let id = "G-\(100_000 + n)"
            let lateness: Double
            let unpaidTail: Int
            switch between(0...9) {
            case 0: (lateness, unpaidTail) = (0.6, between(0...4))
            case 1, 2: (lateness, unpaidTail) = (0.2, between(0...1))
            default: (lateness, unpaidTail) = (0.03, 0)
            }
            var flags = Set<Flag>()
            if chance(0.03) { flags.insert(pick(Flag.holding.sorted { $0.rawValue < $1.rawValue })) }
            if chance(0.05) { flags.insert(pick([.vulnerable, .hardship])) }
            if chance(0.03) { flags.insert(.doNotVisit) }
            var assigned = [pick(agents)]
            if chance(0.05) {
                let second = pick(agents)
                if second != assigned[0] { assigned.append(second) }
            }
            let zone = pick(Self.zones)
            let currency = pick(Self.currencies)
            var accounts: [Account] = []
            var latestPaid: LocalDate?
            for a in 0..<(chance(0.2) ? 2 : 1) {
                let amount = Int64(between(20...400)) * 500
                let day = between(1...28)
                var installments: [Installment] = []
                var unpaidBalance: Int64 = 0
                for m in 0..<months {
                    let due = LocalDate(year: asOf.year, month: asOf.month, day: day)!.adding(months: m - months + 1)
                    guard due <= asOf else { continue }
                    let unpaid = m >= months - unpaidTail
                    if unpaid || (due.days(until: asOf) < 60 && chance(lateness / 4)) {
                        installments.append(Installment(due: due, amount: amount))
                        unpaidBalance += amount
                        continue
                    }
                    let late = chance(lateness) ? between(1...60) : 0
                    let paid = min(due.adding(days: late), asOf)
                    installments.append(Installment(due: due, amount: amount, paid: paid, paidAmount: amount))
                    if latestPaid == nil || paid > latestPaid! { latestPaid = paid }
                }
                accounts.append(
                    Account(
                        id: "\(id)-\(a + 1)", creditor: "Example Creditor \(between(1...40))", currency: currency,
                        balance: unpaidBalance + Int64(between(0...12)) * amount, installments: installments))
            }
            customers.append(
                Customer(
                    id: id, name: "Generated Customer \(n)", phone: chance(0.9) ? "+3584\(10_000_000 + n)" : nil,
                    email: chance(0.7) ? "customer\(n)@example.invalid" : nil,
                    address: chance(0.85) ? "Example Street \(n % 500), Sample City" : nil, language: "en",
                    timeZone: zone, preferredChannel: chance(0.9) ? pick(Channel.allCases) : nil,
                    contactWindow: pick(Self.windows), flags: flags, agents: assigned, accounts: accounts))
            // Contacts: about one a month while late, a few otherwise.
            let contactCount = Int(Double(months) * lateness) + between(0...3)
            for k in 0..<contactCount {
                let day = asOf.adding(days: -between(0...(months * 30)))
                let at = Instant(date: day, minutesUTC: between(6 * 60...19 * 60))
                let outcome = pick(Self.contactOutcomes)
                let agent = pick(assigned)
                let contactId = "\(id)-K\(k)"
                contacts.append(
                    Contact(
                        id: contactId, customerId: id, agent: agent, at: at, channel: pick(Channel.allCases),
                        direction: chance(0.1) ? .inbound : .outbound, outcome: outcome))
                if outcome == .promiseToPay {
                    let amount = Int64(between(10...200)) * 500
                    promises.append(
                        PromiseToPay(
                            id: "\(id)-P\(k)", customerId: id, contactId: contactId, amount: amount,
                            date: day.adding(days: between(3...21)), agent: agent, at: at))
                }
                if outcome.isRightPartyContact, chance(0.4) {
                    notes.append(
                        SatisfactionNote(
                            id: "\(id)-N\(k)", customerId: id, score: between(1...5), author: agent,
                            at: at.adding(seconds: 600), contactId: contactId))
                }
            }
        }
        return GeneratedPortfolio(customers: customers, contacts: contacts, promises: promises, notes: notes)
    }
}
