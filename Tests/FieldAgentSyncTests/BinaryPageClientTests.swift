import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Synchronization
import Testing

/// The client reads the real server's binary pull pages and refuses damaged ones without applying anything.
@Suite struct BinaryPageClientTests {
    /// `response`, a binary page from the server, passed through `damage`; throws if it is not a binary page.
    static func damaged(_ response: TransportResponse, _ damage: @Sendable ([UInt8]) -> [UInt8]) throws(TransportError)
        -> TransportResponse
    {
        guard response.headers["content-type"] == MediaType.binaryPage else {
            throw TransportError(reason: "expected a binary page, got \(response.headers["content-type"] ?? "none")")
        }
        return TransportResponse(status: response.status, headers: response.headers, body: damage(response.body))
    }

    func driver(_ home: AgentHome, _ server: LocalSyncServer, _ transport: InMemoryTransport) -> SyncDriver {
        SyncDriver(
            replica: home.replica, transport: transport,
            configuration: server.configuration(
                for: home, pageLimit: 4,
                retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(1), maxDelay: .milliseconds(1))),
            now: home.now, sleep: { _ in })
    }

    @Test func binaryPagesApplyLikeJSONAndDamagedOnesApplyNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = try LocalSyncServer(agents: ["alice"])
        for i in 1...3 { try server.importCustomer(Sample.customer("C-\(i)", agents: ["alice"])) }
        let clock = TestClock()
        let home = try Sample.home(dir, "alice", agent: "alice", clock: clock, server: server)
        defer { home.close() }
        let reference = try Sample.home(dir, "reference", agent: "alice", clock: clock, server: server)
        defer { reference.close() }
        // The reference device asks for JSON pages only.
        let jsonTypes = Mutex<Set<String>>([])
        _ = try await driver(
            reference, server,
            InMemoryTransport { request throws(TransportError) in
                var request = request
                request.headers["Accept"] = MediaType.json
                let answer = try server.handle(request)
                if request.path == "/v1/pull" {
                    jsonTypes.withLock { _ = $0.insert(answer.headers["content-type"] ?? "") }
                }
                return answer
            }
        ).run()
        #expect(jsonTypes.withLock { $0 } == [MediaType.json])
        // The second page (after the first page's cursor) arrives damaged.
        let first = try server.service.page(for: "alice", after: 0, limit: 4)
        #expect(first.more)
        let damages: [(String, @Sendable ([UInt8]) -> [UInt8])] = [
            ("truncated", { Array($0.dropLast(3)) }), ("cut in the header", { Array($0.prefix(6)) }),
            ("trailing byte", { $0 + [0] }), ("wrong magic", { [0x7B] + $0.dropFirst() }),
            ("unknown version", { Array($0.prefix(4)) + [9] + $0.dropFirst(5) }),
        ]
        for (name, damage) in damages {
            let transport = InMemoryTransport { request throws(TransportError) in
                let answer = try server.handle(request)
                guard request.path == "/v1/pull", request.query["cursor"] == first.cursor else { return answer }
                return try BinaryPageClientTests.damaged(answer, damage)
            }
            let before = (home.replica.cursor, home.replica.state.digest())
            var failure: SyncError?
            do { _ = try await driver(home, server, transport).run() } catch { failure = error }
            guard case .invalidResponse = failure else {
                Issue.record("\(name): expected invalidResponse, got \(String(describing: failure))")
                continue
            }
            // The first page may have been applied by the first attempt; the damaged one never.
            #expect(home.replica.cursor == first.cursor, "\(name)")
            if before.0 == first.cursor { #expect(home.replica.state.digest() == before.1, "\(name)") }
        }
        // Undamaged binary pages, as the server sends them, converge to the JSON reference.
        let binaryTypes = Mutex<Set<String>>([])
        _ = try await driver(
            home, server,
            InMemoryTransport { request throws(TransportError) in
                let answer = try server.handle(request)
                if request.path == "/v1/pull" {
                    binaryTypes.withLock { _ = $0.insert(answer.headers["content-type"] ?? "") }
                }
                return answer
            }
        ).run()
        #expect(binaryTypes.withLock { $0 } == [MediaType.binaryPage])
        #expect(home.replica.state.digest() == reference.replica.state.digest())
        #expect(home.replica.cursor == reference.replica.cursor)
    }
}
