import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync
import Foundation

/// The demo's story, one method per chapter: a back office and three devices on simulated time.
///
/// ``tell()`` runs the chapters in order; the server and devices it opens are closed when it returns.
struct DemoStory {
    /// The customer both alice and bob are assigned to, where the offline edits collide.
    static let shared = "C-1004"
    /// Monday 2 November 2026, 07:00 UTC: the simulated clock starts here.
    static let start = Instant("2026-11-02T07:00:00Z")!
    /// Monday 30 November, 08:30 in Helsinki: the network drops.
    static let offline = Instant("2026-11-30T06:30:00Z")!
    /// The last day of the month, which the plan is for.
    static let today = LocalDate("2026-11-30")!

    var context: ClientContext
    /// Where the server's data directory and the devices' homes live.
    var root: String
    let clock = DemoClock(start: DemoStory.start)

    var narrator: DemoNarrator { DemoNarrator(console: context.console, terminal: context.terminal) }
    var now: @Sendable () -> Instant { { [clock] in clock.now() } }

    /// Tells chapters 1 to 8.
    func tell() async throws {
        narrator.say(narrator.paint("FieldAgent demo: offline field work, merged without losing a thing.", .bold))
        narrator.say("Simulated time: November 2026, ending on Monday 2026-11-30. Temporary files: \(root)")
        let (backOffice, aliceToken, bobToken) = try startBackOffice()
        defer { backOffice.stop() }
        let devices = try await connectDevices(backOffice, aliceToken: aliceToken, bobToken: bobToken)
        defer { devices.close() }
        try await workNovember(devices, backOffice)
        try workOffline(devices)
        try await syncAndConverge(devices, backOffice)
        try await resolveConflict(devices, backOffice)
        showPlan(devices.laptop)
        try showKPIs(backOffice)
    }

    /// 1. The server starts, agents are created, the embedded portfolio is imported.
    func startBackOffice() throws -> (DemoBackOffice, aliceToken: String, bobToken: String) {
        narrator.heading(1, "The back office starts a sync server and imports a portfolio")
        let backOffice = try DemoBackOffice.start(
            dataDirectory: (root as NSString).appendingPathComponent("server"), now: now)
        do {
            narrator.say("   Server listening on \(backOffice.url).")
            let aliceToken = try backOffice.addAgent("alice")
            let bobToken = try backOffice.addAgent("bob")
            let imported = try backOffice.importPortfolio(DemoPortfolio.bytes)
            narrator.say(
                "   Agents alice and bob created (each got a 256-bit token; the server keeps only its SHA-256).")
            narrator.say("   Imported \(imported.customers) customers with their payment histories.")
            return (backOffice, aliceToken, bobToken)
        } catch {
            backOffice.stop()
            throw error
        }
    }

    /// 2. Three devices are initialised and pull their customers.
    func connectDevices(_ backOffice: DemoBackOffice, aliceToken: String, bobToken: String) async throws
        -> DemoDevices
    {
        narrator.heading(2, "Three devices sync their customers")
        let devices = try DemoDevices.initialize(
            root: root, url: backOffice.url, aliceToken: aliceToken, bobToken: bobToken, now: now)
        do {
            for (name, home) in devices.all {
                let report = try await home.sync()
                narrator.say(
                    "   \(DemoNarrator.device(name)) pulled \(report.pulledChanges) changes: "
                        + "\(home.customers().count) customers")
            }
        } catch {
            devices.close()
            throw error
        }
        narrator.say("   \(DemoStory.shared) is assigned to both alice and bob: a field agent and a phone agent.")
        return devices
    }

    /// 3. A month of contacts, checked by the compliance guard, and a payment that keeps a promise.
    func workNovember(_ devices: DemoDevices, _ backOffice: DemoBackOffice) async throws {
        narrator.heading(3, "November: alice and bob work their customers, checked by the compliance guard")
        let month = try await DemoMonth(clock: clock, backOffice: backOffice).run([devices.laptop, devices.tablet])
        _ = try await devices.phone.sync()
        narrator.say(
            "   \(month.contacts) contacts logged on \(DemoMonth.days.count) afternoons, "
                + "\(month.rightParty) of them with the customer in person;")
        narrator.say("   \(month.notes) satisfaction scores recorded after those conversations.")
        let held = month.heldBack.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
        narrator.say(
            "   The guard held back \(held.isEmpty ? "nothing" : held.joined(separator: ", ")): "
                + "no contact on hold, no call within 7 days of a conversation.")
        if let paid = month.payment {
            narrator.say(
                "   On \(paid.day) the bank's payment file showed \(paid.customer) paying its arrears, "
                    + "\(paid.amountText), by the date it had promised.")
        }
    }
}
