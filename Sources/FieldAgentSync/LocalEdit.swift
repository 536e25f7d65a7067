import FieldAgentCore

/// One edit a person makes on this device, before it becomes a numbered, stamped ``Change``.
///
/// ``ReplicaStore/record(_:agent:)`` turns a list of edits into changes and commits them in one
/// durable transaction, so a contact and the promise made at it are saved together or not at all.
public enum LocalEdit: Sendable, Hashable {
    /// Write a customer or note field (replacing every value shown now, so it also resolves a conflict).
    case set(Target, Value)
    /// Add (`true`) or remove (`false`) a flag on a customer.
    case flag(customer: String, flag: String, present: Bool)
    /// Create an event (contact, promise, note) with its protocol.md body.
    case create(EntityKind, id: String, customer: String, body: Value)

    var target: Target {
        switch self {
        case .set(let target, _): target
        case .flag(let customer, let flag, _): Target(customer: customer, field: flag)
        case .create(let entity, let id, let customer, _): Target(customer: customer, entity: entity, id: id)
        }
    }

    var operation: Operation {
        switch self {
        case .set: .set
        case .flag: .flag
        case .create: .create
        }
    }

    var value: Value {
        switch self {
        case .set(_, let value): value
        case .flag(_, _, let present): .bool(present)
        case .create(_, _, _, let body): body
        }
    }
}
