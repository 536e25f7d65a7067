import FieldAgentCore
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// `fieldagent-server device list` and `device revoke`, run as the built binary on a data directory.
@Suite(.serialized) struct DeviceCommandTests {
    @Test func listAndRevokeDevices() throws {
        let directory = try TemporaryDirectory(prefix: "fa-dev")
        defer { directory.remove() }
        let data = directory.appending("data")
        #expect(try ServerProcessTests.admin(["agent", "add", "alice", "--data", data]).status == 0)
        do {
            let storage = try FileServerStorage(path: DataDirectory(path: data).storePath)
            defer { storage.close() }
            let seen = Instant(millisecondsSinceEpoch: 1_795_941_000_000)
            let device = DeviceRecord(
                replica: "alice-1f3a09c2", agent: "alice", tokenHash: SHA256.hash([1]), firstSeen: seen, lastSeen: seen,
                rejectedChanges: 5)
            #expect(try storage.saveDevice(device, replacing: nil))
        }
        let list = try ServerProcessTests.admin(["device", "list", "--data", data])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("alice-1f3a09c2") && list.stdout.contains("active"), "\(list)")
        #expect(list.stdout.contains("rejected"), "\(list)")
        #expect(list.stdout.contains(Instant(millisecondsSinceEpoch: 1_795_941_000_000).description))
        let revoke = try ServerProcessTests.admin(["device", "revoke", "alice-1f3a09c2", "--wipe", "--data", data])
        #expect(revoke.status == 0, "\(revoke)")
        #expect(revoke.stdout.contains("Revoked device alice-1f3a09c2"))
        let json = try ServerProcessTests.admin(["device", "list", "--json", "--data", data])
        #expect(json.status == 0, "\(json)")
        let devices = try #require(try JSON.parse(Array(json.stdout.utf8)).listValue)
        #expect(devices.count == 1)
        #expect(devices.first?["state"] == "revoked" && devices.first?["agent"] == "alice")
        #expect(devices.first?["lostChanges"] == .null && devices.first?["rejectedChanges"] == 5)
        let unknown = try ServerProcessTests.admin(["device", "revoke", "nope-1", "--data", data])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no device nope-1 is registered"), "\(unknown)")
        let missing = try ServerProcessTests.admin(["device", "revoke", "--data", data])
        #expect(missing.status == 2, "\(missing)")
        let storage = try FileServerStorage(path: DataDirectory(path: data).storePath)
        defer { storage.close() }
        #expect(storage.device("alice-1f3a09c2")?.wipeRequested == true)
    }

    @Test func devicesThroughTheRunningServersAdminSocket() throws {
        let directory = try TemporaryDirectory(prefix: "fa-dev")
        defer { directory.remove() }
        let data = directory.appending("data")
        let server = try ServerProcess.start(dataDirectory: data)
        defer { server.stop() }
        let empty = try ServerProcessTests.admin(["device", "list", "--data", data])
        #expect(empty.status == 0 && empty.stdout.contains("No devices registered yet"), "\(empty)")
        let unknown = try ServerProcessTests.admin(["device", "revoke", "a-1", "--data", data])
        #expect(unknown.status == 1 && unknown.stderr.contains("no device a-1 is registered"), "\(unknown)")
    }
}
