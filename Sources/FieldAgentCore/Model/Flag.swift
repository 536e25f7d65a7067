/// A marker on a customer that changes how, or whether, they may be contacted.
///
/// Flags merge add-wins: a concurrent add and removal keep the flag, so a restrictive
/// flag set by one agent is never lost to another agent's stale removal.
public enum Flag: String, Codable, CaseIterable, Sendable {
    case vulnerable, hardship, dispute, suspended, insolvency
    case timeBarred = "time-barred"
    case stopContact = "stop-contact"
    case doNotVisit = "do-not-visit"

    /// Flags that stop all collection contact (treatment `hold`).
    public static let holding: Set<Flag> = [.dispute, .suspended, .insolvency, .timeBarred, .stopContact]
    /// Flags that call for forbearance and debt advice (treatment `care`).
    public static let caring: Set<Flag> = [.vulnerable, .hardship]
}
