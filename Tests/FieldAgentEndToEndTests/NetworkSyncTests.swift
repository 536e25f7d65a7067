import FieldAgentCore
import FieldAgentServer
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Synchronization
import Testing

/// Devices syncing over real HTTP on loopback with an in-process ``SyncServer``: a connection cut in
/// the middle of a pull, and many agents syncing conflicting edits at once.
@Suite(.serialized) struct NetworkSyncTests {
    static let quickRetry = RetryPolicy(maxAttempts: 6, initialDelay: .milliseconds(5), maxDelay: .milliseconds(40))

    static func driver(
        _ home: AgentHome, url: String, token: String, pageLimit: Int = 5_000, retry: RetryPolicy = quickRetry,
        progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) -> SyncDriver {
        SyncDriver(
            replica: home.replica, transport: URLSessionTransport(baseURL: url, timeout: 10),
            configuration: SyncSession.Configuration(
                server: url, token: token, device: home.configuration.replicaID, pageLimit: pageLimit, retry: retry),
            now: home.now, progress: progress)
    }

    @Test(.timeLimit(.minutes(2))) func connectionCutMidPullResumesAndConverges() async throws {
        let server = try InProcessServer()
        defer { server.stop() }
        let generated = PortfolioGenerator(customerCount: 500, months: 12, agentCount: 1).generate()
        let agent = generated.customers[0].agents[0]
        let token = try server.server.admin.addAgent(name: agent)
        _ = try server.server.admin.importPortfolio(Array(try JSONEncoder().encode(generated.portfolio)))
        let customers = Set(generated.customers.map(\.id))
        let proxy = try CuttingProxy(to: server.server.port, cutAfter: 48_000, cuts: 4)
        defer { proxy.stop() }
        let home = try AgentHome.initialize(
            at: server.directory.appending("device"), server: proxy.url, agent: agent, token: token)
        defer { home.close() }
        let cursors = Mutex<[UInt64]>([])
        let record: @Sendable (SyncProgress) -> Void = { _ in
            cursors.withLock { $0.append(UInt64(home.replica.cursor ?? "0") ?? 0) }
        }
        // Without retries the first cut ends the sync; what was applied before it stays, with its cursor.
        var failure: SyncError?
        do {
            _ = try await NetworkSyncTests.driver(
                home, url: proxy.url, token: token, pageLimit: 200, retry: RetryPolicy(maxAttempts: 1),
                progress: record
            ).run()
        } catch { failure = error }
        guard case .unreachable = failure else {
            Issue.record("expected the cut to end the sync, got \(String(describing: failure))")
            return
        }
        #expect(proxy.cutCount.load(ordering: .sequentiallyConsistent) == 1)
        let partial = UInt64(home.replica.cursor ?? "0") ?? 0
        #expect(partial > 0)
        // With retries the next sync rides out the remaining cuts and catches up.
        let report = try await NetworkSyncTests.driver(
            home, url: proxy.url, token: token, pageLimit: 200, progress: record
        ).run()
        #expect(proxy.cutCount.load(ordering: .sequentiallyConsistent) == 4)
        #expect(report.retries >= 3)
        let seen = cursors.withLock { $0 }
        #expect(seen.count > 10)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 < $1 }, "the saved cursor only moves forward")
        #expect(seen.last == server.server.storage.lastSequence)
        let serverDigest = try server.server.storage.currentState().digest(of: customers)
        #expect(home.replica.state.digest(of: customers) == serverDigest)
        #expect(home.customers().count == 500)
        // A clean device, straight to the server, ends in the same state.
        let clean = try AgentHome.initialize(
            at: server.directory.appending("clean"), server: server.url, agent: agent, token: token)
        defer { clean.close() }
        _ = try await NetworkSyncTests.driver(clean, url: server.url, token: token).run()
        #expect(clean.replica.state.digest() == home.replica.state.digest())
    }

    @Test(.timeLimit(.minutes(3))) func twentyAgentsSyncConflictingEditsConcurrentlyAndConverge() async throws {
        let server = try InProcessServer()
        defer { server.stop() }
        let agents = (0..<20).map { String(format: "agent-%02d", $0) }
        let shared = (1...4).map { "S-\($0)" }
        var portfolio: [Value] = shared.map { id in
            .object([
                "id": .string(id), "name": .string("Shared \(id)"), "timeZone": "Europe/Helsinki",
                "agents": .list(agents.map(Value.string)),
            ])
        }
        for agent in agents {
            for n in 1...2 {
                portfolio.append(
                    .object([
                        "id": .string("O-\(agent)-\(n)"), "name": "Own", "timeZone": "Europe/Berlin",
                        "agent": .string(agent),
                    ]))
            }
        }
        var issued: [String: String] = [:]
        for agent in agents { issued[agent] = try server.server.admin.addAgent(name: agent) }
        let tokens = issued
        _ = try server.server.admin.importPortfolio(JSON.bytes(.object(["customers": .list(portfolio)])))
        var opened: [AgentHome] = []
        for agent in agents {
            opened.append(
                try AgentHome.initialize(
                    at: server.directory.appending(agent), server: server.url, agent: agent, token: tokens[agent]!))
        }
        let homes = opened
        defer { for home in homes { home.close() } }
        func syncAll() async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (agent, home) in zip(agents, homes) {
                    group.addTask {
                        _ = try await NetworkSyncTests.driver(home, url: server.url, token: tokens[agent]!).run()
                    }
                }
                try await group.waitForAll()
            }
        }
        try await syncAll()
        let channels = ["visit", "call", "sms", "email"]
        for round in 0..<4 {
            // Offline edits: every agent writes the same fields, flags, contacts and notes of the shared customers.
            for (index, home) in homes.enumerated() {
                for customer in shared {
                    try home.setField(
                        customer: customer, field: "phone", value: "+3584000\(round)\(String(format: "%04d", index))")
                    try home.setField(
                        customer: customer, field: "preferredChannel", value: channels[(index + round) % 4])
                    try home.setFlag(customer: customer, flag: .hardship, present: (index + round) % 3 != 0)
                    if index % 4 == round % 4 {
                        try home.logContact(
                            customer: customer, channel: .call, outcome: .noAnswer, note: "round \(round)")
                        try home.addNote(customer: customer, score: 1 + (index + round) % 5)
                    }
                }
                try home.setField(customer: "O-\(agents[index])-1", field: "note", value: "round \(round)")
            }
            try await syncAll()
        }
        // Quiet round: everyone syncs twice.
        try await syncAll()
        try await syncAll()
        let sharedSet = Set(shared)
        let serverState = try server.server.storage.currentState()
        let serverDigest = serverState.digest(of: sharedSet)
        let conflicts = Set(homes[0].conflicts().filter { sharedSet.contains($0.customer) })
        #expect(!conflicts.isEmpty)
        for (agent, home) in zip(agents, homes) {
            #expect(home.replica.pendingCount == 0, "\(agent)")
            #expect(home.replica.state.digest(of: sharedSet) == serverDigest, "\(agent)")
            #expect(Set(home.conflicts().filter { sharedSet.contains($0.customer) }) == conflicts, "\(agent)")
            let own = Set(["O-\(agent)-1", "O-\(agent)-2"])
            #expect(home.replica.state.digest(of: own) == serverState.digest(of: own), "\(agent)")
            #expect(home.customers().count == 6, "\(agent)")
            let contacts = shared.map { home.contacts(customer: $0).count }.reduce(0, +)
            #expect(contacts == 4 * 20, "\(agent): every contact logged reaches every device")
        }
    }
}
