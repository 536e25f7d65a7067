/// The media types of sync messages (protocol.md → Transport, Binary pages, Errors).
public enum MediaType {
    /// Every request and response body by default, and the reference encoding.
    public static let json = "application/json"
    /// A pull page in the compact binary form, when the client asks for it in `Accept`.
    public static let binaryPage = "application/vnd.fieldagent.page"
    /// RFC 9457 error bodies.
    public static let problem = "application/problem+json"

    /// A header value's media type without parameters, lower-cased: `Application/JSON; charset=utf-8`
    /// → `application/json`. Empty for a missing header.
    public static func essence(of header: String?) -> String {
        let type = header?.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingASCIISpaces().lowercased()
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
