import FieldAgentHTTP
import FieldAgentHTTPServer
import FieldAgentSystem
import Foundation
import Synchronization
import Testing

@Suite struct HTTPServerTests {
    @Test("A request gets the handler's response")
    func normalRequest() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET /v1/health?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try #require(try client.readResponse())
        #expect(response.status == 200)
        #expect(response.text == "GET /v1/health?x=1 0")
        #expect(response.header("Connection") == nil)
    }

    @Test("Keep-alive serves several requests on one connection; Connection: close ends it")
    func keepAlive() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        for index in 0..<5 {
            try client.send(
                "POST /r\(index) HTTP/1.1\r\nHost: h\r\nContent-Length: \(index)\r\n\r\n"
                    + String(repeating: "b", count: index))
            let response = try #require(try client.readResponse())
            #expect(response.text == "POST /r\(index) \(index)")
        }
        try client.send("GET /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        let last = try #require(try client.readResponse())
        #expect(last.header("Connection") == "close")
        #expect(client.waitForClose())
    }

    @Test("Pipelined requests in one write are answered in order")
    func pipelining() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        var batch = ""
        for index in 0..<10 { batch += "GET /p\(index) HTTP/1.1\r\nHost: h\r\n\r\n" }
        try client.send(batch)
        for index in 0..<10 {
            let response = try #require(try client.readResponse())
            #expect(response.text == "GET /p\(index) 0")
        }
    }

    @Test("A malformed request line gets 400 and a close, and the server keeps serving")
    func malformedRequestLine() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let bad = try TestHTTPClient(port: harness.port)
        defer { bad.close() }
        try bad.send("HELLO THERE\r\n\r\n")
        let response = try #require(try bad.readResponse())
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        #expect(bad.waitForClose())

        let good = try TestHTTPClient(port: harness.port)
        defer { good.close() }
        try good.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try good.readResponse()?.status == 200)
    }

    @Test("Oversized headers get 431")
    func oversizedHeaders() throws {
        let harness = try ServerHarness(
            configuration: ServerHarness.testConfiguration(limits: HTTPLimits(maxHeaderBytes: 1024)))
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + String(repeating: "x", count: 4000) + "\r\n\r\n")
        #expect(try client.readResponse()?.status == 431)
        #expect(client.waitForClose())
    }

    @Test("An oversized body gets 413 before it is sent")
    func oversizedBody() throws {
        let harness = try ServerHarness(
            configuration: ServerHarness.testConfiguration(limits: HTTPLimits(maxBodyBytes: 1000)))
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n")
        #expect(try client.readResponse()?.status == 413)
        #expect(client.waitForClose())
    }

    @Test("Expect: 100-continue gets a Continue, then the final response")
    func expectContinue() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("PUT /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        #expect(try client.readResponse()?.status == 100)
        try client.send("12345")
        #expect(try client.readResponse()?.text == "PUT /up 5")
    }

    @Test("A slowloris client is cut off at the header deadline with 408")
    func slowloris() throws {
        let configuration = ServerHarness.testConfiguration(headerTimeout: .milliseconds(300))
        let harness = try ServerHarness(configuration: configuration)
        defer { #expect(harness.stop()) }
        let slow = try TestHTTPClient(port: harness.port)
        defer { slow.close() }
        try slow.send("GET / HTTP/1.1\r\nHost: h\r\n")
        try slow.send("X-A: 1\r\n")
        #expect(slow.waitForClose())
        #expect(slow.unparsed.hasPrefix("HTTP/1.1 408 Request Timeout"))
    }

    @Test("An idle keep-alive connection is closed at the idle deadline")
    func idleTimeout() throws {
        let configuration = ServerHarness.testConfiguration(idleTimeout: .milliseconds(200))
        let harness = try ServerHarness(configuration: configuration)
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse()?.status == 200)
        #expect(client.waitForClose())
    }

    @Test("A client that half-closes after its request gets the response, then a prompt close")
    func halfCloseAfterRequest() throws {
        let harness = try ServerHarness(handler: { request in
            Thread.sleep(forTimeInterval: 0.1)  // the FIN arrives while the request is with the worker
            return ServerHarness.echo(request)
        })
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET /half HTTP/1.1\r\nHost: h\r\n\r\n")
        client.socket.shutdownWrite()
        let start = ContinuousClock.now
        #expect(try client.readResponse()?.text == "GET /half 0")
        #expect(client.waitForClose())
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("300 idle and half-sent connections do not starve an active client")
    func manyIdleConnections() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        var idle: [TestHTTPClient] = []
        defer { for client in idle { client.close() } }
        for index in 0..<300 {
            let client = try TestHTTPClient(port: harness.port)
            if index % 2 == 0 { try client.send("GET /never HTTP/1.1\r\nHost: h\r\n") }
            idle.append(client)
        }
        let active = try TestHTTPClient(port: harness.port)
        defer { active.close() }
        for index in 0..<50 {
            try active.send("GET /a\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try active.readResponse()?.text == "GET /a\(index) 0")
        }
        #expect(harness.server.openConnections == 301)
    }

    @Test("Connections beyond the limit are closed at once")
    func maxConnections() throws {
        var configuration = ServerHarness.testConfiguration()
        configuration.maxConnections = 2
        let harness = try ServerHarness(configuration: configuration)
        defer { #expect(harness.stop()) }
        let first = try TestHTTPClient(port: harness.port)
        let second = try TestHTTPClient(port: harness.port)
        defer {
            first.close()
            second.close()
        }
        for index in 0..<2 {
            let client = index == 0 ? first : second
            try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
            #expect(try client.readResponse()?.status == 200)
        }
        let third = try TestHTTPClient(port: harness.port)
        defer { third.close() }
        #expect(third.waitForClose())
        #expect(third.unparsed.isEmpty)
    }

    @Test("Shutdown lets an in-flight request finish, then run() returns and the port is closed")
    func gracefulShutdown() throws {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let harness = try ServerHarness(handler: { request in
            if request.path == "/slow" {
                started.signal()
                _ = release.wait(timeout: .now() + 10)
            }
            return HTTPResponse(status: 200, text: "done \(request.path)")
        })
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(started.wait(timeout: .now() + 10) == .success)
        harness.server.shutdown()
        release.signal()
        let response = try #require(try client.readResponse())
        #expect(response.text == "done /slow")
        #expect(response.header("Connection") == "close")
        #expect(harness.waitUntilStopped())
        #expect(throws: SystemError.self) {
            try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: harness.port))
        }
    }

    @Test("SIGTERM shuts the server down gracefully")
    func signalShutdown() throws {
        let harness = try ServerHarness()
        try harness.server.shutdownOnSignals()
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(try client.readResponse()?.status == 200)
        Signal.terminate.sendToSelf()
        #expect(harness.waitUntilStopped())
    }

    @Test("The request hook sees method, path and status; the open-connection count is live")
    func requestHook() throws {
        let records = Mutex<[HTTPRequestRecord]>([])
        let harness = try ServerHarness(onRequest: { record in records.withLock { $0.append(record) } })
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port)
        defer { client.close() }
        try client.send("POST /v1/push?a=b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc")
        #expect(try client.readResponse()?.status == 200)
        #expect(harness.server.openConnections >= 1)
        let bad = try TestHTTPClient(port: harness.port)
        defer { bad.close() }
        try bad.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try bad.readResponse()?.status == 400)
        let seen = records.withLock { $0 }
        #expect(seen.count == 2)
        #expect(seen.first?.method == "POST")
        #expect(seen.first?.path == "/v1/push")
        #expect(seen.first?.status == 200)
        #expect(seen.first?.requestBodyBytes == 3)
        #expect(seen.last?.status == 400)
    }

    @Test("Listen addresses parse IPv4 and bracketed IPv6 literals and reject the rest")
    func listenAddresses() throws {
        #expect(try SocketAddress(parsing: "127.0.0.1:8080") == SocketAddress(host: "127.0.0.1", port: 8080))
        #expect(try SocketAddress(parsing: "[::1]:0") == SocketAddress(host: "::1", port: 0))
        for bad in ["localhost:80", "127.0.0.1", "::1:80", "1.2.3.4:99999", "[::1]80", ":80"] {
            #expect(throws: SocketAddressError.self) { try SocketAddress(parsing: bad) }
        }
    }

    @Test("The server listens on an IPv6 loopback literal", .enabled(if: HTTPServerTests.hasIPv6Loopback))
    func ipv6() throws {
        var configuration = ServerHarness.testConfiguration()
        configuration.address = SocketAddress(host: "::1", port: 0)
        let harness = try ServerHarness(configuration: configuration)
        defer { #expect(harness.stop()) }
        let client = try TestHTTPClient(port: harness.port, host: "::1")
        defer { client.close() }
        try client.send("GET /six HTTP/1.1\r\nHost: [::1]\r\n\r\n")
        #expect(try client.readResponse()?.text == "GET /six 0")
    }

    static let hasIPv6Loopback: Bool = {
        guard let listener = try? Socket.listen(on: SocketAddress(host: "::1", port: 0)) else { return false }
        listener.close()
        return true
    }()
}
