import FieldAgentTestSupport
import Foundation
import Testing

/// Issue 12, case 6: a device home whose store cannot be opened. Every command names the damage and
/// points at `fieldagent repair`; repair keeps the device's readable work, the server gets what it
/// lacked, the device converges with everyone, and no copy of the damaged store is left behind.
@Suite struct RepairTests {
    /// The value of alice's pending (never synced) edit, searched for in raw files.
    static let pendingPhone = "+358400000222"

    /// Alice's and bob's devices with synced work on the shared C-1004, then pending offline work on
    /// alice's: a phone change and a note.
    static func world() throws -> (sandbox: Sandbox, server: ServerProcess) {
        let (sandbox, server, _) = try RewindTests.world()
        try RewindTests.work(sandbox, round: 1)
        try RewindTests.run(sandbox, "alice", ["customer", "set", "C-1004", "phone=\(pendingPhone)"])
        try RewindTests.run(sandbox, "alice", ["note", "add", "C-1004", "--score", "5", "--comment", "offline"])
        let status = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect(status["pending"] as? Int == 4, "\(status)")
        return (sandbox, server)
    }

    /// The path of alice's store file whose name starts with `prefix`.
    static func storeFile(_ sandbox: Sandbox, _ prefix: String) throws -> String {
        let store = sandbox.home("alice") + "/replica"
        let names = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix(prefix) }
        return store + "/" + (try #require(names.sorted().last))
    }

    /// Every command, `init` included, fails naming `file` and pointing at repair, and changes nothing.
    static func expectEveryCommandNamesTheDamage(_ sandbox: Sandbox, _ server: ServerProcess, file: String) throws {
        let before = try FileManager.default.subpathsOfDirectory(atPath: sandbox.home("alice")).sorted()
        let token = try sandbox.addAgent("carol")
        let commands: [([String], String?)] = [
            (["status"], nil), (["customers"], nil), (["customer", "show", "C-1004"], nil), (["plan"], nil),
            (["sync"], nil), (["customer", "set", "C-1004", "language=sv"], nil),
            (["init", "--server", server.url, "--agent", "alice", "--token", "-"], token),
            (["init", "--server", server.url, "--agent", "carol", "--token", "-"], token),
        ]
        for (arguments, stdin) in commands {
            let result = try sandbox.client("alice", arguments, stdin: stdin)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains(file), "\(arguments) names the file: \(result)")
            #expect(result.stderr.contains("Run `fieldagent repair`"), "\(arguments): \(result)")
            #expect(!result.stderr.contains("fieldagent init` first"), "\(arguments): \(result)")
            #expect(!result.stderr.contains(pendingPhone), "no personal data in messages")
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: sandbox.home("alice")).sorted() == before)
    }

    /// After the repair: bob gets what the server has, both devices show the same customer, new work
    /// on alice's device syncs without being refused or renumbered, and the pending edit's value is
    /// only in alice's new store (or nowhere, when it was lost).
    static func expectRepaired(_ sandbox: Sandbox, pendingKept: Bool) throws {
        for home in ["bob", "alice", "bob"] { try sandbox.sync(home) }
        try RewindTests.expectConverged(sandbox, ["alice", "bob"], "both devices show the same customer")
        let shown = try RewindTests.shared(sandbox, "bob")
        #expect(shown.contains(pendingPhone) == pendingKept, "\(shown)")
        #expect(shown.contains("round 1"), "the synced work is back: \(shown)")
        try RewindTests.run(sandbox, "alice", ["customer", "set", "C-1004", "language=sv"])
        let next = try sandbox.sync("alice")
        #expect(next.stdout.contains("pushed 1,") && next.stdout.contains("rejected 0"), "\(next)")
        #expect(!next.stdout.contains("renumbered") && !next.stdout.contains("went back"), "\(next)")
        try sandbox.sync("bob")
        try RewindTests.expectConverged(sandbox, ["alice", "bob"], "after new work")
        #expect(try RewindTests.shared(sandbox, "bob").contains("\"sv\""))
        let home = sandbox.home("alice")
        #expect(!FileManager.default.fileExists(atPath: home + "/replica.damaged"))
        let hits = try RawFiles.containing(pendingPhone, under: home)
        #expect(hits.allSatisfy { $0.hasPrefix("replica/") }, "no copy outside the new store: \(hits)")
        #expect(hits.isEmpty == !pendingKept, "\(hits)")
    }

    @Test("case 6a: with the snapshot deleted, repair keeps every change and sends the pending ones")
    func deletedSnapshot() throws {
        let (sandbox, server) = try Self.world()
        defer { server.stop() }
        let snapshot = try Self.storeFile(sandbox, "snapshot-")
        try FileManager.default.removeItem(atPath: snapshot)
        try Self.expectEveryCommandNamesTheDamage(sandbox, server, file: snapshot)
        let repair = try sandbox.client("alice", ["repair"])
        #expect(repair.status == 0, "\(repair)")
        #expect(repair.stdout.contains("Damaged or missing:\n  \(snapshot) is missing"), "\(repair)")
        #expect(repair.stdout.contains("4 were not yet on the server and were sent"), "\(repair)")
        #expect(!repair.stdout.contains(Self.pendingPhone), "\(repair)")
        try Self.expectRepaired(sandbox, pendingKept: true)
        let again = try sandbox.client("alice", ["repair"])
        #expect(again.status == 0 && again.stdout.contains("is healthy; nothing to repair"), "\(again)")
    }

    @Test("case 6b: with the log deleted, repair says what was lost and rebuilds from the server")
    func deletedLog() throws {
        let (sandbox, server) = try Self.world()
        defer { server.stop() }
        let log = try Self.storeFile(sandbox, "log-")
        try FileManager.default.removeItem(atPath: log)
        try Self.expectEveryCommandNamesTheDamage(sandbox, server, file: log)
        let repair = JSONDocument.object(try sandbox.json("alice", ["repair"]))
        #expect(repair["healthy"] as? Bool == false && repair["synced"] as? Bool == true, "\(repair)")
        #expect(repair["kept"] as? Int == 0 && repair["sent"] as? Int == 0, "\(repair)")
        let lost = JSONDocument.objects(repair["lost"])
        #expect(lost.count == 1 && lost.first?["file"] as? String == log, "\(repair)")
        #expect((repair["pulled"] as? Int ?? 0) > 0, "\(repair)")
        try Self.expectRepaired(sandbox, pendingKept: false)
    }

    @Test("case 6c: with a byte flipped in the middle of the log, only the damaged record is lost")
    func flippedByte() throws {
        let (sandbox, server) = try Self.world()
        defer { server.stop() }
        let log = try Self.storeFile(sandbox, "log-")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: log))
        try Self.expectEveryCommandNamesTheDamage(sandbox, server, file: log)
        let repair = JSONDocument.object(try sandbox.json("alice", ["repair"]))
        #expect(repair["sent"] as? Int == 4, "the pending work was readable and sent: \(repair)")
        #expect((repair["kept"] as? Int ?? 0) >= 4, "\(repair)")
        let lost = JSONDocument.objects(repair["lost"])
        #expect(lost.count == 1 && lost.first?["file"] as? String == log, "\(repair)")
        let at = try #require(lost.first?["offset"] as? Int)
        let size = try #require(lost.first?["bytes"] as? Int)
        #expect(at <= bytes.count / 2 && bytes.count / 2 < at + size, "the lost range holds the flipped byte")
        try Self.expectRepaired(sandbox, pendingKept: true)
    }

    @Test("case 6d: offline, repair still completes and the next sync sends the pending work")
    func offlineRepair() throws {
        let (sandbox, server) = try Self.world()
        let port = server.port
        server.stop()
        try FileManager.default.removeItem(atPath: try Self.storeFile(sandbox, "snapshot-"))
        let repair = try sandbox.client("alice", ["repair"])
        #expect(repair.status == 0, "\(repair)")
        #expect(repair.stdout.contains("Not synced: cannot reach"), "\(repair)")
        #expect(repair.stdout.contains("Run `fieldagent sync` later"), "\(repair)")
        let status = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect((status["pending"] as? Int ?? 0) >= 4, "every kept change waits for the next sync: \(status)")
        let restarted = try sandbox.serve(port: port)
        defer { restarted.stop() }
        try Self.expectRepaired(sandbox, pendingKept: true)
    }
}
