import FieldAgentCore

/// Why a push body was refused as a whole (nothing of it is stored).
public enum PushRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON (`400 invalid-json`).
    case invalidJSON(JSONError)
    /// A member is missing or has the wrong type; the error names its path (`422 invalid-request`).
    case invalid(ValidationError)
    /// More than ``ProtocolLimits/maxChangesPerPush`` changes (`413 too-many-changes`).
    case tooManyChanges(Int)

    public var description: String {
        switch self {
        case .invalidJSON(let error): error.description
        case .invalid(let error): error.description
        case .tooManyChanges(let count): "\(count) changes; at most \(ProtocolLimits.maxChangesPerPush) per push"
        }
    }
}
