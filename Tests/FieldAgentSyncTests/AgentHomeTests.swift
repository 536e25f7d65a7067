import FieldAgentCore
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Testing

@Suite struct AgentHomeTests {
    @Test func openWithoutInitSaysWhatToDo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: AgentHomeError.missing(path: dir.appending("none"))) {
            try AgentHome.open(at: dir.appending("none"))
        }
        #expect(
            AgentHomeError.missing(path: "/x").description == "no FieldAgent home at /x; run `fieldagent init` first")
    }

    @Test func initKeepsTheTokenInAPrivateFileAndReopens() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let home = try AgentHome.initialize(
            at: dir.appending("h"), server: "http://127.0.0.1:8080", agent: "alice", token: Sample.token)
        let replicaID = home.configuration.replicaID
        #expect(replicaID.hasPrefix("alice-") && replicaID.count == "alice-".count + 8)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appending("h/token"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try !RawFiles.anyContains(Sample.token, under: dir.appending("h/replica")))
        home.close()
        let reopened = try AgentHome.open(at: dir.appending("h"))
        defer { reopened.close() }
        #expect(reopened.configuration == home.configuration)
        #expect(try reopened.token() == Sample.token)
        #expect(throws: AgentHomeError.alreadyExists(path: dir.appending("h"))) {
            try AgentHome.initialize(at: dir.appending("h"), server: "http://x:1", agent: "alice", token: "t")
        }
    }

    @Test func invalidEditsChangeNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = try LocalSyncServer(agents: ["alice"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"]))
        let home = try Sample.home(dir, "h", agent: "alice", clock: TestClock(), server: server)
        defer { home.close() }
        _ = try await SyncDriver(
            replica: home.replica, transport: server.transport, configuration: server.configuration(for: home),
            now: home.now
        ).run()
        let digest = home.replica.state.digest()
        let size = home.replica.sizeOnDisk
        #expect(throws: AgentHomeError.self) { try home.setField(customer: "C-1", field: "phone", value: "12 34") }
        #expect(throws: AgentHomeError.self) { try home.setField(customer: "C-1", field: "balance", value: "0") }
        #expect(throws: AgentHomeError.self) { try home.setField(customer: "C-1", field: "agents", value: "bob") }
        #expect(throws: AgentHomeError.self) { try home.addNote(customer: "C-1", score: 9) }
        #expect(throws: AgentHomeError.unknownCustomer("C-404")) {
            try home.setFlag(customer: "C-404", flag: .hardship, present: true)
        }
        #expect(home.replica.state.digest() == digest)
        #expect(home.replica.sizeOnDisk == size)
        #expect(home.status().pending == 0)
    }

    @Test func editsReadBackAsCustomerContactsPromisesAndNotes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = try LocalSyncServer(agents: ["alice", "bob"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"]))
        try server.importCustomer(Sample.customer("C-2", agents: ["bob"]))
        let home = try Sample.home(dir, "h", agent: "alice", clock: TestClock(), server: server)
        defer { home.close() }
        _ = try await SyncDriver(
            replica: home.replica, transport: server.transport, configuration: server.configuration(for: home),
            now: home.now
        ).run()
        #expect(home.customers().map(\.id) == ["C-1"])
        try home.setField(customer: "C-1", field: "preferredChannel", value: "call")
        try home.setFlag(customer: "C-1", flag: .vulnerable, present: true)
        let contact = try home.logContact(
            customer: "C-1", channel: .call, outcome: .promiseToPay, note: "ok",
            promise: (amount: 2_500, date: LocalDate("2026-12-01")!))
        let note = try home.addNote(customer: "C-1", score: 5, comment: "helpful")
        let customer = try #require(home.customer(id: "C-1"))
        #expect(customer.preferredChannel == .call)
        #expect(customer.flags == [.vulnerable])
        #expect(customer.accounts.first?.balance == 45_000)
        #expect(home.contacts(customer: "C-1").map(\.id) == [contact])
        #expect(home.promises(customer: "C-1").map(\.amount) == [2_500])
        #expect(home.notes(customer: "C-1").map(\.id) == [note])
        #expect(home.notes(customer: "C-1").first?.comment == "helpful")
        #expect(home.customers(search: "aino").count == 1)
        #expect(home.customers(search: "nobody").isEmpty)
        #expect(home.status().pending == 7)
    }
}
