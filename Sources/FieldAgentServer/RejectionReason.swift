/// Reason codes the server adds to ``ChangeValidator``'s own (protocol.md → per-change results).
public enum RejectionReason: String, Sendable, CaseIterable {
    case notAssigned = "not-assigned"
    case customerErased = "customer-erased"
    case wrongAgent = "wrong-agent"
    case idReused = "id-reused"
    case clockSkew = "clock-skew"
    case invalidTarget = "invalid-target"

    /// The default detail sentence.
    public var detail: String {
        switch self {
        case .notAssigned: "this customer is not assigned to you; the change was not stored"
        case .customerErased: "this customer was erased; the change was dropped"
        case .wrongAgent: "the change's agent is not the agent of the token"
        case .idReused: "another change was stored under this id; create changes with new counters"
        case .clockSkew:
            "the change is stamped more than 5 minutes ahead of the server's clock; re-stamp it with corrected time"
        case .invalidTarget: "this change cannot be made by a device"
        }
    }
}
