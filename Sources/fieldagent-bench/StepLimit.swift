import FieldAgentCore
import Foundation

/// The company workload's figures as they are measured, and a time limit on each step.
///
/// A step that runs past the limit ends the process (status 3): the figures measured so far are
/// printed with `stoppedInStep`, and the workload's directory is removed, so a large N cannot run
/// away. The server runs in this process, so it ends too.
///
/// `@unchecked Sendable`: the watchdog thread and the benchmark share it; every mutable member is
/// only touched while holding `lock`.
final class StepLimit: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [(String, Value)] = []
    private var step: String?
    private var stepStart = ContinuousClock.now
    private var finished = false
    private let limit: Duration
    private let json: Bool
    private let cleanup: String

    /// Starts the watchdog: `limitSeconds` per step; `cleanup` is removed if a step overruns.
    init(limitSeconds: Int, json: Bool, cleanup: String) {
        limit = .seconds(limitSeconds)
        self.json = json
        self.cleanup = cleanup
        Thread { [self] in watch() }.start()
    }

    /// Records a figure.
    func add(_ name: String, _ value: Value) {
        lock.withLock { figures.append((name, value)) }
    }

    /// Records a measured number (seconds, a rate, MiB).
    func add(_ name: String, double: Double) { add(name, .double(double)) }

    /// Records a count.
    func add(_ name: String, count: Int) { add(name, .int(Int64(count))) }

    /// Runs one step under the limit.
    func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        lock.withLock {
            step = name
            stepStart = .now
        }
        defer { lock.withLock { step = nil } }
        return try body()
    }

    /// Stops the watchdog and returns the figures.
    func finish() -> [(String, Value)] {
        lock.withLock {
            finished = true
            return figures
        }
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let (stop, overrun): (Bool, (String, [(String, Value)])?) = lock.withLock {
                guard !finished else { return (true, nil) }
                guard let step, ContinuousClock.now - stepStart > limit else { return (false, nil) }
                return (false, (step, figures))
            }
            if stop { return }
            guard let (step, measured) = overrun else { continue }
            let limitSeconds = Double(limit.components.seconds)
            FigureReport.show(
                measured + [("stoppedInStep", .string(step)), ("stepLimitSeconds", .double(limitSeconds))],
                json: json)
            fflush(nil)  // every C stream, so the figures are out before _exit
            FileHandle.standardError.write(Data("fieldagent-bench company: step \(step) overran its limit\n".utf8))
            try? FileManager.default.removeItem(atPath: cleanup)
            _exit(3)
        }
    }
}
