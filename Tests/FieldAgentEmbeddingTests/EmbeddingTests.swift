import FieldAgentCore
import FieldAgentPolicy
import FieldAgentServer
import FieldAgentStore
import FieldAgentSync
import FieldAgentSystem
import Foundation
import Testing

/// What an app that embeds the device side does, through public API only (no `@testable`):
/// open a home, record a contact, sync with a server running in the same process, read the plan.
@Suite struct EmbeddingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test("an app opens a home, records a contact, syncs with an in-process server and reads the plan")
    func appFlow() async throws {
        let root = NSTemporaryDirectory() + "fieldagent-embed-" + Hex.random(byteCount: 4)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let clock: @Sendable () -> Instant = { Instant("2026-11-30T08:00:00Z")! }

        let server = try SyncServer(
            dataDirectory: root + "/server", listen: SocketAddress(host: "127.0.0.1", port: 0), logRequests: false,
            now: clock)
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            try? server.run()
            stopped.signal()
        }.start()
        defer {
            server.shutdown()
            stopped.wait()
        }
        let token = try server.admin.addAgent(name: "alice")
        let portfolio = try Data(contentsOf: Self.fixtures.appendingPathComponent("portfolio-small.json"))
        _ = try server.admin.importPortfolio(Array(portfolio))

        let home = try AgentHome.initialize(
            at: root + "/phone", server: "http://127.0.0.1:\(server.port)", agent: "alice", token: token, now: clock)
        defer { home.close() }
        let first = try await home.sync()
        #expect(first.pulledChanges > 0)
        let customer = try #require(home.customers().first)

        let contact = try home.logContact(
            customer: customer.id, channel: .call, outcome: .promiseToPay,
            promise: (amount: 5_000, date: LocalDate("2026-12-10")!))
        #expect(home.status().pending == 2)
        let second = try await home.sync()
        #expect(second.accepted == 2)
        #expect(home.status().pending == 0)
        #expect(try server.storage.currentState().contacts(customer: customer.id).contains { $0.id == contact })

        let state = home.replica.state
        let customers = home.customers().map { PolicyCustomer($0, eventsIn: state) }
        let plan = ContactPlanner(configuration: .standard).plan(
            for: LocalDate("2026-11-30")!, customers: customers, lastSync: home.status().lastSync, now: clock())
        let planned = plan.entries.map(\.customerId) + plan.skipped.map(\.customerId)
        #expect(planned.sorted() == customers.map(\.customer.id).sorted())
        #expect(customers.first { $0.customer.id == customer.id }?.promises.count == 1)
    }
}
