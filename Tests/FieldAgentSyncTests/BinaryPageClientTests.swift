import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Testing

/// The client reads binary pull pages and refuses damaged ones without applying anything.
@Suite struct BinaryPageClientTests {
    /// `response`'s JSON page re-encoded as a binary page, passed through `damage`.
    static func binary(_ response: TransportResponse, _ damage: @Sendable ([UInt8]) -> [UInt8]) throws
        -> TransportResponse
    {
        let page = try PullResponse(json: try JSON.parse(response.body))
        return TransportResponse(
            status: 200, headers: ["content-type": MediaType.binaryPage], body: damage(page.binary))
    }

    func driver(_ home: AgentHome, _ transport: InMemoryTransport) -> SyncDriver {
        SyncDriver(
            replica: home.replica, transport: transport,
            configuration: SyncSession.Configuration(
                server: "http://fake", token: "alice-token", device: home.configuration.replicaID, pageLimit: 4,
                retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(1), maxDelay: .milliseconds(1))),
            now: home.now, sleep: { _ in })
    }

    @Test func binaryPagesApplyLikeJSONAndDamagedOnesApplyNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = FakeSyncServer(agents: ["alice-token": "alice"])
        for i in 1...3 { server.importCustomer(Sample.customer("C-\(i)", agents: ["alice"])) }
        let clock = TestClock()
        let home = try Sample.home(dir, "alice", agent: "alice", clock: clock)
        defer { home.close() }
        let reference = try Sample.home(dir, "reference", agent: "alice", clock: clock)
        defer { reference.close() }
        // The reference device pulls JSON pages.
        _ = try await driver(
            reference,
            InMemoryTransport { request throws(TransportError) in
                try server.handle(request)
            }
        ).run()
        let damages: [(String, @Sendable ([UInt8]) -> [UInt8])] = [
            ("truncated", { Array($0.dropLast(3)) }), ("cut in the header", { Array($0.prefix(6)) }),
            ("trailing byte", { $0 + [0] }), ("wrong magic", { [0x7B] + $0.dropFirst() }),
            ("unknown version", { Array($0.prefix(4)) + [9] + $0.dropFirst(5) }),
        ]
        for (name, damage) in damages {
            let transport = InMemoryTransport { request throws(TransportError) in
                let answer = try server.handle(request)
                guard request.target.hasPrefix("/v1/pull"), request.query["cursor"] == "4" else { return answer }
                do { return try BinaryPageClientTests.binary(answer, damage) } catch {
                    throw TransportError(reason: "fixture")
                }
            }
            let before = (home.replica.cursor, home.replica.state.digest())
            var failure: SyncError?
            do { _ = try await driver(home, transport).run() } catch { failure = error }
            guard case .invalidResponse = failure else {
                Issue.record("\(name): expected invalidResponse, got \(String(describing: failure))")
                continue
            }
            // The first page (cursor 0 → 4) may have been applied by the first attempt; the damaged one never.
            #expect(home.replica.cursor == "4", "\(name)")
            if before.0 == "4" { #expect(home.replica.state.digest() == before.1, "\(name)") }
        }
        // Undamaged binary pages converge to the JSON reference.
        let binary = InMemoryTransport { request throws(TransportError) in
            let answer = try server.handle(request)
            guard request.target.hasPrefix("/v1/pull") else { return answer }
            do { return try BinaryPageClientTests.binary(answer) { $0 } } catch {
                throw TransportError(reason: "fixture")
            }
        }
        _ = try await driver(home, binary).run()
        #expect(home.replica.state.digest() == reference.replica.state.digest())
        #expect(home.replica.cursor == reference.replica.cursor)
    }
}
