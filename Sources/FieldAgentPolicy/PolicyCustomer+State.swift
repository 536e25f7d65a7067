import FieldAgentCore

extension PolicyCustomer {
    /// The policy input for `customer` with its contacts, promises and notes as `state` holds them.
    ///
    /// Devices and the server read events the same way, so their plans and KPIs agree.
    public init(_ customer: Customer, eventsIn state: ReplicaState) {
        self.init(
            customer: customer, contacts: state.contacts(customer: customer.id),
            promises: state.promises(customer: customer.id), notes: state.notes(customer: customer.id))
    }
}
