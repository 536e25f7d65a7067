/// A field with several concurrent values that nobody has resolved yet.
public struct Conflict: Hashable, Sendable {
    public var customer: String
    public var entity: EntityKind
    /// The entity id: the customer id, or a note id for a satisfaction note's field.
    public var id: String
    public var field: String
    /// The concurrent values, winner first (the one shown until resolved).
    public var values: [Change]

    /// `field` for customer fields, `note:ID.field` for a note's field.
    public var fieldPath: String { entity == .customer ? field : "\(entity.name):\(id).\(field)" }
}
