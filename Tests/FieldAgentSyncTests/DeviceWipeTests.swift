import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Testing

/// A revoked device told to wipe (`401 device-revoked` with `"wipe": true`): every customer's data
/// leaves every file of the home at once, the wipe is reported with the changes lost, and the home
/// refuses all further work with a clear error.
@Suite struct DeviceWipeTests {
    let fast = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(2))
    static let secrets = [
        "Zebulon Quuxington", "Wilhelmina Xyzzy", "+358401234567", "Secretus Maximus", "Confidential-Remark",
        "+358409876543",
    ]

    /// A registered home with both customers pulled, one refused edit kept in the rejected list
    /// (with its value) and two changes pending.
    func setUp(_ dir: TemporaryDirectory) async throws -> (DeviceServer, AgentHome) {
        let server = try LocalSyncServer(agents: ["alice"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"], name: "Zebulon Quuxington"))
        try server.importCustomer(Sample.customer("C-2", agents: ["alice"], name: "Wilhelmina Xyzzy"))
        let clock = TestClock()
        let home = try Sample.home(dir, "alice", agent: "alice", clock: clock, server: server)
        let devices = DeviceServer(server, agent: "alice")
        _ = try await home.sync(transport: devices.transport, retry: fast)
        let refused = try home.setField(customer: "C-2", field: "name", value: "Secretus Maximus")
        _ = try home.replica.recordPush(
            batch: [refused], results: [.rejected(refused.id, .invalidValue, detail: "scripted refusal")],
            serverTime: server.now, at: clock.now())
        try home.setField(customer: "C-1", field: "phone", value: "+358409876543")
        try home.setField(customer: "C-1", field: "note", value: "Confidential-Remark")
        #expect(home.status().pending == 2 && home.replica.rejected.first?.change != nil)
        for secret in Self.secrets {
            #expect(try RawFiles.anyContains(secret, under: home.path), "\(secret) is on the device before")
        }
        return (devices, home)
    }

    @Test func aWipeLeavesNoCustomerDataInAnyFileReportsTheLossAndRefusesLaterWork() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try await setUp(dir)
        devices.edit { $0.revoked = true }
        let error = await #expect(throws: SyncError.self) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(error == .deviceWiped(server: LocalSyncServer.url, lostChanges: 2))
        #expect(error?.description.contains("2 unsynced changes were lost") == true)
        #expect(devices.state.wipeReports == [2])
        let report = try #require(devices.state.requests.last)
        #expect(report.path == SyncEndpoint.wiped.path && report.token == devices.state.issued.last)
        #expect(home.customers().isEmpty && home.status().pending == 0 && home.replica.rejected.isEmpty)
        #expect(home.replica.cursor == nil && home.wipedLoss == 2 && !home.replica.wipeReportPending)
        for secret in Self.secrets {
            #expect(try RawFiles.containing(secret, under: home.path).isEmpty, "\(secret) left after the wipe")
        }

        // Later: sync refuses without asking the server; edits refuse; a reopened home is still wiped.
        let before = devices.state.requests.count
        let again = await #expect(throws: SyncError.self) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(again == .deviceWiped(server: LocalSyncServer.url, lostChanges: 2))
        #expect(devices.state.requests.count == before)
        #expect(throws: AgentHomeError.wiped(lostChanges: 2)) {
            try home.setField(customer: "C-1", field: "phone", value: "+358401111111")
        }
        #expect(AgentHomeError.wiped(lostChanges: 2).description.contains("fieldagent init` in a new home"))
        #expect(throws: AgentHomeError.wiped(lostChanges: 2)) { try home.setToken(devices.server.token("alice")) }
        let path = home.path
        home.close()
        let reopened = try AgentHome.open(at: path)
        defer { reopened.close() }
        #expect(reopened.wipedLoss == 2 && reopened.customers().isEmpty && reopened.status().pending == 0)
        for secret in Self.secrets { #expect(try RawFiles.containing(secret, under: path).isEmpty) }
    }

    @Test func anUnansweredWipeReportIsSentAgainAtTheNextSync() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try await setUp(dir)
        defer { home.close() }
        devices.edit {
            $0.revoked = true
            $0.loseWipeReports = 1
        }
        await #expect(throws: SyncError.deviceWiped(server: LocalSyncServer.url, lostChanges: 2)) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(devices.state.wipeReports.isEmpty && home.replica.wipeReportPending)
        #expect(home.customers().isEmpty, "the data is gone even though the report was not answered")

        let before = devices.state.requests.count
        await #expect(throws: SyncError.deviceWiped(server: LocalSyncServer.url, lostChanges: 2)) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(devices.state.requests.dropFirst(before).map(\.path) == [SyncEndpoint.wiped.path])
        #expect(devices.state.wipeReports == [2] && !home.replica.wipeReportPending)
    }

    @Test func aWipeWithNothingPendingReportsNoLoss() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (devices, home) = try await setUp(dir)
        defer { home.close() }
        _ = try await home.sync(transport: devices.transport, retry: fast)
        #expect(home.status().pending == 0)
        devices.edit { $0.revoked = true }
        await #expect(throws: SyncError.deviceWiped(server: LocalSyncServer.url, lostChanges: 0)) {
            try await home.sync(transport: devices.transport, retry: fast)
        }
        #expect(devices.state.wipeReports == [0])
    }
}
