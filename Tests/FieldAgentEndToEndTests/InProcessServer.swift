import FieldAgentServer
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation

/// A real ``SyncServer`` (HTTP on an ephemeral loopback port, file storage) running on its own thread
/// for the duration of a test.
final class InProcessServer: Sendable {
    let directory: TemporaryDirectory
    let server: SyncServer
    let stopped = DispatchSemaphore(value: 0)

    init() throws {
        directory = try TemporaryDirectory(prefix: "fa-inproc")
        server = try SyncServer(
            dataDirectory: directory.appending("server"), listen: SocketAddress(host: "127.0.0.1", port: 0),
            logRequests: false)
        let server = self.server
        let stopped = self.stopped
        Thread {
            try? server.run()
            stopped.signal()
        }.start()
    }

    var url: String { "http://127.0.0.1:\(server.port)" }

    /// Shuts the server down gracefully, waits for it, and removes its files.
    func stop() {
        server.shutdown()
        stopped.wait()
        directory.remove()
    }
}
