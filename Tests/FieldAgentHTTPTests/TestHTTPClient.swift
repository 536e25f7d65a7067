import FieldAgentSystem

/// A blocking HTTP client over raw sockets, for talking to the server in tests.
///
/// Every read has a receive timeout, so a test that goes wrong fails instead of hanging.
final class TestHTTPClient {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let socket: Socket
    private var buffer: [UInt8] = []

    init(port: UInt16, host: String = "127.0.0.1") throws {
        socket = try Socket.connect(to: SocketAddress(host: host, port: port))
        try socket.setReceiveTimeout(milliseconds: 10_000)
    }

    func close() { socket.close() }

    func send(_ text: String) throws { try socket.sendAll(Array(text.utf8)) }

    func send(bytes: [UInt8]) throws { try socket.sendAll(bytes) }

    /// Reads one response framed by Content-Length; `nil` if the server closed first.
    func readResponse() throws -> Response? {
        while true {
            if let response = try parseBuffered() { return response }
            let chunk = try socket.receive()
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }

    /// Reads until the server closes; returns true if it did (false would mean a timeout).
    func waitForClose() -> Bool {
        while true {
            guard let chunk = try? socket.receive() else { return false }
            if chunk.isEmpty { return true }
            buffer += chunk
        }
    }

    /// Everything received so far and not yet parsed.
    var unparsed: String { String(decoding: buffer, as: UTF8.self) }

    private func parseBuffered() throws -> Response? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = buffer.indices.first(where: { buffer[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst().split(separator: " ")
        let status = Int(statusLine[1]) ?? 0
        let headers = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces())
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = end + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        buffer.removeFirst(bodyStart + length)
        return Response(status: status, headers: headers, body: body)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
