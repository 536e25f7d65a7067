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
            _ = replica.commit(replica.importEdits(for: customer), by: "backoffice", at: 1_000)
        }
        for customer in portfolio.customers {
            #expect(replica.customer(customer.id) == customer)
        }
    }

    @Test func reimportWritesNothingAndUpdatesWhatChanged() throws {
        var replica = ReplicaState(replicaID: "server")
        var customer = try Self.fixturePortfolio().customers[0]
        #expect(!replica.commit(replica.importEdits(for: customer), by: "backoffice", at: 1).isEmpty)
        #expect(replica.commit(replica.importEdits(for: customer), by: "backoffice", at: 2).isEmpty)
        customer.accounts[0].balance += 100
        let changes = replica.commit(replica.importEdits(for: customer), by: "backoffice", at: 3)
        #expect(changes.map(\.target.field) == ["accounts"])
        #expect(replica.customer(customer.id)?.accounts[0].balance == customer.accounts[0].balance)
    }

    @Test func eventsBecomeContactsPromisesAndNotes() {
        var r = ReplicaState(replicaID: "dev")
        _ = r.commit(
            .create(
                .contact, id: "K-1", customer: "C-1",
                body: .object(["at": "2026-11-29T10:00:00Z", "channel": "call", "outcome": "promise-to-pay"])),
            by: "alice", at: 1)
        _ = r.commit(
            .create(
                .promise, id: "P-1", customer: "C-1",
                body: .object(["contactId": "K-1", "amount": 5000, "date": "2026-12-10", "at": "2026-11-29T10:00:00Z"])),
            by: "alice", at: 2)
        _ = r.commit(
            .create(.note, id: "N-1", customer: "C-1", body: .object(["at": "2026-11-29T10:05:00Z"])), by: "alice",
            at: 3)
        _ = r.commit(.set(Target(customer: "C-1", entity: .note, id: "N-1", field: "score"), 4), by: "alice", at: 4)
        #expect(r.contacts(customer: "C-1").map(\.outcome) == [.promiseToPay])
        #expect(r.promises(customer: "C-1").first?.amount == 5000)
        #expect(r.notes(customer: "C-1").first?.score == 4)
    }
}
