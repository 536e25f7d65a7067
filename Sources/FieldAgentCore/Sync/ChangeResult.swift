/// The server's verdict on one pushed change (protocol.md → Per-change results).
public struct ChangeResult: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        /// Stored durably and will reach every assigned device.
        case accepted
        /// Already stored earlier (a retried push); nothing changed.
        case duplicate
        /// Refused; `reason` says why. The client keeps it visible.
        case rejected
    }

    public var id: ChangeID
    public var status: Status
    /// A stable reason code for rejections, e.g. `not-assigned`, `invalid-value`.
    public var reason: String?
    /// A sentence a person can act on; never quotes personal data.
    public var detail: String?

    public init(id: ChangeID, status: Status, reason: String? = nil, detail: String? = nil) {
        self.id = id
        self.status = status
        self.reason = reason
        self.detail = detail
    }

    public var json: Value {
        var o: [String: Value] = ["id": .string(id.description), "status": .string(status.rawValue)]
        if let reason { o["reason"] = .string(reason) }
        if let detail { o["detail"] = .string(detail) }
        return .object(o)
    }

    public init(json: Value) throws(ValidationError) {
        let o = try Node(json, "result").object(allowed: ["id", "status", "reason", "detail"])
        id = try o.required("id").parsed("not a change id") { ChangeID($0) }
        status = try o.required("status").parsed("unknown status") { Status(rawValue: $0) }
        reason = try o.optional("reason")?.string { _ in nil }
        detail = try o.optional("detail")?.string { _ in nil }
    }
}
