/// One scheduled payment of an account, and what was paid against it.
public struct Installment: Codable, Hashable, Sendable {
    /// When the payment was due.
    public var due: LocalDate
    /// Amount due, in the account's minor units.
    public var amount: Int64
    /// When it was paid, if it was.
    public var paid: LocalDate?
    /// How much was paid, in minor units.
    public var paidAmount: Int64?

    public init(due: LocalDate, amount: Int64, paid: LocalDate? = nil, paidAmount: Int64? = nil) {
        self.due = due
        self.amount = amount
        self.paid = paid
        self.paidAmount = paidAmount
    }
}
