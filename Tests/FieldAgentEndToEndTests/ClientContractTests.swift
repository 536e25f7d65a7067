import FieldAgentTestSupport
import Foundation
import Testing

/// Every `fieldagent` contract command (SPEC.md → Command-line contract) against a running server,
/// with the `--json` keys scripts rely on, and golden files for the stable outputs.
@Suite("fieldagent contract")
struct ClientContractTests {
    /// KPI names from SPEC.md in camelCase that every KPI block carries.
    static let kpiNames: Set<String> = [
        "averageCsat", "satisfiedShare", "complaints", "preferredChannelShare", "preferredWindowShare",
        "rightPartyContactRate", "promiseToPayRate", "promiseKeptRate", "amountCollected", "cureRate",
    ]

    @Test func readCommandsAfterFirstSync() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let token = try sandbox.addAgent("alice")
        let server = try sandbox.serve()
        defer { server.stop() }
        let initialised = try sandbox.client(
            "alice", ["init", "--server", server.url, "--agent", "alice", "--token", "-"], stdin: token)
        #expect(initialised.status == 0, "\(initialised)")
        #expect(initialised.stdout.contains("fieldagent sync"), "init says what to do next: \(initialised)")
        let first = try sandbox.sync("alice")
        #expect(first.stdout.hasPrefix("Synced: pushed 0, pulled "), "\(first)")

        let again = try sandbox.json("alice", ["sync"])
        #expect(JSONDocument.object(again)["pushed"] as? Int == 0)
        #expect(JSONDocument.object(again)["pulled"] as? Int == 0, "nothing new on a second sync")

        let assigned = try Self.checkCustomers(sandbox)
        try Self.checkCustomerShow(sandbox)
        try Self.checkPlan(sandbox, assigned: assigned)
        try Self.checkStatusConflictsAndKPIOnAFreshDevice(sandbox)
    }

    /// `customers` (JSON and table golden files, `--search`); returns alice's customer ids.
    private static func checkCustomers(_ sandbox: Sandbox) throws -> [String] {
        let customersResult = try sandbox.client("alice", ["customers", "--json"])
        #expect(customersResult.status == 0, "\(customersResult)")
        Golden.check(customersResult.stdout, "alice-customers.json")
        let customers = JSONDocument.objects(try JSONDocument.parse(customersResult.stdout))
        let ids = customers.compactMap { $0["id"] as? String }
        #expect(
            ids == [
                "C-1001", "C-1003", "C-1004", "C-1005", "C-1007", "C-1009", "C-1011", "C-1013", "C-1015",
                "C-1016", "C-1020",
            ])
        for customer in customers {
            #expect(customer["name"] is String)
            let treatment = JSONDocument.object(customer["treatment"])
            #expect(treatment["name"] is String && !JSONDocument.strings(treatment["reasons"]).isEmpty)
        }
        let table = try sandbox.client("alice", ["customers"])
        #expect(table.status == 0, "\(table)")
        Golden.check(table.stdout, "alice-customers.txt")
        let search = JSONDocument.objects(try sandbox.json("alice", ["customers", "--search", "Testinen"]))
        #expect(search.compactMap { $0["id"] as? String } == ["C-1004"])
        return ids
    }

    /// `customer show`: every `--json` key, and the text view's amounts in the account's currency.
    private static func checkCustomerShow(_ sandbox: Sandbox) throws {
        let show = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1004"]))
        for key in [
            "id", "name", "phone", "email", "address", "language", "timeZone", "preferredChannel", "contactWindow",
            "flags", "agents", "accounts", "contacts", "notes", "promises", "treatment",
        ] {
            #expect(show[key] != nil, "customer show --json has \(key)")
        }
        #expect(show["name"] as? String == "Matti Testinen")
        #expect(JSONDocument.strings(show["agents"]).sorted() == ["alice", "bob"])
        #expect(JSONDocument.object(show["treatment"])["name"] as? String == "understanding")
        #expect(!JSONDocument.strings(JSONDocument.object(show["treatment"])["reasons"]).isEmpty)
        let showText = try sandbox.client("alice", ["customer", "show", "C-1004"])
        #expect(showText.status == 0 && showText.stdout.contains("Matti Testinen"), "\(showText)")
        #expect(showText.stdout.contains("240.00 EUR"), "amounts in the account's currency: \(showText)")
    }

    /// `plan` (golden files, `--date`): every assigned customer once, decisive first, hold skipped.
    private static func checkPlan(_ sandbox: Sandbox, assigned ids: [String]) throws {
        let planText = try sandbox.client("alice", ["plan"])
        #expect(planText.status == 0, "\(planText)")
        Golden.check(planText.stdout, "alice-plan.txt")
        let planResult = try sandbox.client("alice", ["plan", "--json"])
        #expect(planResult.status == 0, "\(planResult)")
        Golden.check(planResult.stdout, "alice-plan.json")
        let plan = JSONDocument.object(try JSONDocument.parse(planResult.stdout))
        #expect(plan["date"] as? String == "2026-11-30")
        let entries = JSONDocument.objects(plan["entries"])
        let skipped = JSONDocument.objects(plan["skipped"])
        for entry in entries {
            for key in ["customerId", "treatment", "reasons", "channel", "window"] {
                #expect(entry[key] != nil, "plan entry has \(key): \(entry)")
            }
        }
        for skip in skipped {
            for key in ["customerId", "treatment", "reasons"] { #expect(skip[key] != nil, "skipped has \(key)") }
        }
        let planned = (entries + skipped).compactMap { $0["customerId"] as? String }
        #expect(planned.sorted() == ids.sorted(), "every assigned customer exactly once in entries or skipped")
        #expect(Set(planned).count == planned.count)
        let treatments = entries.compactMap { $0["treatment"] as? String }
        let firstNonDecisive = treatments.firstIndex { $0 != "decisive" } ?? treatments.count
        #expect(!treatments[firstNonDecisive...].contains("decisive"), "decisive first: \(treatments)")
        #expect(skipped.allSatisfy { $0["treatment"] as? String == "hold" }, "hold customers are skipped")
        let otherDay = JSONDocument.object(try sandbox.json("alice", ["plan", "--date", "2026-12-01"]))
        #expect(otherDay["date"] as? String == "2026-12-01")
    }

    /// `status`, `conflicts` and `kpi` on a fresh device.
    private static func checkStatusConflictsAndKPIOnAFreshDevice(_ sandbox: Sandbox) throws {
        let status = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect(status["pending"] as? Int == 0)
        #expect(status["conflicts"] as? Int == 0)
        #expect(JSONDocument.objects(status["rejected"]).isEmpty && status["rejected"] is [Any])
        #expect(status["lastSync"] as? String == Sandbox.now)
        let statusText = try sandbox.client("alice", ["status"])
        #expect(statusText.status == 0 && statusText.stdout.contains("Pending changes:"), "\(statusText)")
        let conflicts = try sandbox.json("alice", ["conflicts"])
        #expect((conflicts as? [Any])?.isEmpty == true)
        let kpi = JSONDocument.object(try sandbox.json("alice", ["kpi", "--from", "2026-11-01", "--to", "2026-11-30"]))
        #expect(kpi["from"] as? String == "2026-11-01" && kpi["to"] as? String == "2026-11-30")
        #expect(Self.kpiNames.isSubset(of: JSONDocument.keys(kpi["overall"])), "\(JSONDocument.keys(kpi["overall"]))")
        #expect(JSONDocument.keys(kpi["byAgent"]).contains("alice"))
        for (_, block) in JSONDocument.object(kpi["byTreatment"]) {
            #expect(Self.kpiNames.isSubset(of: JSONDocument.keys(block)))
        }
        let kpiText = try sandbox.client("alice", ["kpi"])
        #expect(kpiText.status == 0 && kpiText.stdout.contains("CSAT"), "\(kpiText)")
    }

    @Test func editCommandsPrintIdsAndShowThem() throws {
        let sandbox = try Sandbox()
        let (server, _) = try sandbox.startWithAlice()
        defer { server.stop() }

        let set = try sandbox.client(
            "alice", ["customer", "set", "C-1004", "phone=+358400000111", "contactWindow=09:00-11:00"])
        #expect(set.status == 0, "\(set)")
        let flag = try sandbox.client("alice", ["customer", "flag", "C-1004", "+do-not-visit"])
        #expect(flag.status == 0, "\(flag)")
        let contact = try sandbox.client(
            "alice",
            [
                "contact", "log", "C-1004", "--channel", "call", "--outcome", "promise-to-pay", "--note", "will pay",
                "--promise", "50.00@2026-12-05",
            ])
        #expect(contact.status == 0, "\(contact)")
        let contactID = contact.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!contactID.isEmpty && !contactID.contains(" "), "contact log prints the contact id alone: \(contact)")
        let note = try sandbox.client("alice", ["note", "add", "C-1004", "--score", "4", "--comment", "friendly"])
        #expect(note.status == 0, "\(note)")
        let noteID = note.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!noteID.isEmpty && !noteID.contains(" "), "note add prints the note id alone: \(note)")

        let pending = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect((pending["pending"] as? Int ?? 0) >= 5, "\(pending)")
        let sync = try sandbox.sync("alice")
        #expect(sync.stdout.contains("rejected 0"), "\(sync)")
        let after = JSONDocument.object(try sandbox.json("alice", ["status"]))
        #expect(after["pending"] as? Int == 0 && JSONDocument.objects(after["rejected"]).isEmpty, "\(after)")

        let show = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1004"]))
        #expect(show["phone"] as? String == "+358400000111")
        #expect(show["contactWindow"] as? String == "09:00-11:00")
        #expect(JSONDocument.strings(show["flags"]) == ["do-not-visit"])
        #expect(JSONDocument.objects(show["contacts"]).compactMap { $0["id"] as? String } == [contactID])
        #expect(JSONDocument.objects(show["notes"]).compactMap { $0["id"] as? String } == [noteID])
        let promises = JSONDocument.objects(show["promises"])
        #expect(promises.count == 1 && promises.allSatisfy { $0["id"] is String }, "\(promises)")

        let removed = try sandbox.client("alice", ["customer", "flag", "C-1004", "-do-not-visit"])
        #expect(removed.status == 0, "\(removed)")
        let unflagged = JSONDocument.object(try sandbox.json("alice", ["customer", "show", "C-1004"]))
        #expect(JSONDocument.strings(unflagged["flags"]).isEmpty)
    }
}
