/// What a change is about. Every entity belongs to one customer, so erasure and scoping can find it.
public enum EntityKind: UInt8, CaseIterable, Sendable, Comparable {
    case customer = 0
    case contact = 1
    case promise = 2
    case note = 3

    /// The wire name: `customer`, `contact`, `promise`, `note`.
    public var name: String {
        switch self {
        case .customer: "customer"
        case .contact: "contact"
        case .promise: "promise"
        case .note: "note"
        }
    }

    public init?(name: String) {
        guard let kind = EntityKind.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
