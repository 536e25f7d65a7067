import Testing

@testable import FieldAgentHTTP

@Suite struct HTTPParserTests {
    private static let post = Array(
        "POST /v1/push?device=d1 HTTP/1.1\r\nHost: example\r\ncontent-LENGTH: 11\r\nX-Trace:  a b \r\n\r\nhello world"
            .utf8)

    private func events(_ text: String, limits: HTTPLimits = .default) -> [HTTPParserEvent] {
        var parser = HTTPParser(limits: limits)
        return parser.receive(Array(text.utf8))
    }

    private func request(_ events: [HTTPParserEvent]) -> HTTPRequest? {
        guard case .request(let request) = events.first else { return nil }
        return request
    }

    @Test("A request with a body parses into its parts")
    func parsesRequest() throws {
        var parser = HTTPParser()
        let parsed = try #require(request(parser.receive(HTTPParserTests.post)))
        #expect(parsed.method == "POST")
        #expect(parsed.target == "/v1/push?device=d1")
        #expect(parsed.path == "/v1/push")
        #expect(parsed.query == "device=d1")
        #expect(parsed.version == .http11)
        #expect(parsed.headers["Content-Length"] == "11")
        #expect(parsed.headers["x-trace"] == "a b")
        #expect(parsed.body == Array("hello world".utf8))
        #expect(parsed.keepAlive)
        #expect(parser.phase == .idle)
    }

    @Test("Feeding one byte at a time gives the same request")
    func byteByByte() {
        var whole = HTTPParser()
        let expected = whole.receive(HTTPParserTests.post)
        var parser = HTTPParser()
        var events: [HTTPParserEvent] = []
        for byte in HTTPParserTests.post {
            events += parser.receive([byte])
        }
        #expect(events == expected)
        #expect(events.count == 1)
    }

    @Test("Splitting two pipelined requests at every pair of read boundaries gives identical events")
    func everySplit() {
        let input = HTTPParserTests.post + Array("GET /b HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        var whole = HTTPParser()
        let expected = whole.receive(input)
        #expect(expected.count == 2)
        for first in 0...input.count {
            for second in first...input.count {
                var parser = HTTPParser()
                var events = parser.receive(input[..<first])
                events += parser.receive(input[first..<second])
                events += parser.receive(input[second...])
                #expect(events == expected, "split at \(first), \(second)")
            }
        }
    }

    @Test("Pipelined requests in one read come out in order")
    func pipelining() {
        let output = events(
            "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nokGET /3 HTTP/1.1\r\nHost: h\r\n\r\n"
        )
        let paths = output.compactMap { event -> String? in
            if case .request(let request) = event { return request.path }
            return nil
        }
        #expect(paths == ["/1", "/2", "/3"])
    }

    @Test("Keep-alive defaults: HTTP/1.1 keeps, Connection: close and HTTP/1.0 close")
    func keepAlive() throws {
        #expect(try #require(request(events("GET / HTTP/1.1\r\nHost: h\r\n\r\n"))).keepAlive)
        #expect(try !#require(request(events("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))).keepAlive)
        #expect(try !#require(request(events("GET / HTTP/1.0\r\n\r\n"))).keepAlive)
        #expect(try #require(request(events("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))).keepAlive)
    }

    @Test("After a closing request, later input yields nothing")
    func closeStopsParsing() {
        let output = events("GET /1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(output.count == 1)
    }

    @Test("Expect: 100-continue asks for Continue before the body is read")
    func expectContinue() throws {
        var parser = HTTPParser()
        let head = parser.receive(
            Array("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(head == [.sendContinue])
        #expect(parser.phase == .body)
        let body = parser.receive(Array("abc".utf8))
        #expect(try #require(request(body)).body == Array("abc".utf8))
    }

    @Test("Expect: 100-continue with a body over the limit is refused with 413 before any Continue")
    func expectContinueTooLarge() {
        let limits = HTTPLimits(maxBodyBytes: 10)
        let output = events(
            "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n", limits: limits)
        #expect(output == [.error(.bodyTooLarge)])
        #expect(HTTPParseError.bodyTooLarge.status == 413)
    }

    @Test(
        "Malformed or refused input gets the documented status",
        arguments: [
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1a\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  continued\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nBad Name: 1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nBad\"Name: 1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\n: empty\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\u{01}b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("GET /  HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET\r\n\r\n", 400),
            ("GET / FTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
            ("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nExpect: something\r\nContent-Length: 3\r\n\r\n", 417),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ])
    func malformed(input: String, status: Int) throws {
        var parser = HTTPParser()
        let output = parser.receive(Array(input.utf8))
        guard case .error(let error) = try #require(output.first) else {
            Issue.record("expected an error for \(input.debugDescription), got \(output)")
            return
        }
        #expect(error.status == status, "\(input.debugDescription): \(error)")
        #expect(output.count == 1)
        #expect(parser.phase == .finished)
        #expect(parser.receive(Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)).isEmpty)
    }

    @Test("Headers over the limit get 431, also while still incomplete")
    func headersTooLarge() {
        let limits = HTTPLimits(maxHeaderBytes: 256, maxRequestTargetBytes: 64)
        let big = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "a", count: 300)
        #expect(events(big, limits: limits) == [.error(.headersTooLarge)])
        #expect(events(big + "\r\n\r\n", limits: limits) == [.error(.headersTooLarge)])
        var many = "GET / HTTP/1.1\r\nHost: h\r\n"
        for index in 0..<5 { many += "X-\(index): 1\r\n" }
        #expect(events(many + "\r\n", limits: HTTPLimits(maxHeaderCount: 4)) == [.error(.headersTooLarge)])
    }

    @Test("A long request target gets 414, complete or not")
    func targetTooLong() {
        let limits = HTTPLimits(maxRequestTargetBytes: 64)
        let target = "/" + String(repeating: "t", count: 100)
        #expect(events("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits) == [.error(.requestTargetTooLong)])
        #expect(events("GET \(target)\(target)", limits: limits) == [.error(.requestTargetTooLong)])
    }

    @Test("A body over the limit gets 413 before the body arrives")
    func bodyTooLarge() {
        let output = events(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n", limits: HTTPLimits(maxBodyBytes: 8))
        #expect(output == [.error(.bodyTooLarge)])
    }

    @Test("A body exactly at the limit is accepted")
    func bodyAtLimit() throws {
        let output = events(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 8\r\n\r\n12345678", limits: HTTPLimits(maxBodyBytes: 8))
        #expect(try #require(request(output)).body.count == 8)
    }

    @Test("Empty lines before a request line are skipped; HTTP/1.0 needs no Host")
    func leadingEmptyLines() throws {
        let parsed = try #require(request(events("\r\n\r\nGET /x HTTP/1.0\r\n\r\n")))
        #expect(parsed.path == "/x")
        #expect(parsed.version == .http10)
    }

    @Test("Absolute-form targets yield the path and query")
    func absoluteForm() {
        #expect(HTTPRequest.split(target: "http://h:1/a/b?c=d") == ("/a/b", "c=d"))
        #expect(HTTPRequest.split(target: "http://h") == ("/", nil))
        #expect(HTTPRequest.split(target: "/p?") == ("/p", ""))
        #expect(HTTPRequest.split(target: "*") == ("*", nil))
    }

    @Test("Phases track idle, head and body for deadlines")
    func phases() {
        var parser = HTTPParser()
        #expect(parser.phase == .idle)
        _ = parser.receive(Array("POST / HTTP/1.1\r\n".utf8))
        #expect(parser.phase == .head)
        _ = parser.receive(Array("Host: h\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.phase == .body)
        _ = parser.receive(Array("ok".utf8))
        #expect(parser.phase == .idle)
    }
}
