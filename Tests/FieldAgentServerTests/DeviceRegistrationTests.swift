import FieldAgentCore
import FieldAgentProtocol
import Testing

@testable import FieldAgentServer

/// `POST /v1/devices` and device tokens (protocol.md → Devices).
@Suite struct DeviceRegistrationTests {
    @Test("a registered device gets its own token, which pushes and pulls for its agent")
    func registeredDeviceSyncs() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let response = f.register(alice, "alice-1")
        #expect(response.status == 200)
        let answer = try DeviceToken(body: response.body)
        #expect(answer.agent == "alice" && answer.device == "alice-1")
        #expect(answer.token.count == 64 && Hex.decode(answer.token)?.count == 32)
        #expect(answer.token != alice)
        let stored = try #require(f.storage.device("alice-1"))
        #expect(stored.tokenHash == SHA256.hash(Hex.decode(answer.token)!))
        #expect(stored.state == .active)
        let change = ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")
        #expect(try f.push(answer.token, [change]).results[0].status == .accepted)
        f.clock.store(ServiceFixture.start + 60_000)
        #expect(try f.pullAll(answer.token).changes.contains(change))
        #expect(f.storage.device("alice-1")?.lastSeen.millisecondsSinceEpoch == ServiceFixture.start + 60_000)
        // The agent's token keeps working for devices that never registered.
        let other = ServiceFixture.change("alice-2", 1, agent: "alice", customer: "C-1", value: "+358401111111")
        #expect(try f.push(alice, [other]).results[0].status == .accepted)
    }

    @Test("registering again answers a new token and the old one stops working")
    func reRegistrationRotatesTheToken() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let first = try f.deviceToken(alice, "alice-1")
        f.clock.store(ServiceFixture.start + 5_000)
        let second = try f.deviceToken(alice, "alice-1")
        #expect(first != second)
        let old = f.request("GET", "/v1/pull?cursor=0&limit=10", token: first)
        #expect(old.status == 401)
        #expect(try ServiceFixture.problem(old).problemType == .unauthorized)
        #expect(f.request("GET", "/v1/pull?cursor=0&limit=10", token: second).status == 200)
        #expect(f.storage.device("alice-1")?.firstSeen.millisecondsSinceEpoch == ServiceFixture.start)
    }

    @Test("a replica id registered to, or used by, another agent is device-taken")
    func deviceTaken() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        _ = try f.deviceToken(alice, "alice-1")
        let taken = f.register(bob, "alice-1")
        #expect(taken.status == 409)
        #expect(try ServiceFixture.problem(taken).problemType == .deviceTaken)
        // alice-2 never registered, but alice's changes are stored under it.
        _ = try f.push(alice, [ServiceFixture.change("alice-2", 1, agent: "alice", customer: "C-1")])
        let used = f.register(bob, "alice-2")
        #expect(used.status == 409)
        #expect(try ServiceFixture.problem(used).problemType == .deviceTaken)
        #expect(f.register(alice, "alice-2").status == 200)
        #expect(f.storage.device("alice-1")?.agent == "alice")
    }

    @Test("bad registrations: a device token, a bad body, a reserved or malformed replica id")
    func badRegistrations() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        let byDevice = f.register(device, "alice-3")
        #expect(byDevice.status == 401)
        #expect(try ServiceFixture.problem(byDevice).problemType == .unauthorized)
        for body in [#"{}"#, #"{"device": 7}"#, #"{"device": "has space"}"#, #"{"device": "backoffice"}"#] {
            let response = f.request("POST", "/v1/devices", token: alice, body: body)
            #expect(response.status == 422, "\(body)")
            #expect(try ServiceFixture.problem(response).problemType == .invalidRequest, "\(body)")
        }
        #expect(f.request("POST", "/v1/devices", token: alice, body: "{").status == 400)
        #expect(f.request("POST", "/v1/devices", token: nil, body: #"{"device": "a-1"}"#).status == 401)
        #expect(f.storage.devices().map(\.replica) == ["alice-1"])
    }

    @Test("a device token pushes only under its replica id; an agent token not under a registered one")
    func wrongReplicaBothWays() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        let elsewhere = ServiceFixture.change("alice-2", 1, agent: "alice", customer: "C-1")
        #expect(try f.push(device, [elsewhere]).results[0].reason == .wrongReplica)
        let own = ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")
        #expect(try f.push(device, [own], device: "alice-2").results[0].reason == .wrongReplica)
        let viaAgent = try f.push(alice, [own]).results[0]
        #expect(viaAgent.reason == .wrongReplica)
        #expect(viaAgent.detail?.contains("registered to a device") == true)
        // Another agent's token under the registered id (no change stored yet): another agent's device.
        let squat = try f.push(bob, [ServiceFixture.change("alice-1", 1, agent: "bob", customer: "C-2")]).results[0]
        #expect(squat.reason == .wrongReplica)
        #expect(squat.detail?.contains("another agent") == true)
        #expect(try f.push(device, [own]).results[0].status == .accepted)
        #expect(f.storage.replicaAgent("alice-1") == "alice")
    }

    @Test("a revoked agent's devices get token-revoked")
    func revokedAgentRevokesItsDevices() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        try f.admin.revokeAgent(name: "alice")
        for token in [alice, device] {
            let response = f.request("GET", "/v1/pull?cursor=0&limit=10", token: token)
            #expect(response.status == 401)
            #expect(try ServiceFixture.problem(response).problemType == .tokenRevoked)
        }
    }
}
