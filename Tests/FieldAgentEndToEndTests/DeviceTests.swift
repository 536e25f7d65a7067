import FieldAgentTestSupport
import Foundation
import Testing

/// Registered devices as users run them: two devices of one agent and a second agent sharing a
/// customer sync the contract; then the back office revokes one phone with a wipe.
@Suite("Devices") struct DeviceTests {
    @Test("registered devices converge; a revoked and wiped phone keeps no customer data and loses only itself")
    func registeredDevicesAndAWipedPhone() throws {
        let sandbox = try Sandbox()
        let (server, alice) = try sandbox.startWithAlice()
        defer { server.stop() }
        let bob = try sandbox.addAgent("bob")
        #expect(try sandbox.server(["assign", "C-1001", "bob", "--data", sandbox.data]).status == 0)
        try sandbox.device("laptop", agent: "alice", token: alice, server: server)
        try sandbox.device("bob", agent: "bob", token: bob, server: server)
        try Self.workAndConverge(sandbox)

        let devices = try Self.devices(sandbox)
        #expect(devices.count == 3 && devices.allSatisfy { $0["state"] as? String == "active" })
        let phone = try #require(try sandbox.json("alice", ["status"]) as? [String: Any])["replica"] as? String
        #expect(devices.contains { $0["device"] as? String == phone && $0["agent"] as? String == "alice" })

        // One contact never synced, then the phone is lost.
        let pending = try sandbox.client(
            "alice", ["contact", "log", "C-1001", "--channel", "call", "--outcome", "no-answer"])
        #expect(pending.status == 0, "\(pending)")
        let revoke = try sandbox.server(["device", "revoke", try #require(phone), "--wipe", "--data", sandbox.data])
        #expect(revoke.status == 0, "\(revoke)")
        let wiped = try sandbox.client("alice", ["sync"])
        #expect(wiped.status == 4, "\(wiped)")
        for personal in ["Aino Esimerkki", "+358400001001", "customer1001@example.invalid", "Esimerkkikatu"] {
            #expect(try RawFiles.containing(personal, under: sandbox.home("alice")).isEmpty, "\(personal)")
        }
        let after = try Self.devices(sandbox).first { $0["device"] as? String == phone }
        #expect(after?["state"] as? String == "wiped" && after?["lostChanges"] as? Int == 1)
        // The agent's other devices are untouched.
        try sandbox.sync("laptop")
        try sandbox.sync("bob")
        #expect(try RawFiles.anyContains("Aino Esimerkki", under: sandbox.home("laptop")))
    }

    /// Offline edits on all three devices, then syncs until every device shows the same customer.
    static func workAndConverge(_ sandbox: Sandbox) throws {
        let edits: [(String, [String])] = [
            ("alice", ["contact", "log", "C-1001", "--channel", "call", "--outcome", "right-party-contact"]),
            ("laptop", ["customer", "set", "C-1001", "language=sv"]),
            ("bob", ["note", "add", "C-1001", "--score", "4"]),
        ]
        for (home, arguments) in edits {
            let result = try sandbox.client(home, arguments)
            #expect(result.status == 0, "\(home) \(arguments): \(result)")
        }
        for _ in 0..<2 { for home in ["alice", "laptop", "bob"] { try sandbox.sync(home) } }
        let shown = try ["alice", "laptop", "bob"].map { home in
            try sandbox.client(home, ["customer", "show", "C-1001", "--json"]).stdout
        }
        #expect(Set(shown).count == 1, "\(shown)")
    }

    static func devices(_ sandbox: Sandbox) throws -> [[String: Any]] {
        try #require(try sandbox.serverJSON(["device", "list"]) as? [[String: Any]])
    }
}
