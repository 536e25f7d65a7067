import FieldAgentCore
import FieldAgentHTTP
import FieldAgentHTTPServer
import FieldAgentProtocol
import FieldAgentStore
import FieldAgentSystem
import Foundation

/// The running sync server: ``SyncService`` on an ``HTTPServer``, the admin socket, access log and metrics.
///
/// ```swift
/// let server = try SyncServer(dataDirectory: dir, listen: SocketAddress(host: "127.0.0.1", port: 0))
/// print(server.port)            // the ephemeral port
/// Thread { try? server.run() }.start()
/// …
/// server.shutdown()             // in-flight requests finish, storage is closed, run() returns
/// ```
public final class SyncServer: Sendable {
    /// The data directory.
    public let dataDirectory: DataDirectory
    /// The storage (open for the server's lifetime).
    public let storage: FileServerStorage
    /// What opening the data directory found: epoch, last sequence, repairs (each also counted in
    /// `/metrics` as `fieldagent_repairs_total`). The caller prints ``StartReport/lines``.
    public let startReport: StartReport
    /// The request core.
    public let service: SyncService
    /// Back-office operations, also served on the admin socket.
    public let admin: AdminService
    let http: HTTPServer
    private let stopped = DispatchSemaphore(value: 0)
    let adminSocket: AdminSocketListener

    /// Opens the data directory, binds `listen` and the admin socket. Call ``run()`` to serve.
    ///
    /// A data directory whose store was restored, replaced or lost is refused (see ``StorageOpener``)
    /// unless `acceptRestore` confirms it, which starts a new epoch.
    ///
    /// - Parameters:
    ///   - acceptRestore: the operator confirms the store as it is now (`serve --accept-restore`).
    ///   - logRequests: write one line per request to stderr (method, route, status, duration, bytes; no personal data).
    ///   - now: the server's clock.
    public init(
        dataDirectory: String, listen: SocketAddress = SocketAddress(host: "127.0.0.1", port: 8080),
        configuration: HTTPServerConfiguration? = nil, acceptRestore: Bool = false, logRequests: Bool = true,
        now: @escaping @Sendable () -> Instant = Instant.now
    ) throws(SyncServerError) {
        let layout = DataDirectory(path: dataDirectory)
        self.dataDirectory = layout
        do {
            try FileSystem.makeDirectories(dataDirectory)
        } catch {
            throw .dataDirectory(path: dataDirectory, reason: error.description)
        }
        do {
            (storage, startReport) = try StorageOpener(dataDirectory: layout, acceptRestore: acceptRestore).open()
        } catch {
            throw .storage(error)
        }
        let metrics = ServerMetrics()
        for repair in startReport.repairs { metrics.countRepair(repair.kind) }
        service = SyncService(storage: storage, metrics: metrics, now: now)
        admin = AdminService(storage: storage, now: now)
        var config = configuration ?? HTTPServerConfiguration()
        config.address = listen
        if config.limits.problemTypePrefix == nil { config.limits.problemTypePrefix = ProblemType.uriPrefix }
        let service = self.service
        do {
            http = try HTTPServer(
                configuration: config,
                onRequest: { record in
                    metrics.record(record)
                    if logRequests { SyncServer.log(record) }
                },
                handler: { request in service.handle(request) })
        } catch {
            storage.close()
            throw .listen(address: listen.description, reason: error.description)
        }
        let http = self.http
        metrics.observeOpenConnections { http.openConnections }
        do {
            adminSocket = try AdminSocketListener(path: layout.adminSocketPath, service: admin)
        } catch {
            storage.close()
            throw .adminSocket(path: layout.adminSocketPath, reason: error.description)
        }
    }

    /// The bound address (with the real port when port 0 was asked for).
    public var address: SocketAddress { http.address }
    /// The bound port.
    public var port: UInt16 { http.port }

    /// Makes SIGTERM and SIGINT shut the server down gracefully.
    public func shutdownOnSignals() throws(SyncServerError) {
        Signal.unblock([.terminate, .interrupt])
        do {
            try http.shutdownOnSignals()
        } catch {
            throw .listen(address: address.description, reason: error.description)
        }
    }

    /// Serves until ``shutdown()`` or a watched signal; then stops the admin socket and closes storage.
    public func run() throws(SyncServerError) {
        defer {
            adminSocket.stop()
            storage.close()
        }
        do {
            try http.run()
        } catch {
            throw .listen(address: address.description, reason: error.description)
        }
    }

    /// Starts a graceful shutdown: in-flight requests finish, then ``run()`` returns.
    public func shutdown() { http.shutdown() }

    /// Serves on a background thread, for embedding (the demo, benchmarks, tests); stop with ``stop()``.
    public func start() {
        Thread { [self] in
            try? run()
            stopped.signal()
        }.start()
    }

    /// Shuts down a server started with ``start()`` and waits until storage is closed.
    public func stop() {
        shutdown()
        stopped.wait()
    }

    /// One access-log line on stderr: no query strings, ids or bodies.
    static func log(_ record: HTTPRequestRecord) {
        let millis = record.duration.inMilliseconds
        let method = record.method.isEmpty ? "-" : String(record.method.prefix(16))
        let line =
            "\(method) \(ServerMetrics.route(for: record.path)) \(record.status) "
            + String(format: "%.2fms", millis) + " in=\(record.requestBodyBytes) out=\(record.responseBodyBytes)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
