import FieldAgentCore

/// A compliance rule, named by a stable id that scripts and logs can rely on.
///
/// Ids: `contact-hours`, `attempt-cap`, `rpc-pause`, `stale-data`, `channel`, and `flag:<flag>` for
/// each restrictive flag (`flag:dispute`, `flag:stop-contact`, `flag:vulnerable`, `flag:do-not-visit`, …).
public struct ComplianceRule: Hashable, Sendable, CustomStringConvertible {
    /// The stable id, e.g. `attempt-cap`.
    public let id: String

    /// A rule by id.
    public init(id: String) { self.id = id }

    /// Contact only within the configured local hours of the customer's time zone.
    public static let contactHours = ComplianceRule(id: "contact-hours")
    /// At most `attemptCap` attempts in `attemptCapDays` days, counted across all agents and devices.
    public static let attemptCap = ComplianceRule(id: "attempt-cap")
    /// No contact within `rightPartyPauseDays` after a right-party conversation, unless a callback was asked for.
    public static let rightPartyPause = ComplianceRule(id: "rpc-pause")
    /// The device's last successful sync is older than `staleSyncHours`.
    public static let staleData = ComplianceRule(id: "stale-data")
    /// The channel cannot be used: no phone number, email or address on file, or barred by a flag.
    public static let channel = ComplianceRule(id: "channel")

    /// The rule a restrictive flag imposes: `flag:<raw value>`.
    public static func flag(_ flag: Flag) -> ComplianceRule { ComplianceRule(id: "flag:\(flag.rawValue)") }

    public var description: String { id }
}
