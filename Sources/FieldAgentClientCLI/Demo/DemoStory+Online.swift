import FieldAgentCommandKit
import FieldAgentCore

extension DemoStory {
    /// 4. The network drops; devices keep working, two of them on the same field.
    func workOffline(_ devices: DemoDevices) throws {
        clock.advance(to: DemoStory.offline)
        narrator.heading(4, "Monday 30 November, 08:30 in Helsinki: the network drops; everyone keeps working offline")
        let shared = DemoStory.shared
        _ = try devices.laptop.setField(customer: shared, field: "contactWindow", value: "17:00-19:00")
        narrator.say("   alice-laptop  \(shared) contactWindow = 17:00-19:00")
        _ = try devices.tablet.setField(customer: shared, field: "contactWindow", value: "12:00-14:00")
        narrator.say(
            "   bob-tablet    \(shared) contactWindow = 12:00-14:00   "
                + narrator.paint("<- same field, same time", .yellow))
        let visit = try devices.phone.logContact(
            customer: shared, channel: .visit, outcome: .promiseToPay, note: "Agreed a payment plan at the door",
            promise: (12_000, LocalDate("2026-12-15")!))
        narrator.say("   alice-phone   \(shared) visit, promise to pay 120.00 EUR by 2026-12-15 (contact \(visit))")
        _ = try devices.tablet.addNote(customer: shared, score: 5, comment: "Appreciated the flexible plan")
        narrator.say("   bob-tablet    \(shared) satisfaction note: CSAT 5")
        _ = try devices.laptop.setFlag(customer: "C-1016", flag: .doNotVisit, present: true)
        narrator.say("   alice-laptop  C-1016 flag +do-not-visit")
        for (name, home) in devices.all { narrator.say("   \(name) has \(home.status().pending) change(s) waiting") }
    }

    /// 5. Back online: two rounds of sync, then the digests show every replica agrees.
    func syncAndConverge(_ devices: DemoDevices, _ backOffice: DemoBackOffice) async throws {
        narrator.heading(5, "Back online: every device syncs, twice, in turn")
        for round in 1...2 {
            for (name, home) in devices.all {
                let r = try await home.sync()
                narrator.say(
                    "   round \(round) \(DemoNarrator.device(name)) pushed \(r.accepted), "
                        + "pulled \(r.pulledChanges), rejected \(r.rejected.count)")
            }
        }
        try DemoConvergence(narrator: narrator).check(devices, backOffice: backOffice, shared: DemoStory.shared)
    }

    /// 6. The concurrent edit is listed as a conflict everywhere; bob resolves it for everyone.
    func resolveConflict(_ devices: DemoDevices, _ backOffice: DemoBackOffice) async throws {
        narrator.heading(6, "The concurrent edit is a conflict, listed on every device")
        for (name, home) in devices.all {
            for c in home.conflicts() {
                let values = c.values.map { "\(ConflictsCommand.text($0.value)) (\($0.agent))" }
                narrator.say(
                    "   \(DemoNarrator.device(name)) \(c.customer) \(c.fieldPath): "
                        + values.joined(separator: " vs "))
            }
        }
        narrator.say("   Until someone decides, every device shows the same winner: the latest write.")
        _ = try devices.tablet.resolve(customer: DemoStory.shared, field: "contactWindow", value: "17:00-19:00")
        narrator.say("   bob resolves it: contactWindow = 17:00-19:00 (the customer asked for evenings).")
        try await devices.syncAll()
        try await devices.syncAll()
        let open = devices.all.map { "\($0.name): \($0.home.conflicts().count)" }.joined(separator: ", ")
        narrator.say("   After the next sync, open conflicts: \(open).")
        narrator.say("   The visit, its promise and bob's CSAT note are on every device: nothing was lost.")
        try DemoConvergence(narrator: narrator).check(devices, backOffice: backOffice, shared: DemoStory.shared)
    }
}
