import FieldAgentCore

/// A treatment with the reasons, in plain words and with the deciding numbers, and the rule set's version.
public struct TreatmentDecision: Hashable, Sendable {
    public var treatment: Treatment
    /// Plain-language reasons, e.g. `first late payment after 11 on-time payments in 12 months`.
    public var reasons: [String]
    /// ``PolicyConfiguration/version`` of the rule set that decided.
    public var ruleSetVersion: String
    /// The behaviour the decision was made from.
    public var behaviour: PaymentBehaviour

    /// Creates a decision.
    public init(treatment: Treatment, reasons: [String], ruleSetVersion: String, behaviour: PaymentBehaviour) {
        self.treatment = treatment
        self.reasons = reasons
        self.ruleSetVersion = ruleSetVersion
        self.behaviour = behaviour
    }

    /// `{"name", "reasons", "ruleSet"}`, the `treatment` object of `customer show --json`.
    public var value: Value {
        .object([
            "name": .string(treatment.rawValue),
            "reasons": .list(reasons.map { .string($0) }),
            "ruleSet": .string(ruleSetVersion),
        ])
    }
}
