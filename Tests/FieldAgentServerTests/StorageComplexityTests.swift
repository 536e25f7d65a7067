import FieldAgentCore
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// The work a request costs follows what it asks for, never the size of the company: these tests
/// count the records storage reads, not the time it takes.
@Suite struct StorageComplexityTests {
    static let otherCustomers = 1_000
    static let unrelatedChanges = 100_000

    /// A storage in memory where alice holds C-A0…C-A4 with one change each, and agent "other"
    /// holds 1,000 customers that received `unrelatedChanges` changes after alice's.
    static func busyCompany() throws -> (FileServerStorage, aliceCursor: UInt64) {
        let storage = FileServerStorage()
        var assignments = (0..<5).map { AssignmentChange(customer: "C-A\($0)", agent: "alice", assigned: true) }
        assignments += (0..<otherCustomers).map {
            AssignmentChange(customer: "C-O\($0)", agent: "other", assigned: true)
        }
        _ = try storage.setAssignments(assignments)
        let own = (0..<5).map {
            ServiceFixture.change("alice-1", UInt64($0 + 1), agent: "alice", customer: "C-A\($0)")
        }
        #expect(try storage.append(own).allSatisfy { if case .accepted = $0 { true } else { false } })
        let aliceCursor = storage.lastSequence
        var counter: UInt64 = 0
        for _ in 0..<(unrelatedChanges / 1_000) {
            let batch = (0..<1_000).map { _ in
                counter += 1
                return ServiceFixture.change(
                    "other-1", counter, agent: "other", customer: "C-O\(counter % UInt64(otherCustomers))",
                    field: "note\(counter % 7)")
            }
            _ = try storage.append(batch)
        }
        #expect(storage.lastSequence == aliceCursor + UInt64(unrelatedChanges))
        return (storage, aliceCursor)
    }

    @Test("a pull after 100,000 unrelated changes reads only the agent's own new records")
    func incrementalPullReadsOnlyOwnChanges() throws {
        let (storage, cursor) = try Self.busyCompany()
        defer { storage.close() }
        let before = storage.recordsRead
        let idle = try storage.page(for: "alice", after: cursor, limit: 1_000)
        #expect(idle.changes.isEmpty && !idle.more && idle.cursor == storage.lastSequence)
        #expect(idle.recordsRead == 0 && storage.recordsRead == before)

        let fresh = [
            ServiceFixture.change(
                "alice-1", 6, agent: "alice", customer: "C-A1", field: "email", value: "a@example.org"),
            ServiceFixture.change(
                "alice-1", 7, agent: "alice", customer: "C-A3", field: "email", value: "b@example.org"),
        ]
        _ = try storage.append(fresh)
        let reads = storage.recordsRead
        let page = try storage.page(for: "alice", after: cursor, limit: 1_000)
        #expect(page.changes.map(\.id) == fresh.map(\.id))
        #expect(page.recordsRead == 2, "the page read \(page.recordsRead) records for 2 new changes")
        #expect(storage.recordsRead - reads == 2)
    }

    @Test("a first sync reads the agent's customers' records, whatever the rest of the company holds")
    func firstSyncReadsOnlyOwnCustomers() throws {
        let (storage, _) = try Self.busyCompany()
        defer { storage.close() }
        let reads = storage.recordsRead
        let page = try storage.page(for: "alice", after: 0, limit: 1_000)
        #expect(page.changes.count == 5 && !page.more)
        #expect(storage.recordsRead - reads == 5, "read \(storage.recordsRead - reads) records for 5 changes")
    }

    @Test("a write to a much-written customer reads only the records that arrived since its last merge")
    func pushMergesOnlyNewRecords() throws {
        let (storage, _) = try Self.busyCompany()
        defer { storage.close() }
        // C-O0 holds 100 live changes (one per other-1 write landing on it, fields note0…note6 all
        // concurrent, so every one stays live).
        let first = try storage.customerState("C-O0")
        #expect(first.liveCount > 0)
        var counter: UInt64 = 1_000_000
        for round in 0..<50 {
            counter += 1
            _ = try storage.append([
                ServiceFixture.change("other-1", counter, agent: "other", customer: "C-O0", field: "note\(round % 7)")
            ])
            let reads = storage.recordsRead
            let state = try storage.customerState("C-O0")
            #expect(state.liveCount == first.liveCount + round + 1)
            #expect(storage.recordsRead - reads == 1, "round \(round): read \(storage.recordsRead - reads) records")
        }
    }

    @Test("erasing a customer reads only that customer's records")
    func erasureReadsOnlyTheCustomer() throws {
        let (storage, _) = try Self.busyCompany()
        defer { storage.close() }
        let held = try storage.changes(of: "C-O5").count
        let reads = storage.recordsRead
        let admin = AdminService(
            storage: storage, now: { Instant(millisecondsSinceEpoch: ServiceFixture.start + 5_000) })
        try admin.erase(customer: "C-O5")
        // Merging the customer once, then each record's header once to write its hole.
        #expect(storage.recordsRead - reads <= 2 * held, "read \(storage.recordsRead - reads) for \(held) records")
        #expect(try storage.changes(of: "C-O5").map(\.change.op) == [.erase])
    }
}

/// The pull's shortcut (nothing of the agent's after the cursor) must not hide an assignment made
/// after the cursor, also once the storage was reopened.
@Suite struct AgentLatestTests {
    @Test("an assignment after the cursor brings the customer's earlier records, before and after reopening")
    func assignmentAfterCursorIsSeenAcrossReopen() throws {
        let directory = try TemporaryDirectory(prefix: "fieldagent-agent-latest")
        defer { directory.remove() }
        let path = directory.appending("store")
        var storage = try FileServerStorage(path: path)
        _ = try storage.setAssignments([AssignmentChange(customer: "C-B", agent: "bob", assigned: true)])
        _ = try storage.append([ServiceFixture.change("bob-1", 1, agent: "bob", customer: "C-B")])
        _ = try storage.setAssignments([AssignmentChange(customer: "C-A", agent: "alice", assigned: true)])
        let cursor = storage.lastSequence
        #expect(try storage.page(for: "alice", after: cursor, limit: 100).changes.isEmpty)
        _ = try storage.setAssignments([AssignmentChange(customer: "C-B", agent: "alice", assigned: true)])
        let page = try storage.page(for: "alice", after: cursor, limit: 100)
        #expect(page.changes.map(\.id) == [ChangeID(replica: "bob-1", counter: 1)])
        storage.close()
        storage = try FileServerStorage(path: path)
        defer { storage.close() }
        let reopened = try storage.page(for: "alice", after: cursor, limit: 100)
        #expect(reopened.changes.map(\.id) == [ChangeID(replica: "bob-1", counter: 1)])
        #expect(try storage.page(for: "alice", after: reopened.cursor, limit: 100).recordsRead == 0)
        _ = try storage.setAssignments([AssignmentChange(customer: "C-B", agent: "alice", assigned: false)])
        #expect(try storage.page(for: "alice", after: reopened.cursor, limit: 100).purge == ["C-B"])
    }
}

/// The streaming import stores a file larger than one batch, and a second import of it stores nothing.
@Suite struct StreamingImportTests {
    @Test("1,500 customers from a file: two batches, all stored; importing again stores nothing")
    func importsInBatchesAndAgainIsANoOp() throws {
        let directory = try TemporaryDirectory(prefix: "fieldagent-streaming-import")
        defer { directory.remove() }
        let generated = PortfolioGenerator.company(customers: 1_500, perAgent: 500, contacts: 0).generate()
        let path = directory.appending("portfolio.json")
        try JSONEncoder().encode(generated.portfolio).write(to: URL(fileURLWithPath: path))
        let storage = FileServerStorage()
        defer { storage.close() }
        let admin = AdminService(storage: storage, now: { Instant(millisecondsSinceEpoch: ServiceFixture.start) })
        let first = try admin.importPortfolio(atPath: path)
        #expect(first.customers == 1_500 && first.created == 1_500 && first.assignments == 1_500)
        #expect(storage.customerIDs().count == 1_500)
        #expect(Set(storage.customerIDs()) == Set(generated.portfolio.customers.map(\.id)))
        let again = try admin.importPortfolio(atPath: path)
        #expect(again.changes == 0 && again.assignments == 0 && again.created == 0)
    }
}
