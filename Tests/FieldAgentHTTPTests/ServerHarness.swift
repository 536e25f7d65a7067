import FieldAgentHTTP
import FieldAgentHTTPServer
import FieldAgentSystem
import Foundation
import Synchronization

/// Runs an ``HTTPServer`` on 127.0.0.1:0 on its own thread for the length of a test.
final class ServerHarness: Sendable {
    let server: HTTPServer
    private let finished = DispatchSemaphore(value: 0)
    private let runError = Mutex<HTTPServerError?>(nil)

    init(
        configuration: HTTPServerConfiguration = ServerHarness.testConfiguration(),
        onRequest: HTTPServer.RequestHook? = nil,
        handler: @escaping HTTPServer.Handler = ServerHarness.echo
    ) throws {
        server = try HTTPServer(configuration: configuration, onRequest: onRequest, handler: handler)
        let thread = Thread { [self] in
            do throws(HTTPServerError) {
                try server.run()
            } catch {
                runError.withLock { $0 = error }
            }
            finished.signal()
        }
        thread.name = "test-http-loop"
        thread.start()
    }

    var port: UInt16 { server.port }

    /// Asks for shutdown and waits (bounded) for `run()` to return; true if it did without error.
    @discardableResult
    func stop() -> Bool {
        server.shutdown()
        return waitUntilStopped()
    }

    /// Waits (bounded) for `run()` to return; true if it did without error.
    func waitUntilStopped() -> Bool {
        finished.wait(timeout: .now() + 20) == .success && runError.withLock { $0 } == nil
    }

    static func testConfiguration(
        limits: HTTPLimits = .default, headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60)
    ) -> HTTPServerConfiguration {
        HTTPServerConfiguration(
            address: SocketAddress(host: "127.0.0.1", port: 0), limits: limits, workerCount: 2,
            headerTimeout: headerTimeout, idleTimeout: idleTimeout, shutdownTimeout: .seconds(10))
    }

    /// Answers with the method, path and body length, so tests can tell requests apart.
    static let echo: HTTPServer.Handler = { request in
        HTTPResponse(status: 200, text: "\(request.method) \(request.target) \(request.body.count)")
    }
}
