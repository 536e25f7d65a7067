import FieldAgentCore
import FieldAgentPolicy
import FieldAgentServer
import FieldAgentSync
import FieldAgentSystem
import Foundation

/// `fieldagent demo`: the whole story on an embedded server, as a guided tour.
struct DemoCommand: ClientCommand {
    static let path = ["demo"]
    static let abstract = "run the whole story on an embedded server and explain it (takes a few seconds)"
    static let synopsis = "[--keep]"
    static let details = """
        Starts a sync server on an ephemeral 127.0.0.1 port with a temporary data directory, imports the
        demo portfolio (Fixtures/portfolio-small.json), creates agents alice and bob with three devices, has
        them work offline with conflicting edits, syncs, and shows convergence, the conflict and its
        resolution, today's plan and the KPIs. Time is simulated (Monday 2026-11-30), so every run tells the
        same story. --keep leaves the temporary directory in place for a look around.
        """

    var keep: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { keep = try a.flag("--keep") }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let started = ContinuousClock.now
        let t = context.terminal
        let say = context.console.out
        let clock = DemoClock(start: Instant("2026-11-02T07:00:00Z")!)
        let now: @Sendable () -> Instant = { clock.now() }
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "fieldagent-demo-" + Hex.random(byteCount: 4))
        try FileSystem.makeDirectories(root)
        defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }
        func heading(_ n: Int, _ text: String) { say("\n" + t.paint("\(n). \(text)", .bold)) }

        say(t.paint("FieldAgent demo: offline field work, merged without losing a thing.", .bold))
        say("Simulated time: November 2026, ending on Monday 2026-11-30. Temporary files: \(root)")

        // Back office.
        heading(1, "The back office starts a sync server and imports a portfolio")
        let server = try SyncServer(
            dataDirectory: (root as NSString).appendingPathComponent("server"),
            listen: SocketAddress(host: "127.0.0.1", port: 0), logRequests: false, now: now)
        server.start()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)"
        say("   Server listening on \(url).")
        let aliceToken = try server.admin.addAgent(name: "alice")
        let bobToken = try server.admin.addAgent(name: "bob")
        let imported = try server.admin.importPortfolio(Array(DemoPortfolio.json.utf8))
        say("   Agents alice and bob created (each got a 256-bit token; the server keeps only its SHA-256).")
        say("   Imported \(imported.json["customers"]?.intValue ?? 0) customers with their payment histories.")

        // Devices.
        heading(2, "Three devices sync their customers")
        func device(_ name: String, _ agent: String, _ token: String) throws -> AgentHome {
            try AgentHome.initialize(
                at: (root as NSString).appendingPathComponent(name), server: url, agent: agent, token: token, now: now)
        }
        let laptop = try device("alice-laptop", "alice", aliceToken)
        let phone = try device("alice-phone", "alice", aliceToken)
        let tablet = try device("bob-tablet", "bob", bobToken)
        let devices = [("alice-laptop", laptop), ("alice-phone", phone), ("bob-tablet", tablet)]
        defer { for (_, d) in devices { d.close() } }
        for (name, d) in devices {
            let report = try await d.sync()
            say(
                "   \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) pulled \(report.pulledChanges) changes: \(d.customers().count) customers"
            )
        }
        let shared = "C-1004"
        say("   \(shared) is assigned to both alice and bob: a field agent and a phone agent.")

        // November.
        heading(3, "November: alice and bob work their customers, checked by the compliance guard")
        let month = try await DemoMonth(clock: clock).run([laptop, tablet])
        _ = try await phone.sync()
        say(
            "   \(month.contacts) contacts logged on \(DemoMonth.days.count) afternoons, \(month.rightParty) of them with the customer in person;"
        )
        say("   \(month.notes) satisfaction scores recorded after those conversations.")
        let held = month.heldBack.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
        say(
            "   The guard held back \(held.isEmpty ? "nothing" : held.joined(separator: ", ")): no contact on hold, no call within 7 days of a conversation."
        )

        // Offline work.
        clock.advance(to: Instant("2026-11-30T06:30:00Z")!)
        heading(4, "Monday 30 November, 08:30 in Helsinki: the network drops; everyone keeps working offline")
        _ = try laptop.setField(customer: shared, field: "contactWindow", value: "17:00-19:00")
        say("   alice-laptop  \(shared) contactWindow = 17:00-19:00")
        _ = try tablet.setField(customer: shared, field: "contactWindow", value: "12:00-14:00")
        say("   bob-tablet    \(shared) contactWindow = 12:00-14:00   " + t.paint("<- same field, same time", .yellow))
        let visit = try phone.logContact(
            customer: shared, channel: .visit, outcome: .promiseToPay, note: "Agreed a payment plan at the door",
            promise: (12_000, LocalDate("2026-12-15")!))
        say("   alice-phone   \(shared) visit, promise to pay 120.00 EUR by 2026-12-15 (contact \(visit))")
        _ = try tablet.addNote(customer: shared, score: 5, comment: "Appreciated the flexible plan")
        say("   bob-tablet    \(shared) satisfaction note: CSAT 5")
        _ = try laptop.setFlag(customer: "C-1016", flag: .doNotVisit, present: true)
        say("   alice-laptop  C-1016 flag +do-not-visit")
        for (name, d) in devices { say("   \(name) has \(d.status().pending) change(s) waiting") }

        // Sync and convergence.
        heading(5, "Back online: every device syncs, twice, in turn")
        for round in 1...2 {
            for (name, d) in devices {
                let r = try await d.sync()
                say(
                    "   round \(round) \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) pushed \(r.accepted), pulled \(r.pulledChanges), rejected \(r.rejected.count)"
                )
            }
        }
        let serverState = server.storage.currentState()
        try converge(devices, serverState: serverState, shared: shared, context)

        // The conflict.
        heading(6, "The concurrent edit is a conflict, listed on every device")
        for (name, d) in devices {
            for c in d.conflicts() {
                let values = c.values.map { "\(ConflictsCommand.text($0.value)) (\($0.agent))" }.joined(
                    separator: " vs ")
                say(
                    "   \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(c.customer) \(c.fieldPath): \(values)"
                )
            }
        }
        say("   Until someone decides, every device shows the same winner: the latest write.")
        _ = try tablet.resolve(customer: shared, field: "contactWindow", value: "17:00-19:00")
        say("   bob resolves it: contactWindow = 17:00-19:00 (the customer asked for evenings).")
        for (_, d) in devices { _ = try await d.sync() }
        for (_, d) in devices { _ = try await d.sync() }
        let open = devices.map { "\($0.0): \($0.1.conflicts().count)" }.joined(separator: ", ")
        say("   After the next sync, open conflicts: \(open).")
        say("   The visit, its promise and bob's CSAT note are on every device: nothing was lost.")
        try converge(devices, serverState: server.storage.currentState(), shared: shared, context)

        // Plan.
        heading(7, "alice's plan for today, with the reasons")
        let inputs = context.policyCustomers(laptop)
        let plan = ContactPlanner().plan(
            for: LocalDate("2026-11-30")!, customers: inputs, lastSync: laptop.status().lastSync,
            now: clock.now(step: 0))
        let names = Dictionary(uniqueKeysWithValues: inputs.map { ($0.customer.id, $0.customer.name) })
        for (index, e) in plan.entries.enumerated() {
            say(
                "   \(index + 1). \(e.customerId) \(names[e.customerId] ?? "")  \(TreatmentStyle.badge(e.treatment, t))  \(e.channel.rawValue) \(e.window) \(e.timeZone)"
            )
        }
        for s in plan.skipped {
            say(
                "   -  \(s.customerId) \(names[s.customerId] ?? "")  \(TreatmentStyle.badge(s.treatment, t))  skipped: \(s.reasons.first ?? "")"
            )
        }
        for kind in [Treatment.understanding, .decisive] {
            guard let e = plan.entries.first(where: { $0.treatment == kind }) else { continue }
            say("\n   Why \(e.customerId) is \(TreatmentStyle.badge(kind, t)):")
            for reason in e.reasons { say("     - \(reason)") }
            say("     - channel: \(e.channelReason)")
            say("     - time: \(e.windowReason)")
        }

        // KPIs.
        heading(8, "Company KPIs for November: satisfaction beside collections")
        let report = try server.admin.kpi(from: LocalDate("2026-11-01")!, to: LocalDate("2026-11-30")!)
        say(
            KPIView(report: report, terminal: t).render().split(separator: "\n").map { "   " + $0 }.joined(
                separator: "\n"))

        // Done.
        let seconds = ContinuousClock.now - started
        heading(9, "Done")
        say("   Stopped the server\(keep ? "; files kept in \(root)" : " and removed the temporary files").")
        say(
            "   The demo took \(seconds.secondsText) of real time. Next: README.md walks through a real setup."
        )
        return .success
    }

    /// Prints the digests that show the devices agree, and fails loudly if they do not.
    func converge(
        _ devices: [(String, AgentHome)], serverState: ReplicaState, shared: String, _ context: ClientContext
    ) throws {
        let say = context.console.out
        let t = context.terminal
        let sharedSet: Set<String> = [shared]
        let serverShared = serverState.digest(of: sharedSet)
        var agree = true
        say("   Digest of \(shared) (SHA-256 of its merged state):")
        say("     server        \(serverShared.prefix(16))")
        for (name, d) in devices {
            let digest = d.replica.state.digest(of: sharedSet)
            agree = agree && digest == serverShared
            say("     \(name.padding(toLength: 12, withPad: " ", startingAt: 0))  \(digest.prefix(16))")
        }
        let laptop = devices[0].1.replica.state.digest()
        let phone = devices[1].1.replica.state.digest()
        agree = agree && laptop == phone
        say("   alice's two devices, whole state: \(laptop.prefix(16)) and \(phone.prefix(16)).")
        if agree {
            say("   " + t.paint("Converged: every replica holding the same customers has the same digest.", .green))
        } else {
            throw DemoError.diverged
        }
    }
}

/// The demo found replicas that disagree: a bug, reported instead of hidden.
enum DemoError: Error, CustomStringConvertible {
    case diverged

    var description: String { "the demo's replicas did not converge; please report this with the output above" }
}
