import FieldAgentCore
import FieldAgentProtocol
import Testing

@testable import FieldAgentServer

/// The hostile-device catalogue with a victim that has two registered devices and a customer shared
/// with the attacker: whatever bob's token sends, both of alice's devices keep working and nothing
/// of theirs is hidden or overwritten except through the normal merge.
@Suite struct VictimWithDevicesTests {
    @Test("bob cannot write under, register, block or shadow either of alice's devices")
    func twoDevicesAndASharedCustomer() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let phone = try f.deviceToken(alice, "alice-phone")
        let laptop = try f.deviceToken(alice, "alice-laptop")
        let wall = ServiceFixture.start + 1000
        let phoneEdit = ServiceFixture.change("alice-phone", 1, agent: "alice", customer: "C-1", wall: wall)
        let laptopEdit = ServiceFixture.change(
            "alice-laptop", 1, agent: "alice", customer: "C-1", field: "language", value: "sv", wall: wall)
        #expect(try f.push(phone, [phoneEdit]).results[0].status == .accepted)
        #expect(try f.push(laptop, [laptopEdit]).results[0].status == .accepted)

        // Registration of alice's ids, pushes under them, and a mixed batch of good and bad.
        #expect(f.register(bob, "alice-laptop").status == 409)
        #expect(f.register(bob, "alice-new").status == 200)
        let squats = [
            ServiceFixture.change("alice-phone", 2, agent: "bob", customer: "C-1", value: "+358400000000", wall: wall),
            ServiceFixture.change(
                "alice-laptop", 2, agent: "alice", customer: "C-1", value: "+358400000001", wall: wall),
        ]
        for squat in squats {
            #expect(
                try f.push(bob, [squat]).results[0].reason.map { [.wrongReplica, .wrongAgent].contains($0) } == true)
        }
        let mixed = try f.push(
            bob,
            [
                ServiceFixture.change(
                    "bob-1", 1, agent: "bob", customer: "C-1", field: "language", value: "fi", wall: wall),
                ServiceFixture.change(
                    "bob-1", 2, agent: "bob", customer: "C-1", field: "preferredChannel", value: "pigeon", wall: wall),
                ServiceFixture.change(
                    "bob-1", 3, agent: "bob", customer: "C-2", field: "language", value: "en", wall: wall),
            ])
        #expect(mixed.results.map(\.status) == [.accepted, .rejected, .accepted])

        // Alice's devices carry on, and her values are still there (bob's concurrent write is a conflict).
        let phoneNext = ServiceFixture.change(
            "alice-phone", 2, agent: "alice", customer: "C-1", value: "+358401110000", wall: wall + 1,
            replaces: [phoneEdit.id])
        #expect(try f.push(phone, [phoneNext]).results[0].status == .accepted)
        let state = try f.storage.currentState()
        #expect(state.value(Target(customer: "C-1", field: "phone")) == "+358401110000")
        let languages = state.values(Target(customer: "C-1", field: "language")).map(\.value)
        #expect(Set(languages) == ["sv", "fi"])
        #expect(f.request("GET", "/v1/pull?cursor=0&limit=100", token: laptop).status == 200)
    }
}
