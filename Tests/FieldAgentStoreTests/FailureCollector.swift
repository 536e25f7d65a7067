import Synchronization

/// Collects error descriptions from worker threads.
final class FailureCollector: Sendable {
    private let failures = Mutex<[String]>([])

    func add(_ failure: String) { failures.withLock { $0.append(failure) } }

    var all: [String] { failures.withLock { $0 } }
}
