import FieldAgentCore
import FieldAgentTestSupport

/// `fieldagent-bench merge`: W1 (build, encode, load) and W2 (20 forks, deltas, merge) from the peers' workload.
enum MergeBenchmark {
    static func run() -> [(String, Value)] {
        let data = MergeWorkload.w1()
        let wall: Int64 = 1_800_000_000_000

        // W1 build: one replica writes every field and event.
        var builder = ReplicaState(replicaID: "builder")
        let buildSeconds = Stopwatch.seconds {
            for customer in data {
                for (field, value) in customer.fields {
                    _ = builder.commit(.set(Target(customer: customer.id, field: field), value), by: "bench", at: wall)
                }
                for (id, event) in customer.events {
                    _ = builder.commit(
                        .create(.contact, id: id, customer: customer.id, body: event), by: "bench", at: wall)
                }
            }
        }
        let encoded = builder.snapshot()
        var loaded: ReplicaState?
        let loadSeconds = Stopwatch.best(of: 3) { loaded = try! ReplicaState(snapshot: encoded) }
        precondition(loaded!.digest() == builder.digest(), "W1 load changed the state")

        // W2: 20 forks edit concurrently.
        let base = loaded!
        let baseVector = base.versionVector
        var forks: [ReplicaState] = []
        for r in 0..<MergeWorkload.replicaCount {
            var fork = base.forked(as: "replica-\(r)")
            var t = wall + 1_000
            for edit in MergeWorkload.w2(replica: r) {
                t += 1
                switch edit {
                case .set(let customer, let field, let value):
                    _ = fork.commit(.set(Target(customer: customer, field: field), value), by: "agent-\(r)", at: t)
                case .append(let customer, let id, let event):
                    _ = fork.commit(.create(.contact, id: id, customer: customer, body: event), by: "agent-\(r)", at: t)
                }
            }
            forks.append(fork)
        }
        var deltas: [Delta] = []
        let deltaSeconds = Stopwatch.seconds { deltas = forks.map { $0.changes(since: baseVector) } }
        let deltaBytes = deltas.reduce(0) { $0 + ChangeCodec.encode($1.changes).count }

        // The hub owns its storage before timing starts, so the merge does not pay for copy-on-write.
        var merged = try! ReplicaState(snapshot: encoded).forked(as: "hub")
        let mergeSeconds = Stopwatch.seconds { for delta in deltas { merged.apply(delta) } }
        var reversed = base.forked(as: "hub-2")
        for delta in deltas.reversed() { reversed.apply(delta) }
        var interleaved = base.forked(as: "hub-3")
        var rng = SplitMix64(seed: 7)
        interleaved.apply(deltas.flatMap(\.changes).shuffled(using: &rng))
        let converged = merged.digest() == reversed.digest() && merged.digest() == interleaved.digest()

        return [
            ("w1BuildSeconds", .double(buildSeconds)), ("w1Bytes", .int(Int64(encoded.count))),
            ("w1LoadSeconds", .double(loadSeconds)), ("w2DeltaSeconds", .double(deltaSeconds)),
            ("w2DeltaBytes", .int(Int64(deltaBytes))), ("w2MergeSeconds", .double(mergeSeconds)),
            ("w2Converged", .bool(converged)), ("w2Conflicts", .int(Int64(merged.conflicts().count))),
            ("w1LiveChanges", .int(Int64(builder.liveCount))),
        ]
    }
}
