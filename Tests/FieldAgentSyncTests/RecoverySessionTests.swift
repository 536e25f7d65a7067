import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

@testable import FieldAgentSync

/// The session's side of protocol.md → Epochs and recovery, without sockets.
@Suite struct RecoverySessionTests {
    static let old = String(repeating: "a", count: 32)
    static let new = String(repeating: "b", count: 32)

    static func page(epoch: String, highWater: UInt64? = nil, status: Int = 200) throws -> TransportResponse {
        var headers = ["content-type": status == 200 ? MediaType.json : MediaType.problem]
        for field in ServerMarks(epoch: epoch, lastSequence: 5, highWater: highWater).headers {
            headers[field.name.lowercased()] = field.value
        }
        let name = status == 200 ? "pull-empty.json" : "problem-invalid-request.json"
        var body = try WireFixture.bytes(name)
        if status == 400 { body = JSON.bytes(Problem(.badCursor, detail: "past the end").json) }
        return TransportResponse(status: status, headers: headers, body: body)
    }

    /// A session that knows epoch `old` and has sent its first pull.
    static func pulling(ownHighest: UInt64 = 4) -> SyncSession {
        var session = SyncSession(WireFixtureClientTests.configuration)
        _ = session.receive(.start)
        let marks = DeviceMarks(epoch: old, replica: "alice-1", acknowledged: 4)
        let sent = session.receive(.loaded(batch: [], pending: 0, cursor: "9", marks: marks, ownHighest: ownHighest))
        if case .send(let request, _) = sent {
            #expect(request.headers["FieldAgent-Epoch"] == old && request.headers["FieldAgent-Replica"] != nil)
            #expect(request.headers["FieldAgent-Acknowledged"] == nil, "only pushes say what was acknowledged")
        } else {
            Issue.record("no pull sent: \(sent)")
        }
        return session
    }

    @Test("another epoch, a bad cursor, lost acknowledgements or lost own changes each ask for recovery")
    func rewindsAskForRecovery() throws {
        let cases: [(TransportResponse, UInt64)] = [
            (try Self.page(epoch: Self.new, highWater: 4), 4),
            (try Self.page(epoch: Self.old, highWater: 4, status: 400), 4),
            (try Self.page(epoch: Self.old, highWater: 2), 4),
            (try Self.page(epoch: Self.old, highWater: 7), 4),
        ]
        for (answer, highest) in cases {
            var session = Self.pulling(ownHighest: highest)
            guard case .recover(let marks) = session.receive(.response(answer)) else {
                Issue.record("no recovery for \(answer.status) \(answer.headers)")
                continue
            }
            #expect(marks.epoch == answer.headers["fieldagent-epoch"])
            guard case .loadPushBatch = session.receive(.recovered(queued: 2)) else {
                Issue.record("recovery does not go on with the push")
                continue
            }
            #expect(session.report.recovered && session.report.requeued == 2)
        }
    }

    @Test("the same epoch with nothing lost goes on; a second rewind in one sync fails")
    func healthyAndTwice() throws {
        var healthy = Self.pulling()
        guard case .applyPage = healthy.receive(.response(try Self.page(epoch: Self.old, highWater: 4))) else {
            Issue.record("a healthy page was not applied")
            return
        }
        var session = Self.pulling()
        _ = session.receive(.response(try Self.page(epoch: Self.new, highWater: 4)))
        _ = session.receive(.recovered(queued: 0))
        let third = String(repeating: "c", count: 32)
        let marks = DeviceMarks(epoch: Self.new, replica: "alice-1", acknowledged: 4)
        _ = session.receive(.loaded(batch: [], pending: 0, cursor: nil, marks: marks, ownHighest: 4))
        guard case .fail(let error) = session.receive(.response(try Self.page(epoch: third, highWater: 4))) else {
            Issue.record("a second rewind did not fail the sync")
            return
        }
        #expect(error.description.contains("history changed again"))
    }
}
