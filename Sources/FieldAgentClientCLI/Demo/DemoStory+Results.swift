import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentSync

extension DemoStory {
    /// 7. alice's plan for today, with the reasons for one understanding and one decisive customer.
    func showPlan(_ laptop: AgentHome) {
        narrator.heading(7, "alice's plan for today, with the reasons")
        DemoPlanTour(narrator: narrator, customers: context.policyCustomers(laptop)).show(
            date: DemoStory.today, lastSync: laptop.status().lastSync, now: clock.now(step: 0))
    }

    /// 8. The company KPIs for November, as `fieldagent-server kpi` shows them.
    func showKPIs(_ backOffice: DemoBackOffice) throws {
        narrator.heading(8, "Company KPIs for November: satisfaction beside collections")
        let report = try backOffice.kpi(from: LocalDate("2026-11-01")!, to: DemoStory.today)
        let text = KPIView(report: report, terminal: context.terminal).render()
        narrator.say(text.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
    }

    /// 9. The end: what happened to the files, and how long it really took.
    func finish(keep: Bool, elapsed: Duration) {
        narrator.heading(9, "Done")
        narrator.say("   Stopped the server\(keep ? "; files kept in \(root)" : " and removed the temporary files").")
        narrator.say(
            "   The demo took \(elapsed.secondsText) of real time. Next: README.md walks through a real setup.")
    }
}
