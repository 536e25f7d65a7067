import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

@testable import FieldAgentServer

/// Mutated pushes from one agent never erase, hide, block or overwrite another agent's writes
/// except through the normal merge. Seeded; a failure names the seed and the mutation.
@Suite struct PushFuzzTests {
    static let mutationCount = 100_000
    static let perPush = 25

    @Test("100,000 mutated pushes from bob leave alice's writes stored, visible and unblocked")
    func mutatedPushesKeepTheVictimIntact() throws {
        let seed: UInt64 = 20_261_202
        var draws = RandomDraws(seed: seed)
        let f = try ServiceFixture(logFailure: { _ in })
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let victim = try Self.aliceWorks(f, token: alice)
        let base = Self.bobBase()
        var mutations = 0
        var counter: UInt64 = 100
        while mutations < Self.mutationCount {
            var batch: [Change] = []
            var notes: [String] = []
            for _ in 0..<Self.perPush {
                counter += 1
                let (change, note) = Self.mutate(draws.pick(base), counter: counter, victim: victim, &draws)
                batch.append(change)
                notes.append(note)
            }
            mutations += batch.count
            let device = draws.chance(0.2) ? "alice-1" : "bob-1"
            let response = f.request(
                "POST", "/v1/push", token: bob, body: JSON.string(PushRequest(device: device, changes: batch).json))
            guard response.status == 200 else { continue }  // refused whole (e.g. a non-canonical id): nothing stored
            let results = try PushResponse(body: response.body).results
            for (index, result) in results.enumerated() where result.status == .accepted {
                let change = batch[index]
                let context = "seed \(seed), mutation \(notes[index])"
                #expect(change.agent == "bob" && change.id.replica == device && device == "bob-1", "\(context)")
                for id in change.replaces where id.replica != change.id.replica {
                    #expect(f.storage.hasStored(id), "replaces an unseen change: \(context)")
                }
            }
        }
        for change in victim {
            #expect(f.storage.status(of: change) == .same, "alice's \(change.id) lost or altered, seed \(seed)")
        }
        let later = ServiceFixture.change("alice-1", 50, agent: "alice", customer: "C-1", value: "+358401110000")
        #expect(try f.push(alice, [later]).results[0].status == .accepted, "alice blocked, seed \(seed)")
        #expect(try f.storage.currentState().value(Target(customer: "C-1", field: "phone")) != nil)
        #expect(try f.storage.currentState().event(.contact, id: "K-A1", customer: "C-1")?.agent == "alice")
    }

    /// Alice's device stores a phone, a contact and a flag on C-1.
    static func aliceWorks(_ f: ServiceFixture, token: String) throws -> [Change] {
        let wall = ServiceFixture.start + 1000
        let changes = [
            ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1", value: "+358401234000"),
            Change(
                id: ChangeID(replica: "alice-1", counter: 2), hlc: HLCTimestamp(wallMillis: wall), agent: "alice",
                target: Target(customer: "C-1", entity: .contact, id: "K-A1"), op: .create,
                value: .object([
                    "at": "2026-11-29T08:00:00Z", "channel": "call", "direction": "outbound", "outcome": "no-answer",
                ])),
            Change(
                id: ChangeID(replica: "alice-1", counter: 3), hlc: HLCTimestamp(wallMillis: wall), agent: "alice",
                target: Target(customer: "C-1", field: "dispute"), op: .flag, value: .bool(true)),
        ]
        let results = try f.push(token, changes).results
        guard results.allSatisfy({ $0.status == .accepted }) else { throw FixtureError.status(0) }
        return changes
    }

    /// Valid changes bob's device could push on the shared customer.
    static func bobBase() -> [Change] {
        let wall = ServiceFixture.start + 2000
        return [
            ServiceFixture.change("bob-1", 1, agent: "bob", customer: "C-1", value: "+358407654321", wall: wall),
            Change(
                id: ChangeID(replica: "bob-1", counter: 2), hlc: HLCTimestamp(wallMillis: wall), agent: "bob",
                target: Target(customer: "C-1", entity: .contact, id: "K-B1"), op: .create,
                value: .object([
                    "at": "2026-11-29T08:10:00Z", "channel": "sms", "direction": "outbound", "outcome": "left-message",
                ])),
            Change(
                id: ChangeID(replica: "bob-1", counter: 3), hlc: HLCTimestamp(wallMillis: wall), agent: "bob",
                target: Target(customer: "C-1", field: "dispute"), op: .flag, value: .bool(false)),
        ]
    }

    /// One mutation of `change`: its id, agent, target, operation, value, stamp or references.
    static func mutate(
        _ change: Change, counter: UInt64, victim: [Change], _ draws: inout RandomDraws
    ) -> (Change, String) {
        var id = ChangeID(replica: "bob-1", counter: counter)
        var agent = change.agent
        var target = change.target
        var op = change.op
        var value = change.value
        var replaces = change.replaces
        var wall = change.hlc.wallMillis
        let kind = draws.between(0...9)
        switch kind {
        case 0: id = draws.pick(victim).id
        case 1:
            id = ChangeID(
                replica: draws.pick(["alice-1", "backoffice", "bob-1"]), counter: UInt64(draws.between(1...5)))
        case 2: agent = draws.pick(["alice", "backoffice", "", "bob"])
        case 3: target.customer = draws.pick(["C-1", "C-2", "C-404"])
        case 4:
            target = draws.pick(victim).target
            op = draws.pick(Operation.allCases)
        case 5:
            value = draws.pick([.null, .int(9), .string(String(repeating: "x", count: 3000)), .list([]), .bool(true)])
        case 6: replaces = [draws.pick(victim).id]
        case 7:
            replaces = (0..<draws.between(1...40)).map {
                ChangeID(
                    replica: draws.pick(["alice-1", "backoffice", "zed-\($0)"]),
                    counter: UInt64(draws.between(1...1_000_000)))
            }
        case 8: wall = draws.pick([0, 1, ServiceFixture.start * 2, Int64.max / 2])
        default: op = draws.pick(Operation.allCases)
        }
        let mutated = Change(
            id: id, hlc: HLCTimestamp(wallMillis: wall), agent: agent, target: target, op: op, value: value,
            replaces: replaces)
        return (mutated, "kind \(kind) of \(change.id)")
    }
}
