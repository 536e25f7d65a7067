import FieldAgentTestSupport
import Testing

/// `--help`, `--version` and bare invocations of both tools, compared with golden files.
@Suite("Help and version")
struct HelpTests {
    static let clientCommands = [
        "init", "sync", "status", "repair", "customers", "customer show", "customer set", "customer flag",
        "contact log", "note add", "conflicts", "resolve", "plan", "kpi", "demo",
    ]
    static let serverCommands = [
        "serve", "agent add", "agent revoke", "agent list", "device list", "device revoke", "import", "assign",
        "unassign", "kpi", "erase",
    ]

    @Test("fieldagent COMMAND --help", arguments: clientCommands)
    func clientCommandHelp(_ command: String) throws {
        let sandbox = try Sandbox()
        let words = command.split(separator: " ").map(String.init)
        let result = try sandbox.client(nil, words + ["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdout.hasPrefix("usage: fieldagent [--home DIR] \(command)"), "\(result)")
        #expect(result.stdout.contains("Exit codes:"), "exit codes are documented in --help")
        Golden.check(result.stdout, "help/fieldagent-\(words.joined(separator: "-")).txt")
    }

    @Test("fieldagent-server COMMAND --help", arguments: serverCommands)
    func serverCommandHelp(_ command: String) throws {
        let sandbox = try Sandbox()
        let words = command.split(separator: " ").map(String.init)
        let result = try sandbox.server(words + ["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdout.hasPrefix("usage: fieldagent-server \(command)"), "\(result)")
        #expect(result.stdout.contains("Exit codes:"))
        Golden.check(result.stdout, "help/fieldagent-server-\(words.joined(separator: "-")).txt")
    }

    @Test func overviews() throws {
        let sandbox = try Sandbox()
        let client = try sandbox.client(nil, ["--help"])
        #expect(client.status == 0 && client.stderr.isEmpty, "\(client)")
        for command in Self.clientCommands {
            #expect(client.stdout.contains("  \(command) "), "overview lists \(command)")
        }
        Golden.check(client.stdout, "help/fieldagent.txt")
        let server = try sandbox.server(["--help"])
        #expect(server.status == 0 && server.stderr.isEmpty, "\(server)")
        for command in Self.serverCommands {
            #expect(server.stdout.contains("  \(command) "), "overview lists \(command)")
        }
        Golden.check(server.stdout, "help/fieldagent-server.txt")
    }

    @Test func bareInvocationIsAUsageError() throws {
        let sandbox = try Sandbox()
        let client = try sandbox.client(nil, [])
        #expect(client.status == 2 && client.stdout.isEmpty, "\(client)")
        #expect(client.stderr.contains("usage: fieldagent [--home DIR] COMMAND"), "\(client)")
        let server = try sandbox.server([])
        #expect(server.status == 2 && server.stdout.isEmpty, "\(server)")
        #expect(server.stderr.contains("usage: fieldagent-server COMMAND"), "\(server)")
    }

    @Test func versions() throws {
        let sandbox = try Sandbox()
        let client = try sandbox.client(nil, ["--version"])
        #expect(client.status == 0, "\(client)")
        #expect(client.stdout.hasPrefix("fieldagent ") && client.stdout.contains("protocol v1"), "\(client)")
        let server = try sandbox.server(["--version"])
        #expect(server.status == 0, "\(server)")
        #expect(server.stdout.hasPrefix("fieldagent-server ") && server.stdout.contains("protocol v1"), "\(server)")
    }
}
