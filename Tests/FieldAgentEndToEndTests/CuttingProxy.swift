import FieldAgentSystem
import Foundation
import Synchronization

/// A loopback TCP proxy that forwards bytes both ways but cuts the first `cuts` connections (both
/// sides) once `cutAfter` bytes of the server's answers have gone through them.
///
/// Each connection is relayed by one thread polling two non-blocking sockets; the accept thread and
/// every relay stop by themselves after ``stop()``.
final class CuttingProxy: Sendable {
    let listener: Socket
    let upstream: SocketAddress
    let cutAfter: Int
    let cutsLeft: Atomic<Int>
    let stopping = Atomic<Bool>(false)
    let running = Atomic<Int>(0)
    /// Connections cut so far.
    let cutCount = Atomic<Int>(0)
    /// Connections accepted so far.
    let connections = Atomic<Int>(0)

    init(to upstream: UInt16, cutAfter: Int, cuts: Int) throws {
        self.upstream = SocketAddress(host: "127.0.0.1", port: upstream)
        self.cutAfter = cutAfter
        cutsLeft = Atomic(cuts)
        listener = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0))
        running.add(1, ordering: .sequentiallyConsistent)
        Thread { [self] in acceptLoop() }.start()
    }

    var url: String { "http://127.0.0.1:\((try? listener.localAddress().port) ?? 0)" }

    /// Stops accepting, ends every relay and waits (at most 10 s) until all threads have finished.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for _ in 0..<1000 where running.load(ordering: .sequentiallyConsistent) > 0 { usleep(10_000) }
        listener.close()
    }

    func acceptLoop() {
        defer { running.subtract(1, ordering: .sequentiallyConsistent) }
        while !stopping.load(ordering: .sequentiallyConsistent) {
            guard let client = try? listener.accept() else {
                usleep(1_000)
                continue
            }
            connections.add(1, ordering: .sequentiallyConsistent)
            guard let server = try? Socket.connect(to: upstream) else {
                client.close()
                continue
            }
            running.add(1, ordering: .sequentiallyConsistent)
            Thread { [self] in relay(client: client, server: server) }.start()
        }
    }

    /// Copies bytes both ways until either side closes, the cut comes, or the proxy stops.
    func relay(client: Socket, server: Socket) {
        defer {
            client.close()
            server.close()
            running.subtract(1, ordering: .sequentiallyConsistent)
        }
        // The upstream socket blocks; a 1 ms receive timeout makes its reads poll like the client's.
        try? server.setReceiveTimeout(milliseconds: 1)
        var downstream = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopping.load(ordering: .sequentiallyConsistent) {
            var idle = true
            for (from, to, isDown) in [(client, server, false), (server, client, true)] {
                var limit = buffer.count
                if isDown, cutsLeft.load(ordering: .sequentiallyConsistent) > 0 {
                    limit = min(limit, max(1, cutAfter - downstream))
                }
                let received = buffer.withUnsafeMutableBytes { raw in
                    Result { () throws(SystemError) in try from.receive(into: .init(rebasing: raw[0..<limit])) }
                }
                switch received {
                case .success(nil): continue
                case .success(0), .failure: return
                case .success(let count?):
                    idle = false
                    guard send(Array(buffer[0..<count]), to: to) else { return }
                    guard isDown else { continue }
                    downstream += count
                    if downstream >= cutAfter, claimCut() { return }
                }
            }
            if idle { usleep(200) }
        }
    }

    /// Writes all of `bytes` to a possibly non-blocking socket; false when it fails or the proxy stops.
    func send(_ bytes: [UInt8], to socket: Socket) -> Bool {
        var offset = 0
        while offset < bytes.count {
            if stopping.load(ordering: .sequentiallyConsistent) { return false }
            let sent = bytes[offset...].withUnsafeBytes { raw in
                Result { () throws(SystemError) in try socket.send(raw) }
            }
            switch sent {
            case .success(let count?): offset += count
            case .success(nil): usleep(200)
            case .failure: return false
            }
        }
        return true
    }

    /// Takes one of the remaining cuts, if any.
    func claimCut() -> Bool {
        while true {
            let left = cutsLeft.load(ordering: .sequentiallyConsistent)
            guard left > 0 else { return false }
            if cutsLeft.compareExchange(expected: left, desired: left - 1, ordering: .sequentiallyConsistent).exchanged
            {
                cutCount.add(1, ordering: .sequentiallyConsistent)
                return true
            }
        }
    }
}
