import FieldAgentSystem
import Foundation

/// Runs the real `fieldagent-server` binary built next to the test bundle (or in `.build/debug`).
struct ServerProcess {
    struct NotBuilt: Error {}

    static func executable() throws -> URL {
        let package = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(), package.appendingPathComponent(".build/debug"),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent("fieldagent-server")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw NotBuilt()
    }

    /// Runs an admin command to completion; returns status and stdout.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    let process: Process
    let port: UInt16

    /// Starts `serve` on a free loopback port and waits until it answers health checks.
    init(data: String) throws {
        let probe = try Socket.listen(on: SocketAddress(host: "127.0.0.1", port: 0))
        port = try probe.localAddress().port
        probe.close()
        process = Process()
        process.executableURL = try ServerProcess.executable()
        process.arguments = ["serve", "--data", data, "--listen", "127.0.0.1:\(port)"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if (try? exchange("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))?.hasPrefix(
                "HTTP/1.1 200") == true
            {
                return
            }
            usleep(25_000)
        }
        process.terminate()
        throw NotBuilt()
    }

    /// Sends raw bytes on a new connection and reads until the server closes it (or 5 s pass).
    func exchange(_ text: String) throws -> String {
        let socket = try Socket.connect(to: SocketAddress(host: "127.0.0.1", port: port))
        defer { socket.close() }
        try socket.setReceiveTimeout(milliseconds: 5000)
        try socket.sendAll(Array(text.utf8))
        var received: [UInt8] = []
        while let chunk = try? socket.receive(maxBytes: 65536), !chunk.isEmpty { received += chunk }
        return String(decoding: received, as: UTF8.self)
    }

    func kill() {
        try? ProcessControl.forceKill(process.processIdentifier)
        process.waitUntilExit()
    }
}
