import FieldAgentTestSupport
import Foundation
import Testing

/// Bad arguments, a missing home, an unreachable server, bad tokens and bad import files: each gets
/// an actionable message on stderr, the documented exit code, and changes nothing.
@Suite("Errors")
struct ErrorTests {
    /// Usage errors: tool, arguments, golden file of stderr.
    static let usageCases: [(tool: String, arguments: [String], golden: String)] = [
        ("fieldagent", ["status", "--bogus"], "unknown-option"),
        ("fieldagent", ["customer", "show"], "missing-id"),
        ("fieldagent", ["customer", "set", "C-1001"], "set-missing-field"),
        ("fieldagent", ["contact", "log", "C-1001", "--channel"], "option-needs-value"),
        ("fieldagent", ["contact", "log", "C-1001", "--channel", "pigeon", "--outcome", "no-answer"], "bad-channel"),
        ("fieldagent", ["note", "add", "C-1001", "--score", "9"], "bad-score"),
        ("fieldagent", ["plan", "--date", "2026-13-01"], "bad-date"),
        ("fieldagent", ["frobnicate"], "unknown-command"),
        ("fieldagent-server", ["agent", "add", "carol"], "server-missing-data"),
        ("fieldagent-server", ["agent", "add", "--data", "DATA"], "server-missing-name"),
        ("fieldagent-server", ["import", "--data", "DATA", "--force"], "server-unknown-option"),
        ("fieldagent-server", ["serve", "--data", "DATA", "--listen", "nowhere"], "server-bad-listen"),
    ]

    @Test("usage errors exit 2 with usage on stderr and change nothing", arguments: usageCases)
    func usageError(_ tool: String, _ arguments: [String], _ golden: String) throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let token = try sandbox.addAgent("alice")
        let initialised = try sandbox.client(
            "alice", ["init", "--server", "http://127.0.0.1:9", "--agent", "alice", "--token", "-"], stdin: token)
        #expect(initialised.status == 0, "\(initialised)")
        let agentsBefore = try sandbox.server(["agent", "list", "--data", sandbox.data, "--json"])
        let statusBefore = try sandbox.client("alice", ["status", "--json"])

        let words = arguments.map { $0 == "DATA" ? sandbox.data : $0 }
        let result = tool == "fieldagent" ? try sandbox.client("alice", words) : try sandbox.server(words)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("error: "), "\(result)")
        Golden.check(result.stderr, "errors/\(golden).txt")

        #expect(try sandbox.server(["agent", "list", "--data", sandbox.data, "--json"]).stdout == agentsBefore.stdout)
        #expect(try sandbox.client("alice", ["status", "--json"]).stdout == statusBefore.stdout)
    }

    @Test func missingHomePointsAtInit() throws {
        let sandbox = try Sandbox()
        for arguments in [["status"], ["sync"], ["customers", "--json"], ["plan"], ["conflicts"]] {
            let result = try sandbox.client("nowhere", arguments)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("run `fieldagent init` first"), "\(result)")
        }
        // The default home comes from FIELDAGENT_HOME.
        let viaEnvironment = try sandbox.client(
            nil, ["status"], extraEnvironment: ["FIELDAGENT_HOME": sandbox.home("also-nowhere")])
        #expect(viaEnvironment.status == 1 && viaEnvironment.stderr.contains("also-nowhere"), "\(viaEnvironment)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.home("nowhere")), "a failed command creates no home")
    }

    @Test func unreachableServerKeepsPendingChanges() throws {
        let sandbox = try Sandbox()
        let (server, token) = try sandbox.startWithAlice()
        let stopped = server.stop()
        #expect(
            stopped.status == 0 && !stopped.timedOut && !stopped.signalled, "SIGTERM stops serve cleanly: \(stopped)")
        #expect(stopped.stderr.contains("fieldagent-server: stopped"))

        #expect(try sandbox.client("alice", ["customer", "set", "C-1001", "phone=+358400000999"]).status == 0)
        #expect(try sandbox.client("alice", ["note", "add", "C-1001", "--score", "5"]).status == 0)
        let pending = JSONDocument.object(try sandbox.json("alice", ["status"]))["pending"] as? Int ?? 0
        #expect(pending >= 2)
        let sync = try sandbox.client("alice", ["sync"])
        #expect(sync.status == 3, "\(sync)")
        #expect(
            sync.stderr.contains("cannot reach \(server.url): connection refused — your \(pending) changes are kept"),
            "\(sync)")
        let after = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect(after["pending"] as? Int == pending, "pending changes are kept")

        // Once the server is back, they are sent.
        let again = try sandbox.serve()
        defer { again.stop() }
        #expect(
            try sandbox.client(
                "alice", ["init", "--server", again.url, "--agent", "alice", "--token", "-"], stdin: token
            ).status
                != 0,
            "init refuses to overwrite an existing home")
        let show = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1001"]))
        #expect(show["phone"] as? String == "+358400000999", "the offline edit is still shown")
    }

    @Test func wrongTokenIsRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        _ = try sandbox.addAgent("alice")
        let server = try sandbox.serve()
        defer { server.stop() }
        let wrong = String(repeating: "0", count: 64)
        let initialised = try sandbox.client(
            "alice", ["init", "--server", server.url, "--agent", "alice", "--token", "-"], stdin: wrong)
        #expect(initialised.status == 0, "\(initialised)")
        let sync = try sandbox.client("alice", ["sync"])
        #expect(sync.status == 4, "\(sync)")
        #expect(sync.stderr.lowercased().contains("token"), "\(sync)")
        #expect(!sync.stderr.contains(wrong), "the token is not echoed: \(sync)")
        #expect(!server.log.contains(wrong), "the token is not logged")
    }

    @Test func revokedTokenStopsWorkingAtOnce() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }
        let revoke = try sandbox.server(["agent", "revoke", "alice", "--data", sandbox.data])
        #expect(revoke.status == 0, "revoke works while serve runs: \(revoke)")
        #expect(try sandbox.client("alice", ["customer", "set", "C-1001", "email=new@example.invalid"]).status == 0)
        let sync = try sandbox.client("alice", ["sync"])
        #expect(sync.status == 4, "\(sync)")
        #expect(sync.stderr.contains("revoked"), "\(sync)")
        let status = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect(status["pending"] as? Int == 1, "the edit is kept: \(status)")
        let agents = JSONDocument.objects(try sandbox.serverJSON(["agent", "list"]))
        #expect(agents.first { $0["name"] as? String == "alice" }?["revoked"] as? Bool == true)
    }

    @Test(arguments: [false, true])
    func invalidImportChangesNothing(running: Bool) throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let server = running ? try sandbox.serve() : nil
        defer { server?.stop() }
        let agentsBefore = try sandbox.server(["agent", "list", "--data", sandbox.data, "--json"])
        let kpiBefore = try sandbox.server(["kpi", "--data", sandbox.data, "--json"])

        var portfolio = JSONDocument.object(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Sandbox.portfolio))))
        var customers = JSONDocument.objects(portfolio["customers"])
        customers[0]["name"] = "Changed Name"
        customers.append(["id": "C-9001", "name": "New Person", "agent": "carol", "accounts": []])
        var accounts = JSONDocument.objects(customers[3]["accounts"])
        var installments = JSONDocument.objects(accounts[0]["installments"])
        installments[2]["due"] = "yesterday"
        accounts[0]["installments"] = installments
        customers[3]["accounts"] = accounts
        portfolio["customers"] = customers
        let bad = sandbox.directory.appending("bad.json")
        try JSONSerialization.data(withJSONObject: portfolio).write(to: URL(fileURLWithPath: bad))

        let result = try sandbox.server(["import", bad, "--data", sandbox.data])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("customers[3].accounts[0].installments[2].due: not a date"), "\(result)")
        let truncated = sandbox.directory.appending("truncated.json")
        try Data("{\"customers\": [".utf8).write(to: URL(fileURLWithPath: truncated))
        let broken = try sandbox.server(["import", truncated, "--data", sandbox.data])
        #expect(broken.status == 1 && broken.stderr.contains("invalid JSON"), "\(broken)")

        #expect(try sandbox.server(["agent", "list", "--data", sandbox.data, "--json"]).stdout == agentsBefore.stdout)
        #expect(try sandbox.server(["kpi", "--data", sandbox.data, "--json"]).stdout == kpiBefore.stdout)
        let token = try sandbox.addAgent("alice")
        let serving = try server ?? sandbox.serve()
        defer { serving.stop() }
        try sandbox.device("alice", agent: "alice", token: token, server: serving)
        let first = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1001"]))
        #expect(first["name"] as? String == "Aino Esimerkki", "nothing of the invalid file was imported")
    }

    @Test func reimportIsIdempotent() throws {
        let sandbox = try Sandbox()
        let first = JSONDocument.object(try sandbox.serverJSON(["import", Sandbox.portfolio]))
        #expect(first["created"] as? Int == 20 && first["customers"] as? Int == 20, "\(first)")
        let kpiBefore = try sandbox.server(["kpi", "--data", sandbox.data, "--json"])
        let second = JSONDocument.object(try sandbox.serverJSON(["import", Sandbox.portfolio]))
        #expect(second["created"] as? Int == 0, "\(second)")
        #expect(second["updated"] as? Int == 0, "\(second)")
        #expect(second["changes"] as? Int == 0, "\(second)")
        #expect(second["assignments"] as? Int == 0, "\(second)")
        #expect(try sandbox.server(["kpi", "--data", sandbox.data, "--json"]).stdout == kpiBefore.stdout)
        let text = try sandbox.server(["import", Sandbox.portfolio, "--data", sandbox.data])
        #expect(text.status == 0 && text.stdout.hasPrefix("Imported: "), "\(text)")
    }

    @Test func clockFarAheadIsRestampedNotLost() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }
        let ahead = "2026-11-30T09:00:00Z"
        let set = try sandbox.client("alice", ["customer", "set", "C-1001", "phone=+358400000777"], now: ahead)
        #expect(set.status == 0, "\(set)")
        let sync = try sandbox.client("alice", ["sync"], now: ahead)
        #expect(sync.status == 0, "\(sync)")
        #expect(sync.stdout.contains("re-stamped"), "\(sync)")
        let status = JSONDocument.object(try sandbox.json("alice", ["status"]))
        let rejected = JSONDocument.objects(status["rejected"])
        #expect(rejected.isEmpty, "a re-stamped original leaves nothing to redo: \(rejected)")
        #expect(status["pending"] as? Int == 0)
        let bobToken = try sandbox.addAgent("bob")
        #expect(try sandbox.server(["assign", "C-1001", "bob", "--data", sandbox.data]).status == 0)
        try sandbox.device("bob", agent: "bob", token: bobToken, server: server)
        let seen = JSONDocument.object(try sandbox.json("bob", ["customer", "show", "C-1001"]))
        #expect(seen["phone"] as? String == "+358400000777", "the re-stamped change reached the server")
    }
}
