import FieldAgentCore

/// One payment received, read from an installment's `paid` date and `paidAmount`.
public struct Payment: Hashable, Sendable {
    /// The day the money arrived.
    public var date: LocalDate
    /// Minor units of `currency`.
    public var amount: Int64
    /// ISO 4217 code of the account paid into.
    public var currency: String

    /// Creates a payment record.
    public init(date: LocalDate, amount: Int64, currency: String) {
        self.date = date
        self.amount = amount
        self.currency = currency
    }

    /// Every payment recorded on `accounts`, oldest first.
    public static func all(in accounts: [Account]) -> [Payment] {
        var result: [Payment] = []
        for account in accounts {
            for installment in account.installments {
                if let paid = installment.paid, let amount = installment.paidAmount {
                    result.append(Payment(date: paid, amount: amount, currency: account.currency))
                }
            }
        }
        result.sort { $0.date < $1.date }
        return result
    }
}
