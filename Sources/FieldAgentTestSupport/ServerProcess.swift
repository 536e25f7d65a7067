import Dispatch
import FieldAgentSystem
import Foundation

/// A `fieldagent-server serve` child process on an ephemeral loopback port, for end-to-end tests.
///
/// ``start(executable:dataDirectory:environment:)`` waits (bounded) for the server's
/// `fieldagent-server: listening on HOST:PORT` line on stderr and parses the port from it.
/// ``stop()`` sends SIGTERM and waits, then SIGKILL if the server does not exit in time; `deinit`
/// kills a server a failed test forgot to stop.
///
/// ```swift
/// let server = try ServerProcess.start(executable: url, dataDirectory: dir, environment: env)
/// defer { server.stop() }
/// let url = server.url   // http://127.0.0.1:PORT
/// ```
public final class ServerProcess {
    /// The server could not be started.
    public struct StartFailed: Error, CustomStringConvertible {
        /// Why, with the server's stderr so far.
        public var description: String
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    public let url: String
    /// The bound port.
    public let port: Int
    private let process: Process
    private let exited: DispatchSemaphore
    private let logPath: String
    private let scratch: TemporaryDirectory
    private var stopped: ProcessResult?

    private init(
        process: Process, exited: DispatchSemaphore, port: Int, logPath: String, scratch: TemporaryDirectory
    ) {
        self.process = process
        self.exited = exited
        self.port = port
        self.url = "http://127.0.0.1:\(port)"
        self.logPath = logPath
        self.scratch = scratch
    }

    deinit {
        if stopped == nil { _ = stop() }
        scratch.remove()
    }

    /// Starts `executable serve --data dataDirectory --listen 127.0.0.1:PORT extraArguments…` (an
    /// ephemeral port unless `port` is given) with exactly `environment` and waits up to
    /// `startTimeout` for it to report its address.
    public static func start(
        executable: URL, dataDirectory: String, environment: [String: String],
        startTimeout: Duration = .seconds(20), port: Int = 0, extraArguments: [String] = []
    ) throws -> ServerProcess {
        let scratch = try TemporaryDirectory(prefix: "fieldagent-serve")
        let logPath = scratch.appending("stderr")
        let outputPath = scratch.appending("stdout")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer {
            try? log.close()
            try? output.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--data", dataDirectory, "--listen", "127.0.0.1:\(port)"] + extraArguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = log
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let (seconds, _) = startTimeout.components
        for _ in 0..<(Int(seconds) * 50) {
            let text = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
            if let port = listeningPort(in: text) {
                return ServerProcess(process: process, exited: exited, port: port, logPath: logPath, scratch: scratch)
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { try? ProcessControl.forceKill(process.processIdentifier) }
        process.waitUntilExit()
        let text = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        scratch.remove()
        throw StartFailed(description: "fieldagent-server serve did not report its address; stderr:\n\(text)")
    }

    /// Starts the built `fieldagent-server` on `dataDirectory` with this process's environment.
    public static func start(dataDirectory: String) throws -> ServerProcess {
        try start(
            executable: try BuiltProduct.executable("fieldagent-server"), dataDirectory: dataDirectory,
            environment: ProcessInfo.processInfo.environment)
    }

    /// Sends raw bytes on a new connection and reads until the server closes it (or 5 s pass).
    public func exchange(_ text: String) throws -> String {
        let socket = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: UInt16(port)))
        defer { socket.close() }
        try socket.setReceiveTimeout(milliseconds: 5000)
        try socket.sendAll(Array(text.utf8))
        var received: [UInt8] = []
        while let chunk = try? socket.receive(maxBytes: 65536), !chunk.isEmpty { received += chunk }
        return String(decoding: received, as: UTF8.self)
    }

    /// Kills the server with SIGKILL, as a power cut would, and waits for it to be gone.
    public func kill() {
        guard stopped == nil else { return }
        try? ProcessControl.forceKill(process.processIdentifier)
        process.waitUntilExit()
        stopped = ProcessResult(
            status: process.terminationStatus, signalled: true, timedOut: false, stdout: "", stderr: log)
    }

    /// The port in a `fieldagent-server: listening on 127.0.0.1:PORT …` line, if `log` has one.
    public static func listeningPort(in log: String) -> Int? {
        let marker = "listening on 127.0.0.1:"
        for line in log.split(separator: "\n") {
            guard let range = line.range(of: marker) else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let port = Int(digits), port > 0 { return port }
        }
        return nil
    }

    /// Everything the server wrote to stderr so far (its request log).
    public var log: String {
        String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    }

    /// The server's process id (e.g. to change its limits with `prlimit`).
    public var processID: Int32 { process.processIdentifier }

    /// Whether the server process is still running.
    public var isRunning: Bool { stopped == nil && process.isRunning }

    /// Sends SIGTERM and waits up to `timeout`, then SIGKILL; returns the exit status and the log.
    /// Calling it again returns the first result.
    @discardableResult
    public func stop(timeout: Duration = .seconds(15)) -> ProcessResult {
        if let stopped { return stopped }
        var timedOut = false
        if process.isRunning {
            process.terminate()
            if !ProcessRunner.wait(exited, for: timeout) {
                timedOut = true
                try? ProcessControl.forceKill(process.processIdentifier)
            }
        }
        process.waitUntilExit()
        let result = ProcessResult(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, stdout: "", stderr: log)
        stopped = result
        return result
    }
}
