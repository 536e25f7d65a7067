import FieldAgentStore
import FieldAgentTestSupport
import Testing

@Suite("Torn tail recovery")
struct TornTailTests {
    @Test("cutting the log at every byte offset of its last record recovers the previous records")
    func everyOffsetOfLastRecord() throws {
        let directory = try TemporaryDirectory(prefix: "store-torn")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        for index in 1...4 {
            try store.write { $0.append(StoreFixture.bytes("record-\(index)")) }
        }
        let before = store.logSize
        try store.write { transaction in
            transaction.append(StoreFixture.bytes(String(repeating: "last record ", count: 8)))
            transaction.setMetadata(StoreFixture.bytes("after-last"), forKey: "cursor")
        }
        let after = store.logSize
        let logPath = StoreFixture.logPath(store)
        store.close()
        let full = try StoreFixture.read(logPath)
        #expect(full.count == after)

        for cut in before..<after {
            try StoreFixture.write(Array(full[0..<cut]), to: logPath)
            let verification = try Store.verify(at: directory.path)
            if cut > before {
                #expect(verification.problems.count == 1, "cut at \(cut)")
                #expect(verification.problems.first?.severity == .repairable)
                #expect(verification.problems.first?.offset == before)
            } else {
                #expect(verification.isClean)
            }
            let reopened = try Store.open(at: directory.path)
            let torn = reopened.recoveryReport.tornTail
            if cut > before {
                #expect(torn == TornTail(file: logPath, offset: before, discardedBytes: cut - before), "cut at \(cut)")
                #expect(torn?.description.contains("byte offset \(before)") == true)
            } else {
                #expect(torn == nil)
            }
            #expect(try StoreFixture.records(reopened) == (1...4).map { "record-\($0)" }, "cut at \(cut)")
            #expect(reopened.metadata["cursor"] == nil)
            #expect(reopened.logSize == before)
            reopened.close()
            #expect(try StoreFixture.read(logPath).count == before, "the torn bytes are cut off on disk")
        }
    }

    @Test("a zero-filled tail (size grew but data never landed) is a torn tail, not corruption")
    func zeroFilledTail() throws {
        let directory = try TemporaryDirectory(prefix: "store-zero-tail")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        try store.write { $0.append(StoreFixture.bytes("kept")) }
        let size = store.logSize
        let logPath = StoreFixture.logPath(store)
        store.close()
        try StoreFixture.write(try StoreFixture.read(logPath) + [UInt8](repeating: 0, count: 100), to: logPath)
        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        #expect(reopened.recoveryReport.tornTail?.offset == size)
        #expect(try StoreFixture.records(reopened) == ["kept"])
    }
}
