import FieldAgentCore
import FieldAgentSync

/// The JSON and text forms of a change the server rejected.
enum RejectedView {
    static func value(_ r: RejectedChange) -> Value {
        var o: [String: Value] = [
            "id": .string(r.id.description), "customerId": .string(r.customer), "reason": .string(r.reason),
        ]
        if let detail = r.detail { o["detail"] = .string(detail) }
        if let change = r.change {
            o["field"] = .string(change.target.field.isEmpty ? change.target.entity.name : change.target.field)
        }
        return .object(o)
    }
}
