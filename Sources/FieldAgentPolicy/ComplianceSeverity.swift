/// Whether a finding forbids the contact or only warns about it.
public enum ComplianceSeverity: String, Codable, CaseIterable, Sendable {
    /// The contact must not be made (the plan skips it; `contact log` still records what happened).
    case block
    /// The contact may be made, but someone should know.
    case warning
}
