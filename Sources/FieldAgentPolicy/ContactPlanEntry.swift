import FieldAgentCore

/// One planned contact: who, why, by which channel and when (in the customer's local time and in UTC).
public struct ContactPlanEntry: Hashable, Sendable {
    public var customerId: String
    public var treatment: Treatment
    /// The treatment's reasons.
    public var reasons: [String]
    public var channel: Channel
    /// Why this channel: the preferred one, or which fallback and why the preferred one is barred.
    public var channelReason: String
    /// The local window in the customer's time zone, e.g. `17:00-19:00`.
    public var window: ContactWindow
    /// Why this window: inside the preferred window, or the nearest allowed one.
    public var windowReason: String
    /// The customer's IANA time zone, in which ``window`` is meant.
    public var timeZone: String
    /// The window's start and end as instants.
    public var start: Instant
    public var end: Instant
    /// A visit that must be agreed with the customer first (`care`).
    public var appointment: Bool
    /// What to do besides collecting, e.g. `offer forbearance and debt advice`.
    public var actions: [String]
    /// The guard's warnings for this contact (blocks never reach an entry).
    public var warnings: [ComplianceFinding]
    /// Outstanding balance in minor units (sum of the accounts, currencies not converted).
    public var outstanding: Int64
    public var daysPastDue: Int
    /// The order key: outstanding × days past due.
    public var priority: Int64

    /// Creates an entry.
    public init(
        customerId: String, treatment: Treatment, reasons: [String], channel: Channel, channelReason: String,
        window: ContactWindow, windowReason: String, timeZone: String, start: Instant, end: Instant,
        appointment: Bool, actions: [String], warnings: [ComplianceFinding], outstanding: Int64, daysPastDue: Int,
        priority: Int64
    ) {
        self.customerId = customerId
        self.treatment = treatment
        self.reasons = reasons
        self.channel = channel
        self.channelReason = channelReason
        self.window = window
        self.windowReason = windowReason
        self.timeZone = timeZone
        self.start = start
        self.end = end
        self.appointment = appointment
        self.actions = actions
        self.warnings = warnings
        self.outstanding = outstanding
        self.daysPastDue = daysPastDue
        self.priority = priority
    }

    /// The `plan --json` entry: `customerId`, `treatment`, `reasons`, `channel`, `window` and the rest.
    public var value: Value {
        .object([
            "customerId": .string(customerId),
            "treatment": .string(treatment.rawValue),
            "reasons": .list(reasons.map { .string($0) }),
            "channel": .string(channel.rawValue),
            "channelReason": .string(channelReason),
            "window": .string(window.description),
            "windowReason": .string(windowReason),
            "timeZone": .string(timeZone),
            "start": .string(start.description),
            "end": .string(end.description),
            "appointment": .bool(appointment),
            "actions": .list(actions.map { .string($0) }),
            "warnings": .list(warnings.map(\.value)),
            "outstanding": .int(outstanding),
            "daysPastDue": .int(Int64(daysPastDue)),
            "priority": .int(priority),
        ])
    }
}
