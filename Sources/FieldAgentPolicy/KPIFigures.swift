import FieldAgentCore

/// One block of KPIs (overall, one agent or one treatment) for a period: the counts and the rates made from them.
///
/// A rate whose denominator is 0 is nil (written as JSON null), never 0 or NaN. Formulas:
/// - `averageCsat` = sum of CSAT scores / ``csatResponses`` (satisfaction notes written in the period).
/// - `satisfiedShare` = notes with score ≥ `satisfiedMinScore` (4) / ``csatResponses``.
/// - `complaints` = contacts in the period with outcome `complaint` (either direction).
/// - `attempts` = outbound contacts in the period; `rightPartyContacts` = those with a right-party outcome;
///   `promisesToPay` = those with outcome `promise-to-pay`.
/// - `preferredChannelShare` = outbound contacts in the customer's preferred channel / outbound contacts with
///   customers who have a preferred channel.
/// - `preferredWindowShare` = outbound contacts whose local time (customer's zone) is within the customer's
///   preferred window, `start ≤ time < end` / outbound contacts with customers who have a window.
/// - `rightPartyContactRate` = rightPartyContacts / attempts.
/// - `promiseToPayRate` = promisesToPay / rightPartyContacts.
/// - `promiseKeptRate` = promises kept / promises whose promised date is in the period (``PromiseStatus``).
/// - `amountCollected` = sum of `paidAmount` of installments with `paid` in the period, per currency, in minor units.
/// - `cureRate` = accounts late at `from` (days past due > grace days) with 0 days past due at `to` /
///   accounts late at `from`.
public struct KPIFigures: Hashable, Sendable {
    public var csatResponses = 0
    public var csatTotal = 0
    public var satisfied = 0
    public var complaints = 0
    public var attempts = 0
    public var rightPartyContacts = 0
    public var promisesToPay = 0
    public var withPreferredChannel = 0
    public var inPreferredChannel = 0
    public var withPreferredWindow = 0
    public var inPreferredWindow = 0
    public var promisesDue = 0
    public var promisesKept = 0
    public var amountCollected: [String: Int64] = [:]
    public var accountsLateAtStart = 0
    public var accountsCured = 0

    /// An empty block.
    public init() {}

    /// Sum of scores / responses; nil without responses.
    public var averageCsat: Double? { ratio(csatTotal, csatResponses) }
    /// Share of CSAT scores at or above the satisfied score; nil without responses.
    public var satisfiedShare: Double? { ratio(satisfied, csatResponses) }
    /// Share of outbound contacts in the preferred channel.
    public var preferredChannelShare: Double? { ratio(inPreferredChannel, withPreferredChannel) }
    /// Share of outbound contacts within the preferred window.
    public var preferredWindowShare: Double? { ratio(inPreferredWindow, withPreferredWindow) }
    /// RPC / attempts.
    public var rightPartyContactRate: Double? { ratio(rightPartyContacts, attempts) }
    /// PTP / RPC.
    public var promiseToPayRate: Double? { ratio(promisesToPay, rightPartyContacts) }
    /// Kept / due in the period.
    public var promiseKeptRate: Double? { ratio(promisesKept, promisesDue) }
    /// Cured / late at the start.
    public var cureRate: Double? { ratio(accountsCured, accountsLateAtStart) }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// The block as JSON with the KPI names in camelCase; absent rates are null.
    public var value: Value {
        func rate(_ r: Double?) -> Value { r.map { .double($0) } ?? .null }
        return .object([
            "averageCsat": rate(averageCsat),
            "satisfiedShare": rate(satisfiedShare),
            "csatResponses": .int(Int64(csatResponses)),
            "complaints": .int(Int64(complaints)),
            "attempts": .int(Int64(attempts)),
            "rightPartyContacts": .int(Int64(rightPartyContacts)),
            "promisesToPay": .int(Int64(promisesToPay)),
            "preferredChannelShare": rate(preferredChannelShare),
            "preferredWindowShare": rate(preferredWindowShare),
            "rightPartyContactRate": rate(rightPartyContactRate),
            "promiseToPayRate": rate(promiseToPayRate),
            "promisesDue": .int(Int64(promisesDue)),
            "promisesKept": .int(Int64(promisesKept)),
            "promiseKeptRate": rate(promiseKeptRate),
            "amountCollected": .object(amountCollected.mapValues { .int($0) }),
            "accountsLateAtStart": .int(Int64(accountsLateAtStart)),
            "accountsCured": .int(Int64(accountsCured)),
            "cureRate": rate(cureRate),
        ])
    }
}
