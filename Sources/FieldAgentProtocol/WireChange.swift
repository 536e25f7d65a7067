import FieldAgentCore

/// The JSON form of a ``Change`` on the wire (protocol.md → Changes on the wire), used by
/// every message that carries changes.
///
/// ```json
/// {"id": "alice-laptop-1f3a:17", "wall": 1795941000123, "logical": 0, "agent": "alice",
///  "customer": "C-1001", "entity": "customer", "entityId": "C-1001", "field": "phone",
///  "op": "set", "value": "+358401234567", "replaces": ["alice-laptop-1f3a:16"]}
/// ```
/// `entityId` is omitted when it equals `customer`; `field` when empty; `replaces` when empty.
public enum WireChange {
    /// The JSON value of `change`.
    public static func encode(_ change: Change) -> Value {
        var o: [String: Value] = [
            "id": .string(change.id.description), "wall": .int(change.hlc.wallMillis),
            "logical": .int(Int64(change.hlc.logical)), "agent": .string(change.agent),
            "customer": .string(change.target.customer), "entity": .string(change.target.entity.name),
            "op": .string(change.op.name), "value": change.value,
        ]
        if change.target.id != change.target.customer { o["entityId"] = .string(change.target.id) }
        if !change.target.field.isEmpty { o["field"] = .string(change.target.field) }
        if !change.replaces.isEmpty { o["replaces"] = .list(change.replaces.map { .string($0.description) }) }
        return .object(o)
    }

    /// Reads a change, naming the first malformed member. Checks shape only; the server checks meaning.
    public static func decode(_ value: Value, path: String = "change") throws(ValidationError) -> Change {
        let o = try Node(value, path).object(allowed: [
            "id", "wall", "logical", "agent", "customer", "entity", "entityId", "field", "op", "value", "replaces",
        ])
        let id = try o.required("id").parsed("not a change id (replica:counter)") { ChangeID($0) }
        let wall = try o.required("wall").integer(min: 0)
        let logical = try o.required("logical").integer(min: 0)
        guard logical <= Int64(UInt32.max) else { throw ValidationError(path: "\(path).logical", problem: "too large") }
        let agent = try o.required("agent").string(FieldRules.id)
        let customer = try o.required("customer").string(FieldRules.id)
        let entity = try o.required("entity").parsed("must be one of customer, contact, promise, note") {
            EntityKind(name: $0)
        }
        let entityID = try o.optional("entityId")?.string(FieldRules.id) ?? customer
        let field = try o.optional("field")?.string { $0.utf8.count <= 64 ? nil : "longer than 64 characters" } ?? ""
        let op = try o.required("op").parsed("must be one of set, flag, create, erase") { Operation(name: $0) }
        let changeValue = o.members["value"] ?? .null
        var replaces: [ChangeID] = []
        for item in try o.optional("replaces")?.list() ?? [] {
            replaces.append(try item.parsed("not a change id (replica:counter)") { ChangeID($0) })
        }
        return Change(
            id: id, hlc: HLCTimestamp(wallMillis: wall, logical: UInt32(logical)), agent: agent,
            target: Target(customer: customer, entity: entity, id: entityID, field: field), op: op, value: changeValue,
            replaces: replaces)
    }
}
