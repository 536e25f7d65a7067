import Dispatch
import FieldAgentSystem
import Synchronization

/// Kills a child process that is still running after a deadline, so a hung child cannot
/// hang the test run (the test then fails on the missing output instead).
final class Watchdog: Sendable {
    private let finished = Atomic<Bool>(false)

    init(processID: Int32, seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            if !finished.load(ordering: .acquiring) { try? ProcessControl.forceKill(processID) }
        }
    }

    /// Call once the process has been reaped; the watchdog then does nothing.
    func cancel() { finished.store(true, ordering: .releasing) }
}
