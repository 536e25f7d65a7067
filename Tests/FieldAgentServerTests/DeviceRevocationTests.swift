import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

@testable import FieldAgentServer

/// Revoking devices, wipe reports, and devices on disk (protocol.md → Devices).
@Suite struct DeviceRevocationTests {
    @Test("a revoked device gets 401 device-revoked, with wipe when asked; its agent's token still works")
    func revokedDevice() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        try f.admin.revokeDevice(id: "alice-1", wipe: false)
        let refused = f.request("GET", "/v1/pull?cursor=0&limit=10", token: device)
        #expect(refused.status == 401)
        var problem = try ServiceFixture.problem(refused)
        #expect(problem.problemType == .deviceRevoked && problem.wipe == false)
        let again = f.register(alice, "alice-1")
        #expect(again.status == 401)
        #expect(try ServiceFixture.problem(again).problemType == .deviceRevoked)
        try f.admin.revokeDevice(id: "alice-1", wipe: true)
        let change = ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")
        let push = f.request(
            "POST", "/v1/push", token: device, body: JSON.string(PushRequest(device: "alice-1", changes: [change]).json)
        )
        problem = try ServiceFixture.problem(push)
        #expect(push.status == 401 && problem.problemType == .deviceRevoked && problem.wipe == true)
        // The lost device's changes cannot come in with the agent's token either.
        #expect(try f.push(alice, [change]).results[0].reason == .wrongReplica)
        #expect(f.request("GET", "/v1/pull?cursor=0&limit=10", token: alice).status == 200)
        #expect(f.admin.listDevices().map(\.state) == [.revoked])
        #expect(throws: AdminError.self) { try f.admin.revokeDevice(id: "alice-404", wipe: false) }
    }

    @Test("a wipe report is 204 from a device told to wipe, 409 device-active from any other")
    func wipeReports() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        let active = f.reportWiped(device, lostChanges: 2)
        #expect(active.status == 409)
        #expect(try ServiceFixture.problem(active).problemType == .deviceActive)
        #expect(f.reportWiped(alice, lostChanges: 2).status == 401)
        try f.admin.revokeDevice(id: "alice-1", wipe: false)
        #expect(f.reportWiped(device, lostChanges: 2).status == 409)
        try f.admin.revokeDevice(id: "alice-1", wipe: true)
        f.clock.store(ServiceFixture.start + 90_000)
        #expect(f.reportWiped(device, lostChanges: 3).status == 204)
        #expect(f.reportWiped(device, lostChanges: 9).status == 204)
        let record = try #require(f.storage.device("alice-1"))
        #expect(record.wipedAt?.millisecondsSinceEpoch == ServiceFixture.start + 90_000)
        #expect(record.lostChanges == 3)
        let summary = try #require(f.admin.listDevices().first)
        #expect(summary.state == .wiped && summary.lostChanges == 3 && summary.agent == "alice")
        #expect(DeviceSummary(json: summary.json) == summary)
        #expect(f.request("POST", "/v1/devices/wiped", token: device, body: "{}").status == 422)
    }

    @Test("device list counts each device's refused changes, pushed with its token or the agent's")
    func refusedChangesAreCounted() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let device = try f.deviceToken(alice, "alice-1")
        let good = ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")
        let unassigned = ServiceFixture.change("alice-1", 2, agent: "alice", customer: "C-2")
        let badPhone = ServiceFixture.change("alice-1", 3, agent: "alice", customer: "C-1", value: "not a phone")
        let body = JSON.string(PushRequest(device: "alice-1", changes: [good, unassigned, badPhone]).json)
        #expect(f.request("POST", "/v1/push", token: device, body: body).status == 200)
        #expect(f.admin.listDevices().map(\.rejectedChanges) == [2])
        // Under a registered replica id, the agent's own token is refused; that counts for the device too.
        let viaAgentToken = ServiceFixture.change("alice-1", 4, agent: "alice", customer: "C-1")
        #expect(try f.push(alice, [viaAgentToken]).results[0].reason == .wrongReplica)
        try f.admin.revokeDevice(id: "alice-1", wipe: false)
        let summary = try #require(f.admin.listDevices().first)
        #expect(summary.rejectedChanges == 3 && summary.state == .revoked)
        #expect(DeviceSummary(json: summary.json) == summary)
        // The count reaches disk in the device's record and in snapshots.
        var state = ServerState()
        try state.apply(record: ServerState.deviceRecord(try #require(f.storage.device("alice-1"))))
        #expect(state.devices["alice-1"]?.rejectedChanges == 3)
        #expect(try ServerState(snapshot: state.snapshot()).devices == state.devices)
    }

    @Test("devices survive reopening the storage; last sight reaches disk with a snapshot")
    func devicesSurviveReopen() throws {
        let directory = try TemporaryDirectory(prefix: "fieldagent-devices")
        defer { directory.remove() }
        let path = directory.appending("store")
        let registered = DeviceRecord(
            replica: "alice-1", agent: "alice", tokenHash: SHA256.hash([1, 2, 3]),
            firstSeen: Instant(millisecondsSinceEpoch: 1_000), lastSeen: Instant(millisecondsSinceEpoch: 1_000))
        var revoked = registered
        revoked.revoked = true
        revoked.wipeRequested = true
        do {
            let storage = try FileServerStorage(path: path)
            #expect(try storage.saveDevice(registered, replacing: nil))
            #expect(try !storage.saveDevice(registered, replacing: nil))
            #expect(try storage.saveDevice(revoked, replacing: registered))
            storage.deviceSeen("alice-1", at: Instant(millisecondsSinceEpoch: 5_000))
            storage.close()
        }
        do {
            let storage = try FileServerStorage(path: path)
            #expect(storage.devices() == [revoked])
            storage.deviceSeen("alice-1", at: Instant(millisecondsSinceEpoch: 7_000))
            try storage.compact()
            storage.close()
        }
        let storage = try FileServerStorage(path: path)
        defer { storage.close() }
        #expect(storage.device("alice-1")?.lastSeen.millisecondsSinceEpoch == 7_000)
        #expect(storage.device("alice-1")?.wipeRequested == true)
    }

    @Test("snapshots of versions 1 to 3 still open: no devices before 3, registers checked by customer before 4")
    func olderSnapshotsOpen() throws {
        let state = try ServerStateDecodeTests.sampleState()
        for version in UInt8(1)..<ServerState.snapshotVersion {
            let opened = try ServerState(snapshot: state.snapshot(version: version))
            #expect(opened.devices == (version >= 3 ? state.devices : [:]), "version \(version)")
            #expect(opened.agents == state.agents && opened.replicaAgents == state.replicaAgents)
            #expect(opened.fingerprints.values.allSatisfy { $0.write.register == nil }, "version \(version)")
            #expect(
                opened.fingerprints.mapValues(\.write.customer) == state.fingerprints.mapValues(\.write.customer))
        }
        let restored = try ServerState(snapshot: state.snapshot())
        #expect(restored.devices == state.devices && restored.devices.count == 1)
    }
}
