import FieldAgentCore
import Foundation
import Testing

@Suite struct CustomerReplicaTests {
    static func fixturePortfolio() throws -> Portfolio {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Fixtures/portfolio-small.json"))
        return try PortfolioReader { TimeZone(identifier: $0) != nil }.read(Array(bytes))
    }

    @Test func importedCustomersReadBackUnchanged() throws {
        var replica = ReplicaState(replicaID: "server")
        let portfolio = try Self.fixturePortfolio()
        for customer in portfolio.customers {
            _ = replica.importCustomer(customer, agent: "backoffice", wallMillis: 1_000)
        }
        for customer in portfolio.customers {
            #expect(replica.customer(customer.id) == customer)
        }
    }

    @Test func reimportWritesNothingAndUpdatesWhatChanged() throws {
        var replica = ReplicaState(replicaID: "server")
        var customer = try Self.fixturePortfolio().customers[0]
        #expect(!replica.importCustomer(customer, agent: "backoffice", wallMillis: 1).isEmpty)
        #expect(replica.importCustomer(customer, agent: "backoffice", wallMillis: 2).isEmpty)
        customer.accounts[0].balance += 100
        let changes = replica.importCustomer(customer, agent: "backoffice", wallMillis: 3)
        #expect(changes.map(\.target.field) == ["accounts"])
        #expect(replica.customer(customer.id)?.accounts[0].balance == customer.accounts[0].balance)
    }

    @Test func eventsBecomeContactsPromisesAndNotes() {
        var r = ReplicaState(replicaID: "dev")
        _ = r.create(
            .contact, id: "K-1", customer: "C-1",
            body: .object(["at": "2026-11-29T10:00:00Z", "channel": "call", "outcome": "promise-to-pay"]),
            agent: "alice", wallMillis: 1)
        _ = r.create(
            .promise, id: "P-1", customer: "C-1",
            body: .object(["contactId": "K-1", "amount": 5000, "date": "2026-12-10", "at": "2026-11-29T10:00:00Z"]),
            agent: "alice", wallMillis: 2)
        _ = r.create(
            .note, id: "N-1", customer: "C-1", body: .object(["at": "2026-11-29T10:05:00Z"]), agent: "alice",
            wallMillis: 3)
        _ = r.set(
            Target(customer: "C-1", entity: .note, id: "N-1", field: "score"), to: 4, agent: "alice", wallMillis: 4)
        #expect(r.contacts(customer: "C-1").map(\.outcome) == [.promiseToPay])
        #expect(r.promises(customer: "C-1").first?.amount == 5000)
        #expect(r.notes(customer: "C-1").first?.score == 4)
    }
}
