import FieldAgentCore

/// The compliance guard's answer for one proposed contact: every finding, blocks first.
public struct ComplianceVerdict: Hashable, Sendable {
    /// All findings; empty means the contact is fine.
    public var findings: [ComplianceFinding]

    /// Creates a verdict, ordering blocks before warnings (stable within each).
    public init(findings: [ComplianceFinding]) {
        self.findings = findings.filter { $0.severity == .block } + findings.filter { $0.severity == .warning }
    }

    /// The findings that forbid the contact.
    public var blocks: [ComplianceFinding] { findings.filter { $0.severity == .block } }
    /// The findings that only warn.
    public var warnings: [ComplianceFinding] { findings.filter { $0.severity == .warning } }
    /// True when the contact may be made (warnings allowed).
    public var isAllowed: Bool { !findings.contains { $0.severity == .block } }

    /// `{"allowed", "findings": [{"rule", "severity", "reason"}]}`.
    public var value: Value {
        .object(["allowed": .bool(isAllowed), "findings": .list(findings.map(\.value))])
    }
}
