import FieldAgentCore

/// One rule's objection to a proposed contact: the rule, how serious, and why in plain words.
public struct ComplianceFinding: Hashable, Sendable, CustomStringConvertible {
    public var rule: ComplianceRule
    public var severity: ComplianceSeverity
    /// Plain words with the numbers, never personal data, e.g. `7 attempts in the last 7 days (cap 7)`.
    public var reason: String

    /// Creates a finding.
    public init(rule: ComplianceRule, severity: ComplianceSeverity, reason: String) {
        self.rule = rule
        self.severity = severity
        self.reason = reason
    }

    /// `block attempt-cap: 7 attempts in the last 7 days (cap 7)`.
    public var description: String { "\(severity.rawValue) \(rule.id): \(reason)" }

    /// `{"rule", "severity", "reason"}`.
    public var value: Value {
        .object(["rule": .string(rule.id), "severity": .string(severity.rawValue), "reason": .string(reason)])
    }
}
