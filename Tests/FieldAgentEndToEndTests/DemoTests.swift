import FieldAgentTestSupport
import Foundation
import Testing

/// `fieldagent demo` runs the whole story on its own embedded server and cleans up.
@Suite("Demo")
struct DemoTests {
    @Test func demoRunsAndConverges() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.client(nil, ["demo"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.timedOut)
        #expect(
            result.stdout.contains("Converged: every replica holding the same customers has the same digest."),
            "\(result)")
        #expect(result.stdout.contains("decisive") && result.stdout.contains("understanding"), "plan with both cases")
        #expect(result.stdout.contains("CSAT"), "KPI report")
        #expect(!result.stdout.contains("\u{1B}["), "no colour when NO_COLOR is set and stdout is not a TTY")
        let customers = JSONDocument.objects(
            JSONDocument.object(try JSONDocument.parse(String(contentsOfFile: Sandbox.portfolio, encoding: .utf8)))[
                "customers"])
        #expect(
            result.stdout.contains("Imported \(customers.count) customers with their payment histories."),
            "the demo imports the whole embedded portfolio")
    }

    @Test func demoMonthKeepsAPromiseAndCuresAnAccount() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.client(nil, ["demo"])
        #expect(result.status == 0, "\(result)")
        // The overall row: name, CSAT, CSAT≥4, complaints, pref.chan, pref.window, RPC, PTP, kept, collected…, cure.
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let overall = lines.first(where: { $0.hasPrefix("all ") }) else {
            Issue.record("no overall KPI row in:\n\(result.stdout)")
            return
        }
        let cells = overall.split(separator: " ").map(String.init)
        #expect(cells.count >= 11, "\(overall)")
        guard cells.count >= 11 else { return }
        for (name, cell) in [("kept", cells[8]), ("cure", cells[cells.count - 1])] {
            let percent = Int(cell.dropLast()) ?? 0
            #expect(cell.hasSuffix("%") && percent > 0, "\(name) rate is \(cell) in: \(overall)")
        }
    }
}
