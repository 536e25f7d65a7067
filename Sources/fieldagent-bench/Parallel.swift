import Foundation

/// Runs work on many threads at once (one thread each, not `concurrentPerform`, which runs only as
/// many as there are cores) and collects the results in order.
enum Parallel {
    /// Runs `body(0)`, …, `body(count - 1)` each on its own thread and waits for all of them.
    static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let results = ParallelResults<T>(count: count)
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            Thread {
                results.set(index, body(index))
                done.leave()
            }.start()
        }
        done.wait()
        return results.values
    }
}
