/// One edit, by an agent on a device or by the back office, before it becomes a numbered,
/// stamped ``Change``.
///
/// ``ChangeMaker`` is the one place edits become changes, so a device, the back office and the
/// CRDT-law tests all make changes the same way.
public enum Edit: Sendable, Hashable {
    /// Write a customer or note field (replacing every value shown now, so it also resolves a conflict).
    case set(Target, Value)
    /// Add (`true`) or remove (`false`) a flag on a customer.
    case flag(customer: String, flag: String, present: Bool)
    /// Create an event (contact, promise, note) with its protocol.md body.
    case create(EntityKind, id: String, customer: String, body: Value)
    /// Erase a customer everywhere the change reaches.
    case erase(customer: String)

    /// What the edit writes to.
    public var target: Target {
        switch self {
        case .set(let target, _): target
        case .flag(let customer, let flag, _): Target(customer: customer, field: flag)
        case .create(let entity, let id, let customer, _): Target(customer: customer, entity: entity, id: id)
        case .erase(let customer): Target(customer: customer)
        }
    }

    /// The merge operation the edit becomes.
    public var operation: Operation {
        switch self {
        case .set: .set
        case .flag: .flag
        case .create: .create
        case .erase: .erase
        }
    }

    /// The change's value.
    public var value: Value {
        switch self {
        case .set(_, let value): value
        case .flag(_, _, let present): .bool(present)
        case .create(_, _, _, let body): body
        case .erase: .null
        }
    }
}
