import FieldAgentTestSupport
import Foundation
import Testing

/// Truncated logs, lost stores and restores: the server says what it found, and never starts
/// silently on a store the data directory did not hold.
extension RecoveryTests {
    @Test("case 1: a log cut short is cut back at open, reported, and devices send back what it lost")
    func truncatedLog() throws {
        let sandbox = try Sandbox()
        let (server, token) = try sandbox.startWithAlice()
        let before = try #require(Self.startEpoch(server.log), "\(server.log)")
        // Acknowledged, then lost with the end of the log.
        #expect(try sandbox.client("alice", ["customer", "set", "C-1001", "phone=+358400000777"]).status == 0)
        try sandbox.sync("alice")
        #expect(server.stop().status == 0)
        let log = try Self.currentSegment(sandbox)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber).intValue
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.truncate(atOffset: UInt64(size - 10))
        try handle.close()

        let restarted = try sandbox.serve(port: server.port)
        defer { restarted.stop() }
        let lines = restarted.log.split(separator: "\n").map(String.init)
        let repair = try #require(lines.first { $0.hasPrefix("fieldagent-server: repaired: cut ") }, "\(lines)")
        #expect(repair.contains(" bytes from \(log) at byte offset "), "the file is named: \(repair)")
        let cut = Int(repair.dropFirst("fieldagent-server: repaired: cut ".count).prefix { $0.isNumber }) ?? 0
        #expect(cut > 0 && cut < size, "\(repair)")
        #expect(lines.contains { $0.hasPrefix("fieldagent-server: new epoch (opening cut \(cut) bytes") }, "\(lines)")
        let after = try #require(Self.startEpoch(restarted.log), "\(restarted.log)")
        #expect(after != before, "a repair that may have lost entries starts a new epoch")
        #expect(try Self.marker(sandbox) == after)
        let order = ["repaired: cut", "new epoch", "store epoch", "listening on"].map { step in
            lines.firstIndex { $0.contains(step) } ?? -1
        }
        #expect(order == order.sorted() && !order.contains(-1), "\(lines)")
        #expect(Self.repairs(restarted, kind: "torn-tail") == 1)
        // The device sees the new epoch and sends its lost edit again; a new device then gets it.
        let synced = try sandbox.sync("alice")
        #expect(synced.stdout.contains("The server's history went back"), "\(synced)")
        try sandbox.device("laptop", agent: "alice", token: token, server: restarted)
        let laptop = JSONDocument.object(try sandbox.json("laptop", ["customer", "show", "C-1001"]))
        #expect(laptop["phone"] as? String == "+358400000777", "the server holds the edit again")
    }

    @Test("case 1: a log cut back to nothing (every agent gone) is refused until the operator confirms it")
    func logCutToNothing() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        #expect(server.stop().status == 0)
        let log = try Self.currentLog(sandbox)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? NSNumber).intValue
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        for _ in 0..<2 {
            let refused = try sandbox.server(["serve", "--data", sandbox.data, "--listen", "127.0.0.1:0"])
            #expect(refused.status == 1 && refused.stderr.contains("--accept-restore"), "\(refused)")
        }
        let confirmed = try sandbox.serve(["--accept-restore"])
        defer { confirmed.stop() }
        #expect(confirmed.log.contains("new epoch (restore confirmed by the operator)"), "\(confirmed.log)")
    }

    @Test(
        "case 2: on an empty store in a directory that held data, serve and the back office refuse until --accept-restore",
        arguments: [true, false])
    func lostStore(removeDirectory: Bool) throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        server.stop()
        let epoch = try Self.marker(sandbox)
        let store = sandbox.data + "/store"
        if removeDirectory {
            try FileManager.default.removeItem(atPath: store)
        } else {
            for name in try FileManager.default.contentsOfDirectory(atPath: store) {
                try FileManager.default.removeItem(atPath: store + "/" + name)
            }
        }
        let before = try Self.listing(sandbox)
        let refused = try sandbox.server(["serve", "--data", sandbox.data, "--listen", "127.0.0.1:0"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("held a store with epoch \(epoch)"), "\(refused)")
        #expect(refused.stderr.contains("store is now missing or empty"), "\(refused)")
        #expect(refused.stderr.contains("serve --data \(sandbox.data) --accept-restore"), "\(refused)")
        #expect(!refused.stderr.contains("listening"), "\(refused)")
        for command in [["agent", "list"], ["agent", "add", "bob"], ["import", Sandbox.portfolio]] {
            let admin = try sandbox.server(command + ["--data", sandbox.data])
            #expect(admin.status == 1 && admin.stderr.contains("--accept-restore"), "\(command) \(admin)")
        }
        #expect(try Self.listing(sandbox) == before, "a refusal changes nothing on disk")

        let confirmed = try sandbox.serve(["--accept-restore"])
        #expect(confirmed.log.contains("fieldagent-server: repaired: the operator confirmed"), "\(confirmed.log)")
        #expect(confirmed.log.contains("new epoch (restore confirmed by the operator)"), "\(confirmed.log)")
        let started = try #require(Self.startEpoch(confirmed.log), "\(confirmed.log)")
        #expect(try started != epoch && started == Self.marker(sandbox))
        #expect(confirmed.log.contains("last sequence 0"), "\(confirmed.log)")
        #expect(Self.repairs(confirmed, kind: "restore-confirmed") == 1)
        #expect(confirmed.stop().status == 0)
        let again = try sandbox.serve()
        defer { again.stop() }
        #expect(Self.startEpoch(again.log) == started, "the confirmation is needed once: \(again.log)")
        #expect(!again.log.contains("repaired"), "\(again.log)")
    }

    @Test("case 2: a store replaced by another history is refused without --accept-restore")
    func replacedStore() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        server.stop()
        let mine = try Self.marker(sandbox)
        let other = try Sandbox()
        _ = try other.addAgent("bob")
        let theirs = try Self.marker(other)
        try FileManager.default.removeItem(atPath: sandbox.data + "/store")
        try FileManager.default.copyItem(atPath: other.data + "/store", toPath: sandbox.data + "/store")

        let refused = try sandbox.server(["serve", "--data", sandbox.data, "--listen", "127.0.0.1:0"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("held a store with epoch \(mine)"), "\(refused)")
        #expect(refused.stderr.contains("holds another history (epoch \(theirs))"), "\(refused)")
        let list = try sandbox.server(["agent", "list", "--data", sandbox.data])
        #expect(list.status == 1 && list.stderr.contains("--accept-restore"), "\(list)")
        #expect(try Self.marker(sandbox) == mine)
        let confirmed = try sandbox.serve(["--accept-restore"])
        defer { confirmed.stop() }
        #expect(confirmed.log.contains("new epoch (restore confirmed by the operator)"), "\(confirmed.log)")
        let agents = try sandbox.server(["agent", "list", "--data", sandbox.data])
        #expect(agents.status == 0 && agents.stdout.contains("bob"), "\(agents)")
    }

    @Test("the restore drill: stop, restore DATA from a backup, serve --accept-restore, devices sync")
    func restoreDrill() throws {
        let sandbox = try Sandbox()
        let (server, token) = try sandbox.startWithAlice()
        server.stop()
        let backup = sandbox.directory.appending("backup")
        try FileManager.default.copyItem(atPath: sandbox.data, toPath: backup)
        let running = try sandbox.serve(port: server.port)
        #expect(try sandbox.client("alice", ["customer", "set", "C-1001", "phone=+358400000777"]).status == 0)
        try sandbox.sync("alice")
        running.stop()
        try FileManager.default.removeItem(atPath: sandbox.data)
        try FileManager.default.copyItem(atPath: backup, toPath: sandbox.data)
        let restored = try sandbox.serve(["--accept-restore"], port: server.port)
        defer { restored.stop() }
        #expect(restored.log.contains("new epoch (restore confirmed by the operator)"), "\(restored.log)")
        // The device sees the new epoch, sends back its edit the backup lacks, and pulls again.
        let synced = try sandbox.sync("alice")
        #expect(synced.stdout.contains("The server's history went back"), "\(synced)")
        let shown = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1001"]))
        #expect(shown["phone"] as? String == "+358400000777")
        // The server holds it again: a new device of alice's gets it from the server alone.
        try sandbox.device("laptop", agent: "alice", token: token, server: restored)
        let laptop = JSONDocument.object(try sandbox.json("laptop", ["customer", "show", "C-1001"]))
        #expect(laptop["phone"] as? String == "+358400000777")
    }

    /// The epoch in the `store epoch E, last sequence N` start line.
    static func startEpoch(_ log: String) -> String? {
        let marker = "fieldagent-server: store epoch "
        guard let line = log.split(separator: "\n").first(where: { $0.hasPrefix(marker) }) else { return nil }
        return String(line.dropFirst(marker.count).prefix { $0 != "," })
    }

    /// The epoch in the sandbox's data directory marker.
    static func marker(_ sandbox: Sandbox) throws -> String {
        try String(contentsOfFile: sandbox.data + "/EPOCH", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The newest log file of the sandbox's store.
    static func currentLog(_ sandbox: Sandbox) throws -> String {
        let store = sandbox.data + "/store"
        let logs = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasPrefix("log-") }
        return store + "/" + (try #require(logs.max()))
    }

    /// The change segment written last: it holds the newest changes.
    static func currentSegment(_ sandbox: Sandbox) throws -> String {
        let segments = sandbox.data + "/store/segments"
        let names = try FileManager.default.contentsOfDirectory(atPath: segments).filter { $0.hasSuffix(".seg") }
        return segments + "/" + (try #require(names.max()))
    }

    /// Every path under the data directory with its size, to show that nothing changed.
    static func listing(_ sandbox: Sandbox) throws -> [String: Int] {
        var sizes: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(atPath: sandbox.data)
        while let name = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.data + "/" + name)
            sizes[name] = (attributes[.size] as? NSNumber)?.intValue ?? 0
        }
        return sizes
    }

    /// `fieldagent_repairs_total{kind="KIND"}` from the server's `/metrics`, or nil when absent.
    static func repairs(_ server: ServerProcess, kind: String) -> Int? {
        let metrics = (try? server.exchange("GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")) ?? ""
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("fieldagent_repairs_total{kind=\"\(kind)\"}") }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
    }
}
