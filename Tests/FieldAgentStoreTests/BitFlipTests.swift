import FieldAgentStore
import FieldAgentTestSupport
import Testing

@Suite("Bit flips")
struct BitFlipTests {
    /// Opening must fail naming `file` and an offset at or before the flipped byte, and
    /// `verify` must report the same, for a flip of any bit at every byte.
    private func expectEveryFlipDetected(in file: String, store directory: String, bit: UInt8) throws {
        let original = try StoreFixture.read(file)
        for offset in 0..<original.count {
            var damaged = original
            damaged[offset] ^= bit
            try StoreFixture.write(damaged, to: file)
            let error = #expect(throws: StoreError.self, "flip at \(offset)") { try Store.open(at: directory) }
            guard case .corrupt(let named, let at, _) = error else {
                Issue.record("flip at \(offset): expected a corruption error, got \(String(describing: error))")
                continue
            }
            #expect(named == file)
            #expect(at <= offset, "flip at \(offset) reported at \(at)")
            #expect(error?.description.contains("\(file) is corrupt at byte offset \(at)") == true)
            let verification = try Store.verify(at: directory)
            #expect(verification.hasFatalProblems, "flip at \(offset)")
            #expect(verification.problems.first?.file == file)
            #expect(verification.problems.first?.offset == at)
            #expect(try StoreFixture.read(file) == damaged, "a failed open or verify changes nothing")
        }
        try StoreFixture.write(original, to: file)
        let healed = try Store.open(at: directory)
        healed.close()
    }

    private func makeStore(_ directory: TemporaryDirectory) throws -> (log: String, snapshot: String) {
        let store = try Store.open(at: directory.path)
        try store.write { transaction in
            transaction.append(StoreFixture.bytes("before snapshot"))
            transaction.setMetadata(StoreFixture.bytes("cursor-1"), forKey: "cursor")
        }
        try store.compact(snapshot: StoreFixture.bytes("snapshot state with some bytes in it"))
        for index in 1...3 {
            try store.write { transaction in
                transaction.append(StoreFixture.bytes("record-\(index)"))
                transaction.setMetadata(StoreFixture.bytes("cursor-\(index + 1)"), forKey: "cursor")
            }
        }
        defer { store.close() }
        return (StoreFixture.logPath(store), StoreFixture.snapshotPath(store))
    }

    @Test("every flipped byte of the log is detected and named", arguments: [UInt8(0x01), 0x80])
    func logFlips(bit: UInt8) throws {
        let directory = try TemporaryDirectory(prefix: "store-flip-log")
        defer { directory.remove() }
        let files = try makeStore(directory)
        try expectEveryFlipDetected(in: files.log, store: directory.path, bit: bit)
    }

    @Test("every flipped byte of the snapshot is detected and named", arguments: [UInt8(0x01), 0x80])
    func snapshotFlips(bit: UInt8) throws {
        let directory = try TemporaryDirectory(prefix: "store-flip-snapshot")
        defer { directory.remove() }
        let files = try makeStore(directory)
        try expectEveryFlipDetected(in: files.snapshot, store: directory.path, bit: bit)
    }

    @Test("a damaged record is reported even when good records follow it")
    func corruptionInTheMiddle() throws {
        let directory = try TemporaryDirectory(prefix: "store-flip-middle")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        try store.write { $0.append(StoreFixture.bytes("first")) }
        let secondStart = store.logSize
        try store.write { $0.append(StoreFixture.bytes("second, personal data")) }
        try store.write { $0.append(StoreFixture.bytes("third")) }
        let logPath = StoreFixture.logPath(store)
        store.close()
        var bytes = try StoreFixture.read(logPath)
        bytes[secondStart + 20] ^= 0x10
        try StoreFixture.write(bytes, to: logPath)
        let error = #expect(throws: StoreError.self) { try Store.open(at: directory.path) }
        guard case .corrupt(let file, let offset, let reason) = error else {
            Issue.record("expected a corruption error, got \(String(describing: error))")
            return
        }
        #expect(file == logPath)
        #expect(offset == secondStart)
        #expect(reason.contains("checksum mismatch"))
        #expect(error?.description.contains("personal") == false, "payloads never appear in errors")
    }
}
