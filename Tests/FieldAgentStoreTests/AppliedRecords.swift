import Synchronization

/// A thread-safe set of record ids standing in for a replica's in-memory state.
final class AppliedRecords: Sendable {
    private let ids = Mutex<Set<String>>([])

    func insert(_ id: String) { ids.withLock { _ = $0.insert(id) } }

    var all: Set<String> { ids.withLock { $0 } }

    /// The state as snapshot bytes: ids, sorted, one per line.
    func snapshot() -> [UInt8] { Array(all.sorted().joined(separator: "\n").utf8) }
}
