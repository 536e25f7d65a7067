import Dispatch
import FieldAgentCore
import FieldAgentTestSupport
import Foundation
import Synchronization
import Testing

@testable import FieldAgentServer

/// Appends from many threads at once are stored in groups; each still gets the outcomes of a
/// one-after-another order.
@Suite struct AppendGroupCommitTests {
    @Test("concurrent appends with overlapping ids: each id stored once, sequences dense and unique")
    func concurrentAppendsStoreEachChangeOnce() throws {
        let directory = try TemporaryDirectory(prefix: "fieldagent-group-commit")
        defer { directory.remove() }
        let storage = try FileServerStorage(path: directory.appending("store"))
        defer { storage.close() }
        let threads = 8
        let rounds = 40
        let outcomes = Mutex<[(ChangeID, AppendOutcome)]>([])
        let done = DispatchGroup()
        // One thread each (concurrentPerform would run only as many as there are cores).
        for thread in 0..<threads {
            done.enter()
            Thread {
                defer { done.leave() }
                for round in 0..<rounds {
                    // Threads t and t + 1 send the same ids for half of each batch, so duplicates meet
                    // in one group or across groups.
                    let changes = (0..<10).map { slot in
                        let owner = slot < 5 ? thread : (thread + 1) % threads
                        return ServiceFixture.change(
                            "r-\(owner)", UInt64(round * 5 + slot % 5 + 1), agent: "agent", customer: "C-\(owner)")
                    }
                    let results = (try? storage.append(changes)) ?? []
                    outcomes.withLock { $0 += zip(changes.map(\.id), results).map { ($0, $1) } }
                }
            }.start()
        }
        done.wait()
        let all = outcomes.withLock { $0 }
        #expect(all.count == threads * rounds * 10)
        var accepted: [ChangeID: UInt64] = [:]
        for (id, outcome) in all {
            switch outcome {
            case .accepted(let sequence):
                #expect(accepted.updateValue(sequence, forKey: id) == nil, "\(id) accepted twice")
            case .duplicate: break
            default: Issue.record("\(id): unexpected \(outcome)")
            }
        }
        #expect(accepted.count == threads * rounds * 5)
        #expect(Set(accepted.values) == Set(1...UInt64(accepted.count)))
        #expect(storage.lastSequence == UInt64(accepted.count))
        #expect(try storage.loggedChanges().count == accepted.count)
        // Threads waiting on the writer were stored together: fewer syncs than appends.
        #expect(
            storage.appendGroups < threads * rounds, "\(storage.appendGroups) groups for \(threads * rounds) appends")
    }
}
