import FieldAgentCore
import FieldAgentProtocol

/// A local change the server refused, kept so the agent can see it and act; never dropped silently.
///
/// `change` keeps the refused edit itself (so it can be shown and entered again) until the
/// customer is erased; `detail` is the server's sentence and never quotes personal data.
public struct RejectedChange: Sendable, Hashable {
    /// The refused change's id.
    public var id: ChangeID
    /// The customer it was aimed at.
    public var customer: String
    /// The stable reason code as spelled on the wire (``RejectionReason``), e.g. `not-assigned`;
    /// kept as text because the device stores and shows it.
    public var reason: String
    /// The server's explanation, if any.
    public var detail: String?
    /// The refused edit, or nil once the customer was erased.
    public var change: Change?

    /// A rejection record.
    public init(id: ChangeID, customer: String, reason: String, detail: String? = nil, change: Change? = nil) {
        self.id = id
        self.customer = customer
        self.reason = reason
        self.detail = detail
        self.change = change
    }

    /// A rejection record for one of the protocol's reasons.
    public init(
        id: ChangeID, customer: String, reason: RejectionReason, detail: String? = nil, change: Change? = nil
    ) {
        self.init(id: id, customer: customer, reason: reason.rawValue, detail: detail, change: change)
    }

    /// The reason as the protocol's ``RejectionReason``.
    public var rejectionReason: RejectionReason { RejectionReason(rawValue: reason) }

    var json: Value {
        var o: [String: Value] = [
            "id": .string(id.description), "customer": .string(customer), "reason": .string(reason),
        ]
        if let detail { o["detail"] = .string(detail) }
        if let change { o["change"] = WireChange.encode(change) }
        return .object(o)
    }

    init?(json: Value) {
        guard let id = json["id"]?.stringValue.flatMap({ ChangeID($0) }), let customer = json["customer"]?.stringValue,
            let reason = json["reason"]?.stringValue
        else { return nil }
        self.init(
            id: id, customer: customer, reason: reason, detail: json["detail"]?.stringValue,
            change: json["change"].flatMap { try? WireChange.decode($0) })
    }
}
