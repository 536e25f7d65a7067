/// The query of `GET /v1/pull?cursor=C&limit=N` (protocol.md → `GET /v1/pull`).
public struct PullRequest: Sendable, Equatable {
    /// The cursor of the last saved page, opaque to the client; nil pulls from the start.
    public var cursor: String?
    /// The most changes the page may hold (a customer's full state is never split, so it may hold more).
    public var limit: Int

    /// A pull after `cursor`.
    public init(cursor: String? = nil, limit: Int = ProtocolLimits.defaultPageLimit) {
        self.cursor = cursor
        self.limit = limit
    }

    /// The request target: `/v1/pull?limit=N`, then `&cursor=C` with the cursor percent-encoded.
    public var target: String {
        var target = SyncEndpoint.pull.path + "?limit=\(limit)"
        if let cursor { target += "&cursor=" + PullRequest.percentEncoded(cursor) }
        return target
    }

    /// Reads the query (the part after `?`, nil when there is none) as the server does: unknown
    /// parameters are ignored, a repeated one counts last, values are read as sent.
    ///
    /// The server issues cursors as unsigned decimal integers, so any other cursor is `bad-cursor`.
    public init(query: String?) throws(PullRequestError) {
        self.init()
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count == 2 ? String(parts[1]) : ""
            switch parts[0] {
            case "cursor":
                guard UInt64(value) != nil else { throw .badCursor }
                cursor = value
            case "limit":
                guard let parsed = Int(value), ProtocolLimits.pageLimits.contains(parsed) else { throw .badLimit }
                limit = parsed
            default: continue
            }
        }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (cursors are opaque).
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(out)
    }
}
