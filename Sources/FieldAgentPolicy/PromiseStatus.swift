import FieldAgentCore

/// Where a promise to pay stands, derived from payments; never stored.
///
/// - `kept`: payments totalling at least the promised amount arrived (by paid date) between the day the
///   promise was made (in the customer's time zone) and the promised date, both inclusive. Promises carry
///   no currency, so payments into any of the customer's accounts count, and one payment may keep
///   several overlapping promises.
/// - `broken`: not kept, and the promised date is before the as-of date.
/// - `open`: not kept, and the promised date is today or later.
public enum PromiseStatus: String, Codable, CaseIterable, Sendable {
    case open, kept, broken

    /// The status of `promise` as of `asOf`, given the customer's `payments` (oldest first) and the
    /// local day the promise was made. Payments after `asOf` are not yet known and are ignored.
    public static func of(
        _ promise: PromiseToPay, madeOn: LocalDate, payments: [Payment], asOf: LocalDate
    ) -> PromiseStatus {
        var total: Int64 = 0
        let last = min(promise.date, asOf)
        for payment in payments where payment.date >= madeOn {
            if payment.date > last { break }
            total += payment.amount
        }
        if total >= promise.amount { return .kept }
        return asOf > promise.date ? .broken : .open
    }
}
