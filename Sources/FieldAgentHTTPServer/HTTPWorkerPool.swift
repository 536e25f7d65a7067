import Foundation

/// A fixed set of threads that run request handlers, fed by a FIFO queue.
///
/// Handlers may block on storage, so they run here instead of on the event loop; the
/// thread count bounds how much such work runs at once. `@unchecked Sendable` because
/// every entry point (``submit(_:)``, ``stop()`` and the workers' dequeue) takes `condition`.
final class HTTPWorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [HTTPJob] = []
    private var queueHead = 0
    private var stopping = false
    private let finished = DispatchGroup()

    /// Starts `count` threads, each calling `work` for every job it takes.
    init(count: Int, work: @escaping @Sendable (HTTPJob) -> Void) {
        for index in 0..<count {
            finished.enter()
            let thread = Thread { [self] in
                while let job = next() { work(job) }
                finished.leave()
            }
            thread.name = "http-worker-\(index)"
            thread.start()
        }
    }

    /// Queues `job` for the next free worker.
    func submit(_ job: HTTPJob) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the workers finish queued jobs, then waits for every thread to exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func next() -> HTTPJob? {
        condition.lock()
        defer { condition.unlock() }
        while queueHead == queue.count {
            if stopping { return nil }
            condition.wait()
        }
        let job = queue[queueHead]
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return job
    }
}
