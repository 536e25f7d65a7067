import FieldAgentCore
import FieldAgentStore
import FieldAgentSync
import FieldAgentTestSupport
import Foundation
import Testing

/// `AgentHome.repair`: a home whose store cannot be opened is rebuilt from what can still be read,
/// under the same replica id, and the next sync sends what the server lacks.
@Suite struct HomeRepairTests {
    static let pendingPhone = "+358409990001"

    /// A server with C-1 and C-2 for alice; alice's home synced, with one synced edit on C-1 and two
    /// pending ones on C-2. The home is closed.
    static func world(_ dir: TemporaryDirectory) async throws -> (LocalSyncServer, String) {
        let server = try LocalSyncServer(agents: ["alice"])
        try server.importCustomer(Sample.customer("C-1", agents: ["alice"]))
        try server.importCustomer(Sample.customer("C-2", agents: ["alice"]))
        let home = try Sample.home(dir, "alice", agent: "alice", clock: TestClock(), server: server)
        _ = try await home.sync(transport: server.transport)
        try home.setField(customer: "C-1", field: "phone", value: "+358409990000")
        _ = try await home.sync(transport: server.transport)
        try home.setField(customer: "C-2", field: "phone", value: pendingPhone)
        try home.setFlag(customer: "C-2", flag: .hardship, present: true)
        #expect(home.status().pending == 2)
        home.close()
        return (server, home.path)
    }

    static func storeFile(_ home: String, prefix: String) throws -> String {
        let store = home + "/replica"
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: store).first { $0.hasPrefix(prefix) })
        return store + "/" + name
    }

    /// Opening fails naming `file` and pointing at repair; `init` does not overwrite the home.
    static func expectDamaged(_ home: String, naming file: String) {
        let error = #expect(throws: AgentHomeError.self) { try AgentHome.open(at: home) }
        guard case .damaged(let path, let problem) = error else {
            Issue.record("expected damage, got \(String(describing: error))")
            return
        }
        #expect(path == home && problem.contains(file), "\(problem)")
        #expect(error?.description.contains("Run `fieldagent repair`") == true, "\(String(describing: error))")
        #expect(throws: AgentHomeError.alreadyExists(path: home)) {
            try AgentHome.initialize(at: home, server: "http://x:1", agent: "alice", token: Sample.token)
        }
    }

    @Test func aDeletedSnapshotKeepsEveryChangeAndThePendingOnesReachTheServer() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, path) = try await Self.world(dir)
        let snapshot = try Self.storeFile(path, prefix: "snapshot-")
        try FileManager.default.removeItem(atPath: snapshot)
        Self.expectDamaged(path, naming: snapshot)

        let repair = try AgentHome.repair(at: path)
        #expect(!repair.isHealthy && repair.problem?.contains(snapshot) == true)
        #expect(repair.lost.map(\.file) == [snapshot])
        #expect(repair.keptChanges == 3, "the synced edit and the two pending ones")
        #expect(repair.configurationSource == "the store")
        #expect(!FileManager.default.fileExists(atPath: path + "/replica.damaged"))

        let home = try AgentHome.open(at: path)
        defer { home.close() }
        let highest = home.replica.ownHighestCounter
        let report = try await home.sync(transport: server.transport)
        #expect(report.accepted == 2 && report.duplicates == 1 && report.rejected.isEmpty, "\(report)")
        #expect(home.customer(id: "C-2")?.phone == Self.pendingPhone)
        // A second device of alice's gets the pending work from the server alone.
        let laptop = try Sample.home(dir, "laptop", agent: "alice", clock: TestClock(), server: server)
        defer { laptop.close() }
        _ = try await laptop.sync(transport: server.transport)
        #expect(laptop.customer(id: "C-2")?.phone == Self.pendingPhone)
        #expect(laptop.replica.state.digest() == home.replica.state.digest())
        // New work is numbered above every counter used before.
        let change = try home.setField(customer: "C-1", field: "language", value: "sv")
        #expect(change.id.counter > highest)
        let next = try await home.sync(transport: server.transport)
        #expect(next.accepted == 1 && next.rejected.isEmpty, "\(next)")
    }

    @Test func aDeletedLogLosesItsChangesAndTheServerGivesBackTheSyncedOnes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, path) = try await Self.world(dir)
        let log = try Self.storeFile(path, prefix: "log-")
        try FileManager.default.removeItem(atPath: log)
        Self.expectDamaged(path, naming: log)
        let repair = try AgentHome.repair(at: path)
        #expect(repair.keptChanges == 0 && repair.lost.map(\.file) == [log])
        #expect(repair.configurationSource == path + "/home.json", "the log held the configuration")
        let home = try AgentHome.open(at: path)
        defer { home.close() }
        let report = try await home.sync(transport: server.transport)
        #expect(report.recovered, "the server holds more of this device's changes than it does")
        #expect(home.customer(id: "C-1")?.phone == "+358409990000", "the synced edit came back")
        #expect(home.customer(id: "C-2")?.phone != Self.pendingPhone, "the pending edit was lost with the log")
        let change = try home.setField(customer: "C-2", field: "language", value: "sv")
        #expect(change.id.counter > 1)
        let next = try await home.sync(transport: server.transport)
        #expect(next.accepted == 1 && next.rejected.isEmpty && next.renumbered == 0, "\(next)")
    }

    @Test func anInterruptedRepairIsFinishedFromTheDamagedCopy() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try await Self.world(dir)
        try FileManager.default.removeItem(atPath: try Self.storeFile(path, prefix: "snapshot-"))
        // A crash right after the damaged store was moved aside.
        try FileManager.default.moveItem(atPath: path + "/replica", toPath: path + "/replica.damaged")
        Self.expectDamaged(path, naming: "interrupted")
        // A crash after the new store was created, before it held the salvaged changes.
        let partial = try ReplicaStore.create(at: path + "/replica", replicaID: "alice-00000000")
        partial.close()
        Self.expectDamaged(path, naming: "does not hold this home's")
        let repair = try AgentHome.repair(at: path)
        #expect(repair.keptChanges == 3)
        #expect(!FileManager.default.fileExists(atPath: path + "/replica.damaged"))
        let home = try AgentHome.open(at: path)
        #expect(home.status().pending == 3)
        // Until the next sync the store holds this device's changes alone.
        #expect(home.replica.state.value(Target(customer: "C-2", field: "phone")) == .string(Self.pendingPhone))
        home.close()
        // A crash after the new store was saved, before the damaged copy was deleted: opening deletes it.
        try FileManager.default.createDirectory(atPath: path + "/replica.damaged", withIntermediateDirectories: false)
        #expect(
            FileManager.default.createFile(
                atPath: path + "/replica.damaged/log-0000000000000001", contents: Data("x".utf8)))
        let reopened = try AgentHome.open(at: path)
        reopened.close()
        #expect(!FileManager.default.fileExists(atPath: path + "/replica.damaged"))
    }

    @Test func aRecordThatDoesNotDecodeIsNamedAndSkipped() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (server, path) = try await Self.world(dir)
        let log = try Self.storeFile(path, prefix: "log-")
        let store = try Store.open(at: path + "/replica")
        let offset = store.logSize
        try store.write { $0.append([0xFF, 0x01]) }
        store.close()
        Self.expectDamaged(path, naming: "cannot read")
        let repair = try AgentHome.repair(at: path)
        #expect(repair.keptChanges == 3)
        #expect(repair.lost.count == 1 && repair.lost.first?.file == log && repair.lost.first?.offset == offset)
        #expect(repair.lost.first?.reason.contains("does not decode") == true, "\(repair.lost)")
        let home = try AgentHome.open(at: path)
        defer { home.close() }
        let report = try await home.sync(transport: server.transport)
        #expect(report.accepted == 2 && report.rejected.isEmpty, "\(report)")
    }

    @Test func withoutAnyConfigurationTheRepairFailsAndChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try await Self.world(dir)
        try FileManager.default.removeItem(atPath: try Self.storeFile(path, prefix: "log-"))
        try FileManager.default.removeItem(atPath: path + "/home.json")
        let before = try FileManager.default.subpathsOfDirectory(atPath: path).sorted()
        let error = #expect(throws: AgentHomeError.self) { try AgentHome.repair(at: path) }
        guard case .unrepairable(let named, let reason) = error else {
            Issue.record("expected unrepairable, got \(String(describing: error))")
            return
        }
        #expect(named == path && reason.contains("replica id") && reason.contains("fieldagent init"), "\(reason)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: path).sorted() == before)
    }

    @Test func aHealthyHomeIsLeftAsItIsAndGetsItsConfigurationFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, path) = try await Self.world(dir)
        let file = path + "/home.json"
        let written = try Data(contentsOf: URL(fileURLWithPath: file))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try FileManager.default.removeItem(atPath: file)
        let log = try Self.storeFile(path, prefix: "log-")
        let logBytes = try Data(contentsOf: URL(fileURLWithPath: log))
        let repair = try AgentHome.repair(at: path)
        #expect(repair == HomeRepair())
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == logBytes, "the store was not changed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == written, "opening wrote home.json back")
        #expect(try !RawFiles.anyContains(Sample.token, under: file))
    }
}
