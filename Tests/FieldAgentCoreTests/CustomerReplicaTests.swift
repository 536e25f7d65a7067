import FieldAgentCore
import Foundation
import Testing

@Suite struct CustomerReplicaTests {
    static func fixturePortfolio() throws -> Portfolio {
        try PortfolioReader { TimeZone(identifier: $0) != nil }.read(try Fixture.bytes("portfolio-small.json"))
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

    @Test("a re-import never overwrites a profile field an agent set, and only adds flags and agents")
    func reimportKeepsAgentEdits() throws {
        var replica = ReplicaState(replicaID: "backoffice")
        var customer = try Self.fixturePortfolio().customers[0]
        replica.commit(replica.importEdits(for: customer), by: "backoffice", at: 1)
        let phone = Target(customer: customer.id, field: "phone")
        var device = replica.forked(as: "alice-0001")
        replica.apply(device.commit(.set(phone, "+358409999999"), by: "alice", at: 2))
        customer.phone = "+358401111111"
        customer.agents.append("bob")
        customer.flags.insert(.dispute)
        let edits = replica.importEdits(for: customer, assignedAgents: ["alice"])
        #expect(edits.map(\.target.field).sorted() == ["agents", "dispute"])
        replica.commit(edits, by: "backoffice", at: 3)
        #expect(replica.value(phone) == "+358409999999")
        #expect(replica.customer(customer.id)?.agents.sorted() == ["alice", "bob"])
    }

    @Test("accounts are stored in the same form the server's Codable import always wrote")
    func accountValuesMatchTheirCodableForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for customer in try Self.fixturePortfolio().customers {
            let codable = try JSON.parse(Array(encoder.encode(customer.accounts)))
            #expect(customer.fieldValues["accounts"] == codable, "\(customer.id)")
        }
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
