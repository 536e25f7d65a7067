/// An RFC 9457 problem detail, the body of every error response.
///
/// Give `title` and `detail` text a person can act on; never put personal data in them,
/// because clients log these bodies.
public struct HTTPProblem: Sendable, Equatable {
    /// The media type of a problem body.
    public static let contentType = "application/problem+json"

    /// A URI naming the problem type; `about:blank` when the status says it all.
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// An explanation of this occurrence, if any.
    public var detail: String?

    /// A problem with the given members.
    public init(type: String = "about:blank", status: Int, title: String, detail: String? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
    }

    /// The JSON object `{"type", "title", "status", "detail"}` as UTF-8 bytes.
    public func jsonBytes() -> [UInt8] {
        var json = "{\"type\":" + HTTPProblem.quoted(type) + ",\"title\":" + HTTPProblem.quoted(title)
        json += ",\"status\":\(status)"
        if let detail { json += ",\"detail\":" + HTTPProblem.quoted(detail) }
        json += "}"
        return Array(json.utf8)
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
