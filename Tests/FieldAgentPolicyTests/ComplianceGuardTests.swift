import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

@Suite struct ComplianceGuardTests {
    /// Monday 2026-11-30, 10:00 in Helsinki.
    let at = Instant("2026-11-30T08:00:00Z")!

    func check(
        _ customer: Customer = Fixture.customer(), channel: Channel = .call, contacts: [Contact] = [],
        lastSync: Instant? = Instant("2026-11-30T07:00:00Z")!, byAppointment: Bool = false
    ) -> ComplianceVerdict {
        ComplianceGuard().check(
            customer: customer, channel: channel, at: at, contacts: contacts, lastSync: lastSync, now: at,
            byAppointment: byAppointment)
    }

    @Test func cleanContactIsAllowedWithoutFindings() {
        #expect(check().findings.isEmpty)
        #expect(check().isAllowed)
    }

    @Test func attemptCapCountsAcrossTwoAgents() {
        // Four attempts by alice and two by bob in the last 7 days: one more is allowed.
        let alice = (1...4).map { Fixture.contact("A\($0)", agent: "alice", at: "2026-11-2\($0 + 3)T09:00:00Z") }
        let bob = (1...2).map { Fixture.contact("B\($0)", agent: "bob", at: "2026-11-2\($0 + 3)T12:00:00Z") }
        #expect(check(contacts: alice + bob).isAllowed)
        // A third attempt by bob makes seven: the next one is blocked.
        let seventh = Fixture.contact("B3", agent: "bob", at: "2026-11-29T12:00:00Z", channel: .sms)
        let verdict = check(contacts: alice + bob + [seventh])
        #expect(!verdict.isAllowed)
        #expect(verdict.blocks.map(\.rule) == [.attemptCap])
        #expect(verdict.blocks.first?.reason == "7 attempts by all agents in the last 7 days (cap 7)")
        // An attempt exactly 7 days earlier has left the window; inbound contacts are not attempts.
        let edge = Fixture.contact("A1", agent: "alice", at: "2026-11-23T08:00:00Z")
        let inbound = Fixture.contact("B9", agent: "bob", at: "2026-11-29T13:00:00Z", direction: .inbound)
        #expect(check(contacts: [edge] + alice.dropFirst() + bob + [inbound]).isAllowed)
        // Other customers' contacts do not count.
        let other = (1...7).map { Fixture.contact("X\($0)", "C-2", at: "2026-11-2\($0 + 2)T09:00:00Z") }
        #expect(check(contacts: other).isAllowed)
    }

    @Test func pauseAfterRightPartyConversation() {
        let rpc = Fixture.contact("R", agent: "bob", at: "2026-11-27T10:00:00Z", outcome: .promiseToPay)
        let verdict = check(contacts: [rpc])
        #expect(verdict.blocks.map(\.rule) == [.rightPartyPause])
        #expect(
            verdict.blocks.first?.reason
                == "right-party conversation 2 days ago; pause of 7 days unless the customer asks for a callback")
        // A wrong number or message is not a conversation.
        #expect(check(contacts: [Fixture.contact("W", at: "2026-11-27T10:00:00Z", outcome: .leftMessage)]).isAllowed)
        // Eight days later the pause is over.
        #expect(
            check(contacts: [Fixture.contact("R", at: "2026-11-22T07:59:00Z", outcome: .rightPartyContact)]).isAllowed)
        // The customer asked for a callback afterwards: allowed.
        let callback = Fixture.contact(
            "CB", agent: "alice", at: "2026-11-28T10:00:00Z", direction: .inbound, outcome: .callbackRequested)
        #expect(check(contacts: [rpc, callback]).isAllowed)
    }

    @Test func amendmentCorrectsTheOutcome() {
        let original = Fixture.contact("R", at: "2026-11-27T10:00:00Z", outcome: .rightPartyContact)
        let amendment = Fixture.contact("R2", at: "2026-11-27T11:00:00Z", outcome: .wrongNumber, amends: "R")
        #expect(!check(contacts: [original]).isAllowed)
        #expect(check(contacts: [original, amendment]).isAllowed)
        #expect(ContactHistory.effective([original, amendment]).count == 1)
    }

    @Test(arguments: [Flag.dispute, .suspended, .insolvency, .timeBarred, .stopContact])
    func holdingFlagsBlockEveryChannel(flag: Flag) {
        for channel in Channel.allCases {
            let verdict = check(Fixture.customer(flags: [flag]), channel: channel)
            #expect(verdict.blocks.map(\.rule.id) == ["flag:\(flag.rawValue)"])
        }
    }

    @Test func vulnerableOnlyByAppointmentForVisits() {
        let vulnerable = Fixture.customer(flags: [.vulnerable])
        #expect(check(vulnerable, channel: .visit).blocks.map(\.rule.id) == ["flag:vulnerable"])
        let byAppointment = check(vulnerable, channel: .visit, byAppointment: true)
        #expect(byAppointment.isAllowed)
        #expect(byAppointment.warnings.map(\.rule.id) == ["flag:vulnerable"])
        #expect(check(vulnerable, channel: .call).isAllowed)
    }

    @Test func doNotVisitBarsOnlyVisits() {
        let customer = Fixture.customer(flags: [.doNotVisit])
        #expect(check(customer, channel: .visit).blocks.map(\.rule.id) == ["flag:do-not-visit"])
        #expect(check(customer, channel: .call).findings.isEmpty)
    }

    @Test func staleDataWarnsButDoesNotBlock() {
        let fresh = check(lastSync: Instant("2026-11-29T08:00:00Z")!)
        #expect(fresh.findings.isEmpty)  // exactly 24 h
        let stale = check(lastSync: Instant("2026-11-29T07:59:00Z")!)
        #expect(stale.isAllowed)
        #expect(stale.warnings.map(\.rule) == [.staleData])
        #expect(check(lastSync: nil).warnings.map(\.rule) == [.staleData])
    }

    @Test func verdictListsBlocksFirstAndEncodes() {
        let verdict = check(Fixture.customer(flags: [.vulnerable, .dispute]), channel: .call, lastSync: nil)
        #expect(verdict.findings.map(\.severity) == [.block, .warning, .warning])
        #expect(verdict.value["allowed"] == .bool(false))
        #expect(verdict.findings.first?.description == "block flag:dispute: flagged dispute: no collection contact")
    }
}
