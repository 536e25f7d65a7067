import FieldAgentStore
import FieldAgentTestSupport
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("concurrent writers are all acknowledged and share fsyncs")
    func concurrentWritersShareFsyncs() throws {
        let directory = try TemporaryDirectory(prefix: "store-group")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        let threads = 8
        let writesPerThread = 40
        let failures = FailureCollector()
        // Real threads, not `concurrentPerform` (which runs only as many workers as there
        // are cores): group commit pays off when more writers wait than the CPU runs.
        ConcurrentThreads.run(threads) { thread in
            for index in 0..<writesPerThread {
                do {
                    try store.write { transaction in
                        transaction.append(StoreFixture.bytes("t\(thread)-\(index)"))
                        transaction.setMetadata(StoreFixture.bytes("\(index)"), forKey: "thread-\(thread)")
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        let statistics = store.statistics
        let writes = threads * writesPerThread
        #expect(statistics.transactions == writes)
        #expect(statistics.commits < writes, "\(statistics)")
        #expect(statistics.fsyncs < writes, "\(statistics)")
        store.close()

        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        let contents = try reopened.readContents()
        let records = contents.records.map(StoreFixture.text)
        #expect(records.count == writes)
        for thread in 0..<threads {
            let mine = records.filter { $0.hasPrefix("t\(thread)-") }
            #expect(mine == (0..<writesPerThread).map { "t\(thread)-\($0)" }, "each thread's writes stay in order")
            #expect(contents.metadata["thread-\(thread)"] == StoreFixture.bytes("\(writesPerThread - 1)"))
        }
    }

    @Test("writers and a compacting thread interleave without losing a record")
    func writersDuringCompaction() throws {
        let directory = try TemporaryDirectory(prefix: "store-group-compact")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        let applied = AppliedRecords()
        let failures = FailureCollector()
        ConcurrentThreads.run(4) { thread in
            for index in 0..<30 {
                do {
                    if thread == 0 {
                        try store.compact { applied.snapshot() }
                    } else {
                        let id = "t\(thread)-\(index)"
                        applied.insert(id)
                        try store.write { $0.append(StoreFixture.bytes(id)) }
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        store.close()
        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        let contents = try reopened.readContents()
        var found = Set(StoreFixture.text(contents.snapshot ?? []).split(separator: "\n").map(String.init))
        for record in contents.records { found.insert(StoreFixture.text(record)) }
        #expect(found == applied.all)
        #expect(found.count == 90)
    }
}
