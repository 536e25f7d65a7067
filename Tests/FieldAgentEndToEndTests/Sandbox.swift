import FieldAgentTestSupport
import Foundation
import Testing

/// One test's world: a temp directory holding the server's data directory and the agents' homes,
/// and runners for the built `fieldagent` and `fieldagent-server` with a fixed, stable environment.
final class Sandbox {
    /// The fixed clock both tools read from `FIELDAGENT_NOW`.
    static let now = "2026-11-30T07:00:00Z"
    /// The small portfolio fixture.
    static let portfolio = BuiltProduct.packageRoot().appendingPathComponent("Fixtures/portfolio-small.json").path

    let directory: TemporaryDirectory
    /// The server's data directory.
    let data: String
    private let clientExecutable: URL
    private let serverExecutable: URL

    init() throws {
        directory = try TemporaryDirectory(prefix: "fieldagent-e2e")
        data = directory.appending("data")
        clientExecutable = try BuiltProduct.executable("fieldagent")
        serverExecutable = try BuiltProduct.executable("fieldagent-server")
    }

    deinit { directory.remove() }

    /// The environment of every child: fixed clock, UTC, no colour, a private HOME, nothing inherited.
    func environment(now: String = Sandbox.now, extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "FIELDAGENT_NOW": now, "TZ": "UTC", "NO_COLOR": "1", "HOME": directory.path, "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// The path of an agent home called `name` inside the sandbox.
    func home(_ name: String) -> String { directory.appending(name) }

    /// Runs `fieldagent --home HOME arguments…` (no `--home` when `home` is nil).
    func client(
        _ home: String?, _ arguments: [String], stdin: String? = nil, now: String = Sandbox.now,
        extraEnvironment: [String: String] = [:]
    ) throws -> ProcessResult {
        let prefix = home.map { ["--home", self.home($0)] } ?? []
        let runner = ProcessRunner(
            executable: clientExecutable, environment: environment(now: now, extra: extraEnvironment),
            workingDirectory: directory.path)
        return try runner.run(prefix + arguments, stdin: stdin)
    }

    /// Runs `fieldagent-server arguments…` exactly as given.
    func server(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> ProcessResult {
        let runner = ProcessRunner(
            executable: serverExecutable, environment: environment(extra: extraEnvironment),
            workingDirectory: directory.path)
        return try runner.run(arguments)
    }

    /// Starts `fieldagent-server serve` on this sandbox's data directory and an ephemeral port (or
    /// `port`, e.g. a stopped server's, so that devices find it again), with `extraArguments` (e.g.
    /// `--accept-restore`).
    func serve(_ extraArguments: [String] = [], port: Int = 0) throws -> ServerProcess {
        try ServerProcess.start(
            executable: serverExecutable, dataDirectory: data, environment: environment(), port: port,
            extraArguments: extraArguments)
    }

    /// Imports the small portfolio; expects success.
    func importPortfolio() throws {
        let result = try server(["import", Sandbox.portfolio, "--data", data])
        #expect(result.status == 0, "\(result)")
    }

    /// Creates an agent and returns its token (the whole of stdout, trimmed).
    func addAgent(_ name: String) throws -> String {
        let result = try server(["agent", "add", name, "--data", data])
        #expect(result.status == 0, "\(result)")
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!token.isEmpty && !token.contains(where: \.isWhitespace), "token alone on stdout: \(result)")
        return token
    }

    /// The common start: the small portfolio imported, agent alice created, the server running and
    /// alice's device (home `alice`) initialised and synced. The caller stops the server.
    func startWithAlice() throws -> (server: ServerProcess, token: String) {
        try importPortfolio()
        let token = try addAgent("alice")
        let server = try serve()
        try device("alice", agent: "alice", token: token, server: server)
        return (server, token)
    }

    /// Initialises home `home` for `agent` against `server` and runs a first sync; expects success.
    func device(_ home: String, agent: String, token: String, server: ServerProcess) throws {
        let initialised = try client(
            home, ["init", "--server", server.url, "--agent", agent, "--token", "-"], stdin: token)
        #expect(initialised.status == 0, "\(initialised)")
        try sync(home)
    }

    /// `fieldagent sync` on `home`; expects exit 0.
    @discardableResult
    func sync(_ home: String) throws -> ProcessResult {
        let result = try client(home, ["sync"])
        #expect(result.status == 0, "\(result)")
        return result
    }

    /// Runs a `--json` command on `home`, expects exit 0 and parses stdout.
    func json(_ home: String, _ arguments: [String]) throws -> Any {
        let result = try client(home, arguments + ["--json"])
        #expect(result.status == 0, "\(result)")
        return try JSONDocument.parse(result.stdout)
    }

    /// Runs a `--json` server command with `--data`, expects exit 0 and parses stdout.
    func serverJSON(_ arguments: [String]) throws -> Any {
        let result = try server(arguments + ["--data", data, "--json"])
        #expect(result.status == 0, "\(result)")
        return try JSONDocument.parse(result.stdout)
    }
}
