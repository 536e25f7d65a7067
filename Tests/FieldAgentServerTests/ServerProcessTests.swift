import FieldAgentCore
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

@Suite(.serialized) struct ServerProcessTests {
    static let hasCurl = FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")

    static func pushText(_ token: String, _ changes: [Change]) -> String {
        let body = JSON.string(PushRequest(device: "a1", changes: changes).json)
        return "POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    @Test func killedServerKeepsAcknowledgedChangesAndRetriesAreDuplicates() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let token = try ServerProcess.run(["agent", "add", "alice", "--data", data]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        #expect(
            try ServerProcess.run(["import", repo.path + "/Fixtures/portfolio-small.json", "--data", data]).status == 0)
        let server = try ServerProcess(data: data)
        // Admin through the running server's socket.
        #expect(try ServerProcess.run(["agent", "add", "bob", "--data", data]).status == 0)
        #expect(try ServerProcess.run(["assign", "C-1001", "alice", "--data", data]).status == 0)
        let changes = (1...50).map {
            ServiceFixture.change(
                "a1", UInt64($0), agent: "alice", customer: "C-1001", value: .string("+35840000\($0 + 1000)"),
                wall: Int64(Date().timeIntervalSince1970 * 1000))
        }
        let first = try server.exchange(ServerProcessTests.pushText(token, Array(changes[0..<25])))
        #expect(first.hasPrefix("HTTP/1.1 200"))
        // A push in flight when the server is SIGKILLed: acknowledged or not, the retry must not duplicate.
        let socket = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: server.port))
        try socket.sendAll(Array(ServerProcessTests.pushText(token, changes).utf8))
        server.kill()
        socket.close()
        let restarted = try ServerProcess(data: data)
        defer {
            restarted.process.terminate()
            restarted.process.waitUntilExit()
        }
        let retry = try restarted.exchange(ServerProcessTests.pushText(token, changes))
        let body = try JSON.parse(Array(retry.utf8.split(separator: UInt8(ascii: "\n")).last ?? []))
        let statuses = try PushResponse(json: body).results.map(\.status)
        #expect(statuses.prefix(25).allSatisfy { $0 == .duplicate })
        #expect(statuses.allSatisfy { $0 != .rejected })
        let again = try PushResponse(
            json: try JSON.parse(
                Array(
                    try restarted.exchange(ServerProcessTests.pushText(token, changes)).utf8.split(
                        separator: UInt8(ascii: "\n")
                    ).last ?? [])))
        #expect(again.results.allSatisfy { $0.status == .duplicate })
    }

    @Test func badInputGetsErrorsAndServerKeepsServing() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let server = try ServerProcess(data: data)
        defer {
            server.process.terminate()
            server.process.waitUntilExit()
        }
        #expect(try server.exchange("GARBAGE\r\n\r\n").hasPrefix("HTTP/1.1 400"))
        let bigHeader = "GET /v1/health HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        #expect(try server.exchange(bigHeader).hasPrefix("HTTP/1.1 431"))
        #expect(
            try server.exchange("POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n\r\n").hasPrefix(
                "HTTP/1.1 413"))
        #expect(
            try server.exchange("GET /v1/pull HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix(
                "HTTP/1.1 401"))
        var idle: [Socket] = []
        for _ in 0..<300 { idle.append(try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: server.port))) }
        let slow = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: server.port))
        try slow.sendAll(Array("GET /v1/health HTTP/1.1\r\nHo".utf8))
        #expect(
            try server.exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix(
                "HTTP/1.1 200"))
        for socket in idle { socket.close() }
        slow.close()
        let metrics = try server.exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(metrics.contains("fieldagent_http_requests_total{route=\"unparsed\",status=\"400\"} 1"))
        // Graceful shutdown exits 0.
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }

    @Test(.enabled(if: ServerProcessTests.hasCurl)) func curlTalksToTheServer() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let token = try ServerProcess.run(["agent", "add", "alice", "--data", data]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(data: data)
        defer {
            server.process.terminate()
            server.process.waitUntilExit()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = [
            "-s", "-m", "10", "-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(server.port)/v1/pull",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let page = try PullResponse(json: try JSON.parse(Array(output)))
        #expect(page.changes.isEmpty && page.cursor == "0")
    }
}
