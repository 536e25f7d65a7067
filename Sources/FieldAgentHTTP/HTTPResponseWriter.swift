/// Serialises responses to HTTP/1.1 bytes. Pure: it only appends to a byte array.
///
/// It owns the framing fields: it writes `Content-Length` (none for 1xx, 204 and 304),
/// `Connection: close` when the connection will close, and `Connection: keep-alive` when
/// an HTTP/1.0 client asked to keep it. A response to `HEAD` carries the length but no body.
public enum HTTPResponseWriter {
    /// The interim response that tells a client waiting on `Expect: 100-continue` to send its body.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// `response` as bytes, for a request with `method` and `version`, closing or keeping the connection.
    public static func serialize(
        _ response: HTTPResponse, method: String = "GET", version: HTTPVersion = .http11, keepAlive: Bool
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        write(response, method: method, version: version, keepAlive: keepAlive, into: &bytes)
        return bytes
    }

    /// Appends `response` to `bytes`; see ``serialize(_:method:version:keepAlive:)``.
    public static func write(
        _ response: HTTPResponse, method: String, version: HTTPVersion, keepAlive: Bool, into bytes: inout [UInt8]
    ) {
        let status = response.status
        let bodyAllowed = !(100..<200).contains(status) && status != 204 && status != 304
        bytes.reserveCapacity(bytes.count + 128 + response.headers.count * 32 + response.body.count)
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: HTTPStatus.reasonPhrase(for: status).utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        for field in response.headers {
            if HTTPHeaders.namesEqual(field.name, "Content-Length") || HTTPHeaders.namesEqual(field.name, "Connection")
                || HTTPHeaders.namesEqual(field.name, "Transfer-Encoding")
            {
                continue
            }
            appendField(field.name, field.value, to: &bytes)
        }
        if bodyAllowed {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &bytes)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        if !keepAlive {
            bytes.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http10 {
            bytes.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
        if bodyAllowed && method != "HEAD" {
            bytes.append(contentsOf: response.body)
        }
    }

    private static func appendField(_ name: String, _ value: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: ": ".utf8)
        // A CR or LF in a value would split the response; replace such bytes with spaces.
        for byte in value.utf8 {
            bytes.append(byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") ? UInt8(ascii: " ") : byte)
        }
        bytes.append(contentsOf: "\r\n".utf8)
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
