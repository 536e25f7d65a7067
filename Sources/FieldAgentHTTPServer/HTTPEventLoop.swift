import FieldAgentHTTP
import FieldAgentSystem

/// The `poll` loop behind ``HTTPServer/run()``: accepts, reads, writes and enforces deadlines.
///
/// Confined to the thread that called `run()`. It performs what each connection's
/// ``HTTPParser`` asks for, hands requests to the worker pool and writes the responses
/// that come back. Every socket is nonblocking and the loop never waits on one client,
/// so idle or slow connections cost a poll slot, not a thread.
final class HTTPEventLoop {
    private enum Owner {
        case listener, wakeup, signals, connection(HTTPConnection)
    }

    /// Input buffered beyond an in-flight request before the loop stops reading that connection.
    private static let maxPipelinedBytes = 64 * 1024
    private static let lingerTimeout = Duration.seconds(2)

    private let server: HTTPServer
    private let configuration: HTTPServerConfiguration
    private var pollSet = PollSet()
    private var owners: [Owner] = []
    private var connections: [HTTPConnection?] = []
    private var toRemove: [HTTPConnection] = []
    private var connectionCount = 0
    private var nextID: UInt64 = 0
    private let readBuffer: UnsafeMutableRawBufferPointer
    private var pool: HTTPWorkerPool?
    private var listenerOpen = true
    private var listenerIndex = 0
    private var signalsWatched = false
    private var stopping = false
    private var stopDeadline: ContinuousClock.Instant?
    private let sweepInterval: Duration
    private var nextSweep: ContinuousClock.Instant
    private var now: ContinuousClock.Instant

    init(server: HTTPServer) {
        self.server = server
        self.configuration = server.configuration
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        let shortest = min(
            configuration.headerTimeout, configuration.readTimeout, configuration.idleTimeout,
            configuration.writeTimeout)
        sweepInterval = max(.milliseconds(10), min(.milliseconds(250), shortest / 4))
        now = .now
        nextSweep = now + sweepInterval
        listenerIndex = pollSet.append(server.listener.descriptor, events: .readable)
        owners.append(.listener)
        pollSet.append(server.wakeup.descriptor, events: .readable)
        owners.append(.wakeup)
    }

    func run() throws(SystemError) {
        let server = self.server
        pool = HTTPWorkerPool(count: configuration.workerCount) { job in server.process(job) }
        watchSignalsIfRequested()
        while true {
            if server.isStopping && !stopping { beginStopping() }
            if stopping {
                if connectionCount == 0 { return }
                if let stopDeadline, now >= stopDeadline {
                    for case .connection(let connection) in owners where !connection.isClosed { close(connection) }
                    removeClosed()
                    return
                }
            }
            let ready = try pollSet.wait(timeout: nextSweep - ContinuousClock.now)
            now = .now
            if ready > 0 { dispatchReadyEvents() }
            if now >= nextSweep {
                sweepDeadlines()
                nextSweep = now + sweepInterval
            }
            removeClosed()
        }
    }

    /// Closes whatever is left and stops the workers; called once `run` ends, normally or not.
    func tearDown() {
        for case .connection(let connection) in owners where !connection.isClosed { close(connection) }
        removeClosed()
        if listenerOpen {
            server.listener.close()
            listenerOpen = false
        }
        pool?.stop()
        pool = nil
        readBuffer.deallocate()
    }

    private func dispatchReadyEvents() {
        let count = pollSet.count
        for index in 0..<count {
            let events = pollSet.readyEvents(at: index)
            if events.isEmpty { continue }
            switch owners[index] {
            case .listener: acceptConnections()
            case .wakeup:
                server.wakeup.drain()
                watchSignalsIfRequested()
                deliverCompletions()
            case .signals:
                if let notifier = server.signalNotifier.withLock({ $0 }), !notifier.drain().isEmpty {
                    server.shutdown()
                }
            case .connection(let connection):
                if !connection.isClosed { handle(events, on: connection) }
            }
        }
    }

    private func watchSignalsIfRequested() {
        guard !signalsWatched, let notifier = server.signalNotifier.withLock({ $0 }) else { return }
        signalsWatched = true
        pollSet.append(notifier.descriptor, events: .readable)
        owners.append(.signals)
    }

    private func beginStopping() {
        stopping = true
        stopDeadline = now + configuration.shutdownTimeout
        if listenerOpen {
            pollSet.setEvents([], at: listenerIndex)
            server.listener.close()
            listenerOpen = false
            pollSet.ignore(at: listenerIndex)
        }
        for case .connection(let connection) in owners where !connection.isClosed {
            if connection.inFlight || connection.hasPendingOutput {
                connection.closeAfterWrite = true
            } else {
                close(connection)
            }
        }
    }

    // MARK: Accepting

    private func acceptConnections() {
        guard listenerOpen else { return }
        for _ in 0..<64 {
            let accepted: Socket?
            do {
                accepted = try server.listener.accept()
            } catch {
                // EMFILE and friends: leave the connection in the backlog; the sweep retries.
                return
            }
            guard let socket = accepted else { return }
            if connectionCount >= configuration.maxConnections {
                socket.close()
                continue
            }
            nextID &+= 1
            let index = pollSet.append(socket.descriptor, events: .readable)
            let connection = HTTPConnection(
                socket: socket, id: nextID, limits: configuration.limits, pollIndex: index)
            owners.append(.connection(connection))
            let fd = Int(socket.descriptor)
            if fd >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: fd + 1 - connections.count + 64))
            }
            connections[fd] = connection
            connectionCount += 1
            server.connectionOpened()
            updateDeadline(connection)
        }
    }

    // MARK: Connection I/O

    private func handle(_ events: PollEvents, on connection: HTTPConnection) {
        if events.contains(.invalid) || (events.contains(.error) && !events.contains(.readable)) {
            close(connection)
            return
        }
        if events.contains(.readable) || events.contains(.hangup) {
            readAvailable(connection)
            if connection.isClosed { return }
            // Both directions are gone: no response can be delivered, and poll would keep
            // reporting the hangup while a handler runs, so drop the connection now.
            if events.contains(.hangup) && connection.peerClosed {
                close(connection)
                return
            }
        }
        if events.contains(.writable) {
            flush(connection)
            if connection.isClosed { return }
        }
        processEvents(connection)
    }

    private func readAvailable(_ connection: HTTPConnection) {
        for _ in 0..<4 {
            let count: Int?
            do {
                count = try connection.socket.receive(into: readBuffer)
            } catch {
                close(connection)
                return
            }
            guard let count else { return }
            if count == 0 {
                connection.peerClosed = true
                if connection.lingering { close(connection) }
                return
            }
            if !connection.lingering {
                connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
                if connection.deadlineKind == .body { connection.deadline = now + configuration.readTimeout }
            }
            if count < readBuffer.count { return }
        }
    }

    /// Takes parser events until a request goes to a worker, the connection must close, or input runs out.
    private func processEvents(_ connection: HTTPConnection) {
        while !connection.inFlight && !connection.closeAfterWrite && !stopping {
            guard let event = connection.parser.nextEvent() else { break }
            switch event {
            case .sendContinue:
                connection.enqueue(HTTPResponseWriter.continueBytes)
            case .request(let request):
                connection.inFlight = true
                pool?.submit(
                    HTTPJob(request: request, descriptor: connection.socket.descriptor, connectionID: connection.id))
            case .error(let error):
                respondAndClose(connection, with: HTTPResponse(parseError: error))
            }
        }
        if connection.peerClosed && !connection.inFlight && !connection.hasPendingOutput {
            close(connection)
            return
        }
        flush(connection)
    }

    private func respondAndClose(_ connection: HTTPConnection, with response: HTTPResponse) {
        connection.enqueue(HTTPResponseWriter.serialize(response, keepAlive: false))
        connection.closeAfterWrite = true
        server.requestHook?(
            HTTPRequestRecord(
                method: "", path: "", status: response.status, duration: .zero, requestBodyBytes: 0,
                responseBodyBytes: response.body.count))
    }

    private func deliverCompletions() {
        let delivered = server.completions.withLock { queue -> [HTTPCompletion] in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
        for completion in delivered {
            let fd = Int(completion.descriptor)
            guard fd < connections.count, let connection = connections[fd], connection.id == completion.connectionID
            else { continue }
            connection.inFlight = false
            connection.enqueue(completion.bytes)
            if !completion.keepAlive || stopping { connection.closeAfterWrite = true }
            processEvents(connection)
        }
    }

    /// Writes as much pending output as the socket takes, then decides what the connection waits for.
    private func flush(_ connection: HTTPConnection) {
        while connection.hasPendingOutput {
            let written: Int?
            do {
                written = try connection.output.withUnsafeBytes { buffer in
                    Result { () throws(SystemError) in
                        try connection.socket.send(UnsafeRawBufferPointer(rebasing: buffer[connection.outputOffset...]))
                    }
                }.get()
            } catch {
                close(connection)
                return
            }
            guard let written else { break }
            connection.outputOffset += written
            if connection.deadlineKind == .write { connection.deadline = now + configuration.writeTimeout }
        }
        if !connection.hasPendingOutput {
            connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
            connection.outputOffset = 0
            if connection.closeAfterWrite && !connection.inFlight && !connection.lingering {
                if connection.peerClosed || stopping {
                    close(connection)
                    return
                }
                connection.socket.shutdownWrite()
                connection.lingering = true
            } else if stopping && !connection.inFlight {
                close(connection)
                return
            }
        }
        updateInterest(connection)
        updateDeadline(connection)
    }

    private func updateInterest(_ connection: HTTPConnection) {
        var events: PollEvents = []
        if connection.lingering {
            events = .readable
        } else if connection.hasPendingOutput {
            events = .writable
        } else if !connection.peerClosed && !connection.closeAfterWrite
            && (!connection.inFlight || connection.parser.bufferedByteCount < HTTPEventLoop.maxPipelinedBytes)
        {
            events = .readable
        }
        pollSet.setEvents(events, at: connection.pollIndex)
    }

    // MARK: Deadlines

    private func updateDeadline(_ connection: HTTPConnection) {
        let kind: HTTPConnection.DeadlineKind
        if connection.lingering {
            kind = .linger
        } else if connection.hasPendingOutput {
            kind = .write
        } else if connection.inFlight {
            kind = .none
        } else {
            switch connection.parser.phase {
            case .idle: kind = .idle
            case .head: kind = .header
            case .body: kind = .body
            case .finished: kind = .none
            }
        }
        guard kind != connection.deadlineKind else { return }
        connection.deadlineKind = kind
        switch kind {
        case .none: connection.deadline = nil
        case .idle: connection.deadline = now + configuration.idleTimeout
        case .header: connection.deadline = now + configuration.headerTimeout
        case .body: connection.deadline = now + configuration.readTimeout
        case .write: connection.deadline = now + configuration.writeTimeout
        case .linger: connection.deadline = now + min(HTTPEventLoop.lingerTimeout, configuration.readTimeout)
        }
    }

    private func sweepDeadlines() {
        for case .connection(let connection) in owners where !connection.isClosed {
            guard let deadline = connection.deadline, now >= deadline else { continue }
            switch connection.deadlineKind {
            case .header, .body:
                // Tell a slow client why, best effort, then cut it off.
                let response = HTTPResponse(
                    problem: HTTPProblem(
                        status: 408, title: HTTPStatus.reasonPhrase(for: 408),
                        detail: "The request did not arrive in time."))
                let bytes = HTTPResponseWriter.serialize(response, keepAlive: false)
                _ = bytes.withUnsafeBytes { buffer in try? connection.socket.send(buffer) }
                server.requestHook?(
                    HTTPRequestRecord(
                        method: "", path: "", status: 408, duration: .zero, requestBodyBytes: 0,
                        responseBodyBytes: response.body.count))
                close(connection)
            case .idle, .write, .linger, .none:
                close(connection)
            }
        }
    }

    // MARK: Closing

    private func close(_ connection: HTTPConnection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        let fd = Int(connection.socket.descriptor)
        if fd < connections.count, connections[fd] === connection { connections[fd] = nil }
        pollSet.ignore(at: connection.pollIndex)
        connection.socket.close()
        connectionCount -= 1
        server.connectionClosed()
        toRemove.append(connection)
    }

    private func removeClosed() {
        for connection in toRemove {
            let index = connection.pollIndex
            if let moved = pollSet.remove(at: index) {
                owners[index] = owners[moved]
                owners.removeLast()
                switch owners[index] {
                case .connection(let movedConnection): movedConnection.pollIndex = index
                case .listener: listenerIndex = index
                case .wakeup, .signals: break
                }
            } else {
                owners.removeLast()
            }
        }
        toRemove.removeAll(keepingCapacity: true)
    }
}
