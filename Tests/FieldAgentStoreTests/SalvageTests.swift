import FieldAgentStore
import FieldAgentTestSupport
import Foundation
import Testing

@Suite("Salvage of damaged stores")
struct SalvageTests {
    /// A compacted store: snapshot "state" with metadata `cursor=c0`, then five one-record
    /// transactions in the log, each setting `cursor`. Returns the frame offsets in the log.
    private func makeStore(_ directory: TemporaryDirectory) throws -> (log: String, snapshot: String, frames: [Int]) {
        let store = try Store.open(at: directory.path)
        defer { store.close() }
        try store.write { transaction in
            transaction.append(StoreFixture.bytes("compacted away"))
            transaction.setMetadata(StoreFixture.bytes("c0"), forKey: "cursor")
            transaction.setMetadata(StoreFixture.bytes("kept"), forKey: "config")
        }
        try store.compact(snapshot: StoreFixture.bytes("state"))
        var frames: [Int] = []
        for index in 1...5 {
            frames.append(store.logSize)
            try store.write { transaction in
                transaction.append(StoreFixture.bytes("record-\(index)"))
                transaction.setMetadata(StoreFixture.bytes("c\(index)"), forKey: "cursor")
            }
        }
        return (StoreFixture.logPath(store), StoreFixture.snapshotPath(store), frames)
    }

    private func records(_ salvage: StoreSalvage) -> [String] { salvage.records.map { StoreFixture.text($0.payload) } }

    /// Every file's name and bytes, to show that salvage changed nothing.
    private func files(_ directory: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            out[name] = try StoreFixture.read(directory + "/" + name)
        }
        return out
    }

    @Test("a healthy store salvages exactly what it holds")
    func healthy() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-healthy")
        defer { directory.remove() }
        let made = try makeStore(directory)
        let before = try files(directory.path)
        let salvage = try Store.salvage(at: directory.path)
        #expect(salvage.isComplete, "\(salvage.lost)")
        #expect(salvage.snapshot == StoreFixture.bytes("state"))
        #expect(salvage.snapshotFile == made.snapshot)
        #expect(records(salvage) == (1...5).map { "record-\($0)" })
        #expect(salvage.records.map(\.offset) == made.frames)
        #expect(salvage.metadata == ["cursor": StoreFixture.bytes("c5"), "config": StoreFixture.bytes("kept")])
        #expect(try files(directory.path) == before, "salvage writes nothing")
    }

    @Test("with the snapshot deleted, the log alone is read and the snapshot is named missing")
    func deletedSnapshot() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-snapshot")
        defer { directory.remove() }
        let made = try makeStore(directory)
        try FileManager.default.removeItem(atPath: made.snapshot)
        let before = try files(directory.path)
        let salvage = try Store.salvage(at: directory.path)
        #expect(salvage.snapshot == nil && salvage.snapshotFile == nil)
        #expect(records(salvage) == (1...5).map { "record-\($0)" })
        #expect(salvage.metadata == ["cursor": StoreFixture.bytes("c5")], "the snapshot's metadata is gone")
        #expect(
            salvage.lost == [SalvageLoss(file: made.snapshot, offset: nil, bytes: nil, reason: salvage.lost[0].reason)])
        #expect(salvage.lost[0].description.contains("\(made.snapshot) is missing"))
        #expect(try files(directory.path) == before, "salvage writes nothing")
    }

    @Test("with the log deleted, the snapshot and its metadata are kept and the log is named missing")
    func deletedLog() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-log")
        defer { directory.remove() }
        let made = try makeStore(directory)
        try FileManager.default.removeItem(atPath: made.log)
        let salvage = try Store.salvage(at: directory.path)
        #expect(salvage.snapshot == StoreFixture.bytes("state"))
        #expect(salvage.records.isEmpty)
        #expect(salvage.metadata == ["cursor": StoreFixture.bytes("c0"), "config": StoreFixture.bytes("kept")])
        #expect(salvage.lost.map(\.file) == [made.log] && salvage.lost[0].offset == nil, "\(salvage.lost)")
    }

    @Test("a byte flipped in the middle of the log costs only the frame that holds it")
    func flippedByteInTheMiddle() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-flip")
        defer { directory.remove() }
        let made = try makeStore(directory)
        var bytes = try StoreFixture.read(made.log)
        bytes[made.frames[2] + 14] ^= 0x20
        try StoreFixture.write(bytes, to: made.log)
        let salvage = try Store.salvage(at: directory.path)
        #expect(records(salvage) == ["record-1", "record-2", "record-4", "record-5"])
        #expect(salvage.metadata["cursor"] == StoreFixture.bytes("c5"))
        #expect(salvage.lost.count == 1)
        #expect(salvage.lost.first?.file == made.log)
        #expect(salvage.lost.first?.offset == made.frames[2])
        #expect(salvage.lost.first?.bytes == made.frames[3] - made.frames[2])
        #expect(salvage.lost.first?.reason.contains("checksum mismatch") == true)
        #expect(salvage.lost.first?.description.contains("record-") == false, "no payload in descriptions")
    }

    @Test("a flip at any byte of any frame loses that frame alone, even in its length", arguments: [UInt8(0x01), 0x80])
    func flipAtEveryByte(bit: UInt8) throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-every")
        defer { directory.remove() }
        let made = try makeStore(directory)
        let original = try StoreFixture.read(made.log)
        let ends = Array(made.frames.dropFirst()) + [original.count]
        for offset in made.frames[0]..<original.count {
            var damaged = original
            damaged[offset] ^= bit
            try StoreFixture.write(damaged, to: made.log)
            let salvage = try Store.salvage(at: directory.path)
            let frame = try #require(made.frames.lastIndex { $0 <= offset })
            var expected = (1...5).map { "record-\($0)" }
            expected.remove(at: frame)
            #expect(records(salvage) == expected, "flip at \(offset)")
            #expect(salvage.lost.count == 1, "flip at \(offset): \(salvage.lost)")
            #expect(salvage.lost.first?.offset == made.frames[frame], "flip at \(offset)")
            #expect(salvage.lost.first?.bytes == ends[frame] - made.frames[frame], "flip at \(offset)")
        }
    }

    @Test("a truncated log keeps the records before the cut and names the cut")
    func truncatedLog() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-truncated")
        defer { directory.remove() }
        let made = try makeStore(directory)
        let bytes = try StoreFixture.read(made.log)
        let cut = made.frames[3] + 5
        try StoreFixture.write(Array(bytes[0..<cut]), to: made.log)
        let salvage = try Store.salvage(at: directory.path)
        #expect(records(salvage) == ["record-1", "record-2", "record-3"])
        #expect(salvage.metadata["cursor"] == StoreFixture.bytes("c3"))
        #expect(
            salvage.lost == [
                SalvageLoss(file: made.log, offset: made.frames[3], bytes: 5, reason: salvage.lost[0].reason)
            ])
    }

    @Test("a damaged snapshot is named with its offset and the log is still read")
    func damagedSnapshot() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-bad-snapshot")
        defer { directory.remove() }
        let made = try makeStore(directory)
        var bytes = try StoreFixture.read(made.snapshot)
        bytes[bytes.count - 2] ^= 0x01
        try StoreFixture.write(bytes, to: made.snapshot)
        let salvage = try Store.salvage(at: directory.path)
        #expect(salvage.snapshot == nil)
        #expect(records(salvage) == (1...5).map { "record-\($0)" })
        #expect(salvage.lost.count == 1)
        #expect(salvage.lost.first?.file == made.snapshot && salvage.lost.first?.bytes == bytes.count)
        #expect(salvage.lost.first?.reason.contains("damaged at byte offset") == true, "\(salvage.lost)")
    }

    @Test("an empty directory holds nothing to salvage, and a missing one is an error")
    func emptyAndMissing() throws {
        let directory = try TemporaryDirectory(prefix: "store-salvage-empty")
        defer { directory.remove() }
        let salvage = try Store.salvage(at: directory.path)
        #expect(salvage.records.isEmpty && salvage.snapshot == nil && salvage.lost.count == 1)
        #expect(try StoreFixture.storeFiles(directory.path).isEmpty, "nothing was created")
        #expect(throws: StoreError.self) { try Store.salvage(at: directory.appending("none")) }
    }
}
