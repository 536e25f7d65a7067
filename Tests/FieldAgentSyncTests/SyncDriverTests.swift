import FieldAgentCore
import FieldAgentSync
import FieldAgentTestSupport
import Synchronization
import Testing

/// The client session against the scripted protocol.md server.
@Suite struct SyncDriverTests {
    let fast = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))

    func sync(
        _ home: AgentHome, _ server: FakeSyncServer, pageLimit: Int = 1_000, retry: RetryPolicy? = nil
    ) async throws(SyncError) -> SyncReport {
        let driver = SyncDriver(
            replica: home.replica, transport: server.transport,
            configuration: SyncSession.Configuration(
                server: "http://fake", token: "\(home.configuration.agent)-token", device: home.configuration.replicaID,
                pageLimit: pageLimit, retry: retry ?? fast),
            now: home.now, sleep: { _ in })
        return try await driver.run()
    }

    func setUp(_ dir: TemporaryDirectory, customers: Int = 3) throws -> (FakeSyncServer, AgentHome, TestClock) {
        let server = FakeSyncServer(agents: ["alice-token": "alice", "bob-token": "bob"])
        for i in 1...customers { server.importCustomer(Sample.customer("C-\(i)", agents: ["alice"])) }
        let clock = TestClock()
        return (server, try Sample.home(dir, "alice", agent: "alice", clock: clock), clock)
    }

    @Test func pullsEveryPageAndSavesTheCursor() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir, customers: 5)
        defer { home.close() }
        let report = try await sync(home, server, pageLimit: 7)
        #expect(report.pages == (server.log.count + 6) / 7)
        #expect(report.pulledChanges == server.log.count)
        #expect(home.customers().map(\.id) == ["C-1", "C-2", "C-3", "C-4", "C-5"])
        #expect(home.replica.cursor == String(server.log.count))
        #expect(home.status().lastSync != nil)
        // Nothing new: one small round trip with the same cursor.
        let before = server.requests.count
        let again = try await sync(home, server)
        #expect(server.requests.count == before + 1)
        #expect(again.pulledChanges == 0)
    }

    @Test func resumesAfterAConnectionDropsMidPull() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir, customers: 4)
        defer { home.close() }
        // The second pull fails more often than one sync retries: the sync stops with a clear error.
        let driver = SyncDriver(
            replica: home.replica,
            transport: InMemoryTransport { request throws(TransportError) in
                if request.query["cursor"] == "10" { throw TransportError(reason: "connection reset") }
                return try server.handle(request)
            },
            configuration: SyncSession.Configuration(
                server: "http://fake", token: "alice-token", device: home.configuration.replicaID, pageLimit: 10,
                retry: fast),
            now: home.now, sleep: { _ in })
        await #expect(throws: SyncError.self) { try await driver.run() }
        #expect(home.replica.cursor == "10")
        let partial = home.replica.state.digest()
        // A later sync resumes from the saved cursor and converges; nothing is applied twice.
        server.failNext("/v1/pull", times: 2)
        let report = try await sync(home, server, pageLimit: 10)
        #expect(report.retries == 2)
        #expect(report.pulledChanges == server.log.count - 10)
        #expect(home.replica.state.digest() != partial)
        #expect(home.customers().count == 4)
    }

    @Test func pushesPendingChangesAndRetriedPushesAreDuplicates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        _ = try await sync(home, server)
        let contact = try home.logContact(
            customer: "C-1", channel: .call, outcome: .promiseToPay, note: "will pay",
            promise: (amount: 5_000, date: LocalDate("2026-12-15")!))
        try home.setField(customer: "C-2", field: "phone", value: "+358401112233")
        #expect(home.status().pending == 3)
        // The push reaches the server but the answer is lost, more times than one sync retries.
        let pushes = Mutex(0)
        let lossy = InMemoryTransport { request throws(TransportError) in
            let response = try server.handle(request)
            if request.path == "/v1/push" {
                let n = pushes.withLock { count -> Int in
                    count += 1
                    return count
                }
                if n <= 4 { throw TransportError(reason: "connection reset") }
            }
            return response
        }
        let driver = SyncDriver(
            replica: home.replica, transport: lossy,
            configuration: SyncSession.Configuration(
                server: "http://fake", token: "alice-token", device: home.configuration.replicaID, retry: fast),
            now: home.now, sleep: { _ in })
        await #expect(throws: SyncError.self) { try await driver.run() }
        #expect(home.status().pending == 3)
        let report = try await driver.run()
        #expect(report.duplicates == 3)
        #expect(report.accepted == 0)
        #expect(home.status().pending == 0)
        #expect(server.log.filter { $0.id.replica == home.configuration.replicaID }.count == 3)
        #expect(home.contacts(customer: "C-1").map(\.id) == [contact])
        #expect(home.promises(customer: "C-1").first?.contactId == contact)
    }

    @Test func rejectedChangesStayVisibleWithTheirReason() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        _ = try await sync(home, server)
        try home.setField(customer: "C-3", field: "email", value: "new@example.fi")
        server.unassign("C-3", from: "alice")
        let report = try await sync(home, server)
        #expect(report.rejected.map(\.reason) == ["not-assigned"])
        #expect(report.purged == ["C-3"])
        let status = home.status()
        #expect(status.pending == 0)
        #expect(status.rejected.map(\.reason) == ["not-assigned"])
        #expect(status.rejected.first?.customer == "C-3")
        #expect(home.customer(id: "C-3") == nil)
    }

    @Test func clockSkewIsReStampedAndPushedAgainInTheSameSync() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, clock) = try setUp(dir)
        defer { home.close() }
        _ = try await sync(home, server)
        clock.advance(seconds: 3_600)  // the device clock runs an hour ahead
        let contact = try home.logContact(customer: "C-1", channel: .visit, outcome: .rightPartyContact)
        try home.setField(customer: "C-1", field: "phone", value: "+358405556677")
        let report = try await sync(home, server)
        #expect(report.restamped == 2)
        #expect(report.accepted == 2)
        #expect(Set(home.status().rejected.map(\.reason)) == ["clock-skew"])
        #expect(home.status().pending == 0)
        // The data is not lost and the server holds it with its own time, not the device's.
        let stored = server.log.filter { $0.id.replica == home.configuration.replicaID }
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.hlc.wallMillis <= server.now })
        #expect(home.contacts(customer: "C-1").map(\.id) == [contact])
        #expect(home.customer(id: "C-1")?.phone == "+358405556677")
        // Later edits are stamped with the measured offset and are accepted at once.
        try home.setField(customer: "C-1", field: "language", value: "sv")
        let next = try await sync(home, server)
        #expect(next.restamped == 0 && next.accepted == 1)
    }

    @Test func purgeAndErasureReachTheDevice() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        server.importCustomer(Sample.customer("C-9", agents: ["alice"], name: "Erasable-Unique-Name"))
        _ = try await sync(home, server)
        try home.addNote(customer: "C-9", score: 4, comment: "Friendly-Comment-Secret")
        _ = try await sync(home, server)
        try home.setField(customer: "C-9", field: "address", value: "Pending-Address-Secret 5")
        server.erase("C-9")
        let report = try await sync(home, server)
        #expect(report.erased == ["C-9"])
        #expect(report.rejected.map(\.reason) == ["customer-erased"])
        #expect(home.customer(id: "C-9") == nil)
        #expect(home.notes(customer: "C-9").isEmpty)
        for secret in ["Erasable-Unique-Name", "Friendly-Comment-Secret", "Pending-Address-Secret"] {
            #expect(try RawFiles.containing(secret, under: home.path).isEmpty, "personal data left after erasure")
        }
        #expect(home.customers().count == 3)
    }

    @Test func backoffIsBoundedAndTheErrorSaysWhatIsKept() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        _ = try await sync(home, server)
        try home.setField(customer: "C-1", field: "language", value: "en")
        let waits = Mutex<[Duration]>([])
        let attempts = Mutex(0)
        let driver = SyncDriver(
            replica: home.replica,
            transport: InMemoryTransport { _ throws(TransportError) in
                attempts.withLock { $0 += 1 }
                throw TransportError(reason: "connection refused")
            },
            configuration: SyncSession.Configuration(
                server: "http://127.0.0.1:9", token: "alice-token", device: home.configuration.replicaID,
                retry: RetryPolicy(maxAttempts: 5, initialDelay: .milliseconds(100), maxDelay: .milliseconds(300))),
            now: home.now, sleep: { delay in waits.withLock { $0.append(delay) } })
        do throws(SyncError) {
            _ = try await driver.run()
            Issue.record("the sync should fail")
        } catch {
            #expect(error == .unreachable(server: "http://127.0.0.1:9", reason: "connection refused", pending: 1))
            #expect(
                error.description
                    == "cannot reach http://127.0.0.1:9: connection refused — your 1 change is kept and will be sent at the next sync"
            )
        }
        #expect(attempts.withLock { $0 } == 5)
        #expect(
            waits.withLock { $0 } == [.milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300)])
        #expect(home.status().pending == 1)
    }

    @Test func revokedAndUnknownTokensGetTheirOwnErrors() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        server.revoke("alice-token")
        await #expect(throws: SyncError.tokenRevoked(server: "http://fake")) { try await sync(home, server) }
        let stranger = SyncDriver(
            replica: home.replica, transport: server.transport,
            configuration: SyncSession.Configuration(server: "http://fake", token: "nope", device: "x"),
            now: home.now, sleep: { _ in })
        await #expect(throws: SyncError.unauthorized(server: "http://fake")) { try await stranger.run() }
    }
}
