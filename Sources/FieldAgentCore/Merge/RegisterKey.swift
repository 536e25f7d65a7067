/// A register's address inside one customer's record.
struct RegisterKey: Hashable, Sendable, Comparable {
    var entity: EntityKind
    var id: String
    var field: String

    init(_ target: Target) {
        entity = target.entity
        id = target.id
        field = target.field
    }

    static func < (lhs: RegisterKey, rhs: RegisterKey) -> Bool {
        (lhs.entity.rawValue, lhs.id, lhs.field) < (rhs.entity.rawValue, rhs.id, rhs.field)
    }
}
