import FieldAgentCore
import FieldAgentSync
import FieldAgentTestSupport
import Synchronization
import Testing

/// The client session against the real sync service (``LocalSyncServer``).
@Suite struct SyncDriverTests {
    let fast = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))

    func sync(
        _ home: AgentHome, _ server: LocalSyncServer, pageLimit: Int = 1_000, retry: RetryPolicy? = nil
    ) async throws(SyncError) -> SyncReport {
        let driver = SyncDriver(
            replica: home.replica, transport: server.transport,
            configuration: server.configuration(for: home, pageLimit: pageLimit, retry: retry ?? fast),
            now: home.now, sleep: { _ in })
        return try await driver.run()
    }

    func setUp(_ dir: TemporaryDirectory, customers: Int = 3) throws -> (LocalSyncServer, AgentHome, TestClock) {
        let server = try LocalSyncServer(agents: ["alice", "bob"])
        for i in 1...customers { try server.importCustomer(Sample.customer("C-\(i)", agents: ["alice"])) }
        let clock = TestClock()
        return (server, try Sample.home(dir, "alice", agent: "alice", clock: clock, server: server), clock)
    }

    @Test func pullsEveryPageAndSavesTheCursor() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir, customers: 5)
        defer { home.close() }
        let report = try await sync(home, server, pageLimit: 7)
        // A customer's assignment event carries its whole state (more than 7 changes), and a page ends
        // only between log entries: one customer per page.
        #expect(report.pages == 5)
        #expect(server.requests.filter { $0 == "/v1/pull" }.count == 5)
        #expect(report.pulledChanges == server.log.count)
        #expect(home.customers().map(\.id) == ["C-1", "C-2", "C-3", "C-4", "C-5"])
        // The cursor is the server's log sequence, which assignment events advance too.
        #expect(home.replica.cursor == String(server.storage.lastSequence))
        #expect(server.storage.lastSequence > UInt64(server.log.count))
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
        let first = try server.service.page(for: "alice", after: 0, limit: 10)
        #expect(first.more)
        let driver = SyncDriver(
            replica: home.replica,
            transport: InMemoryTransport { request throws(TransportError) in
                if request.query["cursor"] == first.cursor { throw TransportError(reason: "connection reset") }
                return try server.handle(request)
            },
            configuration: server.configuration(for: home, pageLimit: 10, retry: fast),
            now: home.now, sleep: { _ in })
        await #expect(throws: SyncError.self) { try await driver.run() }
        #expect(home.replica.cursor == first.cursor)
        let partial = home.replica.state.digest()
        // A later sync resumes from the saved cursor and converges; nothing is applied twice.
        server.failNext("/v1/pull", times: 2)
        let report = try await sync(home, server, pageLimit: 10)
        #expect(report.retries == 2)
        #expect(report.pulledChanges == server.log.count - first.changes.count)
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
            configuration: server.configuration(for: home, retry: fast),
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
        try server.unassign("C-3", from: "alice")
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
        #expect(home.status().rejected.isEmpty, "re-stamped and accepted: nothing is left to redo")
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
        try server.importCustomer(Sample.customer("C-9", agents: ["alice"], name: "Erasable-Unique-Name"))
        _ = try await sync(home, server)
        try home.addNote(customer: "C-9", score: 4, comment: "Friendly-Comment-Secret")
        _ = try await sync(home, server)
        try home.setField(customer: "C-9", field: "address", value: "Pending-Address-Secret 5")
        try server.erase("C-9")
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
                server: "http://127.0.0.1:9", token: server.token("alice"), device: home.configuration.replicaID,
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
        try server.revoke("alice")
        await #expect(throws: SyncError.tokenRevoked(server: LocalSyncServer.url)) { try await sync(home, server) }
        // Bob's token still works: revocation is per agent.
        let bob = try Sample.home(dir, "bob", agent: "bob", clock: TestClock(), server: server)
        defer { bob.close() }
        _ = try await sync(bob, server)
        let stranger = SyncDriver(
            replica: home.replica, transport: server.transport,
            configuration: SyncSession.Configuration(
                server: LocalSyncServer.url, token: String(repeating: "0", count: 64), device: "x"),
            now: home.now, sleep: { _ in })
        await #expect(throws: SyncError.unauthorized(server: LocalSyncServer.url)) { try await stranger.run() }
    }

    @Test func serverErrorsAreRetriedAndAPersistentOneIsReported() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, home, _) = try setUp(dir)
        defer { home.close() }
        _ = try await sync(home, server)
        try home.setField(customer: "C-1", field: "language", value: "en")
        // Two 500s, then the real service answers: the sync succeeds after two retries.
        server.failNextWithStatus("/v1/push", times: 2)
        let report = try await sync(home, server)
        #expect(report.retries == 2)
        #expect(report.accepted == 1)
        #expect(home.status().pending == 0)
        // A server that keeps answering 500 through every retry is reported as failing, not unreachable.
        try home.setField(customer: "C-1", field: "language", value: "sv")
        server.failNextWithStatus("/v1/push", times: fast.maxAttempts)
        await #expect(throws: SyncError.serverFailed(server: LocalSyncServer.url, status: 500, pending: 1)) {
            try await sync(home, server)
        }
        #expect(home.status().pending == 1)
        // Once the server recovers, the kept change goes through.
        #expect(try await sync(home, server).accepted == 1)
        #expect(server.log.last?.value == .string("sv"))
    }
}
