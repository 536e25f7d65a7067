import FieldAgentCore
import FieldAgentTestSupport
import Testing

/// The merge laws over random scenarios: any order, duplicates and partial subsets converge.
@Suite struct CRDTLawTests {
    static let scenarioCount = 1_000

    @Test func randomScenariosConverge() throws {
        var failures: [String] = []
        for index in 0..<CRDTLawTests.scenarioCount {
            let seed = UInt64(0xFA_0000) + UInt64(index)
            if let failure = checkScenario(seed: seed) {
                failures.append("seed \(seed): \(failure)")
                if failures.count >= 5 { break }
            }
        }
        #expect(failures.isEmpty, "replay with checkScenario(seed:) — \(failures.joined(separator: "; "))")
    }

    /// Runs one scenario; returns a description of the first violated law, or nil.
    func checkScenario(seed: UInt64) -> String? {
        var rng = SplitMix64(seed: seed)
        var scenario = ScenarioGenerator(seed: seed)
        let history = scenario.run()
        let all = history.changes

        // 1. Full delivery in several random orders with duplicates: equal digests and conflicts.
        var reference: ReplicaState?
        for _ in 0..<3 {
            var order = all + all.filter { _ in rng.next() % 4 == 0 }
            order.shuffle(using: &rng)
            var replica = ReplicaState(replicaID: "observer")
            replica.apply(order)
            if let ref = reference {
                guard ref.digest() == replica.digest() else { return "full delivery orders diverge" }
                guard ref.conflicts() == replica.conflicts() else { return "conflict lists differ" }
            } else {
                reference = replica
            }
        }
        guard let full = reference else { return "no replica" }

        // 2. Conflicts are listed exactly when writes were concurrent.
        let expected = scenario.expectedConflicts()
        let listed = Set(full.conflicts().map { ConflictKey(customer: $0.customer, field: $0.fieldPath) })
        guard listed == expected else {
            return "conflicts listed \(listed.sorted()) but concurrent writes at \(expected.sorted())"
        }

        // 3. Partial subsets: two replicas given the same random subset in different orders agree,
        //    and a replica that then receives the rest matches the full one.
        let subset = all.filter { _ in rng.next() % 2 == 0 }
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        a.apply(subset.shuffled(using: &rng))
        b.apply((subset + subset.prefix(3)).shuffled(using: &rng))
        guard a.digest() == b.digest() else { return "equal subsets diverge" }
        a.apply(all.shuffled(using: &rng))
        guard a.digest() == full.digest() else { return "subset then rest differs from full delivery" }

        // 4. Deltas: syncing by version vectors converges too.
        var c = ReplicaState(replicaID: "c")
        c.apply(subset)
        let delta = full.changes(since: c.versionVector)
        c.apply(delta)
        guard c.digest() == full.digest() else { return "delta sync did not converge" }
        guard c.versionVector.dominates(full.versionVector) else { return "delta did not advance the vector" }

        // 5. Resolving every conflict on one replica clears it everywhere.
        var resolver = full
        var resolutions: [Change] = []
        for conflict in full.conflicts() {
            let target = Target(
                customer: conflict.customer, entity: conflict.entity, id: conflict.id, field: conflict.field)
            resolutions.append(resolver.commit(.set(target, "resolved"), by: "resolver", at: 2_000_000_000_000))
        }
        guard resolver.conflicts().isEmpty else { return "resolution left conflicts on the resolver" }
        var other = ReplicaState(replicaID: "other")
        other.apply((resolutions + all).shuffled(using: &rng))
        guard other.conflicts().isEmpty else { return "resolution did not clear conflicts elsewhere" }
        guard other.digest() == resolver.digest() else { return "resolved replicas diverge" }

        // 6. Erased customers hold nothing, whatever arrived before or after the erasure.
        for customer in full.erasedCustomerIDs {
            guard full.fields(customer: customer).isEmpty, full.flags(customer: customer).isEmpty,
                full.events(customer: customer, entity: .contact).isEmpty
            else { return "erased customer \(customer) still has data" }
        }

        // 7. Snapshots round-trip.
        guard let restored = try? ReplicaState(snapshot: full.snapshot()), restored.digest() == full.digest() else {
            return "snapshot round trip changed the state"
        }
        return nil
    }

    @Test func failingScenarioReportsItsSeed() {
        // The law check itself must be able to fail: a replica that misses a change must not match.
        var scenario = ScenarioGenerator(seed: 7)
        let all = scenario.run().changes
        var full = ReplicaState(replicaID: "x")
        full.apply(all)
        var partial = ReplicaState(replicaID: "y")
        partial.apply(all.dropLast())
        #expect(full.digest() != partial.digest())
    }
}

struct ConflictKey: Hashable, Comparable, CustomStringConvertible {
    var customer: String
    var field: String
    static func < (l: ConflictKey, r: ConflictKey) -> Bool { (l.customer, l.field) < (r.customer, r.field) }
    var description: String { "\(customer).\(field)" }
}
