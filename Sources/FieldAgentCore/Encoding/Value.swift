/// A JSON-shaped value: what a CRDT register holds, what an event carries, and what the JSON codec reads and writes.
///
/// Objects keep their members sorted by key (``JSONObject``), so equal values encode to equal bytes;
/// digests and golden files rely on that.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([Value])
    case object(JSONObject)

    /// An object value from a dictionary.
    public static func object(_ members: [String: Value]) -> Value { .object(JSONObject(members)) }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var listValue: [Value]? { if case .list(let l) = self { l } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> Value? { objectValue?[key] }

    /// A short name of the value's JSON type, for error messages that must not echo the value itself.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .list: "array"
        case .object: "object"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
