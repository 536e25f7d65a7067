import Synchronization

/// Test hook that makes chosen syscalls fail with a chosen `errno`.
///
/// Production code never arms it; tests arm it to prove that a full disk or a failing
/// `fsync` is reported and loses nothing acknowledged. Each armed fault fires a fixed
/// number of times, then disarms itself.
public final class FaultInjection: Sendable {
    /// The process-wide instance consulted by ``Syscall/retrying(_:_:_:)``.
    public static let shared = FaultInjection()

    private struct Armed {
        var errno: Int32
        var remaining: Int
    }

    private let armed = Mutex<[String: Armed]>([:])
    private let anyArmed = Atomic<Bool>(false)

    /// Makes the next `times` calls of `operation` (e.g. `"fsync"`, `"write"`) fail with `errno`.
    public func arm(_ operation: String, errno: Int32, times: Int = 1) {
        armed.withLock { $0[operation] = Armed(errno: errno, remaining: times) }
        anyArmed.store(true, ordering: .releasing)
    }

    /// Removes every armed fault.
    public func disarmAll() {
        armed.withLock { $0.removeAll() }
        anyArmed.store(false, ordering: .releasing)
    }

    /// The `errno` to fail `operation` with, if a fault is armed for it; consumes one firing.
    @inline(__always)
    func fault(for operation: String) -> Int32? {
        guard anyArmed.load(ordering: .acquiring) else { return nil }
        return armed.withLock { table -> Int32? in
            guard var entry = table[operation] else { return nil }
            entry.remaining -= 1
            table[operation] = entry.remaining > 0 ? entry : nil
            return entry.errno
        }
    }
}
