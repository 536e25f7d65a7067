import FieldAgentHTTP
import FieldAgentSystem
import Synchronization

/// An HTTP/1.1 server: one `poll` event loop for all sockets, a bounded worker pool for handlers.
///
/// ```swift
/// let server = try HTTPServer(configuration: .init(address: try SocketAddress(parsing: "127.0.0.1:8080"))) {
///     request in HTTPResponse(status: 200, text: "ok")
/// }
/// try server.shutdownOnSignals()   // SIGTERM / SIGINT finish in-flight requests, then run() returns
/// try server.run()                 // blocks the calling thread
/// ```
///
/// The listening socket is bound in `init`, so ``address`` shows the real port when 0 was
/// asked for. The loop only moves bytes and applies deadlines; each connection's lifecycle is
/// an ``HTTPConnectionMachine``, parsing is ``HTTPParser``, serialising is ``HTTPResponseWriter``.
/// Each connection has at most one request with a worker at a time, so pipelined requests are
/// answered in order.
public final class HTTPServer: Sendable {
    /// Answers one request. Runs on a worker thread; may block.
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
    /// Observes each answered request, for access logs and metrics. Runs on a worker or the loop thread.
    public typealias RequestHook = @Sendable (HTTPRequestRecord) -> Void

    /// The configuration the server was started with.
    public let configuration: HTTPServerConfiguration
    /// The bound address, with the actual port.
    public let address: SocketAddress

    let listener: Socket
    let handler: Handler
    let requestHook: RequestHook?
    let wakeup: PollWakeup
    let completions = Mutex<[HTTPCompletion]>([])
    let stopRequested = Atomic<Bool>(false)
    let signalNotifier = Mutex<SignalNotifier?>(nil)
    private let openConnectionCount = Atomic<Int>(0)
    private let started = Atomic<Bool>(false)

    /// Binds the listening socket; call ``run()`` to serve.
    ///
    /// - Parameters:
    ///   - configuration: address, limits, timeouts and pool size.
    ///   - onRequest: called once per answered request (including refused ones) with method, path, status and duration.
    ///   - handler: answers each request.
    public init(
        configuration: HTTPServerConfiguration, onRequest: RequestHook? = nil, handler: @escaping Handler
    ) throws(HTTPServerError) {
        self.configuration = configuration
        self.handler = handler
        self.requestHook = onRequest
        do throws(SystemError) {
            listener = try Socket.listen(on: configuration.address, backlog: configuration.backlog)
        } catch {
            throw .system(error)
        }
        do throws(SystemError) {
            address = try listener.localAddress()
            wakeup = try PollWakeup()
        } catch {
            listener.close()
            throw .system(error)
        }
    }

    /// The bound port (the ephemeral one when the configuration asked for port 0).
    public var port: UInt16 { address.port }

    /// Connections open right now.
    public var openConnections: Int { openConnectionCount.load(ordering: .relaxed) }

    /// Serves until ``shutdown()`` (or a watched signal) and every in-flight request finished.
    ///
    /// Blocks the calling thread, which becomes the event loop. Closes the listening socket
    /// before returning. Throws only if `poll` itself fails, or when called twice.
    public func run() throws(HTTPServerError) {
        guard !started.exchange(true, ordering: .acquiringAndReleasing) else { throw .alreadyRun }
        let loop = HTTPEventLoop(server: self)
        do {
            try loop.run()
        } catch {
            loop.tearDown()
            throw .system(error)
        }
        loop.tearDown()
    }

    /// Stops accepting connections, lets in-flight requests finish and be written, then makes ``run()`` return.
    ///
    /// Safe from any thread, including a handler, and idempotent. Idle keep-alive connections
    /// are closed; responses still in flight are sent with `Connection: close`.
    public func shutdown() {
        stopRequested.store(true, ordering: .releasing)
        wakeup.wake()
    }

    /// Makes `signals` (by default SIGTERM and SIGINT) call ``shutdown()`` instead of killing the process.
    ///
    /// Uses a self-pipe the event loop watches, so the shutdown runs on the loop thread,
    /// not in a signal handler.
    public func shutdownOnSignals(_ signals: [Signal] = [.terminate, .interrupt]) throws(HTTPServerError) {
        do {
            let notifier = try SignalNotifier.shared()
            try notifier.watch(signals)
            signalNotifier.withLock { $0 = notifier }
            wakeup.wake()
        } catch {
            throw .system(error)
        }
    }

    var isStopping: Bool { stopRequested.load(ordering: .acquiring) }

    func connectionOpened() { openConnectionCount.add(1, ordering: .relaxed) }

    func connectionClosed() { openConnectionCount.subtract(1, ordering: .relaxed) }

    /// Runs the handler for `job` on a worker thread and posts the response to the loop.
    func process(_ job: HTTPJob) {
        let start = ContinuousClock.now
        let request = job.request
        let response = handler(request)
        let keepAlive = request.keepAlive && !isStopping
        let bytes = HTTPResponseWriter.serialize(
            response, method: request.method, version: request.version, keepAlive: keepAlive)
        if let requestHook {
            requestHook(
                HTTPRequestRecord(
                    method: request.method, path: request.path, status: response.status,
                    duration: ContinuousClock.now - start, requestBodyBytes: request.body.count,
                    responseBodyBytes: response.body.count))
        }
        let completion = HTTPCompletion(
            descriptor: job.descriptor, connectionID: job.connectionID, bytes: bytes, keepAlive: keepAlive)
        let wasEmpty = completions.withLock { queue in
            queue.append(completion)
            return queue.count == 1
        }
        if wasEmpty { wakeup.wake() }
    }
}
