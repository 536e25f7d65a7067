/// Why a pull's query was refused (`400`; nothing is sent).
public enum PullRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `cursor` is not a value an earlier pull returned (an unsigned decimal integer).
    case badCursor
    /// `limit` is not an integer within ``ProtocolLimits/pageLimits``.
    case badLimit

    public var description: String {
        switch self {
        case .badCursor: "cursor must be a value returned by an earlier pull, or 0"
        case .badLimit:
            "limit must be an integer from \(ProtocolLimits.pageLimits.lowerBound) to \(ProtocolLimits.pageLimits.upperBound)"
        }
    }
}
