import FieldAgentCore

/// The day's contact plan: entries in contact order, and everyone else skipped with reasons.
///
/// Every customer given to the planner appears exactly once, in ``entries`` or in ``skipped``.
public struct ContactPlan: Hashable, Sendable {
    /// The local day planned for.
    public var date: LocalDate
    /// Contacts in order: decisive first, then by outstanding × days past due (highest first), then id.
    public var entries: [ContactPlanEntry]
    /// Customers not to contact that day, by id.
    public var skipped: [ContactPlanSkip]
    /// Warnings about the whole plan, e.g. `stale-data`.
    public var warnings: [ComplianceFinding]
    /// The rule set's version.
    public var ruleSetVersion: String

    /// Creates a plan.
    public init(
        date: LocalDate, entries: [ContactPlanEntry], skipped: [ContactPlanSkip], warnings: [ComplianceFinding],
        ruleSetVersion: String
    ) {
        self.date = date
        self.entries = entries
        self.skipped = skipped
        self.warnings = warnings
        self.ruleSetVersion = ruleSetVersion
    }

    /// `plan --json`: `{"date", "entries", "skipped", "warnings", "ruleSet"}`.
    public var value: Value {
        .object([
            "date": .string(date.description),
            "entries": .list(entries.map(\.value)),
            "skipped": .list(skipped.map(\.value)),
            "warnings": .list(warnings.map(\.value)),
            "ruleSet": .string(ruleSetVersion),
        ])
    }
}
