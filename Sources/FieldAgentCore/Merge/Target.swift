/// Where a change applies: a field of an entity that belongs to a customer.
///
/// For the customer's own fields `entity` is `.customer` and `id` is the customer id.
/// Events (`create`) and erasures leave `field` empty.
public struct Target: Hashable, Sendable {
    public var customer: String
    public var entity: EntityKind
    public var id: String
    public var field: String

    public init(customer: String, entity: EntityKind = .customer, id: String? = nil, field: String = "") {
        self.customer = customer
        self.entity = entity
        self.id = id ?? customer
        self.field = field
    }
}
