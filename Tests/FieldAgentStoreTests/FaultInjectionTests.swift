import FieldAgentStore
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

/// Faults are armed only for this test's directory, so parallel tests are not affected.
@Suite("Injected faults")
struct FaultInjectionTests {
    private let enospc: Int32 = 28
    private let eio: Int32 = 5

    private func withStore(
        _ name: String, _ body: (Store, TemporaryDirectory) throws -> Void
    ) throws {
        let directory = try TemporaryDirectory(prefix: "store-fault-\(name)")
        defer {
            FaultInjection.shared.disarm(subjectContaining: directory.path)
            directory.remove()
        }
        let store = try Store.open(at: directory.path)
        defer { store.close() }
        try store.write { $0.append(StoreFixture.bytes("acknowledged-1")) }
        try body(store, directory)
    }

    /// Reopens the store in `directory` and checks it holds exactly `records` and is healthy.
    private func expectReopens(_ directory: TemporaryDirectory, holding records: [String]) throws {
        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        #expect(try StoreFixture.records(reopened) == records)
        #expect(try reopened.verify().isClean)
    }

    @Test("disk full on write: the write fails clearly, the store keeps working, nothing is lost")
    func diskFull() throws {
        try withStore("enospc") { store, directory in
            FaultInjection.shared.arm("pwrite", errno: enospc, subjectContaining: directory.path)
            let error = #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("lost-on-full-disk")) }
            }
            #expect(error?.description.contains("No space left on device") == true)
            #expect(error?.description.contains("free disk space") == true)
            #expect(error?.description.contains("lost-on-full-disk") == false)
            try store.write { $0.append(StoreFixture.bytes("acknowledged-2")) }
            store.close()
            try expectReopens(directory, holding: ["acknowledged-1", "acknowledged-2"])
        }
    }

    @Test("a short write followed by a full disk is rolled back")
    func shortWriteThenFull() throws {
        try withStore("short-full") { store, directory in
            let sizeBefore = store.logSize
            FaultInjection.shared.armShortWrite(
                "pwrite", bytes: 7, thenErrno: enospc, subjectContaining: directory.path)
            #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("half-written")) }
            }
            #expect(try StoreFixture.read(StoreFixture.logPath(store)).count == sizeBefore)
            try store.write { $0.append(StoreFixture.bytes("acknowledged-2")) }
            store.close()
            try expectReopens(directory, holding: ["acknowledged-1", "acknowledged-2"])
        }
    }

    @Test("a short write without an error is completed by the write loop")
    func shortWriteCompleted() throws {
        try withStore("short-ok") { store, directory in
            FaultInjection.shared.armShortWrite(
                "pwrite", bytes: 3, thenErrno: nil, times: 5, subjectContaining: directory.path)
            try store.write { $0.append(StoreFixture.bytes("written in pieces")) }
            store.close()
            try expectReopens(directory, holding: ["acknowledged-1", "written in pieces"])
        }
    }

    @Test("EIO from fdatasync: the write fails, the store demands a reopen, then works with nothing lost")
    func fsyncFailure() throws {
        try withStore("eio") { store, directory in
            FaultInjection.shared.arm("fdatasync", errno: eio, subjectContaining: directory.path)
            let error = #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("unflushed")) }
            }
            #expect(error?.description.contains("Input/output error") == true)
            let next = #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("refused")) }
            }
            guard case .needsReopen = next else {
                Issue.record("expected needsReopen, got \(String(describing: next))")
                return
            }
            #expect(next?.description.contains("close and reopen it") == true)
            #expect(try StoreFixture.records(store) == ["acknowledged-1"], "reads still work")
            store.close()
            try expectReopens(directory, holding: ["acknowledged-1"])
            let reopened = try Store.open(at: directory.path)
            try reopened.write { $0.append(StoreFixture.bytes("acknowledged-2")) }
            reopened.close()
            try expectReopens(directory, holding: ["acknowledged-1", "acknowledged-2"])
        }
    }

    @Test("a failed rollback after a failed write leaves a torn tail that the next open repairs")
    func failedRollback() throws {
        try withStore("rollback") { store, directory in
            FaultInjection.shared.armShortWrite(
                "pwrite", bytes: 9, thenErrno: enospc, subjectContaining: directory.path)
            FaultInjection.shared.arm("ftruncate", errno: eio, subjectContaining: directory.path)
            #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("torn")) }
            }
            let refused = #expect(throws: StoreError.self) {
                try store.write { $0.append(StoreFixture.bytes("refused")) }
            }
            guard case .needsReopen = refused else {
                Issue.record("expected needsReopen, got \(String(describing: refused))")
                return
            }
            store.close()
            let reopened = try Store.open(at: directory.path)
            #expect(reopened.recoveryReport.tornTail?.discardedBytes == 9)
            reopened.close()
            try expectReopens(directory, holding: ["acknowledged-1"])
        }
    }

    @Test("a compaction that fails before its commit point keeps the old generation and leaves no temporary files")
    func failedCompaction() throws {
        try withStore("compact") { store, directory in
            let generation = store.currentGeneration
            FaultInjection.shared.arm("fsync", errno: eio, subjectContaining: directory.path)
            #expect(throws: StoreError.self) { try store.compact(snapshot: StoreFixture.bytes("new state")) }
            #expect(store.currentGeneration == generation)
            #expect(try StoreFixture.storeFiles(directory.path).allSatisfy { !$0.hasSuffix(".tmp") })
            try store.write { $0.append(StoreFixture.bytes("acknowledged-2")) }
            store.close()
            try expectReopens(directory, holding: ["acknowledged-1", "acknowledged-2"])
        }
    }

    @Test("disk full while writing the lock file's pid fails the open clearly")
    func openFailsCleanly() throws {
        let directory = try TemporaryDirectory(prefix: "store-fault-open")
        defer {
            FaultInjection.shared.disarm(subjectContaining: directory.path)
            directory.remove()
        }
        FaultInjection.shared.arm("pwrite", errno: enospc, subjectContaining: directory.path)
        let error = #expect(throws: StoreError.self) { try Store.open(at: directory.path) }
        #expect(error?.description.contains("LOCK") == true)
        let store = try Store.open(at: directory.path)
        store.close()
    }
}
