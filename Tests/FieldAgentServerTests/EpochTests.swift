import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import Testing

@testable import FieldAgentServer

/// protocol.md → Epochs and recovery: the marks on answers, and rewinds a device proves.
@Suite struct EpochTests {
    static func marks(_ response: HTTPResponse) -> ServerMarks? { ServerMarks { response.headers[$0] } }

    @Test("push and pull answers carry the epoch, the last sequence and the caller's high-water mark only")
    func answersCarryMarks() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        let change = ServiceFixture.change("alice-1", 3, agent: "alice", customer: "C-1")
        let body = JSON.string(PushRequest(device: "alice-1", changes: [change]).json)
        let pushed = try #require(Self.marks(f.request("POST", "/v1/push", token: alice, body: body)))
        #expect(pushed.epoch == f.storage.epoch && pushed.lastSequence == f.storage.lastSequence)
        #expect(pushed.highWater == 3)
        let own = try #require(
            Self.marks(f.request("GET", "/v1/pull?cursor=0", token: alice, marks: DeviceMarks(replica: "alice-1"))))
        #expect(own.highWater == 3 && own.epoch == pushed.epoch)
        // Bob may not learn how far alice's device has counted.
        let other = try #require(
            Self.marks(f.request("GET", "/v1/pull?cursor=0", token: bob, marks: DeviceMarks(replica: "alice-1"))))
        #expect(other.highWater == nil)
        let noReplica = try #require(Self.marks(f.request("GET", "/v1/pull?cursor=0", token: alice)))
        #expect(noReplica.highWater == nil)
    }

    @Test("a cursor past the end from the current epoch starts a new epoch; from another epoch it does not")
    func cursorPastTheEndIsEvidence() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let epoch = f.storage.epoch
        let stale = f.request(
            "GET", "/v1/pull?cursor=999", token: alice, marks: DeviceMarks(epoch: String(repeating: "a", count: 32)))
        #expect(stale.status == 400 && f.storage.epoch == epoch, "a cursor of another history proves nothing")
        let proof = f.request("GET", "/v1/pull?cursor=999", token: alice, marks: DeviceMarks(epoch: epoch))
        #expect(proof.status == 400)
        let answered = try #require(Self.marks(proof))
        #expect(answered.epoch != epoch && answered.epoch == f.storage.epoch, "the answer names the new epoch")
        #expect(try Problem(body: proof.body).problemType == .badCursor)
    }

    @Test("reports start at most one epoch per ten minutes, so a device cannot make everyone re-pull at will")
    func reportsAreLimited() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        func report() -> String {
            let epoch = f.storage.epoch
            _ = f.request("GET", "/v1/pull?cursor=999", token: alice, marks: DeviceMarks(epoch: epoch))
            return epoch
        }
        let first = report()
        #expect(f.storage.epoch != first)
        let second = report()
        #expect(f.storage.epoch == second, "a second report within the window starts nothing")
        f.clock.store(ServiceFixture.start + RewindReportLimit.window)
        let third = report()
        #expect(f.storage.epoch != third, "after the window a report counts again")
    }

    @Test("an acknowledged counter above the high-water mark starts a new epoch before the push is stored")
    func acknowledgedAboveHighWaterIsEvidence() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let epoch = f.storage.epoch
        let change = ServiceFixture.change("alice-1", 8, agent: "alice", customer: "C-1")
        let body = JSON.string(PushRequest(device: "alice-1", changes: [change]).json)
        let answer = f.request(
            "POST", "/v1/push", token: alice, body: body,
            marks: DeviceMarks(epoch: epoch, replica: "alice-1", acknowledged: 7))
        #expect(answer.status == 200)
        #expect(f.storage.epoch != epoch && Self.marks(answer)?.epoch == f.storage.epoch)
        #expect(Self.marks(answer)?.highWater == 8)
    }

    @Test("marks are read strictly: malformed headers count as absent")
    func strictMarks() {
        let good = String(repeating: "0123456789abcdef", count: 2)
        #expect(ServerMarks { ["FieldAgent-Epoch": good, "FieldAgent-Last-Sequence": "12"][$0] }?.lastSequence == 12)
        #expect(ServerMarks { ["FieldAgent-Epoch": good.uppercased(), "FieldAgent-Last-Sequence": "12"][$0] } == nil)
        #expect(ServerMarks { ["FieldAgent-Epoch": good, "FieldAgent-Last-Sequence": "012"][$0] } == nil)
        let badHighWater = ["FieldAgent-Epoch": good, "FieldAgent-Last-Sequence": "1", "FieldAgent-High-Water": "-1"]
        #expect(ServerMarks { badHighWater[$0] } == nil)
        let device = DeviceMarks {
            ["FieldAgent-Epoch": "x", "FieldAgent-Replica": "a b", "FieldAgent-Acknowledged": "+3"][$0]
        }
        #expect(device == DeviceMarks())
        let marks = ServerMarks(epoch: good, lastSequence: 4, highWater: 2)
        let fields = Dictionary(uniqueKeysWithValues: marks.headers.map { ($0.name, $0.value) })
        #expect(ServerMarks { fields[$0] } == marks)
    }
}
