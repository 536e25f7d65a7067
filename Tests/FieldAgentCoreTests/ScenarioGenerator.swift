import FieldAgentCore
import FieldAgentTestSupport

/// Builds a random multi-replica history with known concurrency, for the law tests.
///
/// 3–8 replicas each work on a private copy, syncing with random peers now and then, so some
/// writes are causally ordered and others concurrent. The generator tracks, per register, which
/// writes survive a full merge, to know exactly where conflicts must appear.
struct ScenarioGenerator {
    var rng: SplitMix64
    let replicaCount: Int
    var replicas: [ReplicaState] = []
    var changes: [Change] = []
    var wall: Int64 = 1_800_000_000_000

    static let customers = ["C-1", "C-2", "C-3"]
    static let fields = ["phone", "email", "preferredChannel"]
    static let flags = ["vulnerable", "dispute", "do-not-visit"]

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        replicaCount = 3 + Int(rng.next() % 6)
    }

    mutating func run() -> (changes: [Change], replicas: [ReplicaState]) {
        replicas = (0..<replicaCount).map { ReplicaState(replicaID: "r\($0)") }
        let steps = 8 + Int(rng.next() % 25)
        for _ in 0..<steps {
            let r = Int(rng.next() % UInt64(replicaCount))
            wall += Int64(rng.next() % 2000) - 500  // clocks wander, sometimes backwards
            let customer = ScenarioGenerator.customers[Int(rng.next() % 3)]
            let made: Change
            switch rng.next() % 20 {
            case 0..<9:
                let field = ScenarioGenerator.fields[Int(rng.next() % 3)]
                made = replicas[r].commit(
                    .set(Target(customer: customer, field: field), .string("v\(rng.next() % 5)")), by: "a\(r)", at: wall
                )
            case 9..<13:
                let flag = ScenarioGenerator.flags[Int(rng.next() % 3)]
                made = replicas[r].commit(
                    .flag(customer: customer, flag: flag, present: rng.next() % 2 == 0), by: "a\(r)", at: wall)
            case 13..<16:
                made = replicas[r].commit(
                    .create(
                        .contact, id: "K-\(r)-\(changes.count)", customer: customer,
                        body: .object(["note": .string("n\(rng.next() % 100)")])), by: "a\(r)", at: wall)
            case 16:
                made = replicas[r].commit(.erase(customer: customer), by: "a\(r)", at: wall)
            default:
                // Sync with a random peer via deltas (both directions), creating causal order.
                let p = Int(rng.next() % UInt64(replicaCount))
                if p != r {
                    let toPeer = replicas[r].changes(since: replicas[p].versionVector)
                    replicas[p].apply(toPeer)
                    let back = replicas[p].changes(since: replicas[r].versionVector)
                    replicas[r].apply(back)
                }
                continue
            }
            changes.append(made)
        }
        return (changes, replicas)
    }

    /// Registers (customer fields) where more than one write survives: the concurrent writes.
    func expectedConflicts() -> Set<ConflictKey> {
        let byID = Dictionary(uniqueKeysWithValues: changes.map { ($0.id, $0) })
        let erasedCustomers = Set(changes.filter { $0.op == .erase }.map(\.target.customer))
        let sets = changes.filter { $0.op == .set }
        var survivors: [ConflictKey: Int] = [:]
        for change in sets
        where !sets.contains(where: {
            $0.target == change.target && $0.id != change.id && $0.dominates(change)
        }) {
            guard !erasedCustomers.contains(change.target.customer), byID[change.id] != nil else { continue }
            survivors[ConflictKey(customer: change.target.customer, field: change.target.field), default: 0] += 1
        }
        return Set(survivors.filter { $0.value > 1 }.keys)
    }
}
