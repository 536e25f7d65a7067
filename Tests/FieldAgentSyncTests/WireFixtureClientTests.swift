import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Testing

/// Every example of protocol.md (`Fixtures/wire/`) fed to the client as a server's answer: the
/// client reads each one and does what the protocol says. A fixture the client could not read fails here.
@Suite struct WireFixtureClientTests {
    static let configuration = SyncSession.Configuration(
        server: "http://fake", token: "alice-token", device: "alice-1f3a09c2",
        retry: RetryPolicy(maxAttempts: 1, initialDelay: .zero, maxDelay: .zero))

    /// What reads each fixture on the client. A new fixture must be added here.
    static let clientReaders: [String: String] = [
        "change.json": "pull page (JSON)", "pull-response.json": "pull page (JSON)",
        "pull-empty.json": "pull page (JSON)", "pull-page.hex": "pull page (binary)",
        "push-request.json": "push request (the client writes it)", "push-response.json": "push answer",
        "problem-unauthorized.json": "problem", "problem-token-revoked.json": "problem",
        "problem-invalid-request.json": "problem", "problem-too-many-changes.json": "problem",
        "health-response.json": "HealthResponse (the client makes no health call)",
        "device-registration.json": "device registration (the client writes it)",
        "device-token.json": "registration answer", "problem-device-revoked.json": "problem (wipe)",
        "wipe-report.json": "wipe report (the client writes it)",
    ]

    static func json(_ name: String, status: Int = 200) throws -> TransportResponse {
        let type = status == 200 ? MediaType.json : MediaType.problem
        return TransportResponse(status: status, headers: ["content-type": type], body: try WireFixture.bytes(name))
    }

    /// A session that has pushed nothing and sent its first pull (after `cursor`).
    static func pulling(after cursor: String? = nil) -> (SyncSession, TransportRequest?) {
        var session = SyncSession(configuration)
        _ = session.receive(.start)
        guard case .send(let request, _) = session.receive(.loaded(batch: [], pending: 0, cursor: cursor)) else {
            return (session, nil)
        }
        return (session, request)
    }

    @Test func everyFixtureHasAClientReader() throws {
        #expect(Set(try WireFixture.names()) == Set(WireFixtureClientTests.clientReaders.keys))
    }

    /// The client writes push-request.json for its changes, and reads push-response.json into the results it records.
    @Test func pushRequestAndResponse() throws {
        let fixture = try WireFixture.value("push-request.json")
        let batch = try PushRequest(json: fixture).changes
        var session = SyncSession(WireFixtureClientTests.configuration)
        _ = session.receive(.start)
        guard case .send(let sent, _) = session.receive(.loaded(batch: batch, pending: batch.count, cursor: nil)) else {
            Issue.record("no push sent")
            return
        }
        #expect(sent.method == "POST" && sent.target == "/v1/push")
        #expect(sent.headers["Content-Type"] == "application/json")
        #expect(try JSON.parse(sent.body) == fixture, "the client's push body is the fixture")
        let answer = session.receive(.response(try WireFixtureClientTests.json("push-response.json")))
        guard case .recordPush(let recorded, let results, let serverTime) = answer else {
            Issue.record("push-response.json not recorded: \(answer)")
            return
        }
        #expect(recorded == batch && serverTime == 1_795_941_000_373)
        #expect(results.map(\.id) == batch.map(\.id))
        #expect(results.map(\.status) == [.accepted, .duplicate] + Array(repeating: .accepted, count: 5) + [.rejected])
        #expect(results.last?.reason == .invalidValue)
        #expect(results.last?.detail == "preferredChannel: must be one of visit, call, sms, email, letter")
    }

    /// pull-response.json, then pull-empty.json at its cursor: both applied as the protocol says.
    @Test func jsonPullPages() throws {
        var (session, first) = WireFixtureClientTests.pulling(after: "8000")
        #expect(first?.target == "/v1/pull?limit=5000&cursor=8000")
        #expect(first?.headers["Accept"] == "application/vnd.fieldagent.page, application/json;q=0.5")
        let full = try WireFixtureClientTests.json("pull-response.json")
        guard case .applyPage(let page) = session.receive(.response(full)) else {
            Issue.record("pull-response.json not applied")
            return
        }
        #expect(
            page.changes.map(\.id.description) == [
                "backoffice:41", "backoffice:42", "backoffice:43", "backoffice:44", "backoffice:45",
                "alice-1f3a09c2:17", "alice-77c01d9e:5", "backoffice:46",
            ])
        #expect(page.purge == ["C-1004"] && page.cursor == "8812" && page.more && page.serverTime == 1_795_941_061_123)
        guard case .send(let next, _) = session.receive(.pageApplied(PageOutcome())) else {
            Issue.record("more: true must pull again")
            return
        }
        #expect(next.target == "/v1/pull?limit=5000&cursor=8812")
        let emptyBody = try WireFixtureClientTests.json("pull-empty.json")
        guard case .applyPage(let empty) = session.receive(.response(emptyBody)) else {
            Issue.record("pull-empty.json not applied")
            return
        }
        #expect(empty.changes.isEmpty && empty.purge.isEmpty && empty.cursor == "8812" && !empty.more)
        guard case .finish(let report) = session.receive(.pageApplied(PageOutcome())) else {
            Issue.record("more: false must finish")
            return
        }
        #expect(report.pages == 2 && report.pulledChanges == 8)
        #expect(report.pulledBytes == full.body.count + emptyBody.body.count)
    }

    /// change.json, as the one change of a page, reads as the change the binary example encodes.
    @Test func singleChange() throws {
        let text = try WireFixture.text("change.json")
        let body = "{\"changes\": [\(text)], \"cursor\": \"1\", \"more\": false, \"purge\": [], \"serverTime\": 0}"
        var (session, _) = WireFixtureClientTests.pulling()
        let action = session.receive(.response(TransportResponse(status: 200, body: Array(body.utf8))))
        guard case .applyPage(let page) = action else {
            Issue.record("change.json not applied: \(action)")
            return
        }
        let binary = try PullResponse(binary: try WireFixture.hexBytes("pull-page.hex"))
        #expect(page.changes == binary.changes)
        #expect(page.changes.first?.replaces.map(\.description) == ["backoffice:3", "alice-1f3a09c2:12"])
    }

    /// pull-page.hex answered with the binary media type.
    @Test func binaryPullPage() throws {
        var (session, _) = WireFixtureClientTests.pulling()
        let bytes = try WireFixture.hexBytes("pull-page.hex")
        let action = session.receive(
            .response(TransportResponse(status: 200, headers: ["content-type": MediaType.binaryPage], body: bytes)))
        guard case .applyPage(let page) = action else {
            Issue.record("pull-page.hex not applied: \(action)")
            return
        }
        #expect(page.changes.map(\.id.description) == ["alice-1f3a09c2:17"])
        #expect(page.changes.first?.value == "+358401234567")
        #expect(page.purge == ["C-1004"] && page.cursor == "8812" && !page.more)
        #expect(page.serverTime == 1_795_941_061_123)
        guard case .finish(let report) = session.receive(.pageApplied(PageOutcome())) else {
            Issue.record("more: false must finish")
            return
        }
        #expect(report.pulledBytes == bytes.count)
    }

    /// Each problem fixture, with its status, ends the sync with the error the client shows.
    @Test func problems() throws {
        let expected: [(String, Int, SyncError)] = [
            ("problem-unauthorized.json", 401, .unauthorized(server: "http://fake")),
            ("problem-token-revoked.json", 401, .tokenRevoked(server: "http://fake")),
            (
                "problem-invalid-request.json", 422,
                .refused(
                    status: 422, type: "invalid-request",
                    detail: "changes[3].wall: expected an integer, found string; nothing was stored")
            ),
            (
                "problem-too-many-changes.json", 413,
                .refused(
                    status: 413, type: "too-many-changes",
                    detail: "1001 changes in one push; send at most 1000 per request; nothing was stored")
            ),
        ]
        for (name, status, error) in expected {
            var (session, _) = WireFixtureClientTests.pulling()
            let action = session.receive(.response(try WireFixtureClientTests.json(name, status: status)))
            guard case .fail(let failure) = action else {
                Issue.record("\(name): \(action)")
                continue
            }
            #expect(failure == error, "\(name)")
        }
    }

    /// A 500 with a problem body is retried, then reported as the server's failure (not as unreachable); a proxy's non-JSON error still reads.
    @Test func serverFaultsAndForeignErrorPages() throws {
        let fault = Problem(.storageFailed, detail: "the server could not store the data")
        var (session, _) = WireFixtureClientTests.pulling()
        let answer = TransportResponse(
            status: 500, headers: ["content-type": MediaType.problem], body: JSON.bytes(fault.json))
        guard case .fail(let failure) = session.receive(.response(answer)) else {
            Issue.record("a 500 must end the sync when retries are used up")
            return
        }
        #expect(failure == .serverFailed(server: "http://fake", status: 500, pending: 0))
        #expect(failure.description.hasPrefix("the server failed (HTTP 500)"))
        var (other, _) = WireFixtureClientTests.pulling()
        let page = TransportResponse(
            status: 403, headers: ["content-type": "text/html"], body: Array("<h1>no</h1>".utf8))
        guard case .fail(let refused) = other.receive(.response(page)) else {
            Issue.record("a 403 must end the sync")
            return
        }
        #expect(refused == .refused(status: 403, type: "unknown", detail: ""))
    }

    /// The JSON pages, then the binary one, pulled by a real driver into a device's store.
    @Test func fixturePagesApplyToTheDevice() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let home = try Sample.home(dir, "alice", agent: "alice", clock: TestClock())
        defer { home.close() }
        let transport = InMemoryTransport { request throws(TransportError) in
            let name = request.query["cursor"] == "8812" ? "pull-empty.json" : "pull-response.json"
            do { return try WireFixtureClientTests.json(name) } catch { throw TransportError(reason: "\(error)") }
        }
        let driver = SyncDriver(
            replica: home.replica, transport: transport, configuration: WireFixtureClientTests.configuration,
            now: home.now, sleep: { _ in })
        let report = try await driver.run()
        #expect(report.pages == 2 && report.erased == ["C-1003"] && report.purged == ["C-1004"])
        // C-1001 holds only phone writes (no name yet), so it is in the replica but not yet a full customer.
        #expect(home.replica.state.customerIDs == ["C-1001", "C-1002"])
        #expect(home.customers().map(\.id) == ["C-1002"])
        #expect(home.customer(id: "C-1002")?.flags.contains(.hardship) == true)
        #expect(home.customer(id: "C-1002")?.accounts.first?.balance == 45_000)
        let conflicts = home.replica.state.conflicts()
        #expect(conflicts.map(\.customer) == ["C-1001"], "two devices set C-1001's phone concurrently")
        #expect(conflicts.first?.values.map(\.id.description) == ["alice-77c01d9e:5", "alice-1f3a09c2:17"])
        #expect(home.replica.cursor == "8812")

        let binary = try WireFixture.hexBytes("pull-page.hex")
        let other = try Sample.home(dir, "binary", agent: "alice", clock: TestClock())
        defer { other.close() }
        let binaryTransport = InMemoryTransport { _ throws(TransportError) in
            TransportResponse(status: 200, headers: ["content-type": MediaType.binaryPage], body: binary)
        }
        _ = try await SyncDriver(
            replica: other.replica, transport: binaryTransport, configuration: WireFixtureClientTests.configuration,
            now: other.now, sleep: { _ in }
        ).run()
        #expect(other.replica.state.value(Target(customer: "C-1001", field: "phone")) == "+358401234567")
        #expect(other.replica.cursor == "8812")
    }
}
