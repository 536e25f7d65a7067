import FieldAgentCore
import FieldAgentStore
import Testing

@testable import FieldAgentServer

@Suite struct AdminErrorReplyTests {
    static let errors: [AdminError] = [
        .invalidAgentName("bad name"), .agentExists("alice"), .unknownAgent("zed"), .unknownDevice("alice-9"),
        .unknownCustomer("C-9"),
        .customerErased("C-1"), .unreadableFile(path: "/tmp/p.json", reason: "no such file or not readable"),
        .invalidPortfolio("customers[3].name: missing"), .invalidDate("2026-13-01"), .noData(path: "/srv/data"),
        .serverFailed(reason: "the disk is full"), .badReply("not a JSON answer"),
    ]

    @Test("every admin error crosses the admin socket as the same typed error")
    func repliesRoundTrip() {
        for error in Self.errors {
            let rebuilt = AdminError(reply: error.json)
            #expect(rebuilt.description == error.description, "\(error)")
        }
    }

    @Test("a storage failure on the server reaches the client as the server's failure, with its cause")
    func storageFailureBecomesServerFailed() {
        let error = AdminError.storage(.closed)
        guard case .serverFailed(let reason) = AdminError(reply: error.json) else {
            Issue.record("expected serverFailed")
            return
        }
        #expect(reason == ServerStorageError.closed.description)
    }

    @Test("an unknown code is a bad reply, not a crash")
    func unknownCode() {
        guard case .badReply = AdminError(reply: .object(["code": "from-the-future"])) else {
            Issue.record("expected badReply")
            return
        }
    }
}

@Suite struct AdminSocketAnswerTests {
    @Test("the admin socket's answer to a failing request carries the typed error")
    func answerCarriesTheTypedError() throws {
        let service = AdminService(storage: FileServerStorage())
        let line = JSON.bytes(AdminRequest.assign(customer: "C-9999", agent: "alice").json)
        let answer = service.answer(line: line)
        #expect(answer["ok"] == .bool(false))
        guard case .unknownCustomer(let id) = AdminError(reply: answer["error"] ?? .null) else {
            Issue.record("expected unknownCustomer, got \(answer)")
            return
        }
        #expect(id == "C-9999")
    }
}
