import FieldAgentCore
import Synchronization

/// ``CustomerStateCache`` split in shards by customer, each behind its own mutex: every push asks
/// for the states of its customers, and with one lock the request threads queued on it.
///
/// States a shard lets go of are released after its lock is dropped, so freeing a large one
/// never holds the others up.
final class MergedStateCache: Sendable {
    private final class Shard: Sendable {
        let cache: Mutex<CustomerStateCache>
        init(capacity: Int) { cache = Mutex(CustomerStateCache(capacity: capacity)) }
    }

    private let shards: [Shard]

    /// A cache holding at most about `capacity` live changes over `shardCount` shards.
    init(capacity: Int, shardCount: Int = 16) {
        shards = (0..<shardCount).map { _ in Shard(capacity: max(1, capacity / shardCount)) }
    }

    private func shard(_ customer: String) -> Shard {
        shards[Int(UInt(bitPattern: customer.hashValue) % UInt(shards.count))]
    }

    /// The state held for `customer` and the sequence it is merged through, marking it used.
    func entry(_ customer: String) -> (state: ReplicaState, mergedThrough: UInt64)? {
        shard(customer).cache.withLock { $0.entry(customer) }.map { ($0.state, $0.mergedThrough) }
    }

    /// Keeps `state` for `customer` unless a state merged further is held already.
    func keep(_ state: ReplicaState, customer: String, mergedThrough: UInt64) {
        let released = shard(customer).cache.withLock {
            $0.keep(state, customer: customer, mergedThrough: mergedThrough)
        }
        _ = released
    }

    /// Drops `customer`'s state (erased).
    func forget(_ customer: String) {
        let released = shard(customer).cache.withLock { $0.forget(customer) }
        _ = released
    }
}
