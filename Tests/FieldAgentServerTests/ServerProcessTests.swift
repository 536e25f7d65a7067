import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

@Suite(.serialized) struct ServerProcessTests {
    static let hasCurl = FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Talks to the server with Python's `http.client` and prints one JSON line per exchange:
    /// `{"status", "type", "body"}` (body parsed as JSON).
    static let pythonClient = """
        import http.client, json, sys
        port, token, push = int(sys.argv[1]), sys.argv[2], sys.argv[3]
        def call(method, path, headers={}, body=None):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            print(json.dumps({"status": r.status, "type": r.getheader("Content-Type"), "body": json.loads(data)}))
            c.close()
        auth = {"Authorization": "Bearer " + token}
        call("GET", "/v1/health")
        call("POST", "/v1/push", dict(auth, **{"Content-Type": "application/json"}), push.encode())
        call("GET", "/v1/pull?cursor=0&limit=1000", auth)
        call("GET", "/v1/pull", {"Authorization": "Bearer " + "0" * 64})
        """

    /// Runs a back-office command of the built `fieldagent-server`; the token of `agent add` is its stdout.
    static func admin(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner(
            executable: try BuiltProduct.executable("fieldagent-server"),
            environment: ProcessInfo.processInfo.environment,
            timeout: .seconds(30)
        ).run(arguments)
    }

    static func pushText(_ token: String, _ changes: [Change]) -> String {
        let body = JSON.string(PushRequest(device: "a1", changes: changes).json)
        return "POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    @Test func killedServerKeepsAcknowledgedChangesAndRetriesAreDuplicates() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let token = try ServerProcessTests.admin(["agent", "add", "alice", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        #expect(
            try ServerProcessTests.admin(["import", repo.path + "/Fixtures/portfolio-small.json", "--data", data])
                .status == 0)
        let server = try ServerProcess.start(dataDirectory: data)
        // Admin through the running server's socket.
        #expect(try ServerProcessTests.admin(["agent", "add", "bob", "--data", data]).status == 0)
        #expect(try ServerProcessTests.admin(["assign", "C-1001", "alice", "--data", data]).status == 0)
        let changes = (1...50).map {
            ServiceFixture.change(
                "a1", UInt64($0), agent: "alice", customer: "C-1001", value: .string("+35840000\($0 + 1000)"),
                wall: Int64(Date().timeIntervalSince1970 * 1000))
        }
        let first = try server.exchange(ServerProcessTests.pushText(token, Array(changes[0..<25])))
        #expect(first.hasPrefix("HTTP/1.1 200"))
        // A push in flight when the server is SIGKILLed: acknowledged or not, the retry must not duplicate.
        let socket = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: UInt16(server.port)))
        try socket.sendAll(Array(ServerProcessTests.pushText(token, changes).utf8))
        server.kill()
        socket.close()
        let restarted = try ServerProcess.start(dataDirectory: data)
        defer { restarted.stop() }
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
        let server = try ServerProcess.start(dataDirectory: data)
        defer { server.stop() }
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
        for _ in 0..<300 {
            idle.append(try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: UInt16(server.port))))
        }
        let slow = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: UInt16(server.port)))
        try slow.sendAll(Array("GET /v1/health HTTP/1.1\r\nHo".utf8))
        #expect(
            try server.exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").hasPrefix(
                "HTTP/1.1 200"))
        for socket in idle { socket.close() }
        slow.close()
        let metrics = try server.exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(metrics.contains("fieldagent_http_requests_total{route=\"unparsed\",status=\"400\"} 1"))
        // Graceful shutdown exits 0.
        let stopped = server.stop()
        #expect(stopped.status == 0 && !stopped.signalled)
    }

    /// The JSON-level bad inputs of issue 4, sent as raw bytes to the real binary; the server keeps serving.
    @Test func badRequestsAndChangesGetTheirDocumentedAnswersOverRawSockets() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let alice = try ServerProcessTests.admin(["agent", "add", "alice", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bob = try ServerProcessTests.admin(["agent", "add", "bob", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let repo = BuiltProduct.packageRoot()
        #expect(
            try ServerProcessTests.admin(["import", repo.path + "/Fixtures/portfolio-small.json", "--data", data])
                .status == 0)
        let server = try ServerProcess.start(dataDirectory: data)
        defer { server.stop() }
        let now = Int64(Date().timeIntervalSince1970 * 1000)

        func post(_ token: String, _ body: String) throws -> (status: String, body: Value?) {
            let answer = try server.exchange(
                "POST /v1/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
                    + body)
            let parts = answer.components(separatedBy: "\r\n\r\n")
            return (String(answer.prefix(12)), parts.count > 1 ? try? JSON.parse(parts[1]) : nil)
        }
        func results(_ answer: (status: String, body: Value?)) throws -> [ChangeResult] {
            try PushResponse(json: answer.body ?? .null).results
        }
        func healthy() throws -> Bool {
            try server.exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .hasPrefix("HTTP/1.1 200")
        }

        // Invalid JSON: 400 with a problem body.
        let invalid = try post(alice, "{\"device\": \"a1\", \"changes\": [")
        #expect(invalid.status == "HTTP/1.1 400")
        #expect(invalid.body?["type"] == "urn:fieldagent:problem:invalid-json")
        // Well-formed JSON of the wrong types: 422.
        #expect(try post(alice, "{\"device\": 5, \"changes\": \"none\"}").status == "HTTP/1.1 422")
        #expect(try healthy())

        // Per-change rejections: an unknown enum value, CSAT 9, another agent's customer.
        let contact = WireChange.encode(
            Change(
                id: ChangeID(replica: "a1", counter: 1), hlc: HLCTimestamp(wallMillis: now), agent: "alice",
                target: Target(customer: "C-1001", entity: .contact, id: "K-raw-1"), op: .create,
                value: .object(["at": "2026-11-30T09:00:00Z", "channel": "pigeon", "outcome": "no-answer"])))
        let csat = WireChange.encode(
            ServiceFixture.change(
                "a1", 2, agent: "alice", customer: "C-1001", field: "score", value: 9, wall: now, entity: .note,
                entityID: "N-raw-1"))
        let foreign = WireChange.encode(
            ServiceFixture.change("a1", 3, agent: "alice", customer: "C-1002", value: "+358401231234", wall: now))
        let batch = "{\"device\": \"a1\", \"changes\": \(JSON.string(.list([contact, csat, foreign])))}"
        let rejected = try results(try post(alice, batch))
        #expect(rejected.map(\.status) == [.rejected, .rejected, .rejected])
        #expect(rejected.map(\.reason) == [.invalidValue, .invalidValue, .notAssigned])
        #expect(try healthy())

        // No token, a wrong token, a revoked token: 401 with the problem type telling them apart.
        let wrong = String(repeating: "0", count: 64)
        #expect(try post(wrong, batch).body?["type"] == "urn:fieldagent:problem:unauthorized")
        #expect(try ServerProcessTests.admin(["agent", "revoke", "bob", "--data", data]).status == 0)
        let revoked = try post(bob, batch)
        #expect(revoked.status == "HTTP/1.1 401")
        #expect(revoked.body?["type"] == "urn:fieldagent:problem:token-revoked")
        #expect(try healthy())
    }

    @Test func readOnlyCommandsOnAMistypedDataDirectoryFailAndCreateNothing() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let typo = directory.appending("dta")
        for arguments in [
            ["agent", "list", "--data", typo], ["kpi", "--data", typo], ["erase", "C-1", "--data", typo],
        ] {
            let result = try ServerProcessTests.admin(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("no FieldAgent server data in \(typo)"))
        }
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test(.enabled(if: ServerProcessTests.hasCurl)) func curlTalksToTheServer() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let token = try ServerProcessTests.admin(["agent", "add", "alice", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess.start(dataDirectory: data)
        defer { server.stop() }
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

    @Test(.enabled(if: ServerProcessTests.python != nil)) func pythonHTTPClientTalksToTheServer() throws {
        let directory = try TemporaryDirectory(prefix: "fa-srv")
        defer { directory.remove() }
        let data = directory.appending("data")
        let token = try ServerProcessTests.admin(["agent", "add", "alice", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let repo = BuiltProduct.packageRoot()
        #expect(
            try ServerProcessTests.admin(["import", repo.path + "/Fixtures/portfolio-small.json", "--data", data])
                .status == 0)
        #expect(try ServerProcessTests.admin(["assign", "C-1001", "alice", "--data", data]).status == 0)
        let server = try ServerProcess.start(dataDirectory: data)
        defer { server.stop() }
        let change = ServiceFixture.change(
            "py-1", 1, agent: "alice", customer: "C-1001", value: "+358401112223",
            wall: Int64(Date().timeIntervalSince1970 * 1000))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServerProcessTests.python!)
        process.arguments = [
            "-c", ServerProcessTests.pythonClient, String(server.port), token,
            JSON.string(PushRequest(device: "py-1", changes: [change]).json),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSON.parse(String($0))
        }
        try #require(lines.count == 4)
        let health = try WireFixture.value("health-response.json")
        let unauthorized = try WireFixture.value("problem-unauthorized.json")
        #expect(lines[0]["status"] == 200 && lines[0]["body"] == health)
        #expect(lines[1]["status"] == 200 && lines[1]["type"] == "application/json")
        let pushed = try PushResponse(json: lines[1]["body"] ?? .null)
        #expect(pushed.results == [ChangeResult(id: change.id, status: .accepted)])
        #expect(lines[2]["status"] == 200)
        let page = try PullResponse(json: lines[2]["body"] ?? .null)
        #expect(page.changes.contains { $0.id == change.id && $0.value == "+358401112223" })
        #expect(lines[3]["status"] == 401 && lines[3]["type"] == "application/problem+json")
        #expect(lines[3]["body"] == unauthorized)
    }
}
