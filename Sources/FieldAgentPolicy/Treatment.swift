/// How a customer is approached, from SPEC.md's five rules (first match wins, in this order).
public enum Treatment: String, Codable, CaseIterable, Sendable, Comparable {
    /// A restrictive flag (`dispute`, `suspended`, `insolvency`, `time-barred`, `stop-contact`): no collection contact.
    case hold
    /// `vulnerable` or `hardship`: forbearance and debt advice, visits by appointment only, never decisive.
    case care
    /// Late at most once after a good history: a friendly, personal approach.
    case understanding
    /// Chronically late or far past due: firm and immediate contact.
    case decisive
    /// Everything else.
    case standard

    /// Rule order: the position of this treatment's rule in the rule set.
    public var rank: Int { Treatment.allCases.firstIndex(of: self)! }

    public static func < (lhs: Treatment, rhs: Treatment) -> Bool { lhs.rank < rhs.rank }
}
