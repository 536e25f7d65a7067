import FieldAgentCore
import FieldAgentProtocol
import Synchronization
import Testing

@testable import FieldAgentServer

@Suite struct ServerFailureTests {
    /// Lines the service logged.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("a push the storage cannot take is a 500 whose cause is logged, without the change's data")
    func storageFailureIsLoggedWithItsCause() throws {
        let log = Lines()
        let f = try ServiceFixture(logFailure: { log.append($0) })
        let (alice, _) = try f.seed()
        f.storage.close()
        let body = JSON.string(
            PushRequest(device: "a1", changes: [ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1")])
                .json)
        let response = f.request("POST", "/v1/push", token: alice, body: body)
        #expect(response.status == 500)
        #expect(try Problem(body: response.body).problemType == .storageFailed)
        #expect(log.all.count == 1)
        let line = try #require(log.all.first)
        #expect(line.contains("500") && line.contains(ServerStorageError.closed.description))
        #expect(!line.contains("+358409999999") && !line.contains("C-1"))
    }
}
