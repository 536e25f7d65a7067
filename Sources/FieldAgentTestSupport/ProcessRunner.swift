import Dispatch
import FieldAgentSystem
import Foundation

/// Runs an executable to completion with arguments, an environment and optional standard input,
/// capturing standard output, standard error and the exit status.
///
/// Output goes to files rather than pipes, so a chatty child can never block on a full pipe. A child
/// still running after ``timeout`` is killed with SIGKILL and reported with `timedOut == true`.
///
/// ```swift
/// let runner = ProcessRunner(executable: try BuiltProduct.executable("fieldagent"), environment: ["TZ": "UTC"])
/// let result = try runner.run(["--version"])
/// ```
public struct ProcessRunner: Sendable {
    /// The executable to run.
    public var executable: URL
    /// The complete environment of the child (nothing is inherited).
    public var environment: [String: String]
    /// The working directory, or nil for the current one.
    public var workingDirectory: String?
    /// How long a child may run before it is killed.
    public var timeout: Duration

    /// A runner for `executable` with exactly `environment`.
    public init(
        executable: URL, environment: [String: String], workingDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) {
        self.executable = executable
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
    }

    /// Runs the executable with `arguments`, feeding `stdin` (empty if nil), and waits for it.
    public func run(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        let scratch = try TemporaryDirectory(prefix: "fieldagent-run")
        defer { scratch.remove() }
        let inputPath = scratch.appending("stdin")
        let outputPath = scratch.appending("stdout")
        let errorPath = scratch.appending("stderr")
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: inputPath))
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? input.close()
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let timedOut = !ProcessRunner.wait(exited, for: timeout)
        if timedOut {
            try? ProcessControl.forceKill(process.processIdentifier)
            _ = ProcessRunner.wait(exited, for: .seconds(10))
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            stdout: String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self),
            stderr: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self))
    }

    /// Waits on `semaphore` for at most `duration`; true if it was signalled in time.
    static func wait(_ semaphore: DispatchSemaphore, for duration: Duration) -> Bool {
        semaphore.wait(timeout: .now() + .nanoseconds(duration.wholeNanoseconds)) == .success
    }
}
