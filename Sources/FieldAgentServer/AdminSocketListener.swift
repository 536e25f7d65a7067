import FieldAgentCore
import FieldAgentSystem
import Foundation
import Synchronization

/// Serves ``AdminService`` on a Unix-domain socket inside the data directory (`admin.sock`, mode 0600),
/// so only whoever can open that directory can administer a running server.
///
/// One thread accepts; each connection carries one request line and gets one answer line.
public final class AdminSocketListener: Sendable {
    /// The socket file's path.
    public let path: String
    private let listener: Socket
    private let service: AdminService
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds the socket at `path` (replacing a stale one) and starts accepting.
    public init(path: String, service: AdminService) throws(SystemError) {
        self.path = path
        self.service = service
        listener = try Socket.listenUnix(path: path)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "admin-socket"
        thread.start()
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while !stopped.load(ordering: .acquiring) {
            guard let connection = try? listener.acceptBlocking() else { return }
            if stopped.load(ordering: .acquiring) {
                connection.close()
                return
            }
            serve(connection)
        }
    }

    private func serve(_ connection: Socket) {
        defer { connection.close() }
        try? connection.setReceiveTimeout(milliseconds: 10_000)
        try? connection.setSendTimeout(milliseconds: 10_000)
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) && line.count < 1 << 20 {
            guard let chunk = try? connection.receive(maxBytes: 4096), !chunk.isEmpty else { break }
            line += chunk
        }
        if let newline = line.firstIndex(of: UInt8(ascii: "\n")) { line.removeSubrange(newline...) }
        try? connection.sendAll(JSON.bytes(service.answer(line: line)) + [UInt8(ascii: "\n")])
    }

    /// Stops accepting, waits for the request in progress, and removes the socket file.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        listener.shutdownBoth()
        finished.wait()
        listener.close()
        try? FileSystem.unlink(path, missingOK: true)
    }
}
