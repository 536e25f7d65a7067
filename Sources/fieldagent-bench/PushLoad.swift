import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSystem
import Foundation

/// The server's durable push capacity without devices: `connections` threads, each one device's
/// replica id on its own keep-alive connection, pushing batches of new contacts back to back.
/// No device store runs beside the server, so the figure is the server's (plus request encoding).
struct PushLoad {
    var connections: Int
    var batch: Int
    var acceptedPerSecond: Double
    var accepted: Int
    var p50Millis: Double
    var p99Millis: Double

    /// Pushes for `seconds`; connection `i` writes as `agents[i % agents.count]` under replica id
    /// `push-load-<i>`, to that agent's `customers`.
    static func measure(
        port: UInt16, agents: [String], tokens: [String: String], customers: [String: [String]], connections: Int,
        batch: Int, seconds: Int
    ) -> PushLoad {
        let deadline = Date().addingTimeInterval(Double(seconds))
        let start = Date()
        let results = Parallel.run(connections) { index -> (accepted: Int, latencies: [Double]) in
            let agent = agents[index % agents.count]
            guard let socket = try? Socket.connect(to: SocketAddress(host: "127.0.0.1", port: port)) else {
                return (0, [])
            }
            defer { socket.close() }
            let replica = "push-load-\(index)"
            let own = customers[agent]!
            var counter: UInt64 = 0
            var accepted = 0
            var latencies: [Double] = []
            var buffer: [UInt8] = []
            while Date() < deadline {
                let wall = Instant.now().millisecondsSinceEpoch
                let changes = (0..<batch).map { _ in
                    counter += 1
                    return Change(
                        id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall),
                        agent: agent,
                        target: Target(
                            customer: own[Int(counter) % own.count], entity: .contact, id: "K-\(replica)-\(counter)"),
                        op: .create,
                        value: .object([
                            "at": .string(Instant.now().description), "channel": "call", "direction": "outbound",
                            "outcome": "no-answer",
                        ]))
                }
                let began = DispatchTime.now().uptimeNanoseconds
                guard let response = push(changes, device: replica, token: tokens[agent]!, socket, &buffer) else {
                    break
                }
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e6)
                accepted += response.results.filter { $0.status == .accepted }.count
            }
            return (accepted, latencies)
        }
        let seconds = Date().timeIntervalSince(start)
        let accepted = results.map(\.accepted).reduce(0, +)
        let latencies = results.flatMap(\.latencies)
        return PushLoad(
            connections: connections, batch: batch, acceptedPerSecond: Double(accepted) / seconds, accepted: accepted,
            p50Millis: SyncBenchmark.median(latencies), p99Millis: SyncBenchmark.percentile(latencies, 0.99))
    }

    /// Sends one `POST /v1/push` of `changes` on `socket` (keep-alive) and reads its answer; nil if
    /// the connection failed or the answer was not a push response.
    static func push(
        _ changes: [Change], device: String, token: String, _ socket: Socket, _ buffer: inout [UInt8]
    ) -> PushResponse? {
        let body = Array(JSON.string(PushRequest(device: device, changes: changes).json).utf8)
        let head =
            "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
        guard (try? socket.sendAll(Array(head.utf8) + body)) != nil,
            let answer = Load.readResponseBody(socket, &buffer)
        else { return nil }
        return try? PushResponse(body: answer)
    }
}
