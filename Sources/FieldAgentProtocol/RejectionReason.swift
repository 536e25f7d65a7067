/// Why the server refused one pushed change: the `reason` of a `rejected` result
/// (protocol.md → per-change results), with its wire spelling and a default detail sentence.
///
/// The one list of reasons: the server's scoping rules, ``ChangeValidator`` and the client all
/// use it. A reason this version does not know (from a newer server) is kept as
/// ``unrecognized(_:)`` so the device still shows it instead of refusing the whole answer.
public enum RejectionReason: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    /// The customer is not assigned to the token's agent.
    case notAssigned
    /// The customer was erased.
    case customerErased
    /// No such field or flag.
    case unknownField
    /// Wrong type, unknown enum value, out-of-range score, text too long, bad date.
    case invalidValue
    /// A change no device may make (editing a contact, creating a customer, a reserved replica id…).
    case invalidTarget
    /// `agents` and `accounts` belong to the back office.
    case readOnlyField
    /// The change's `agent` is not the token's agent.
    case wrongAgent
    /// The id was stored before with different content.
    case idReused
    /// `wall` is more than ``ProtocolLimits/maxClockSkewMillis`` ahead of the server's clock, or
    /// before ``ProtocolLimits/epochMillis``.
    case clockSkew
    /// The change's replica id is not the pushing device's (`device`).
    case wrongReplica
    /// A `create` of an event id that exists with other content: events are created once.
    case alreadyExists
    /// The change refers to an event (a note, a contact) that does not exist.
    case unknownReference
    /// A reason this version does not know, as spelled on the wire.
    case unrecognized(String)

    /// Every reason protocol version 1 defines, in protocol.md's order.
    public static let known: [RejectionReason] = [
        .notAssigned, .customerErased, .unknownField, .invalidValue, .invalidTarget, .readOnlyField, .wrongAgent,
        .idReused, .clockSkew, .wrongReplica, .alreadyExists, .unknownReference,
    ]

    /// The reason spelled `rawValue` on the wire; ``unrecognized(_:)`` when it is not a known one.
    public init(rawValue: String) {
        self = RejectionReason.known.first { $0.rawValue == rawValue } ?? .unrecognized(rawValue)
    }

    /// The wire spelling, e.g. `not-assigned`.
    public var rawValue: String {
        switch self {
        case .notAssigned: "not-assigned"
        case .customerErased: "customer-erased"
        case .unknownField: "unknown-field"
        case .invalidValue: "invalid-value"
        case .invalidTarget: "invalid-target"
        case .readOnlyField: "read-only-field"
        case .wrongAgent: "wrong-agent"
        case .idReused: "id-reused"
        case .clockSkew: "clock-skew"
        case .wrongReplica: "wrong-replica"
        case .alreadyExists: "already-exists"
        case .unknownReference: "unknown-reference"
        case .unrecognized(let spelling): spelling
        }
    }

    /// The wire spelling.
    public var description: String { rawValue }

    /// The detail sentence sent when no more specific one applies; never quotes request data.
    public var defaultDetail: String {
        switch self {
        case .notAssigned: "this customer is not assigned to you; the change was not stored"
        case .customerErased: "this customer was erased; the change was dropped"
        case .unknownField: "no such field or flag"
        case .invalidValue: "the value is not valid for this field"
        case .invalidTarget: "this change cannot be made by a device"
        case .readOnlyField: "this field is set by the back office"
        case .wrongAgent: "the change's agent is not the agent of the token"
        case .idReused: "another change was stored under this id; create changes with new counters"
        case .clockSkew:
            "the change is stamped more than 5 minutes ahead of the server's clock, or before 2020; "
                + "re-stamp it with corrected time"
        case .wrongReplica: "the change's replica id is not this device's; a device pushes only its own changes"
        case .alreadyExists: "an event with this id exists with other content; events are created once"
        case .unknownReference: "the change refers to an event that does not exist"
        case .unrecognized: "the server refused this change"
        }
    }
}
