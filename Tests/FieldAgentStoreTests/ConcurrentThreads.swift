import Foundation

/// Runs a body on `count` dedicated threads at once and waits for all of them.
enum ConcurrentThreads {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for index in 0..<count {
            let thread = Thread {
                body(index)
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<count { done.wait() }
    }
}
