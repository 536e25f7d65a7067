import FieldAgentCore

/// What recording one push response changed on the device.
public struct PushOutcome: Sendable, Equatable {
    /// Changes the server stored now.
    public var accepted = 0
    /// Changes the server had already stored (a retried push).
    public var duplicates = 0
    /// Changes refused, kept visible in ``ReplicaStore/rejected``.
    public var rejected: [RejectedChange] = []
    /// Replacements made for changes refused with `clock-skew` (re-stamped with corrected time) or
    /// `id-reused` below the server's high-water mark (renumbered above it), under new ids.
    public var restamped: [Change] = []
    /// How many of ``restamped`` were renumbered after `id-reused`.
    public var renumbered = 0

    /// An empty outcome.
    public init() {}
}
