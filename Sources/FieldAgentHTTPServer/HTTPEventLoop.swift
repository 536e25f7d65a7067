import FieldAgentHTTP
import FieldAgentSystem

/// The `poll` loop behind ``HTTPServer/run()``: accepts, reads, writes and enforces deadlines.
///
/// Confined to the thread that called `run()`. It reports what happens on each socket to the
/// connection's ``HTTPConnectionMachine`` and performs the actions it returns: hand requests
/// to the worker pool, write responses, shut down, close, watch, arm deadlines. Every socket
/// is nonblocking and the loop never waits on one client, so idle or slow connections cost a
/// poll slot, not a thread.
final class HTTPEventLoop {
    private enum Owner {
        case listener, wakeup, signals, connection(HTTPConnection)
    }

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
                    abortAll()
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
        abortAll()
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
        for case .connection(let connection) in owners where !connection.isClosed { receive(.stop, on: connection) }
    }

    private func abortAll() {
        for case .connection(let connection) in owners where !connection.isClosed { receive(.abort, on: connection) }
        removeClosed()
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
            receive(.accepted, on: connection)
        }
    }

    // MARK: Connection I/O

    private func handle(_ events: PollEvents, on connection: HTTPConnection) {
        if events.contains(.invalid) || (events.contains(.error) && !events.contains(.readable)) {
            receive(.abort, on: connection)
            return
        }
        if events.contains(.readable) || events.contains(.hangup) {
            readAvailable(connection)
            if events.contains(.hangup) && !connection.isClosed { receive(.hungUp, on: connection) }
        }
        if events.contains(.writable) && !connection.isClosed { flush(connection) }
    }

    private func readAvailable(_ connection: HTTPConnection) {
        for _ in 0..<4 {
            let count: Int?
            do {
                count = try connection.socket.receive(into: readBuffer)
            } catch {
                receive(.abort, on: connection)
                return
            }
            guard let count else { return }
            if count == 0 {
                receive(.peerClosed, on: connection)
                return
            }
            receive(.read(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count])), on: connection)
            if connection.isClosed || count < readBuffer.count { return }
        }
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
            receive(.responseReady(completion.bytes, keepAlive: completion.keepAlive), on: connection)
        }
    }

    /// Writes as much pending output as the socket takes and tells the machine how much went.
    private func flush(_ connection: HTTPConnection) {
        let socket = connection.socket
        let written = connection.machine.withPendingOutput { pending -> Int? in
            var written = 0
            while written < pending.count {
                do {
                    guard let count = try socket.send(UnsafeRawBufferPointer(rebasing: pending[written...])) else {
                        break
                    }
                    written += count
                } catch {
                    return nil
                }
            }
            return written
        }
        receive(written.map { .wrote($0) } ?? .abort, on: connection)
    }

    // MARK: Performing the machine's actions

    /// Feeds `event` to the connection's machine and performs the actions it returns, in order.
    private func receive(_ event: HTTPConnectionEvent, on connection: HTTPConnection) {
        let actions = connection.machine.receive(event)
        for action in actions { perform(action, on: connection) }
    }

    private func perform(_ action: HTTPConnectionAction, on connection: HTTPConnection) {
        switch action {
        case .dispatch(let request):
            pool?.submit(
                HTTPJob(request: request, descriptor: connection.socket.descriptor, connectionID: connection.id))
        case .write:
            flush(connection)
        case .sendOnce(let bytes):
            _ = bytes.withUnsafeBytes { buffer in try? connection.socket.send(buffer) }
        case .report(let record):
            server.requestHook?(record)
        case .setInterest(let interest):
            pollSet.setEvents(HTTPEventLoop.pollEvents(for: interest), at: connection.pollIndex)
        case .armDeadline(let kind):
            connection.deadline = now + timeout(for: kind)
        case .disarmDeadline:
            connection.deadline = nil
        case .shutdownWrite:
            connection.socket.shutdownWrite()
        case .close:
            close(connection)
        }
    }

    private static func pollEvents(for interest: HTTPConnectionInterest) -> PollEvents {
        switch interest {
        case .readable: return .readable
        case .writable: return .writable
        case .paused: return []
        }
    }

    // MARK: Deadlines

    private func timeout(for kind: HTTPDeadlineKind) -> Duration {
        switch kind {
        case .idle: return configuration.idleTimeout
        case .header: return configuration.headerTimeout
        case .body: return configuration.readTimeout
        case .write: return configuration.writeTimeout
        case .linger: return min(HTTPEventLoop.lingerTimeout, configuration.readTimeout)
        }
    }

    private func sweepDeadlines() {
        for case .connection(let connection) in owners where !connection.isClosed {
            guard let deadline = connection.deadline, now >= deadline else { continue }
            receive(.deadlinePassed, on: connection)
        }
    }

    // MARK: Closing

    /// Performs the machine's `.close`: releases the descriptor, its table entry and its poll slot.
    private func close(_ connection: HTTPConnection) {
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
