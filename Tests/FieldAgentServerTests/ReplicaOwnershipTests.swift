import FieldAgentCore
import Testing

@testable import FieldAgentServer

/// A replica id belongs to one agent, decided under the storage's writer lock, so a registration
/// and a first push racing each other cannot both win.
@Suite struct ReplicaOwnershipTests {
    static let seen = Instant(millisecondsSinceEpoch: ServiceFixture.start)

    static func device(_ replica: String, agent: String) -> DeviceRecord {
        DeviceRecord(
            replica: replica, agent: agent, tokenHash: SHA256.hash(Array(replica.utf8)), firstSeen: seen, lastSeen: seen
        )
    }

    @Test("a change under another agent's registered replica is refused by storage itself")
    func appendChecksTheRegistration() throws {
        let storage = FileServerStorage()
        #expect(try storage.saveDevice(Self.device("r-1", agent: "bob"), replacing: nil))
        let forged = ServiceFixture.change("r-1", 1, agent: "alice", customer: "C-1")
        let own = ServiceFixture.change("r-1", 2, agent: "bob", customer: "C-1")
        #expect(try storage.append([forged, own]) == [.wrongReplica, .accepted(sequence: 1)])
    }

    @Test("within one append, the first change stored under a replica id decides its agent")
    func appendChecksEarlierChangesOfTheBatch() throws {
        let storage = FileServerStorage()
        let first = ServiceFixture.change("r-2", 1, agent: "alice", customer: "C-1")
        let second = ServiceFixture.change("r-2", 2, agent: "bob", customer: "C-1")
        #expect(try storage.append([first, second]) == [.accepted(sequence: 1), .wrongReplica])
        #expect(try storage.append([ServiceFixture.change("r-2", 3, agent: "bob", customer: "C-1")]) == [.wrongReplica])
    }

    @Test("a replica id another agent stored changes under cannot be registered")
    func registrationChecksStoredChanges() throws {
        let storage = FileServerStorage()
        _ = try storage.append([ServiceFixture.change("r-3", 1, agent: "alice", customer: "C-1")])
        #expect(try !storage.saveDevice(Self.device("r-3", agent: "bob"), replacing: nil))
        #expect(try storage.saveDevice(Self.device("r-3", agent: "alice"), replacing: nil))
    }
}
