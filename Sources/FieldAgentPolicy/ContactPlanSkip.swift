import FieldAgentCore

/// A customer left out of the day's plan, with the rules and reasons that left them out.
public struct ContactPlanSkip: Hashable, Sendable {
    public var customerId: String
    public var treatment: Treatment
    /// Plain-language reasons: the treatment's for `hold`, otherwise the blocking rules'.
    public var reasons: [String]
    /// The ids of the rules that skipped the customer, e.g. `flag:dispute`, `attempt-cap`, `contact-hours`.
    public var rules: [String]

    /// Creates a skip record.
    public init(customerId: String, treatment: Treatment, reasons: [String], rules: [String]) {
        self.customerId = customerId
        self.treatment = treatment
        self.reasons = reasons
        self.rules = rules
    }

    /// The `plan --json` skipped item: `customerId`, `treatment`, `reasons`, `rules`.
    public var value: Value {
        .object([
            "customerId": .string(customerId),
            "treatment": .string(treatment.rawValue),
            "reasons": .list(reasons.map { .string($0) }),
            "rules": .list(rules.map { .string($0) }),
        ])
    }
}
