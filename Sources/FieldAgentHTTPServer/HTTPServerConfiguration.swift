import FieldAgentHTTP
import FieldAgentSystem

/// Where and how an ``HTTPServer`` listens, and the limits that keep it up under bad clients.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind; port 0 picks an ephemeral port (see ``HTTPServer/address``).
    public var address: SocketAddress
    /// Request size limits, passed to each connection's ``HTTPParser``.
    public var limits: HTTPLimits
    /// Threads that run the handler. Handlers may block (a push waits for `fdatasync`), so this
    /// bounds that work; the default leaves room for pushes waiting at once to share one sync.
    public var workerCount: Int
    /// Open connections beyond this are accepted and closed at once, so the process keeps descriptors.
    public var maxConnections: Int
    /// Longest time from a request's first byte to the end of its headers (slowloris defence).
    public var headerTimeout: Duration
    /// Longest silence while a request body is still arriving.
    public var readTimeout: Duration
    /// Longest time a keep-alive connection may sit between requests.
    public var idleTimeout: Duration
    /// Longest time a pending response may make no progress because the client is not reading.
    public var writeTimeout: Duration
    /// After ``HTTPServer/shutdown()``, the longest wait for in-flight requests before connections are cut.
    public var shutdownTimeout: Duration
    /// The listen backlog.
    public var backlog: Int32

    /// A configuration with the given address and production defaults for everything else.
    public init(
        address: SocketAddress = SocketAddress(host: "127.0.0.1", port: 8080), limits: HTTPLimits = .default,
        workerCount: Int = 16, maxConnections: Int = 4096, headerTimeout: Duration = .seconds(10),
        readTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(60),
        writeTimeout: Duration = .seconds(30), shutdownTimeout: Duration = .seconds(30), backlog: Int32 = 1024
    ) {
        self.address = address
        self.limits = limits
        self.workerCount = max(1, workerCount)
        self.maxConnections = max(1, maxConnections)
        self.headerTimeout = headerTimeout
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.shutdownTimeout = shutdownTimeout
        self.backlog = backlog
    }
}
