import FieldAgentCore

/// Everything policy needs to know about one customer: the record and its synced events.
///
/// `contacts` are all agents' contacts with this customer (the guard counts across agents).
/// The lead's replica state, the server and tests all build these the same way.
public struct PolicyCustomer: Hashable, Sendable {
    public var customer: Customer
    public var contacts: [Contact]
    public var promises: [PromiseToPay]
    public var notes: [SatisfactionNote]

    /// Creates the input for one customer.
    public init(
        customer: Customer, contacts: [Contact] = [], promises: [PromiseToPay] = [], notes: [SatisfactionNote] = []
    ) {
        self.customer = customer
        self.contacts = contacts
        self.promises = promises
        self.notes = notes
    }

    /// Groups flat event lists by customer id, in the order of `customers`; events of unknown customers are dropped.
    public static func group(
        customers: [Customer], contacts: [Contact], promises: [PromiseToPay], notes: [SatisfactionNote]
    ) -> [PolicyCustomer] {
        var index: [String: Int] = [:]
        var result: [PolicyCustomer] = []
        result.reserveCapacity(customers.count)
        for customer in customers {
            index[customer.id] = result.count
            result.append(PolicyCustomer(customer: customer))
        }
        for contact in contacts { if let i = index[contact.customerId] { result[i].contacts.append(contact) } }
        for promise in promises { if let i = index[promise.customerId] { result[i].promises.append(promise) } }
        for note in notes { if let i = index[note.customerId] { result[i].notes.append(note) } }
        return result
    }
}
