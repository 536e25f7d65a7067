import FieldAgentTestSupport
import Foundation
import Testing

/// The back-office commands work alike while `serve` holds the store (through the admin socket)
/// and while it is stopped (directly on the files).
@Suite("Back office")
struct BackOfficeTests {
    @Test("agent, import, assign, unassign, erase and kpi", arguments: [false, true])
    func commands(running: Bool) throws {
        let sandbox = try Sandbox()
        let server = running ? try sandbox.serve() : nil
        defer { server?.stop() }

        let imported = try sandbox.server(["import", Sandbox.portfolio, "--data", sandbox.data])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("Imported: "), "\(imported)")
        let alice = try sandbox.addAgent("alice")
        let bob = try sandbox.addAgent("bob")
        #expect(alice != bob)
        let duplicate = try sandbox.server(["agent", "add", "alice", "--data", sandbox.data])
        #expect(duplicate.status == 1 && duplicate.stdout.isEmpty, "an agent name is unique: \(duplicate)")

        let listResult = try sandbox.server(["agent", "list", "--data", sandbox.data, "--json"])
        #expect(listResult.status == 0, "\(listResult)")
        Golden.check(listResult.stdout, "agent-list.json")
        let table = try sandbox.server(["agent", "list", "--data", sandbox.data])
        #expect(table.status == 0, "\(table)")
        Golden.check(table.stdout, "agent-list.txt")

        #expect(try sandbox.server(["assign", "C-1001", "bob", "--data", sandbox.data]).status == 0)
        #expect(try sandbox.server(["unassign", "C-1003", "alice", "--data", sandbox.data]).status == 0)
        #expect(try sandbox.server(["erase", "C-1005", "--data", sandbox.data]).status == 0)
        let unknown = try sandbox.server(["assign", "C-9999", "bob", "--data", sandbox.data])
        #expect(unknown.status == 1 && unknown.stderr.contains("C-9999"), "\(unknown)")
        let counts = JSONDocument.objects(try sandbox.serverJSON(["agent", "list"]))
        let byName = Dictionary(
            uniqueKeysWithValues: counts.map { ($0["name"] as? String ?? "", $0["customers"] as? Int) })
        #expect(byName["alice"] == 9, "11 − C-1003 − C-1005: \(counts)")
        #expect(byName["bob"] == 13, "12 + C-1001: \(counts)")

        let kpiResult = try sandbox.server(["kpi", "--data", sandbox.data, "--json"])
        #expect(kpiResult.status == 0, "\(kpiResult)")
        let kpi = JSONDocument.object(try JSONDocument.parse(kpiResult.stdout))
        #expect(kpi["from"] as? String == "2026-11-01" && kpi["to"] as? String == "2026-11-30", "30 days up to today")
        for block in ["overall", "byAgent", "byTreatment"] { #expect(kpi[block] != nil, "kpi --json has \(block)") }
        #expect(ClientContractTests.kpiNames.isSubset(of: JSONDocument.keys(kpi["overall"])))
        let kpiText = try sandbox.server(["kpi", "--data", sandbox.data])
        #expect(kpiText.status == 0 && kpiText.stdout.contains("CSAT"), "\(kpiText)")

        #expect(try sandbox.server(["agent", "revoke", "bob", "--data", sandbox.data]).status == 0)
        let revoked = JSONDocument.objects(try sandbox.serverJSON(["agent", "list"]))
        #expect(revoked.first { $0["name"] as? String == "bob" }?["revoked"] as? Bool == true)
        let missing = try sandbox.server(["agent", "revoke", "nobody", "--data", sandbox.data])
        #expect(missing.status == 1 && missing.stderr.contains("nobody"), "\(missing)")

        // A device sees the back office's work at its next sync.
        let serving = try server ?? sandbox.serve()
        defer { serving.stop() }
        #expect(serving.isRunning, "the server kept running through every back-office command")
        try sandbox.device("alice", agent: "alice", token: alice, server: serving)
        let ids = JSONDocument.objects(try sandbox.json("alice", ["customers"])).compactMap { $0["id"] as? String }
        #expect(!ids.contains("C-1003") && !ids.contains("C-1005") && ids.contains("C-1001"), "\(ids)")
        #expect(ids.count == 9)
    }

    @Test func companyKPIGolden() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let result = try sandbox.server(["kpi", "--data", sandbox.data, "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(result.status == 0, "\(result)")
        Golden.check(result.stdout, "server-kpi.txt")
        let json = try sandbox.server(
            ["kpi", "--data", sandbox.data, "--from", "2026-11-01", "--to", "2026-11-30", "--json"])
        #expect(json.status == 0, "\(json)")
        Golden.check(json.stdout, "server-kpi.json")
    }
}
