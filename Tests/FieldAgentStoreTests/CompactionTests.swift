import FieldAgentStore
import FieldAgentTestSupport
import Foundation
import Testing

@Suite("Compaction")
struct CompactionTests {
    /// The owner's state in these tests: key → value, snapshotted as sorted lines.
    private static func encode(_ state: [String: String]) -> [UInt8] {
        Array(state.keys.sorted().map { "\($0)=\(state[$0]!)" }.joined(separator: "\n").utf8)
    }

    @Test("rewriting 100 keys 100,000 times stays within twice a fresh snapshot's size")
    func sizeStaysBounded() throws {
        let directory = try TemporaryDirectory(prefix: "store-compact-size")
        defer { directory.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 1024
        options.compactionRatio = 0.5
        let store = try Store.open(at: directory.path, options: options)
        var state: [String: String] = [:]
        let keys = (0..<100).map { String(format: "customer-%03d.phone", $0) }
        var largest = 0
        let rewrites = 100_000
        let perTransaction = 50
        var written = 0
        while written < rewrites {
            try store.write { transaction in
                for offset in 0..<perTransaction {
                    let key = keys[(written + offset) % keys.count]
                    let value = String(format: "+358-40-%07d", written + offset)
                    state[key] = value
                    transaction.append(Array("\(key)=\(value)".utf8))
                }
            }
            written += perTransaction
            if store.needsCompaction {
                try store.compact(snapshot: Self.encode(state))
            }
            if written % 5_000 == 0 { largest = max(largest, try StoreFixture.directorySize(directory.path)) }
        }
        #expect(store.statistics.compactions > 10)
        let finalSize = try StoreFixture.directorySize(directory.path)
        store.close()

        let fresh = try TemporaryDirectory(prefix: "store-compact-fresh")
        defer { fresh.remove() }
        let freshStore = try Store.open(at: fresh.path)
        try freshStore.compact(snapshot: Self.encode(state))
        let freshSnapshotSize = freshStore.currentSnapshotSize
        freshStore.close()

        #expect(finalSize <= 2 * freshSnapshotSize, "final \(finalSize) vs fresh snapshot \(freshSnapshotSize)")
        #expect(largest <= 2 * freshSnapshotSize + 4096, "largest \(largest) vs fresh snapshot \(freshSnapshotSize)")
        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        let contents = try reopened.readContents()
        var replayed: [String: String] = [:]
        for line in StoreFixture.text(contents.snapshot ?? []).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            replayed[String(parts[0])] = String(parts[1])
        }
        for record in contents.records {
            let parts = StoreFixture.text(record).split(separator: "=", maxSplits: 1)
            replayed[String(parts[0])] = String(parts[1])
        }
        #expect(replayed == state)
    }

    @Test("after an erasing compaction no file in the store holds the erased bytes")
    func erasureLeavesNoBytes() throws {
        let directory = try TemporaryDirectory(prefix: "store-erase")
        defer { directory.remove() }
        let marker = "Aino Virtanen +358401234567 aino@example.fi"
        let store = try Store.open(at: directory.path)
        defer { store.close() }
        try store.write { $0.append(StoreFixture.bytes("kept: C-1002")) }
        try store.compact(snapshot: StoreFixture.bytes("C-1001: \(marker); C-1002"))
        try store.write { transaction in
            transaction.append(StoreFixture.bytes("note on C-1001: \(marker) promised to pay"))
            transaction.setMetadata(StoreFixture.bytes("rejected: \(marker)"), forKey: "rejected")
        }
        try store.write { $0.append(StoreFixture.bytes("kept: C-1003")) }
        #expect(
            try RawFiles.containing(marker, under: directory.path).count == 2,
            "the grep finds the marker before erasure")

        // Erasure as the replica does it: drop the metadata entry, then compact with a
        // snapshot whose state no longer holds the customer.
        try store.write { $0.setMetadata(nil, forKey: "rejected") }
        try store.compact(snapshot: StoreFixture.bytes("C-1001: erased; C-1002; C-1003"))
        #expect(try RawFiles.containing(marker, under: directory.path).isEmpty)
        #expect(try RawFiles.containing("Aino", under: directory.path).isEmpty)
        #expect(try RawFiles.containing("+358401234567", under: directory.path).isEmpty)
        #expect(try StoreFixture.storeFiles(directory.path).count == 2)
        #expect(try store.readContents().records.isEmpty)
    }

    @Test("a crash at every step of a compaction recovers to the old or the new generation")
    func crashAtEveryStep() throws {
        let work = try TemporaryDirectory(prefix: "store-compact-crash")
        defer { work.remove() }
        let source = work.appending("source")
        let store = try Store.open(at: source)
        try store.write { $0.append(StoreFixture.bytes("r1")) }
        try store.compact(snapshot: StoreFixture.bytes("old state"))
        try store.write { transaction in
            transaction.append(StoreFixture.bytes("r2"))
            transaction.setMetadata(StoreFixture.bytes("c2"), forKey: "cursor")
        }
        store.close()
        let before = work.appending("before")
        try StoreFixture.copyDirectory(source, to: before)
        let reopened = try Store.open(at: source)
        try reopened.compact(snapshot: StoreFixture.bytes("new state"))
        reopened.close()
        let after = work.appending("after")
        try StoreFixture.copyDirectory(source, to: after)

        let oldLog = "log-0000000000000002"
        let oldSnapshot = "snapshot-0000000000000002"
        let newLog = "log-0000000000000003"
        let newSnapshot = "snapshot-0000000000000003"
        let old = StoreContents(
            snapshot: StoreFixture.bytes("old state"), records: [StoreFixture.bytes("r2")],
            metadata: ["cursor": StoreFixture.bytes("c2")])
        let new = StoreContents(
            snapshot: StoreFixture.bytes("new state"), records: [], metadata: ["cursor": StoreFixture.bytes("c2")])
        let newLogBytes = try StoreFixture.read(after + "/" + newLog)
        let newSnapshotBytes = try StoreFixture.read(after + "/" + newSnapshot)

        // Each step: the new files that exist on disk (name → bytes), the old files still
        // present, and the generation recovery must land on.
        let steps: [(String, [String: [UInt8]], [String], StoreContents)] = [
            ("log temp half written", [newLog + ".tmp": Array(newLogBytes.prefix(10))], [oldLog, oldSnapshot], old),
            ("log temp written", [newLog + ".tmp": newLogBytes], [oldLog, oldSnapshot], old),
            (
                "both temps written", [newLog + ".tmp": newLogBytes, newSnapshot + ".tmp": newSnapshotBytes],
                [oldLog, oldSnapshot], old
            ),
            (
                "log renamed", [newLog: newLogBytes, newSnapshot + ".tmp": Array(newSnapshotBytes.prefix(5))],
                [oldLog, oldSnapshot], old
            ),
            (
                "snapshot renamed (commit)", [newLog: newLogBytes, newSnapshot: newSnapshotBytes],
                [oldLog, oldSnapshot], new
            ),
            ("old log removed", [newLog: newLogBytes, newSnapshot: newSnapshotBytes], [oldSnapshot], new),
            ("old files removed", [newLog: newLogBytes, newSnapshot: newSnapshotBytes], [], new),
        ]
        for (index, step) in steps.enumerated() {
            let (name, newFiles, oldFiles, expected) = step
            let crashed = work.appending("step-\(index)")
            try FileManager.default.createDirectory(atPath: crashed, withIntermediateDirectories: true)
            for file in oldFiles {
                try FileManager.default.copyItem(atPath: before + "/" + file, toPath: crashed + "/" + file)
            }
            for (file, bytes) in newFiles { try StoreFixture.write(bytes, to: crashed + "/" + file) }
            let verification = try Store.verify(at: crashed)
            #expect(!verification.hasFatalProblems, "\(name): \(verification)")
            let recovered = try Store.open(at: crashed)
            #expect(try recovered.readContents() == expected, "\(name)")
            let leftovers = newFiles.count + oldFiles.count - 2
            #expect(recovered.recoveryReport.removedFiles.count == leftovers, "\(name)")
            recovered.close()
            #expect(try StoreFixture.storeFiles(crashed).count == 2, "\(name): leftovers removed")
        }
    }

    @Test("a crash while creating a store (log renamed, snapshot not yet) is started over")
    func interruptedCreation() throws {
        let directory = try TemporaryDirectory(prefix: "store-create-crash")
        defer { directory.remove() }
        let store = try Store.open(at: directory.path)
        store.close()
        let snapshot = directory.appending("snapshot-0000000000000001")
        try StoreFixture.write(Array(try StoreFixture.read(snapshot).prefix(9)), to: snapshot + ".tmp")
        try FileManager.default.removeItem(atPath: snapshot)
        let reopened = try Store.open(at: directory.path)
        defer { reopened.close() }
        #expect(reopened.recoveryReport.created)
        #expect(reopened.recoveryReport.removedFiles.contains("log-0000000000000001"))
        #expect(try StoreFixture.storeFiles(directory.path) == ["log-0000000000000001", "snapshot-0000000000000001"])

        // A log that holds records is never discarded for lack of a snapshot.
        try reopened.write { $0.append(StoreFixture.bytes("precious")) }
        reopened.close()
        try FileManager.default.removeItem(atPath: snapshot)
        let error = #expect(throws: StoreError.self) { try Store.open(at: directory.path) }
        #expect(error?.description.contains("no snapshot") == true)
    }

    @Test("needsCompaction follows the threshold and the snapshot ratio")
    func trigger() throws {
        let directory = try TemporaryDirectory(prefix: "store-compact-trigger")
        defer { directory.remove() }
        var options = StoreOptions()
        options.compactionThreshold = 200
        options.compactionRatio = 1.0
        let store = try Store.open(at: directory.path, options: options)
        defer { store.close() }
        #expect(!store.needsCompaction)
        try store.write { $0.append([UInt8](repeating: 7, count: 300)) }
        #expect(store.needsCompaction)
        try store.compact(snapshot: [UInt8](repeating: 1, count: 1000))
        #expect(!store.needsCompaction)
        #expect(store.logSize == 24)
        try store.write { $0.append([UInt8](repeating: 7, count: 300)) }
        #expect(!store.needsCompaction, "the log is still smaller than the snapshot")
    }
}
