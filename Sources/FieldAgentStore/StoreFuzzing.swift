/// Package-only entry points for the fuzz targets (`fieldagent-fuzz store`): each decodes one
/// on-disk form from untrusted bytes and hands back what it read re-encoded, so a caller outside
/// the module can check that decoding returns or throws ``StoreError`` and that what decodes
/// re-encodes consistently. Nothing here is public API.
package enum StoreFuzzing {
    /// Scans `bytes` as a log file; returns the re-encoded valid prefix (header plus every
    /// decoded transaction's frame), the valid end and the torn tail's offset, if any.
    package static func log(_ bytes: [UInt8]) throws(StoreError) -> (reencoded: [UInt8], validEnd: Int, tornAt: Int?) {
        var transactions: [Transaction] = []
        let scan = try LogFile.scan(bytes, file: "fuzz.log") { transactions.append($0) }
        var out = LogFile.header(generation: scan.generation, version: scan.version)
        for transaction in transactions { LogFile.appendFrame(transaction.encoded(), to: &out) }
        return (out, scan.validEnd, scan.tornTail?.offset)
    }

    /// Decodes `bytes` as one frame payload; returns the transaction re-encoded.
    package static func transaction(_ bytes: [UInt8]) throws(StoreError) -> [UInt8] {
        var reader = BinaryReader(bytes)
        do throws(StoreDecodingError) {
            return try Transaction.decode(&reader).encoded()
        } catch {
            throw error.inFile("fuzz.transaction")
        }
    }

    /// Decodes `bytes` as a snapshot file; returns whether re-encoding what it read and decoding
    /// that again gives the same contents.
    package static func snapshot(_ bytes: [UInt8]) throws(StoreError) -> Bool {
        let contents = try SnapshotFile.decode(bytes, file: "fuzz.snapshot")
        return (try? SnapshotFile.decode(SnapshotFile.encode(contents), file: "again")) == contents
    }

    /// Valid encodings of each form, to seed a corpus: (form, bytes).
    package static func seeds() -> [(String, [UInt8])] {
        var tx = Transaction()
        tx.append(Array("first record".utf8))
        tx.append([])
        tx.setMetadata(Array("cursor-17".utf8), forKey: "sync.cursor")
        tx.setMetadata(nil, forKey: "old")
        var log = LogFile.header(generation: 3)
        LogFile.appendFrame(tx.encoded(), to: &log)
        LogFile.appendFrame(Transaction(records: [[1, 2, 3]], metadataChanges: []).encoded(), to: &log)
        let contents = SnapshotContents(
            generation: 4, state: Array(repeating: 7, count: 40), metadata: ["sync.cursor": [1, 2]],
            appliedMigrations: ["v1-to-v2"])
        return [
            ("log", log), ("transaction", tx.encoded()), ("snapshot", SnapshotFile.encode(contents)),
            (
                "empty-snapshot",
                SnapshotFile.encode(SnapshotContents(generation: 1, state: nil, metadata: [:], appliedMigrations: []))
            ),
        ]
    }
}
