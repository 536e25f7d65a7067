import FieldAgentTestSupport
import Foundation
import Testing

/// Servers and devices whose history went back (restored from a backup, a log cut short): after
/// at most two sync rounds every acknowledged change that still exists on a replica is on every
/// replica, no counter is reused, and the rewind is visible.
@Suite struct RewindTests {
    /// Alice's and bob's devices on the small portfolio, synced; C-1004 is shared by both.
    static func world() throws -> (sandbox: Sandbox, server: ServerProcess, aliceToken: String) {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let alice = try sandbox.addAgent("alice")
        let bob = try sandbox.addAgent("bob")
        let server = try sandbox.serve()
        try sandbox.device("alice", agent: "alice", token: alice, server: server)
        try sandbox.device("bob", agent: "bob", token: bob, server: server)
        return (sandbox, server, alice)
    }

    static func run(_ sandbox: Sandbox, _ home: String, _ arguments: [String]) throws {
        let result = try sandbox.client(home, arguments)
        #expect(result.status == 0, "\(home) \(arguments): \(result)")
    }

    /// `customer show C-1004 --json` on `home`.
    static func shared(_ sandbox: Sandbox, _ home: String) throws -> String {
        try sandbox.client(home, ["customer", "show", "C-1004", "--json"]).stdout
    }

    static func copy(_ from: String, to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    /// Work on C-1004 by both agents, synced so that everyone holds everything.
    static func work(_ sandbox: Sandbox, round: Int) throws {
        try run(sandbox, "alice", ["customer", "set", "C-1004", "phone=+35840000011\(round)"])
        try run(sandbox, "alice", ["contact", "log", "C-1004", "--channel", "call", "--outcome", "no-answer"])
        try run(sandbox, "bob", ["note", "add", "C-1004", "--score", "\(round + 2)", "--comment", "round \(round)"])
        for home in ["alice", "bob", "alice"] { try sandbox.sync(home) }
    }

    static func expectConverged(_ sandbox: Sandbox, _ homes: [String], _ comment: Comment) throws {
        let shown = try homes.map { try shared(sandbox, $0) }
        #expect(Set(shown).count == 1, comment)
        for home in homes {
            let status = JSONDocument.object(try sandbox.json(home, ["status"]))
            #expect(status["pending"] as? Int == 0, "\(home): \(status)")
            #expect(JSONDocument.objects(status["rejected"]).isEmpty, "\(home) lost nothing: \(status)")
        }
    }

    @Test("case 4: a server restored from a cold backup gets back from the devices every change acknowledged since")
    func serverRestoredFromBackup() throws {
        let (sandbox, original, aliceToken) = try Self.world()
        let port = original.port
        original.stop()
        let backup = sandbox.directory.appending("backup")
        try Self.copy(sandbox.data, to: backup)
        var server = try sandbox.serve(port: port)
        try Self.work(sandbox, round: 1)
        let before = try Self.shared(sandbox, "alice")
        #expect(before.contains("+358400000111") && before.contains("round 1"))
        server.stop()
        try Self.copy(backup, to: sandbox.data)
        server = try sandbox.serve(port: port)
        defer { server.stop() }
        let first = try sandbox.sync("alice")
        #expect(first.stdout.contains("The server's history went back"), "\(first)")
        for home in ["bob", "alice", "bob"] { try sandbox.sync(home) }
        try Self.expectConverged(sandbox, ["alice", "bob"], "both devices show the same customer")
        #expect(try Self.shared(sandbox, "alice") == before, "nothing acknowledged was lost")
        // A new device gets it all from the server alone.
        try sandbox.device("laptop", agent: "alice", token: aliceToken, server: server)
        #expect(try Self.shared(sandbox, "laptop") == before, "the server holds everything again")
        // Work goes on under fresh counters.
        try Self.work(sandbox, round: 2)
        try Self.expectConverged(sandbox, ["alice", "bob"], "after more work")
        #expect(server.log.contains("started epoch"), "the rewind is in the server's log")
    }

    @Test(
        "case 3: a device restored from its backup numbers new work above the server's mark and gets its own changes back"
    )
    func deviceRestoredFromBackup() throws {
        let (sandbox, server, _) = try Self.world()
        defer { server.stop() }
        let backup = sandbox.directory.appending("alice-backup")
        try Self.copy(sandbox.home("alice"), to: backup)
        try Self.work(sandbox, round: 1)
        try Self.copy(backup, to: sandbox.home("alice"))
        // Offline work on the restored device takes counters the server already holds.
        try Self.run(sandbox, "alice", ["customer", "set", "C-1004", "language=fi"])
        let first = try sandbox.sync("alice")
        #expect(first.stdout.contains("renumbered"), "\(first)")
        for home in ["bob", "alice", "bob"] { try sandbox.sync(home) }
        try Self.expectConverged(sandbox, ["alice", "bob"], "both devices show the same customer")
        let shown = try Self.shared(sandbox, "alice")
        #expect(shown.contains("+358400000111") && shown.contains("round 1") && shown.contains("\"fi\""), "\(shown)")
    }

    @Test("case 2: a device whose log was cut short warns, then gets back what it lost and reuses no counter")
    func truncatedDeviceLog() throws {
        let (sandbox, server, _) = try Self.world()
        defer { server.stop() }
        try Self.work(sandbox, round: 1)
        let store = sandbox.home("alice") + "/replica"
        let logs = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("log-") }.sorted()
        let log = store + "/" + (try #require(logs.last))
        let size = try #require((try FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber)?.intValue)
        let handle = try #require(FileHandle(forWritingAtPath: log))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let status = try sandbox.client("alice", ["status"])
        #expect(status.stdout.contains("warning repaired") && status.stderr.contains("warning:"), "\(status)")
        try sandbox.sync("alice")
        try Self.run(sandbox, "alice", ["customer", "set", "C-1004", "language=fi"])
        for home in ["alice", "bob", "alice", "bob"] { try sandbox.sync(home) }
        try Self.expectConverged(sandbox, ["alice", "bob"], "both devices show the same customer")
        let shown = try Self.shared(sandbox, "alice")
        #expect(shown.contains("+358400000111") && shown.contains("round 1") && shown.contains("\"fi\""), "\(shown)")
        let after = try sandbox.client("alice", ["status"])
        #expect(
            !after.stdout.contains("warning repaired") && after.stderr.isEmpty, "a sync clears the notice: \(after)")
    }
}

/// Crashes in the middle of a device's recovery from a rewind lose nothing.
@Suite struct RewindCrashTests {
    @Test(
        "a device killed at any write of its recovery recovers at the next sync and loses nothing",
        arguments: ["pwrite:0", "fdatasync:0", "pwrite:1", "fdatasync:1", "rename:0", "fsync:0", "unlink:0"])
    func crashDuringRecovery(_ crashAt: String) throws {
        let (sandbox, original, _) = try RewindTests.world()
        let port = original.port
        original.stop()
        let backup = sandbox.directory.appending("backup")
        try RewindTests.copy(sandbox.data, to: backup)
        var server = try sandbox.serve(port: port)
        try RewindTests.work(sandbox, round: 1)
        let before = try RewindTests.shared(sandbox, "alice")
        server.stop()
        try RewindTests.copy(backup, to: sandbox.data)
        server = try sandbox.serve(["--accept-restore"], port: port)
        defer { server.stop() }
        let crashed = try sandbox.client("alice", ["sync"], extraEnvironment: ["FIELDAGENT_CRASH_AT": crashAt])
        #expect(crashed.status != 0, "\(crashAt): \(crashed)")
        for home in ["alice", "bob", "alice", "bob"] { try sandbox.sync(home) }
        try RewindTests.expectConverged(sandbox, ["alice", "bob"], "\(crashAt): both devices show the same customer")
        #expect(try RewindTests.shared(sandbox, "alice") == before, "\(crashAt): nothing acknowledged was lost")
    }
}
