import FieldAgentHTTP
import Testing

/// Deadlines, stopping and the pipelining cap of ``HTTPConnectionMachine``, without sockets.
@Suite struct HTTPConnectionMachineDeadlineTests {
    typealias Machine = HTTPConnectionMachine

    static let get = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"

    /// The best-effort 408 a slow request gets before the close.
    static let timeoutBytes = HTTPResponseWriter.serialize(
        HTTPResponse(
            problem: HTTPProblem(
                status: 408, title: HTTPStatus.reasonPhrase(for: 408), detail: "The request did not arrive in time.")),
        keepAlive: false)

    @Test("The idle deadline closes quietly")
    func idleDeadline() {
        var machine = Machine.accepted()
        #expect(machine.deadline == .idle)
        #expect(machine.receive(.deadlinePassed) == [.close])
        #expect(machine.state == .closed)
    }

    @Test("The header deadline sends a 408, reports it and closes")
    func headerDeadline() throws {
        var machine = Machine.accepted()
        #expect(machine.read("GET /a HTTP/1.1\r\n") == [.armDeadline(.header)])
        let actions = machine.receive(.deadlinePassed)
        #expect(actions.first == .sendOnce(Self.timeoutBytes))
        #expect(Machine.reportedStatuses(actions) == [408])
        #expect(actions.last == .close)
        guard case .report(let record) = actions[1] else {
            Issue.record("expected a report, got \(actions)")
            return
        }
        #expect(record.method == "" && record.path == "" && record.duration == .zero)
    }

    @Test("The body deadline restarts on every read and sends a 408 when it passes")
    func bodyDeadline() {
        var machine = Machine.accepted()
        #expect(machine.read("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc") == [.armDeadline(.body)])
        #expect(machine.read("de") == [.armDeadline(.body)])
        let actions = machine.receive(.deadlinePassed)
        #expect(actions.first == .sendOnce(Self.timeoutBytes))
        #expect(Machine.reportedStatuses(actions) == [408])
        #expect(actions.last == .close)
    }

    @Test("The write deadline closes a client that stopped reading")
    func writeDeadline() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        _ = machine.respond()
        #expect(machine.receive(.wrote(0)) == [.setInterest(.writable), .armDeadline(.write)])
        #expect(machine.receive(.deadlinePassed) == [.close])
    }

    @Test("The linger deadline closes a peer that never sends FIN")
    func lingerDeadline() {
        var machine = Machine.accepted()
        _ = machine.read("HELLO THERE\r\n\r\n")
        _ = machine.writeAll()
        #expect(machine.deadline == .linger)
        #expect(machine.receive(.deadlinePassed) == [.close])
    }

    @Test("No deadline runs while a request is with a worker")
    func noDeadlineInFlight() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        #expect(machine.deadline == nil)
        #expect(machine.receive(.deadlinePassed) == [])
        #expect(machine.state == .awaitingResponse(peerClosed: false))
    }

    @Test("Stop while idle or while reading a request closes at once")
    func stopWhileIdle() {
        var idle = Machine.accepted()
        #expect(idle.receive(.stop) == [.close])
        var partial = Machine.accepted()
        _ = partial.read("GET /a HT")
        #expect(partial.receive(.stop) == [.close])
    }

    @Test("Stop while a request is in flight: the response is written, then the connection closes without lingering")
    func stopWhileInFlight() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get + Self.get)
        #expect(machine.receive(.stop) == [])
        #expect(machine.state == .finishing(awaitingResponse: true, then: .close))
        // Even a keep-alive answer ends the connection, and the buffered request is not taken.
        #expect(machine.respond(keepAlive: true) == [.write])
        #expect(machine.state == .finishing(awaitingResponse: false, then: .close))
        #expect(machine.writeAll() == [.close])
    }

    @Test("Stop while a response is still being written closes once it is out")
    func stopWhileWriting() {
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        _ = machine.respond()
        _ = machine.receive(.wrote(3))
        #expect(machine.receive(.stop) == [])
        #expect(machine.writeAll() == [.armDeadline(.write), .close])
    }

    @Test("Stop while lingering closes at once")
    func stopWhileLingering() {
        var machine = Machine.accepted()
        _ = machine.read("HELLO THERE\r\n\r\n")
        _ = machine.writeAll()
        #expect(machine.receive(.stop) == [.close])
    }

    @Test("Input buffered behind an in-flight request pauses reading at the cap and resumes after the answer")
    func pipelinedCap() {
        var machine = Machine.accepted(maxPipelinedBytes: 100)
        _ = machine.read(Self.get)
        // Below the cap, reading goes on.
        #expect(machine.read(String(repeating: "G", count: 60)) == [])
        #expect(machine.interest == .readable)
        // At the cap, it pauses.
        #expect(machine.read(String(repeating: "G", count: 40)) == [.setInterest(.paused)])
        #expect(machine.parser.bufferedByteCount == 100)
        // The answer frees the connection; reading resumes once it is written.
        #expect(machine.respond() == [.write])
        #expect(machine.writeAll() == [.setInterest(.readable), .armDeadline(.header)])
    }

    @Test("The default cap is 64 KiB")
    func defaultCap() {
        #expect(Machine().maxPipelinedBytes == 64 * 1024)
        var machine = Machine.accepted()
        _ = machine.read(Self.get)
        #expect(machine.read(String(repeating: "G", count: 64 * 1024 - 1)) == [])
        #expect(machine.read("G") == [.setInterest(.paused)])
    }
}
