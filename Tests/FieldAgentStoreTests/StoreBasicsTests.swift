import FieldAgentStore
import FieldAgentTestSupport
import Testing

@Suite("Store basics")
struct StoreBasicsTests {
    @Test("records and metadata survive close and reopen, in commit order")
    func roundTrip() throws {
        let directory = try TemporaryDirectory(prefix: "store-basics")
        defer { directory.remove() }
        let path = directory.appending("replica")
        do {
            let store = try Store.open(at: path)
            #expect(store.recoveryReport.created)
            let returned = try store.write { transaction in
                transaction.append(StoreFixture.bytes("a"))
                transaction.append(StoreFixture.bytes("b"))
                transaction.setMetadata(StoreFixture.bytes("cursor-1"), forKey: "cursor")
                return 42
            }
            #expect(returned == 42)
            try store.write { transaction in
                transaction.append(StoreFixture.bytes("c"))
                transaction.setMetadata(StoreFixture.bytes("cursor-2"), forKey: "cursor")
                transaction.setMetadata(StoreFixture.bytes("x"), forKey: "temporary")
            }
            try store.write { $0.setMetadata(nil, forKey: "temporary") }
            #expect(store.metadata == ["cursor": StoreFixture.bytes("cursor-2")])
            #expect(try StoreFixture.records(store) == ["a", "b", "c"])
            #expect(store.statistics.transactions == 3)
            store.close()
        }
        let reopened = try Store.open(at: path)
        defer { reopened.close() }
        #expect(!reopened.recoveryReport.created)
        #expect(!reopened.recoveryReport.repairedAnything)
        let contents = try reopened.readContents()
        #expect(contents.snapshot == nil)
        #expect(contents.records.map(StoreFixture.text) == ["a", "b", "c"])
        #expect(contents.metadata == ["cursor": StoreFixture.bytes("cursor-2")])
        #expect(try reopened.verify().isClean)
    }

    @Test("a transaction whose body throws writes nothing; an empty one costs no fsync")
    func abortedAndEmptyTransactions() throws {
        struct Abort: Error {}
        let directory = try TemporaryDirectory(prefix: "store-abort")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        defer { store.close() }
        #expect(throws: Abort.self) {
            try store.write { transaction in
                transaction.append(StoreFixture.bytes("never"))
                throw Abort()
            }
        }
        let before = store.statistics
        try store.write { _ in }
        #expect(store.statistics == before)
        #expect(try store.readContents().records.isEmpty)
        #expect(store.logSize == 24)
    }

    @Test("a closed store refuses work with a clear error")
    func closedStore() throws {
        let directory = try TemporaryDirectory(prefix: "store-closed")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        store.close()
        let error = #expect(throws: StoreError.self) {
            try store.write { $0.append(StoreFixture.bytes("late")) }
        }
        #expect(error == .closed(path: directory.path))
        #expect(error?.description == "store \(directory.path) is closed")
    }

    @Test("a second open in the same process is refused with this process's id")
    func secondOpenInProcess() throws {
        let directory = try TemporaryDirectory(prefix: "store-lock-local")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        let error = #expect(throws: StoreError.self) { try Store.open(at: directory.path) }
        let pid = ProcessInfoPID.current
        #expect(error?.description.hasPrefix("store \(directory.path) is in use by process \(pid)") == true)
        store.close()
        let again = try Store.open(at: directory.path)
        again.close()
    }

    @Test("a missing directory is not created when createIfMissing is off")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory(prefix: "store-missing")
        defer { directory.remove() }
        var options = StoreOptions()
        options.createIfMissing = false
        let error = #expect(throws: StoreError.self) {
            try Store.open(at: directory.appending("nope"), options: options)
        }
        #expect(error?.description.contains("there is no store directory here") == true)
    }
}

@Suite("Store limits")
struct StoreLimitTests {
    @Test("an oversized transaction is refused before anything is written")
    func oversizedTransaction() throws {
        let directory = try TemporaryDirectory(prefix: "store-limit")
        defer { directory.remove() }
        var options = StoreOptions()
        options.maxTransactionBytes = 1000
        let store = try Store.open(at: directory.path, options: options)
        defer { store.close() }
        let error = #expect(throws: StoreError.self) {
            try store.write { $0.append([UInt8](repeating: 1, count: 2000)) }
        }
        guard case .transactionTooLarge(_, let limit) = error else {
            Issue.record("expected transactionTooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == 1000)
        #expect(store.logSize == 24)
    }
}
