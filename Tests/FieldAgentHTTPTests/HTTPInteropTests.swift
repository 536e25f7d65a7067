import FieldAgentHTTP
import FieldAgentHTTPServer
import Foundation
import Testing

/// Real clients talk to the server: curl and Python's http.client, spawned as processes.
@Suite struct HTTPInteropTests {
    static let curlPath = "/usr/bin/curl"
    static let hasCurl = FileManager.default.isExecutableFile(atPath: curlPath)
    static let pythonPath: String? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `executable` with `arguments`, feeding `input`; returns exit status and standard output.
    private func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(
        "curl: GET, then a 2000-byte POST (sent with Expect: 100-continue) on the same connection",
        .enabled(if: HTTPInteropTests.hasCurl))
    func curl() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let base = "http://127.0.0.1:\(harness.port)"
        let (status, output) = try run(
            HTTPInteropTests.curlPath,
            [
                "--silent", "--show-error", "--max-time", "10", "--fail-with-body", "\(base)/hello?x=1",
                "--next", "--silent", "--show-error", "--max-time", "10", "--data-binary", "@-", "\(base)/upload",
            ],
            input: Array(repeating: UInt8(ascii: "z"), count: 2000))
        #expect(status == 0)
        #expect(output == "GET /hello?x=1 0POST /upload 2000")
    }

    @Test("curl gets a problem+json 413 for an oversized upload", .enabled(if: HTTPInteropTests.hasCurl))
    func curlTooLarge() throws {
        let harness = try ServerHarness(
            configuration: ServerHarness.testConfiguration(limits: HTTPLimits(maxBodyBytes: 100)))
        defer { #expect(harness.stop()) }
        let (status, output) = try run(
            HTTPInteropTests.curlPath,
            [
                "--silent", "--max-time", "10", "--output", "/dev/null", "--write-out", "%{http_code}",
                "--data-binary", "@-", "http://127.0.0.1:\(harness.port)/upload",
            ],
            input: Array(repeating: UInt8(ascii: "z"), count: 5000))
        #expect(status == 0)
        #expect(output == "413")
    }

    @Test(
        "Python http.client: three requests on one keep-alive connection",
        .enabled(if: HTTPInteropTests.pythonPath != nil))
    func python() throws {
        let harness = try ServerHarness()
        defer { #expect(harness.stop()) }
        let script = """
            import http.client, sys
            c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
            out = []
            for method, path, body in [("GET", "/a", None), ("POST", "/b", b"12345"), ("DELETE", "/c?d=1", None)]:
                c.request(method, path, body=body)
                r = c.getresponse()
                out.append("%d %s" % (r.status, r.read().decode()))
            c.close()
            print("|".join(out))
            """
        let (status, output) = try run(
            try #require(HTTPInteropTests.pythonPath), ["-c", script, "\(harness.port)"])
        #expect(status == 0)
        #expect(output == "200 GET /a 0|200 POST /b 5|200 DELETE /c?d=1 0\n")
    }
}
