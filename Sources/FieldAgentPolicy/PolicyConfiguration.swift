import FieldAgentCore

/// The versioned credit-policy rule set: every threshold the behaviour, treatment, plan and guard use.
///
/// The defaults live in one place, `Fixtures/policy/default-policy.json`, which is also embedded as
/// ``PolicyConfiguration/standard`` (a test keeps the two equal). Another rule set can be loaded
/// with ``PolicyConfiguration/load(_:)``. Key meanings:
///
/// - `version`: names the rule set; reported with every treatment so a decision can be traced.
/// - `graceDays`: an installment paid up to this many days after its due date still counts as on time.
/// - `lateWindowMonths`: the behaviour window for on-time share and late payments (12).
/// - `brokenPromiseWindowMonths`: the window for broken promises (6).
/// - `understandingMaxLatePayments`, `understandingMaxBrokenPromises`, `understandingMaxDaysPastDue`:
///   rule 3 matches when all three hold (1, 0, 30).
/// - `decisiveMinLatePayments`, `decisiveMinBrokenPromises`, `decisiveDaysPastDueAbove`:
///   rule 4 matches when any one holds (4 or more, 2 or more, more than 60).
/// - `decisiveContactWithinDays`: how soon a decisive customer must be contacted (1).
/// - `contactHours`: allowed local hours per weekday (08:00–21:00 Monday–Saturday, none on Sunday).
/// - `attemptCap` attempts within `attemptCapDays` days, counted across all agents (7 in 7).
/// - `rightPartyPauseDays`: no contact for this many days after a right-party conversation (7),
///   unless the customer asked for a callback.
/// - `staleSyncHours`: data older than this since the last sync gets a warning (24).
/// - `slotMinutes`: the length of a planned window when the preferred window cannot be used (60).
/// - `channelFallback`: the order in which channels are tried when the preferred one is barred.
/// - `satisfiedMinScore`: the CSAT score from which a customer counts as satisfied (4).
public struct PolicyConfiguration: Codable, Hashable, Sendable {
    public var version: String
    public var graceDays: Int
    public var lateWindowMonths: Int
    public var brokenPromiseWindowMonths: Int
    public var understandingMaxLatePayments: Int
    public var understandingMaxBrokenPromises: Int
    public var understandingMaxDaysPastDue: Int
    public var decisiveMinLatePayments: Int
    public var decisiveMinBrokenPromises: Int
    public var decisiveDaysPastDueAbove: Int
    public var decisiveContactWithinDays: Int
    public var contactHours: ContactHours
    public var attemptCap: Int
    public var attemptCapDays: Int
    public var rightPartyPauseDays: Int
    public var staleSyncHours: Int
    public var slotMinutes: Int
    public var channelFallback: [Channel]
    public var satisfiedMinScore: Int

    /// Creates a rule set; every parameter is documented on the type.
    public init(
        version: String, graceDays: Int, lateWindowMonths: Int, brokenPromiseWindowMonths: Int,
        understandingMaxLatePayments: Int, understandingMaxBrokenPromises: Int, understandingMaxDaysPastDue: Int,
        decisiveMinLatePayments: Int, decisiveMinBrokenPromises: Int, decisiveDaysPastDueAbove: Int,
        decisiveContactWithinDays: Int, contactHours: ContactHours, attemptCap: Int, attemptCapDays: Int,
        rightPartyPauseDays: Int, staleSyncHours: Int, slotMinutes: Int, channelFallback: [Channel],
        satisfiedMinScore: Int
    ) {
        self.version = version
        self.graceDays = graceDays
        self.lateWindowMonths = lateWindowMonths
        self.brokenPromiseWindowMonths = brokenPromiseWindowMonths
        self.understandingMaxLatePayments = understandingMaxLatePayments
        self.understandingMaxBrokenPromises = understandingMaxBrokenPromises
        self.understandingMaxDaysPastDue = understandingMaxDaysPastDue
        self.decisiveMinLatePayments = decisiveMinLatePayments
        self.decisiveMinBrokenPromises = decisiveMinBrokenPromises
        self.decisiveDaysPastDueAbove = decisiveDaysPastDueAbove
        self.decisiveContactWithinDays = decisiveContactWithinDays
        self.contactHours = contactHours
        self.attemptCap = attemptCap
        self.attemptCapDays = attemptCapDays
        self.rightPartyPauseDays = rightPartyPauseDays
        self.staleSyncHours = staleSyncHours
        self.slotMinutes = slotMinutes
        self.channelFallback = channelFallback
        self.satisfiedMinScore = satisfiedMinScore
    }
}
