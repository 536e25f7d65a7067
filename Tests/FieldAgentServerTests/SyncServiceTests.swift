import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

@testable import FieldAgentServer

@Suite struct SyncServiceTests {
    @Test func healthNeedsNoToken() throws {
        let f = try ServiceFixture()
        let response = f.request("GET", "/v1/health", token: nil)
        #expect(response.status == 200)
        #expect(try JSON.parse(response.body) == .object(["status": "ok", "protocol": 1]))
    }

    @Test func missingWrongAndRevokedTokensGet401() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let missing = f.request("GET", "/v1/pull", token: nil)
        #expect(missing.status == 401)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        let wrong = f.request("GET", "/v1/pull", token: String(repeating: "ab", count: 32))
        #expect(wrong.status == 401)
        #expect(try JSON.parse(wrong.body)["type"] == "urn:fieldagent:problem:unauthorized")
        #expect(f.request("GET", "/v1/pull", token: alice).status == 200)
        try f.admin.revokeAgent(name: "alice")
        let revoked = f.request("GET", "/v1/pull", token: alice)
        #expect(revoked.status == 401)
        #expect(try JSON.parse(revoked.body)["type"] == "urn:fieldagent:problem:token-revoked")
    }

    @Test func anotherAgentsCustomerIsRejectedPerChangeAndTheRestApplied() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let result = try f.push(
            alice,
            [
                ServiceFixture.change("a1", 1, agent: "alice", customer: "C-2"),
                ServiceFixture.change("a1", 2, agent: "alice", customer: "C-1"),
                ServiceFixture.change("a1", 3, agent: "bob", customer: "C-1"),
            ])
        #expect(result.results.map(\.status) == [.rejected, .accepted, .rejected])
        #expect(result.results[0].reason == .notAssigned)
        #expect(result.results[2].reason == .wrongAgent)
        #expect(try f.storage.currentState().value(Target(customer: "C-1", field: "phone")) == "+358409999999")
    }

    @Test func perChangeValidation() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let result = try f.push(
            alice,
            [
                ServiceFixture.change(
                    "a1", 1, agent: "alice", customer: "C-1", field: "preferredChannel", value: "pigeon"),
                ServiceFixture.change(
                    "a1", 2, agent: "alice", customer: "C-1", field: "score", value: 9, entity: .note, entityID: "N-1"),
                ServiceFixture.change("a1", 3, agent: "alice", customer: "C-1", field: "accounts", value: .list([])),
                ServiceFixture.change("a1", 4, agent: "alice", customer: "C-1", field: "note", value: "calm"),
            ])
        #expect(result.results.map(\.reason) == [.invalidValue, .invalidValue, .readOnlyField, nil])
    }

    @Test func malformedRequestsChangeNothing() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let before = f.storage.lastSequence
        let cases: [(String, Int)] = [
            ("{not json", 400),
            ("[1, 2]", 422),
            (#"{"device": "d", "changes": [{"id": "d:1", "wall": "soon"}]}"#, 422),
            (#"{"device": 5, "changes": []}"#, 422),
        ]
        for (body, status) in cases {
            let response = f.request("POST", "/v1/push", token: alice, body: body)
            #expect(response.status == status, "\(body)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer \(alice)")
        headers.add(name: "Content-Type", value: "text/plain")
        let wrongType = f.service.handle(
            HTTPRequest(method: "POST", target: "/v1/push", headers: headers, body: Array("{}".utf8)))
        #expect(wrongType.status == 415)
        let many = PushRequest(
            device: "d",
            changes: (1...1001).map { ServiceFixture.change("d", UInt64($0), agent: "alice", customer: "C-1") })
        #expect(f.request("POST", "/v1/push", token: alice, body: JSON.string(many.json)).status == 413)
        #expect(f.storage.lastSequence == before)
        #expect(f.request("GET", "/v1/pull?cursor=x", token: alice).status == 400)
        #expect(f.request("GET", "/v1/pull?limit=0", token: alice).status == 400)
        #expect(f.request("GET", "/v1/nope", token: alice).status == 404)
        #expect(f.request("DELETE", "/v1/push", token: alice).status == 405)
    }

    @Test func retriedPushGivesDuplicatesAndReusedIdsAreRejected() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let change = ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1")
        #expect(try f.push(alice, [change]).results[0].status == .accepted)
        let sequence = f.storage.lastSequence
        let again = try f.push(alice, [change, change])
        #expect(again.results.map(\.status) == [.duplicate, .duplicate])
        #expect(f.storage.lastSequence == sequence)
        let reused = ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1", value: "+358400000000")
        #expect(try f.push(alice, [reused]).results[0].reason == .idReused)
    }

    @Test func clockSkewBeyondFiveMinutesIsRejectedAndRestampedChangeAccepted() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let ahead = ServiceFixture.start + 5 * 60 * 1000 + 1
        let skewed = ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1", wall: ahead)
        let edge = ServiceFixture.change("a1", 2, agent: "alice", customer: "C-1", wall: ahead - 1)
        let result = try f.push(alice, [skewed, edge])
        #expect(result.results[0].reason == .clockSkew)
        #expect(result.results[1].status == .accepted)
        #expect(result.serverTime == ServiceFixture.start)
        f.clock.store(ahead)
        let later = try f.push(alice, [skewed])
        #expect(later.results[0].status == .accepted)
    }

    @Test func pullPagesResumeAndNothingNewIsAnEmptyPage() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        let all = try f.pullAll(alice)
        #expect(!all.changes.isEmpty)
        #expect(Set(all.changes.map(\.target.customer)) == ["C-1"])
        let bobs = try f.pullAll(bob)
        #expect(Set(bobs.changes.map(\.target.customer)) == ["C-2"])
        let again = try f.pull(alice, cursor: all.cursor)
        #expect(again.changes.isEmpty && again.purge.isEmpty && !again.more && again.cursor == all.cursor)
        // A page ends at a whole step: the assignment brings C-1's state, then come alice's own changes.
        let own = (1...3).map { ServiceFixture.change("a1", UInt64($0), agent: "alice", customer: "C-1") }
        for change in own { _ = try f.push(alice, [change]) }
        let first = try f.pull(alice, cursor: "0", limit: 2)
        #expect(try f.pull(alice, cursor: "0", limit: 2) == first)
        #expect(first.more)
        let rest = try f.pullAll(alice, cursor: first.cursor)
        #expect(Set((first.changes + rest.changes).map(\.id)) == Set(try f.pullAll(alice).changes.map(\.id)))
    }

    @Test func reassignmentPurgesOldAgentAndGivesNewAgentFullState() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        _ = try f.push(alice, [ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1")])
        let aliceCursor = try f.pullAll(alice).cursor
        let bobCursor = try f.pullAll(bob).cursor
        try f.admin.unassign(customer: "C-1", agent: "alice")
        try f.admin.assign(customer: "C-1", agent: "bob")
        let alicePage = try f.pullAll(alice, cursor: aliceCursor)
        #expect(alicePage.purge == ["C-1"])
        #expect(alicePage.changes.isEmpty)
        let bobPage = try f.pullAll(bob, cursor: bobCursor)
        var replica = ReplicaState(replicaID: "bob-device")
        replica.apply(bobPage.changes)
        #expect(replica.value(Target(customer: "C-1", field: "phone")) == "+358409999999")
        #expect(replica.value(Target(customer: "C-1", field: "name")) == "Aino Virtanen")
        let late = try f.push(alice, [ServiceFixture.change("a1", 2, agent: "alice", customer: "C-1")])
        #expect(late.results[0].reason == .notAssigned)
    }

    @Test func erasureReachesPullsAndLeavesNoPersonalDataInFiles() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        _ = try f.push(
            alice,
            [ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1", field: "note", value: "Secretnote Zq")])
        let cursor = try f.pullAll(alice).cursor
        try f.admin.erase(customer: "C-1")
        let page = try f.pullAll(alice, cursor: cursor)
        #expect(page.changes.map(\.op) == [.erase])
        let stale = try f.push(alice, [ServiceFixture.change("a1", 2, agent: "alice", customer: "C-1")])
        #expect(stale.results[0].reason == .customerErased)
        #expect(
            try f.push(
                alice,
                [ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1", field: "note", value: "Secretnote Zq")]
            ).results[0].reason == .customerErased)
        let fresh = try f.pullAll(alice)
        #expect(fresh.changes.filter { $0.target.customer == "C-1" }.map(\.op) == [.erase])
        for needle in ["Aino Virtanen", "+358401234567", "Secretnote Zq", "Kauppa Oy"] {
            #expect(try RawFiles.containing(needle, under: f.directory.path).isEmpty, "\(needle)")
        }
        #expect(try RawFiles.anyContains("Bertil Berg", under: f.directory.path))
    }

    @Test func storageReopensWithTheSameState() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        _ = try f.push(alice, [ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1")])
        let digest = try f.storage.currentState().digest()
        let last = f.storage.lastSequence
        try f.storage.compact()
        _ = try f.push(alice, [ServiceFixture.change("a1", 2, agent: "alice", customer: "C-1", value: "+358400000002")])
        f.storage.close()
        let reopened = try FileServerStorage(path: f.directory.appending("store"))
        defer { reopened.close() }
        #expect(reopened.lastSequence == last + 1)
        #expect(try reopened.currentState().digest() != digest)
        #expect(reopened.status(of: ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1")) == .same)
        #expect(reopened.agents().map(\.name) == ["alice", "bob"])
        #expect(reopened.assignedAgents(of: "C-1") == ["alice"])
    }

    @Test func importIsIdempotentAndInvalidFileChangesNothing() throws {
        let f = try ServiceFixture()
        _ = try f.seed()
        let before = f.storage.lastSequence
        let bad = #"{"customers": [{"id": "C-9", "name": "X", "timeZone": "Mars/Base"}]}"#
        #expect(throws: AdminError.self) { try f.admin.importPortfolio(Array(bad.utf8)) }
        #expect(f.storage.lastSequence == before)
        // C-1 again, with the first installment paid and the balance down to 30000.
        let portfolio = try ServiceFixture.portfolio("alice-installment-paid")
        let summary = try f.admin.importPortfolio(portfolio)
        #expect(summary.updated == 1 && summary.changes == 1)
        #expect(try f.admin.importPortfolio(portfolio).changes == 0)
        let accounts = try f.storage.currentState().value(Target(customer: "C-1", field: "accounts"))
        #expect(accounts?.listValue?.first?["balance"] == 30000)
    }
}
