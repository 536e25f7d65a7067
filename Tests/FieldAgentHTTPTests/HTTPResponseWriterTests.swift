import Testing

@testable import FieldAgentHTTP

@Suite struct HTTPResponseWriterTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("Status line, handler fields, Content-Length, then the body")
    func basic() {
        let response = HTTPResponse(status: 200, text: "hi")
        let bytes = HTTPResponseWriter.serialize(response, keepAlive: true)
        #expect(
            text(bytes) == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test("Closing adds Connection: close; HTTP/1.0 keep-alive is confirmed")
    func connectionField() {
        let response = HTTPResponse(status: 404)
        #expect(
            text(HTTPResponseWriter.serialize(response, keepAlive: false))
                == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        #expect(
            text(HTTPResponseWriter.serialize(response, version: .http10, keepAlive: true))
                == "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test("Framing fields from the handler are replaced; CR and LF in values cannot split the response")
    func ownedFields() {
        let response = HTTPResponse(
            status: 200, headers: ["content-length": "99", "Connection": "x", "X-A": "a\r\nInjected: 1"], body: [1])
        #expect(
            text(HTTPResponseWriter.serialize(response, keepAlive: true))
                == "HTTP/1.1 200 OK\r\nX-A: a  Injected: 1\r\nContent-Length: 1\r\n\r\n\u{01}")
    }

    @Test("HEAD gets the length without the body; 204 gets neither")
    func bodiless() {
        let response = HTTPResponse(status: 200, text: "abc")
        #expect(
            text(HTTPResponseWriter.serialize(response, method: "HEAD", keepAlive: true)).hasSuffix(
                "Content-Length: 3\r\n\r\n"))
        #expect(
            text(HTTPResponseWriter.serialize(HTTPResponse(status: 204), keepAlive: true))
                == "HTTP/1.1 204 No Content\r\n\r\n")
    }

    @Test("Problem details are RFC 9457 JSON with escaped strings")
    func problem() {
        let problem = HTTPProblem(status: 422, title: "Invalid \"change\"", detail: "line1\nline2\u{01}")
        let response = HTTPResponse(problem: problem)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(
            text(response.body)
                == #"{"type":"about:blank","title":"Invalid \"change\"","status":422,"detail":"line1\nline2\u0001"}"#)
        let parseError = HTTPResponse(parseError: .headersTooLarge)
        #expect(parseError.status == 431)
        #expect(text(parseError.body).contains("\"title\":\"Request Header Fields Too Large\""))
    }

    @Test("The interim 100 Continue response is a bare status line")
    func continueBytes() {
        #expect(text(HTTPResponseWriter.continueBytes) == "HTTP/1.1 100 Continue\r\n\r\n")
    }
}
