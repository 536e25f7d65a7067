import FieldAgentCore

/// A customer's payment behaviour as of a date, computed from installments and promises.
///
/// Definitions (all dates are local calendar dates; `asOf` is the day the behaviour is read on, and
/// nothing paid after `asOf` is known yet):
/// - An installment is **settled** on its `paid` date when `paidAmount ≥ amount` and `paid ≤ asOf`.
///   A partial payment leaves it unsettled (the money still counts as a ``Payment``).
/// - It is **late** when settled after `due + graceDays`, or unsettled while `asOf > due + graceDays`.
///   It is **on time** when settled by `due + graceDays`. Otherwise (not yet due, or unpaid within the
///   grace period) it is undecided and counts as neither.
/// - The **behaviour window** holds installments with `due` in `(asOf − lateWindowMonths months, asOf]`
///   (default 12 months): an installment due exactly 12 months before `asOf` is outside.
/// - ``onTimePayments`` and ``latePayments`` count decided installments in the window;
///   ``onTimeShare`` = on time / (on time + late), nil when there are none.
/// - ``worstDaysLate``: the most days any installment due by `asOf` was (or still is) paid after its due
///   date, over the whole history; 0 when none.
/// - ``daysPastDue``: `asOf − due` of the oldest unsettled installment with `due < asOf`, the largest
///   over the customer's accounts; 0 when nothing is overdue.
/// - ``brokenPromises``: promises with a promised date in `(asOf − brokenPromiseWindowMonths months, asOf)`
///   that are ``PromiseStatus/broken``.
/// - ``monthsAsCustomer``: whole months from the earliest installment due date to `asOf`; 0 without history.
/// - ``outstandingBalance``: the sum of the accounts' balances in minor units (currencies are not converted).
public struct PaymentBehaviour: Hashable, Sendable {
    public var asOf: LocalDate
    public var onTimePayments: Int
    public var latePayments: Int
    public var worstDaysLate: Int
    public var daysPastDue: Int
    public var brokenPromises: Int
    public var monthsAsCustomer: Int
    public var outstandingBalance: Int64
    /// True when the most recently due decided installment in the window is the late one.
    public var latestDecidedWasLate: Bool

    /// On time / (on time + late) in the behaviour window; nil when nothing there is decided.
    public var onTimeShare: Double? {
        let total = onTimePayments + latePayments
        return total == 0 ? nil : Double(onTimePayments) / Double(total)
    }

    /// The behaviour of `input`'s customer as of `asOf`.
    public init(of input: PolicyCustomer, asOf: LocalDate, configuration: PolicyConfiguration) {
        self.init(
            accounts: input.customer.accounts, promises: input.promises, timeZone: input.customer.timeZone,
            asOf: asOf, configuration: configuration)
    }

    /// The behaviour from raw accounts and promises; `timeZone` gives the local day each promise was made.
    public init(
        accounts: [Account], promises: [PromiseToPay], timeZone: String, asOf: LocalDate,
        configuration: PolicyConfiguration
    ) {
        self.asOf = asOf
        // Day numbers instead of dates in the loop: one conversion per date, integer comparisons after.
        let today = asOf.daysSinceEpoch
        let windowStart = asOf.adding(months: -configuration.lateWindowMonths).daysSinceEpoch
        let grace = configuration.graceDays
        var onTime = 0
        var late = 0
        var worst = 0
        var pastDue = 0
        var earliest = Int.max
        var balance: Int64 = 0
        var latestDecidedDue = Int.min
        var latestWasLate = false
        for account in accounts {
            balance += account.balance
            var oldestUnsettled = Int.max
            for installment in account.installments {
                let due = installment.due.daysSinceEpoch
                earliest = min(earliest, due)
                guard due <= today else { continue }
                var settled: Int?
                if let paid = installment.paid, (installment.paidAmount ?? 0) >= installment.amount {
                    let paidDay = paid.daysSinceEpoch
                    if paidDay <= today { settled = paidDay }
                }
                if settled == nil, due < today { oldestUnsettled = min(oldestUnsettled, due) }
                let daysLate = (settled ?? today) - due
                worst = max(worst, daysLate)
                guard due > windowStart else { continue }
                let isLate: Bool
                if settled != nil {
                    isLate = daysLate > grace
                } else if daysLate > grace {
                    isLate = true
                } else {
                    continue
                }
                if isLate { late += 1 } else { onTime += 1 }
                if due > latestDecidedDue {
                    latestDecidedDue = due
                    latestWasLate = isLate
                } else if due == latestDecidedDue, isLate {
                    latestWasLate = true
                }
            }
            if oldestUnsettled != Int.max { pastDue = max(pastDue, today - oldestUnsettled) }
        }
        onTimePayments = onTime
        latePayments = late
        worstDaysLate = worst
        daysPastDue = pastDue
        outstandingBalance = balance
        latestDecidedWasLate = latestWasLate
        if earliest < today {
            let earliest = LocalDate(daysSinceEpoch: earliest)
            var months = (asOf.year - earliest.year) * 12 + asOf.month - earliest.month
            if asOf.day < earliest.day { months -= 1 }
            monthsAsCustomer = max(0, months)
        } else {
            monthsAsCustomer = 0
        }
        var broken = 0
        if !promises.isEmpty {
            let payments = Payment.all(in: accounts)
            let clock = TimeZoneClock(identifier: timeZone)
            let promiseWindowStart = asOf.adding(months: -configuration.brokenPromiseWindowMonths)
            for promise in promises where promise.date > promiseWindowStart && promise.date < asOf {
                let madeOn = clock.wallTime(at: promise.at).date
                if PromiseStatus.of(promise, madeOn: madeOn, payments: payments, asOf: asOf) == .broken {
                    broken += 1
                }
            }
        }
        brokenPromises = broken
    }

    /// The day `installment` was settled, if it was fully paid by `asOf`.
    public static func settledDate(_ installment: Installment, asOf: LocalDate) -> LocalDate? {
        guard let paid = installment.paid, paid <= asOf, (installment.paidAmount ?? 0) >= installment.amount
        else { return nil }
        return paid
    }

    /// `asOf − due` of the account's oldest installment unsettled at `asOf` with `due < asOf`; 0 if none.
    public static func daysPastDue(of account: Account, asOf: LocalDate) -> Int {
        var oldest: LocalDate?
        for installment in account.installments where installment.due < asOf {
            if settledDate(installment, asOf: asOf) == nil, oldest == nil || installment.due < oldest! {
                oldest = installment.due
            }
        }
        return oldest.map { $0.days(until: asOf) } ?? 0
    }
}
