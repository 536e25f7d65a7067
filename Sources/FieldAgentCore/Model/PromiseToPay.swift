/// A customer's promise, made at a contact, to pay an amount by a date.
///
/// Its status is not stored: policy derives `open`, `kept` or `broken` from later payments.
public struct PromiseToPay: Codable, Hashable, Sendable {
    public var id: String
    public var customerId: String
    /// The contact at which the promise was made.
    public var contactId: String
    /// Amount in the account's minor units.
    public var amount: Int64
    public var date: LocalDate
    public var agent: String
    public var at: Instant

    public init(
        id: String, customerId: String, contactId: String, amount: Int64, date: LocalDate, agent: String, at: Instant
    ) {
        self.id = id
        self.customerId = customerId
        self.contactId = contactId
        self.amount = amount
        self.date = date
        self.agent = agent
        self.at = at
    }
}
