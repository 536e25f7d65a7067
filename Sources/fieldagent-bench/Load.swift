import FieldAgentSystem
import Foundation

/// Load on the sync server: `wrk` when installed, otherwise a built-in keep-alive load generator.
struct Load {
    var tool: String
    var requestsPerSecond: Double
    var p50Millis: Double
    var p99Millis: Double

    static func measure(port: UInt16, token: String, target: String, connections: Int, seconds: Int) -> Load {
        if let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }),
            let result = runWrk(
                wrk, port: port, token: token, target: target, connections: connections, seconds: seconds)
        {
            return result
        }
        return builtIn(port: port, token: token, target: target, connections: connections, seconds: seconds)
    }

    static func runWrk(
        _ path: String, port: UInt16, token: String, target: String, connections: Int, seconds: Int
    ) -> Load? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [
            "-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-H", "Authorization: Bearer \(token)",
            "http://127.0.0.1:\(port)\(target)",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func field(_ prefix: String) -> String? {
            output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .map {
                    String($0.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count)).trimmingCharacters(
                        in: .whitespaces)
                }
        }
        func millis(_ text: String?) -> Double? {
            guard let text else { return nil }
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000)]
            for (unit, scale) in units where text.hasSuffix(unit) {
                return Double(text.dropLast(unit.count)).map { $0 * scale }
            }
            return nil
        }
        guard let rps = field("Requests/sec:").flatMap(Double.init), let p50 = millis(field("50%")),
            let p99 = millis(field("99%"))
        else { return nil }
        return Load(
            tool: "wrk -t2 -c\(connections) -d\(seconds)s", requestsPerSecond: rps, p50Millis: p50, p99Millis: p99)
    }

    /// `connections` threads, each with one keep-alive connection sending requests back to back.
    static func builtIn(port: UInt16, token: String, target: String, connections: Int, seconds: Int) -> Load {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n\r\n".utf8)
        let deadline = Date().addingTimeInterval(Double(seconds))
        let latencies = Parallel.run(connections) { _ -> [Double] in
            guard let socket = try? Socket.connect(to: SocketAddress(host: "127.0.0.1", port: port)) else { return [] }
            defer { socket.close() }
            var local: [Double] = []
            var buffer: [UInt8] = []
            while Date() < deadline {
                let start = DispatchTime.now().uptimeNanoseconds
                guard (try? socket.sendAll(request)) != nil, readResponse(socket, &buffer) else { break }
                local.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return local
        }
        let all = latencies.joined().sorted()
        guard !all.isEmpty else { return Load(tool: "built-in", requestsPerSecond: 0, p50Millis: 0, p99Millis: 0) }
        return Load(
            tool: "built-in (\(connections) threads)", requestsPerSecond: Double(all.count) / Double(seconds),
            p50Millis: all[all.count / 2], p99Millis: all[min(all.count - 1, all.count * 99 / 100)])
    }

    /// Reads one response (headers and a Content-Length body) from `socket`, keeping extra bytes in `buffer`.
    static func readResponse(_ socket: Socket, _ buffer: inout [UInt8]) -> Bool {
        readResponseBody(socket, &buffer) != nil
    }

    /// Reads one response from `socket` like ``readResponse(_:_:)``; returns its body, or nil if the
    /// connection ended first.
    static func readResponseBody(_ socket: Socket, _ buffer: inout [UInt8]) -> [UInt8]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
                let length =
                    head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                let total = end.upperBound + length
                if buffer.count >= total {
                    let body = Array(buffer[end.upperBound..<total])
                    buffer.removeFirst(total)
                    return body
                }
            }
            guard let chunk = try? socket.receive(), !chunk.isEmpty else { return nil }
            buffer.append(contentsOf: chunk)
        }
    }
}
