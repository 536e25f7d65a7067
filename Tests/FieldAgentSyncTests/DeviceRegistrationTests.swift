import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Testing

/// Device registration, revocation and wipe (protocol.md → Devices), against the real sync service
/// with the device endpoints scripted in front of it (``DeviceServer``).
@Suite struct DeviceRegistrationTests {
    let fast = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(2))

    func setUp(_ dir: TemporaryDirectory) throws -> (DeviceServer, AgentHome) {
        let server = try LocalSyncServer(agents: ["alice"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"], name: "Zebulon Quuxington"))
        try server.importCustomer(Sample.customer("C-2", agents: ["alice"], name: "Wilhelmina Xyzzy"))
        let home = try Sample.home(dir, "alice", agent: "alice", clock: TestClock(), server: server)
        return (DeviceServer(server, agent: "alice"), home)
    }

    @Test func syncRegistersOnceAndUsesTheDeviceTokenFromThenOn() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try setUp(dir)
        defer { home.close() }
        let agentToken = try home.token()
        #expect(!home.isRegistered)
        let first = try await home.sync(transport: devices.transport, retry: fast)
        #expect(first.registered)
        #expect(home.customers().count == 2)
        let issued = try #require(devices.state.issued.last)
        #expect(try home.token() == issued)
        #expect(home.isRegistered)
        let registrations = devices.state.requests.filter { $0.path == SyncEndpoint.devices.path }
        #expect(registrations.map(\.token) == [agentToken])
        #expect(devices.state.requests.dropFirst().allSatisfy { $0.token == issued })

        try home.setField(customer: "C-1", field: "phone", value: "+358401111111")
        let before = devices.state.requests.count
        let second = try await home.sync(transport: devices.transport, retry: fast)
        #expect(!second.registered && second.accepted == 1)
        let later = devices.state.requests.dropFirst(before)
        #expect(later.map(\.path) == ["/v1/push", "/v1/pull"])
        #expect(later.allSatisfy { $0.token == issued })
        #expect(devices.state.issued.count == 1)
        // The token file keeps only the device token now.
        #expect(try !RawFiles.anyContains(agentToken, under: home.path))
    }

    @Test func initRegistersWhenTheServerAnswersAndSyncRegistersWhenItDidNot() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try setUp(dir)
        defer { home.close() }
        let offline = InMemoryTransport { _ throws(TransportError) in throw TransportError(reason: "no network") }
        await #expect(throws: SyncError.self) { try await home.register(transport: offline) }
        #expect(!home.isRegistered)
        #expect(try await home.register(transport: devices.transport))
        #expect(home.isRegistered && home.status().lastSync == nil, "registering is not a sync")
        #expect(try await home.register(transport: devices.transport), "registered already: nothing sent")
        #expect(devices.state.requests.count == 1)
        let report = try await home.sync(transport: devices.transport, retry: fast)
        #expect(!report.registered && home.customers().count == 2)
    }

    @Test func aLostRegistrationAnswerIsRetriedAndTheLastTokenKept() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try setUp(dir)
        defer { home.close() }
        // Lost more often than one sync retries: the sync fails, unregistered, and nothing is lost.
        devices.edit { $0.loseRegistrations = 3 }
        await #expect(throws: SyncError.self) { try await home.sync(transport: devices.transport, retry: fast) }
        #expect(!home.isRegistered)
        // Lost once: the retry registers again, and the server's newest token is the one kept.
        devices.edit { $0.loseRegistrations = 1 }
        let report = try await home.sync(transport: devices.transport, retry: fast)
        #expect(report.registered && report.retries == 1)
        #expect(devices.state.issued.count == 5)
        #expect(try home.token() == devices.state.issued.last)
        #expect(home.customers().count == 2)
    }

    @Test func anOlderServerLeavesTheDeviceUnregisteredAndSyncing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = try LocalSyncServer(agents: ["alice"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"]))
        let home = try Sample.home(dir, "alice", agent: "alice", clock: TestClock(), server: server)
        defer { home.close() }
        // A server from before registration answers the device endpoints 404.
        let older = DeviceServer(server, agent: "alice")
        older.edit { $0.registration = .notFound }
        let report = try await home.sync(transport: older.transport, retry: fast)
        #expect(!report.registered && !home.isRegistered)
        #expect(home.customers().map(\.id) == ["C-1"])
        #expect(try home.token() == server.token("alice"))
        #expect(try await !home.register(transport: older.transport))
        _ = try await home.sync(transport: older.transport, retry: fast)
        let registrations = older.state.requests.filter { $0.path == SyncEndpoint.devices.path }
        #expect(registrations.count == 3, "tried again each time")
    }

    @Test func aTakenDeviceIDSaysToMakeANewHome() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try setUp(dir)
        defer { home.close() }
        try await prime(home, devices)
        try home.setToken(devices.server.token("alice"))
        #expect(!home.isRegistered, "a new agent token: the device registers again")
        devices.edit { $0.loseRegistrations = 3 }
        let lost = await #expect(throws: SyncError.self) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(lost == .unreachable(server: LocalSyncServer.url, reason: "connection reset", pending: 1))
        devices.edit { $0.registration = .taken }
        let error = await #expect(throws: SyncError.self) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(error == .deviceTaken(server: LocalSyncServer.url))
        #expect(error?.description.contains("another agent") == true)
        #expect(error?.description.contains("fieldagent init` in a new home") == true)
        #expect(home.status().pending == 1, "pending changes are kept")
    }

    @Test func aRevokeWithoutWipeKeepsTheData() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try setUp(dir)
        defer { home.close() }
        try await prime(home, devices)
        devices.edit { $0.revoked = false }
        let error = await #expect(throws: SyncError.self) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(error == .deviceRevoked(server: LocalSyncServer.url))
        #expect(home.customers().count == 2 && home.status().pending == 1)
        #expect(home.wipedLoss == nil && devices.state.wipeReports.isEmpty)
        #expect(try RawFiles.anyContains("Zebulon Quuxington", under: home.path))
    }

    /// Registers `home`, pulls both customers, and leaves one change pending.
    func prime(_ home: AgentHome, _ devices: DeviceServer) async throws {
        _ = try await home.sync(transport: devices.transport, retry: fast)
        try home.setField(customer: "C-1", field: "phone", value: "+358409876543")
    }
}
