import FieldAgentCore

/// An RFC 9457 problem body as a client reads it: the body of every error answer
/// (`application/problem+json`, protocol.md → Errors).
///
/// Reading is lenient, since proxies in between may answer errors of their own: every member may
/// be missing, and unknown members are ignored.
public struct Problem: Sendable, Equatable {
    /// The `type` URI, e.g. `urn:fieldagent:problem:unauthorized`.
    public var type: String?
    /// The status's reason phrase.
    public var title: String?
    /// The HTTP status.
    public var status: Int?
    /// A sentence a person can act on; never personal data. Not for telling problems apart.
    public var detail: String?
    /// With `device-revoked`: whether the device must delete every customer's data now.
    public var wipe: Bool?

    /// A problem with the given members.
    public init(type: String?, title: String?, status: Int?, detail: String?) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
    }

    /// The problem of `type` with `detail`.
    public init(_ type: ProblemType, detail: String) {
        self.init(type: type.uri, title: type.title, status: type.status, detail: detail)
    }

    /// The protocol's problem type, or nil for a type this version does not know.
    public var problemType: ProblemType? { type.flatMap(ProblemType.init(uri:)) }

    /// The type's last `:`-separated component, e.g. `token-revoked`; nil when there is no type.
    public var code: String? {
        guard let type, let last = type.split(separator: ":").last, !last.isEmpty else { return nil }
        return String(last)
    }

    /// The JSON form (members that are nil are left out).
    public var json: Value {
        var o: [String: Value] = [:]
        if let type { o["type"] = .string(type) }
        if let title { o["title"] = .string(title) }
        if let status { o["status"] = .int(Int64(status)) }
        if let detail { o["detail"] = .string(detail) }
        if let wipe { o["wipe"] = .bool(wipe) }
        return .object(o)
    }

    /// Reads a problem body; members of the wrong type read as missing.
    public init(json: Value) throws(ValidationError) {
        guard let object = json.objectValue else { throw ValidationError(path: "", problem: "not a problem object") }
        self.init(
            type: object["type"]?.stringValue, title: object["title"]?.stringValue,
            status: object["status"]?.intValue.map { Int($0) }, detail: object["detail"]?.stringValue)
        wipe = object["wipe"]?.boolValue
    }

    /// Reads a problem body from its bytes.
    public init(body: [UInt8]) throws(WireDecodeError) {
        self = try WireDecodeError.decode(body) { (json) throws(ValidationError) in try Problem(json: json) }
    }
}
