/// An event's address inside one customer's record.
struct EventKey: Hashable, Sendable {
    var entity: EntityKind
    var id: String
}
