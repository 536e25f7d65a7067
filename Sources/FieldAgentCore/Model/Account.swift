/// A debt owed to a creditor, with its payment history. Imported; agents cannot edit it.
public struct Account: Codable, Hashable, Sendable {
    public var id: String
    public var creditor: String
    /// ISO 4217 code, e.g. `EUR`.
    public var currency: String
    /// Outstanding balance in minor units.
    public var balance: Int64
    public var installments: [Installment]

    public init(id: String, creditor: String, currency: String, balance: Int64, installments: [Installment]) {
        self.id = id
        self.creditor = creditor
        self.currency = currency
        self.balance = balance
        self.installments = installments
    }
}
