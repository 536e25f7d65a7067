import FieldAgentCore
import FieldAgentProtocol
import Testing

@testable import FieldAgentServer

/// What an agent's token can do to others: each case pushes what a hostile or buggy device could,
/// and checks the answer and that the victim's state is intact. (The catalogue grows with device
/// registration; see protocol.md → Order of checks.)
@Suite struct HostileDeviceTests {
    static let start = ServiceFixture.start

    static func create(
        _ replica: String, _ counter: UInt64, agent: String, customer: String, _ entity: EntityKind, id: String,
        body: [String: Value], wall: Int64 = ServiceFixture.start + 1000
    ) -> Change {
        Change(
            id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: agent,
            target: Target(customer: customer, entity: entity, id: id), op: .create, value: .object(body))
    }

    static func contactBody(at: String = "2026-11-29T08:00:00Z") -> [String: Value] {
        ["at": .string(at), "channel": "call", "direction": "outbound", "outcome": "right-party-contact"]
    }

    @Test("an unassigned customer gets the same answer whether or not the change or the customer exists")
    func noAnswerRevealsAnUnassignedCustomer() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        _ = try f.push(alice, [ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")])
        // Bob stores a change on his own customer, then probes alice's customer with that id and
        // content, with another value, with a new id, and a customer that does not exist.
        #expect(
            try f.push(bob, [ServiceFixture.change("bob-1", 1, agent: "bob", customer: "C-2")]).results[0].status
                == .accepted)
        let stored = f.storage.lastSequence
        let probes = [
            ServiceFixture.change("bob-1", 1, agent: "bob", customer: "C-1"),
            ServiceFixture.change("bob-1", 1, agent: "bob", customer: "C-1", value: "+358400000000"),
            ServiceFixture.change("bob-1", 2, agent: "bob", customer: "C-1"),
            ServiceFixture.change("bob-1", 3, agent: "bob", customer: "C-404"),
        ]
        for probe in probes {
            let result = try f.push(bob, [probe]).results[0]
            #expect(result.reason == .notAssigned, "\(probe.id) \(probe.target.customer)")
            #expect(result.detail == RejectionReason.notAssigned.defaultDetail)
        }
        let office = try f.storage.currentState().liveChanges().filter { $0.id.replica == "backoffice" }
        for copy in office.prefix(5) {
            for value in ["sms", "call", "visit"] {
                let forged = Change(
                    id: copy.id, hlc: copy.hlc, agent: copy.agent, target: copy.target, op: copy.op,
                    value: .string(value),
                    replaces: copy.replaces)
                #expect(try f.push(bob, [forged]).results[0].reason == .invalidTarget)
            }
        }
        #expect(f.storage.lastSequence == stored)
        #expect(try f.storage.currentState().value(Target(customer: "C-1", field: "phone")) == "+358409999999")
    }

    @Test("a second create of an existing event with other content is refused; the original stays")
    func createOnce() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let original = Self.create(
            "alice-1", 1, agent: "alice", customer: "C-1", .contact, id: "K-1", body: Self.contactBody())
        let first = try f.push(alice, [original]).results[0]
        #expect(first.status == .accepted, "\(first.reason?.rawValue ?? "") \(first.detail ?? "")")
        var forgedBody = Self.contactBody()
        forgedBody["outcome"] = "complaint"
        let forged = Self.create("bob-1", 1, agent: "bob", customer: "C-1", .contact, id: "K-1", body: forgedBody)
        #expect(try f.push(bob, [forged]).results[0].reason == .alreadyExists)
        let again = Self.create(
            "alice-1", 2, agent: "alice", customer: "C-1", .contact, id: "K-1", body: Self.contactBody())
        #expect(try f.push(alice, [again]).results[0].status == .duplicate)
        let shown = try f.storage.currentState().event(.contact, id: "K-1", customer: "C-1")
        #expect(shown?.id == original.id && shown?.agent == "alice")
    }

    @Test("references must name events that exist, here or earlier in the same push")
    func danglingReferences() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let score = ServiceFixture.change(
            "alice-1", 1, agent: "alice", customer: "C-1", field: "score", value: 5, entity: .note, entityID: "N-404")
        #expect(try f.push(alice, [score]).results[0].reason == .unknownReference)
        let promise = Self.create(
            "alice-1", 2, agent: "alice", customer: "C-1", .promise, id: "P-1",
            body: ["contactId": "K-404", "amount": 5000, "date": "2026-12-10"])
        #expect(try f.push(alice, [promise]).results[0].reason == .unknownReference)
        // The same references are fine once the events exist, even earlier in the same push.
        let contact = Self.create(
            "alice-1", 3, agent: "alice", customer: "C-1", .contact, id: "K-1", body: Self.contactBody())
        let note = Self.create(
            "alice-1", 4, agent: "alice", customer: "C-1", .note, id: "N-1",
            body: ["at": "2026-11-29T08:05:00Z", "contactId": "K-1"])
        let noteScore = ServiceFixture.change(
            "alice-1", 5, agent: "alice", customer: "C-1", field: "score", value: 4, entity: .note, entityID: "N-1")
        let kept = Self.create(
            "alice-1", 6, agent: "alice", customer: "C-1", .promise, id: "P-2",
            body: ["contactId": "K-1", "amount": 5000, "date": "2026-12-10"])
        let results = try f.push(alice, [contact, note, noteScore, kept]).results
        #expect(results.map(\.status) == [.accepted, .accepted, .accepted, .accepted])
    }

    @Test("times before 2020 or far ahead are clock-skew, for the stamp and for an event's at")
    func strictTimes() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let zero = ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1", wall: 0)
        let future = Self.create(
            "alice-1", 2, agent: "alice", customer: "C-1", .contact, id: "K-1",
            body: Self.contactBody(at: "2099-01-01T00:00:00Z"))
        let results = try f.push(alice, [zero, future]).results
        #expect(results.map(\.reason) == [.clockSkew, .clockSkew])
        #expect(f.service.metrics.render().contains(#"fieldagent_changes_rejected_total{reason="clock-skew"} 2"#))
        #expect(try f.storage.currentState().contacts(customer: "C-1").isEmpty)
    }

    @Test("a device pushes only its own changes, and no agent writes under another agent's replica id")
    func wrongReplica() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let change = ServiceFixture.change("alice-2", 1, agent: "alice", customer: "C-1")
        #expect(try f.push(alice, [change], device: "alice-1").results[0].reason == .wrongReplica)
        #expect(try f.push(alice, [change]).results[0].status == .accepted)
        // Bob squats alice's device id with the next counter: refused, and alice's next edit goes through.
        let squat = ServiceFixture.change("alice-2", 2, agent: "bob", customer: "C-1", value: "+358400000000")
        #expect(try f.push(bob, [squat]).results[0].reason == .wrongReplica)
        let next = ServiceFixture.change("alice-2", 2, agent: "alice", customer: "C-1", value: "+358401111111")
        #expect(try f.push(alice, [next]).results[0].status == .accepted)
    }

    @Test("ids have one spelling: a non-canonical counter or a bad replica id refuses the push whole")
    func strictIdentifiers() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let good = JSON.string(WireChange.encode(ServiceFixture.change("alice-1", 1, agent: "alice", customer: "C-1")))
        let cases = [
            good.replacingOccurrences(of: "alice-1:1", with: "alice-1:01"),
            good.replacingOccurrences(of: "alice-1:1", with: "alice 1:1"),
            good.replacingOccurrences(of: "alice-1:1", with: "älice-1:1"),
            good.replacingOccurrences(of: "alice-1:1", with: String(repeating: "a", count: 65) + ":1"),
        ]
        for change in cases {
            let body = #"{"device": "alice-1", "changes": ["# + change + "]}"
            #expect(f.request("POST", "/v1/push", token: alice, body: body).status == 422, "\(change.prefix(60))")
        }
        #expect(try f.storage.currentState().value(Target(customer: "C-1", field: "phone")) == "+358401234567")
    }
}

@Suite struct ForgedCausalContextTests {
    static func write(
        _ replica: String, _ counter: UInt64, agent: String, value: Value, replaces: [ChangeID], wall: Int64
    ) -> Change {
        Change(
            id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: agent,
            target: Target(customer: "C-1", field: "phone"), op: .set, value: value, replaces: replaces)
    }

    @Test("replaces naming changes the server never saw is refused; the victim's later edit still shows")
    func forgedReplacesAreRefused() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let wall = ServiceFixture.start + 1000
        let future = Self.write(
            "bob-1", 1, agent: "bob", value: "+358400000001",
            replaces: [ChangeID(replica: "alice-1", counter: 999_999)],
            wall: wall)
        let many = Self.write(
            "bob-1", 2, agent: "bob", value: "+358400000002",
            replaces: (1...20_000).map { ChangeID(replica: "made-up-\($0)", counter: 1) }, wall: wall)
        let twice = Self.write(
            "bob-1", 3, agent: "bob", value: "+358400000003",
            replaces: [ChangeID(replica: "backoffice", counter: 1), ChangeID(replica: "backoffice", counter: 2)],
            wall: wall)
        let results = try f.push(bob, [future, many, twice]).results
        #expect(results.map(\.reason) == [.unknownReference, .unknownReference, .unknownReference])
        let edit = Self.write("alice-1", 1, agent: "alice", value: "+358409999999", replaces: [], wall: wall + 1)
        #expect(try f.push(alice, [edit]).results[0].status == .accepted)
        #expect(
            try f.storage.currentState().values(Target(customer: "C-1", field: "phone")).map(\.value).contains(
                "+358409999999"))
    }

    @Test("replaces cannot probe another customer: a change stored elsewhere counts as unknown here")
    func replacesCannotProbeOtherCustomers() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        let wall = ServiceFixture.start + 1000
        #expect(
            try f.push(
                alice, [Self.write("alice-1", 1, agent: "alice", value: "+358409999999", replaces: [], wall: wall)]
            ).results[0].status == .accepted)
        // Bob writes on his own customer, naming alice's stored change and one that does not exist.
        func probe(_ counter: UInt64, names id: ChangeID) throws -> ChangeResult {
            let change = Change(
                id: ChangeID(replica: "bob-1", counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: "bob",
                target: Target(customer: "C-2", field: "phone"), op: .set, value: "+46700000000", replaces: [id])
            return try f.push(bob, [change]).results[0]
        }
        let stored = try probe(1, names: ChangeID(replica: "alice-1", counter: 1))
        let missing = try probe(2, names: ChangeID(replica: "alice-1", counter: 2))
        #expect(
            stored.reason == .unknownReference && stored.detail == missing.detail && missing.reason == stored.reason)
    }

    @Test("replaces may name a superseded change only of the same field")
    func supersededChangesOfAnotherFieldAreNotContext() throws {
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        try f.admin.assign(customer: "C-1", agent: "bob")
        let wall = ServiceFixture.start + 1000
        func write(_ replica: String, _ counter: UInt64, _ field: String, _ value: Value, replaces: [ChangeID])
            -> Change
        {
            Change(
                id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall),
                agent: String(replica.prefix { $0 != "-" }), target: Target(customer: "C-1", field: field), op: .set,
                value: value, replaces: replaces)
        }
        let alice1 = ChangeID(replica: "alice-1", counter: 1)
        let own = [
            write("alice-1", 1, "email", "a@example.com", replaces: []),
            write("alice-1", 2, "email", "b@example.com", replaces: [alice1]),
        ]
        #expect(try f.push(alice, own).results.map(\.status) == [.accepted, .accepted])
        // alice-1:1 is superseded; it may stand for alice's writes to email, not to phone.
        let phone = write("bob-1", 1, "phone", "+358400000001", replaces: [alice1])
        let first = try f.push(bob, [phone]).results[0]
        #expect(first.reason == .unknownReference && first.detail == "replaces: names a change to another field")
        let email = write("bob-1", 3, "email", "c@example.com", replaces: [alice1])
        #expect(try f.push(bob, [email]).results[0].status == .accepted)
    }

    @Test("a device may name its own earlier write even when the server refused it")
    func ownEarlierWritesCount() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let wall = ServiceFixture.start + 1000
        let bad = Self.write("alice-1", 1, agent: "alice", value: "not a phone", replaces: [], wall: wall)
        let good = Self.write(
            "alice-1", 2, agent: "alice", value: "+358409999999", replaces: [ChangeID(replica: "alice-1", counter: 1)],
            wall: wall)
        let results = try f.push(alice, [bad, good]).results
        #expect(results.map(\.status) == [.rejected, .accepted])
        let ahead = Self.write(
            "alice-1", 3, agent: "alice", value: "+358409999990", replaces: [ChangeID(replica: "alice-1", counter: 7)],
            wall: wall)
        #expect(try f.push(alice, [ahead]).results[0].reason == .unknownReference)
    }
}

@Suite struct StrictLimitsTests {
    @Test("a one-character note of a megabyte is refused: limits count UTF-8 bytes as well as characters")
    func textLimitsCountBytes() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let heavy = "a" + String(repeating: "\u{0301}", count: 1_000_000)
        #expect(heavy.count == 1)
        let note = ServiceFixture.change(
            "alice-1", 1, agent: "alice", customer: "C-1", field: "note", value: .string(heavy))
        let result = try f.push(alice, [note]).results[0]
        #expect(result.reason == .invalidValue && result.detail?.contains("bytes") == true)
        let fine = ServiceFixture.change(
            "alice-1", 2, agent: "alice", customer: "C-1", field: "note",
            value: .string(String(repeating: "é", count: 2000)))
        #expect(try f.push(alice, [fine]).results[0].status == .accepted)
    }

    @Test("a cursor past the end of the log was never issued: 400 bad-cursor, not empty pages")
    func cursorPastTheEnd() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let last = f.storage.lastSequence
        #expect(f.request("GET", "/v1/pull?cursor=\(last)", token: alice).status == 200)
        let response = f.request("GET", "/v1/pull?cursor=\(last + 1)", token: alice)
        #expect(response.status == 400)
        #expect(try Problem(body: response.body).problemType == .badCursor)
    }
}
