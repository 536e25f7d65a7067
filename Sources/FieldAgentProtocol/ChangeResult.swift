import FieldAgentCore

/// The server's verdict on one pushed change: one element of a push answer's `results`
/// (protocol.md → `POST /v1/push`).
public struct ChangeResult: Hashable, Sendable {
    /// What happened to the change.
    public enum Status: String, Sendable, CaseIterable {
        /// Stored durably and will reach every assigned device.
        case accepted
        /// Already stored earlier (a retried push); nothing changed.
        case duplicate
        /// Refused; `reason` says why. The client keeps it visible.
        case rejected
    }

    /// The pushed change's id.
    public var id: ChangeID
    /// The verdict.
    public var status: Status
    /// Why a rejected change was refused.
    public var reason: RejectionReason?
    /// A sentence a person can act on; never quotes personal data.
    public var detail: String?

    /// A result with the given members.
    public init(id: ChangeID, status: Status, reason: RejectionReason? = nil, detail: String? = nil) {
        self.id = id
        self.status = status
        self.reason = reason
        self.detail = detail
    }

    /// A `rejected` result for `reason`, with `detail` or the reason's default sentence.
    public static func rejected(_ id: ChangeID, _ reason: RejectionReason, detail: String? = nil) -> ChangeResult {
        ChangeResult(id: id, status: .rejected, reason: reason, detail: detail ?? reason.defaultDetail)
    }

    /// The JSON form: `{"id", "status", "reason"?, "detail"?}`.
    public var json: Value {
        var o: [String: Value] = ["id": .string(id.description), "status": .string(status.rawValue)]
        if let reason { o["reason"] = .string(reason.rawValue) }
        if let detail { o["detail"] = .string(detail) }
        return .object(o)
    }

    /// Reads a result; `path` names it in errors.
    public init(json: Value, path: String = "result") throws(ValidationError) {
        // Unknown keys in answers are ignored (protocol.md), so a newer server may add some.
        let o = try Node(json, path).lenientObject()
        id = try o.required("id").parsed("not a change id") { ChangeID($0) }
        status = try o.required("status").parsed("unknown status") { Status(rawValue: $0) }
        let spelling = try o.optional("reason")?.string { _ in nil }
        reason = spelling.map { RejectionReason(rawValue: $0) }
        detail = try o.optional("detail")?.string { _ in nil }
    }
}
