import FieldAgentTestSupport
import Foundation
import Testing

/// The whole story through the binaries: two devices of alice and one of bob share customers, work
/// offline, sync in several orders, see and resolve a conflict, and receive erasure and
/// reassignment from the back office.
@Suite("Story")
struct StoryTests {
    static let devices = ["alice-laptop", "alice-phone", "bob"]

    @Test func sharedCustomerConvergesAndBackOfficeReachesDevices() throws {
        let sandbox = try Sandbox()
        try sandbox.importPortfolio()
        let alice = try sandbox.addAgent("alice")
        let bob = try sandbox.addAgent("bob")
        let server = try sandbox.serve()
        defer { server.stop() }
        try sandbox.device("alice-laptop", agent: "alice", token: alice, server: server)
        try sandbox.device("alice-phone", agent: "alice", token: alice, server: server)
        try sandbox.device("bob", agent: "bob", token: bob, server: server)

        try Self.workOffline(sandbox)
        // Several orders; after this sequence every device has pulled every push.
        for device in ["bob", "alice-laptop", "alice-phone", "alice-laptop", "bob"] { try sandbox.sync(device) }
        try Self.expectOneConflictAndTheSameCustomerEverywhere(sandbox)
        try Self.resolveOnOneDeviceClearsTheConflictEverywhere(sandbox)
        try Self.erasureReachesEveryDeviceAndDropsTheStaleEdit(sandbox)
        try Self.unassignmentPurgesOnlyTheOldAgentsDevice(sandbox)
        Self.expectRequestLogHoldsNoPersonalDataOrTokens(server.log, tokens: [alice, bob])
    }

    /// Offline work on the shared customer C-1004 (and C-1020), on all three devices.
    private static func workOffline(_ sandbox: Sandbox) throws {
        let edits: [(String, [String])] = [
            ("alice-laptop", ["customer", "set", "C-1004", "phone=+358400000111"]),
            ("bob", ["customer", "set", "C-1004", "phone=+358400000222"]),
            ("alice-phone", ["customer", "set", "C-1004", "email=matti@example.invalid"]),
            ("alice-phone", ["contact", "log", "C-1004", "--channel", "call", "--outcome", "no-answer"]),
            (
                "bob",
                [
                    "contact", "log", "C-1004", "--channel", "visit", "--outcome", "right-party-contact",
                    "--note", "met at home",
                ]
            ),
            (
                "alice-laptop",
                [
                    "contact", "log", "C-1004", "--channel", "sms", "--outcome", "promise-to-pay",
                    "--promise", "20.00@2026-12-10",
                ]
            ),
            ("alice-laptop", ["note", "add", "C-1004", "--score", "4", "--comment", "calm call"]),
            ("bob", ["customer", "flag", "C-1004", "+hardship"]),
            ("alice-phone", ["customer", "flag", "C-1020", "+do-not-visit"]),
        ]
        for (device, arguments) in edits {
            let result = try sandbox.client(device, arguments)
            #expect(result.status == 0, "\(device) \(arguments): \(result)")
        }
    }

    /// After the syncs every device sees the one phone conflict on C-1004 and shows C-1004 identically,
    /// with no contact, note, promise, flag or email lost.
    private static func expectOneConflictAndTheSameCustomerEverywhere(_ sandbox: Sandbox) throws {
        var shown: [String] = []
        for device in Self.devices {
            let conflicts = JSONDocument.objects(try sandbox.json(device, ["conflicts"]))
            #expect(conflicts.count == 1, "\(device): \(conflicts)")
            let conflict = conflicts.first ?? [:]
            #expect(conflict["customerId"] as? String == "C-1004" && conflict["field"] as? String == "phone")
            let values = JSONDocument.objects(conflict["values"])
            #expect(Set(values.compactMap { $0["value"] as? String }) == ["+358400000111", "+358400000222"])
            #expect(Set(values.compactMap { $0["agent"] as? String }) == ["alice", "bob"])
            #expect(values.allSatisfy { $0["at"] is String })
            let status = JSONDocument.object(try sandbox.json(device, ["status"]))
            #expect(status["conflicts"] as? Int == 1 && status["pending"] as? Int == 0, "\(device): \(status)")

            let show = try sandbox.client(device, ["customer", "show", "C-1004", "--json"])
            #expect(show.status == 0, "\(show)")
            shown.append(show.stdout)
            let customer = JSONDocument.object(try JSONDocument.parse(show.stdout))
            #expect(JSONDocument.objects(customer["contacts"]).count == 3, "no contact lost on \(device)")
            #expect(JSONDocument.objects(customer["notes"]).count == 1)
            #expect(JSONDocument.objects(customer["promises"]).count == 1)
            #expect(JSONDocument.strings(customer["flags"]) == ["hardship"])
            #expect(customer["email"] as? String == "matti@example.invalid")
            #expect(JSONDocument.object(customer["treatment"])["name"] as? String == "care")
        }
        #expect(Set(shown).count == 1, "every device shows C-1004 identically")
        let flagged = JSONDocument.object(try sandbox.json("bob", ["customer", "show", "C-1020"]))
        #expect(JSONDocument.strings(flagged["flags"]) == ["do-not-visit"])
    }

    /// Resolving on one device clears the conflict everywhere after sync.
    private static func resolveOnOneDeviceClearsTheConflictEverywhere(_ sandbox: Sandbox) throws {
        let resolve = try sandbox.client("bob", ["resolve", "C-1004", "phone", "+358400000333"])
        #expect(resolve.status == 0, "\(resolve)")
        for device in ["bob", "alice-phone", "alice-laptop"] { try sandbox.sync(device) }
        for device in Self.devices {
            #expect((try sandbox.json(device, ["conflicts"]) as? [Any])?.isEmpty == true, "\(device)")
            let customer = JSONDocument.object(try sandbox.json(device, ["customer", "show", "C-1004"]))
            #expect(customer["phone"] as? String == "+358400000333", "\(device)")
        }
    }

    /// Erasure reaches every device; a stale offline edit is dropped and reported.
    private static func erasureReachesEveryDeviceAndDropsTheStaleEdit(_ sandbox: Sandbox) throws {
        let stale = try sandbox.client("alice-laptop", ["note", "add", "C-1016", "--score", "2"])
        #expect(stale.status == 0, "\(stale)")
        let erase = try sandbox.server(["erase", "C-1016", "--data", sandbox.data])
        #expect(erase.status == 0, "\(erase)")
        for device in Self.devices {
            try sandbox.sync(device)
            let ids = JSONDocument.objects(try sandbox.json(device, ["customers"])).compactMap { $0["id"] as? String }
            #expect(!ids.contains("C-1016"), "\(device) no longer holds the erased customer")
            let show = try sandbox.client(device, ["customer", "show", "C-1016"])
            #expect(show.status == 1, "\(show)")
        }
        let laptop = JSONDocument.object(try sandbox.json("alice-laptop", ["status"]))
        let rejected = JSONDocument.objects(laptop["rejected"])
        #expect(!rejected.isEmpty && rejected.allSatisfy { $0["id"] is String }, "\(laptop)")
        #expect(
            rejected.allSatisfy { ["customer-erased", "not-assigned"].contains($0["reason"] as? String) },
            "the stale edit is reported as dropped because of the erasure: \(rejected)")
        #expect(laptop["pending"] as? Int == 0)
    }

    /// Unassignment purges the customer from the old agent's device only.
    private static func unassignmentPurgesOnlyTheOldAgentsDevice(_ sandbox: Sandbox) throws {
        let unassign = try sandbox.server(["unassign", "C-1020", "bob", "--data", sandbox.data])
        #expect(unassign.status == 0, "\(unassign)")
        for device in Self.devices { try sandbox.sync(device) }
        let bobIDs = JSONDocument.objects(try sandbox.json("bob", ["customers"])).compactMap { $0["id"] as? String }
        #expect(!bobIDs.contains("C-1020") && bobIDs.contains("C-1004"), "\(bobIDs)")
        let aliceIDs = JSONDocument.objects(try sandbox.json("alice-phone", ["customers"])).compactMap {
            $0["id"] as? String
        }
        #expect(aliceIDs.contains("C-1020"))
    }

    /// The request log carries no personal data and no tokens.
    private static func expectRequestLogHoldsNoPersonalDataOrTokens(_ log: String, tokens: [String]) {
        #expect(log.contains("/v1/pull") && log.contains("/v1/push"), "\(log)")
        for secret in [
            "Matti Testinen", "+358400001004", "+358400000111", "+358400000333", "Greta Testfall", "calm call",
            "met at home", "C-1004",
        ] + tokens {
            #expect(!log.contains(secret), "the request log must not contain \(secret)")
        }
    }
}
