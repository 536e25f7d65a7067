import FieldAgentHTTP
import Testing

/// The connection lifecycle without sockets: event sequences in, actions and states out.
@Suite struct HTTPConnectionMachineTests {
    typealias Machine = HTTPConnectionMachine

    static let get = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
    static let getB = "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"

    @Test("Accepting arms the idle deadline; the socket is watched for reading")
    func accepted() {
        var machine = Machine()
        #expect(machine.receive(.accepted) == [.armDeadline(.idle)])
        #expect(machine.state == .reading)
        #expect(machine.interest == .readable)
        #expect(machine.deadline == .idle)
    }

    @Test("Keep-alive: request to a worker, response written, back to idle, twice")
    func keepAliveCycle() throws {
        var machine = Machine.accepted()
        for _ in 0..<2 {
            let request = try #require(Machine.request(Self.get))
            #expect(machine.read(Self.get) == [.dispatch(request), .disarmDeadline])
            #expect(machine.state == .awaitingResponse(peerClosed: false))
            #expect(machine.interest == .readable)

            #expect(machine.respond("hi") == [.write])
            #expect(machine.state == .reading)
            #expect(machine.pendingText.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(machine.pendingText.hasSuffix("\r\n\r\nhi"))

            #expect(machine.writeAll() == [.armDeadline(.idle)])
            #expect(!machine.hasPendingOutput)
            #expect(machine.deadline == .idle)
        }
    }

    @Test("A partial write watches for writability under the write deadline; progress restarts it")
    func partialWrite() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        _ = machine.respond()
        let total = machine.pendingOutputCount
        #expect(machine.receive(.wrote(10)) == [.setInterest(.writable), .armDeadline(.write)])
        #expect(machine.pendingOutputCount == total - 10)
        #expect(machine.receive(.wrote(0)) == [])
        #expect(machine.receive(.wrote(5)) == [.armDeadline(.write)])
        #expect(machine.writeAll() == [.armDeadline(.write), .setInterest(.readable), .armDeadline(.idle)])
    }

    @Test("Pipelined requests go to the worker one at a time, in order")
    func pipelinedOneAtATime() throws {
        var machine = Machine.accepted()
        let first = try #require(Machine.request(Self.get))
        let second = try #require(Machine.request(Self.getB))
        #expect(machine.read(Self.get + Self.getB) == [.dispatch(first), .disarmDeadline])
        #expect(machine.parser.bufferedByteCount == Self.getB.utf8.count)

        // The first answer frees the connection; the buffered second request goes out at once.
        #expect(machine.respond("first") == [.dispatch(second), .write])
        #expect(machine.state == .awaitingResponse(peerClosed: false))
        #expect(machine.writeAll() == [])

        #expect(machine.respond("second") == [.write])
        #expect(machine.pendingText.hasSuffix("second"))
        #expect(machine.writeAll() == [.armDeadline(.idle)])
    }

    @Test("A malformed request gets an error response, then a lingering close")
    func malformedThenLinger() {
        var machine = Machine.accepted()
        let actions = machine.read("HELLO THERE\r\n\r\n")
        #expect(Machine.reportedStatuses(actions) == [400])
        #expect(actions.last == .write)
        #expect(machine.state == .finishing(awaitingResponse: false, then: .linger))
        #expect(machine.pendingText.hasPrefix("HTTP/1.1 400 "))
        #expect(machine.pendingText.contains("Connection: close\r\n"))

        #expect(machine.writeAll() == [.shutdownWrite, .armDeadline(.linger)])
        #expect(machine.state == .lingering)
        #expect(machine.interest == .readable)

        // Lingering drops input and closes on the peer's FIN.
        #expect(machine.read(Self.get) == [])
        #expect(machine.parser.bufferedByteCount == 0)
        #expect(machine.receive(.peerClosed) == [.close])
        #expect(machine.state == .closed)
    }

    @Test("Limits are refused with their status before the body arrives", arguments: [(413, 10), (431, 4096)])
    func refusedByLimits(status: Int, size: Int) {
        var machine = Machine.accepted(limits: HTTPLimits(maxHeaderBytes: 1024, maxBodyBytes: 100))
        let head =
            status == 413
            ? "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n"
            : "GET /p HTTP/1.1\r\nHost: h\r\nX-Big: \(String(repeating: "x", count: size))\r\n\r\n"
        #expect(Machine.reportedStatuses(machine.read(head)) == [status])
        #expect(machine.pendingText.hasPrefix("HTTP/1.1 \(status) "))
        #expect(machine.writeAll().first == .shutdownWrite)
    }

    @Test("A Connection: close response is written, then the write side is shut and the connection lingers")
    func connectionCloseResponse() {
        var machine = Machine.accepted()
        _ = machine.read("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(machine.respond(keepAlive: false) == [.write])
        #expect(machine.state == .finishing(awaitingResponse: false, then: .linger))
        #expect(machine.writeAll() == [.shutdownWrite, .armDeadline(.linger)])
    }

    @Test("Expect: 100-continue writes the Continue, then waits for the body under the body deadline")
    func expectContinue() throws {
        var machine = Machine.accepted()
        let head = "POST /p HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
        #expect(machine.read(head) == [.write])
        #expect(machine.pendingText == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(machine.writeAll() == [.armDeadline(.body)])
        let request = try #require(Machine.request(head + "hello"))
        #expect(machine.read("hello") == [.armDeadline(.body), .dispatch(request), .disarmDeadline])
    }

    @Test("Peer FIN in the middle of a request closes without an answer")
    func finMidRequest() {
        var machine = Machine.accepted()
        #expect(machine.read("GET /a HTTP/1.1\r\nHo") == [.armDeadline(.header)])
        #expect(machine.receive(.peerClosed) == [.close])
        #expect(machine.state == .closed)
    }

    @Test("Peer FIN while idle closes")
    func finWhileIdle() {
        var machine = Machine.accepted()
        #expect(machine.receive(.peerClosed) == [.close])
    }

    @Test("Peer FIN after a request went to a worker: the response is still written, then the connection closes")
    func finWithRequestInFlight() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        #expect(machine.receive(.peerClosed) == [.setInterest(.paused)])
        #expect(machine.state == .awaitingResponse(peerClosed: true))
        #expect(machine.respond() == [.write])
        #expect(machine.state == .finishing(awaitingResponse: false, then: .close))
        #expect(machine.writeAll() == [.close])
    }

    @Test("Peer FIN after pipelined requests: each buffered one is still answered, then close")
    func finAfterPipelined() throws {
        var machine = Machine.accepted()
        _ = machine.read(Self.get + Self.getB)
        _ = machine.receive(.peerClosed)
        let second = try #require(Machine.request(Self.getB))
        #expect(machine.respond() == [.dispatch(second), .write])
        #expect(machine.state == .awaitingResponse(peerClosed: true))
        _ = machine.writeAll()
        #expect(machine.respond() == [.write])
        #expect(machine.writeAll() == [.close])
    }

    @Test("Peer FIN while an error response is pending closes after it instead of lingering")
    func finWhileFinishing() {
        var machine = Machine.accepted()
        _ = machine.read("HELLO THERE\r\n\r\n")
        #expect(machine.receive(.peerClosed) == [.write])
        #expect(machine.state == .finishing(awaitingResponse: false, then: .close))
        #expect(machine.writeAll() == [.close])
    }

    @Test("A hangup closes only once the peer's FIN was read")
    func hangup() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        #expect(machine.receive(.hungUp) == [])
        _ = machine.receive(.peerClosed)
        #expect(machine.receive(.hungUp) == [.close])
    }

    @Test("Errors abort; a closed machine ignores everything, including a late response")
    func abortAndStale() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        #expect(machine.receive(.abort) == [.close])
        #expect(machine.respond() == [])
        #expect(machine.read(Self.get) == [])
        #expect(machine.receive(.deadlinePassed) == [])
        #expect(machine.receive(.stop) == [])

        var idle = Machine.accepted()
        #expect(idle.respond() == [])
        #expect(!idle.hasPendingOutput)
    }
}
