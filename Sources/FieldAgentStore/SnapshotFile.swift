/// Encoding of snapshot files.
///
/// A header (magic, version, generation, body length, header CRC) is followed by the body
/// in checksummed chunks of at most ``StoreFormat/snapshotChunkSize`` bytes, so a flipped
/// bit is reported with the offset of the chunk that holds it. The file is written to a
/// temporary name, synced and renamed, so a reader only ever sees a complete snapshot;
/// any damage is therefore corruption, never a torn write.
enum SnapshotFile {
    static func encode(_ contents: SnapshotContents, version: UInt32 = StoreFormat.currentVersion) -> [UInt8] {
        var body = BinaryWriter(capacity: (contents.state?.count ?? 0) + 64)
        if let state = contents.state {
            body.append(UInt8(1))
            body.appendField(state)
        } else {
            body.append(UInt8(0))
        }
        body.append(UInt32(contents.metadata.count))
        for key in contents.metadata.keys.sorted() {
            body.appendField(key)
            body.appendField(contents.metadata[key]!)
        }
        body.append(UInt32(contents.appliedMigrations.count))
        for name in contents.appliedMigrations { body.appendField(name) }

        let data = body.bytes
        var file = BinaryWriter(capacity: data.count + data.count / StoreFormat.snapshotChunkSize * 8 + 48)
        file.appendRaw(StoreFormat.snapshotMagic)
        file.append(version)
        file.append(contents.generation)
        file.append(UInt64(data.count))
        file.append(CRC32C.checksum(file.bytes))
        var start = 0
        while start < data.count {
            let end = min(start + StoreFormat.snapshotChunkSize, data.count)
            let chunk = data[start..<end]
            file.append(UInt32(chunk.count))
            file.append(CRC32C.checksum(chunk))
            file.appendRaw(chunk)
            start = end
        }
        return file.bytes
    }

    /// Decodes the whole file `file`; any mismatch throws naming the file and offset.
    static func decode(_ bytes: [UInt8], file: String) throws(StoreError) -> SnapshotContents {
        let headerSize = StoreFormat.snapshotHeaderSize
        guard bytes.count >= headerSize else {
            throw .corrupt(file: file, offset: bytes.count, reason: "the snapshot header is incomplete")
        }
        guard Array(bytes[0..<8]) == StoreFormat.snapshotMagic else {
            throw .corrupt(file: file, offset: 0, reason: "not a FieldAgent snapshot file (wrong magic number)")
        }
        // The header is known to be complete, so these reads cannot fail.
        var header = BinaryReader(bytes, from: 8, to: headerSize)
        let version = (try? header.readUInt32("version")) ?? 0
        let generation = (try? header.readUInt64("generation")) ?? 0
        let bodyLength = (try? header.readUInt64("body length")) ?? 0
        let check = (try? header.readUInt32("header checksum")) ?? 0
        guard CRC32C.checksum(bytes[0..<headerSize - 4]) == check else {
            throw .corrupt(file: file, offset: 0, reason: "snapshot header checksum mismatch")
        }
        guard version >= 1, version <= StoreFormat.currentVersion else {
            throw .unsupportedFormat(file: file, version: version, supported: StoreFormat.currentVersion)
        }
        do throws(StoreDecodingError) {
            var data: [UInt8] = []
            data.reserveCapacity(Int(min(bodyLength, UInt64(bytes.count))))
            var position = headerSize
            while UInt64(data.count) < bodyLength {
                var chunkHeader = BinaryReader(bytes, from: position)
                let length = Int(try chunkHeader.readUInt32("snapshot chunk length"))
                let chunkCheck = try chunkHeader.readUInt32("snapshot chunk checksum")
                let start = position + StoreFormat.chunkHeaderSize
                guard length > 0, length <= StoreFormat.snapshotChunkSize,
                    UInt64(data.count + length) <= bodyLength
                else {
                    throw StoreDecodingError(offset: position, reason: "snapshot chunk header is damaged")
                }
                guard length <= bytes.count - start else {
                    throw StoreDecodingError(offset: position, reason: "the snapshot ends inside a chunk")
                }
                let chunk = bytes[start..<start + length]
                guard CRC32C.checksum(chunk) == chunkCheck else {
                    throw StoreDecodingError(
                        offset: position, reason: "checksum mismatch in the \(length)-byte snapshot chunk starting here"
                    )
                }
                data.append(contentsOf: chunk)
                position = start + length
            }
            guard position == bytes.count else {
                throw StoreDecodingError(offset: position, reason: "unexpected bytes after the end of the snapshot")
            }
            return try decodeBody(data, generation: generation)
        } catch {
            throw error.inFile(file)
        }
    }

    private static func decodeBody(_ data: [UInt8], generation: UInt64) throws(StoreDecodingError)
        -> SnapshotContents
    {
        // Offsets inside the checksummed body are not file offsets; a structural error here
        // (after all checksums passed) means a writer bug, reported at the body's start.
        var reader = BinaryReader(data, fileOffsetBase: StoreFormat.snapshotHeaderSize)
        var contents = SnapshotContents(generation: generation, state: nil, metadata: [:], appliedMigrations: [])
        switch try reader.readUInt8("state marker") {
        case 0: break
        case 1: contents.state = try reader.readField("state")
        case let marker:
            throw StoreDecodingError(offset: StoreFormat.snapshotHeaderSize, reason: "unknown state marker \(marker)")
        }
        // A metadata entry is at least two 4-byte lengths; a migration name one.
        let metadataCount = try reader.readCount("metadata count", minimumItemSize: 8)
        for _ in 0..<metadataCount {
            let key = try reader.readString("metadata key")
            contents.metadata[key] = try reader.readField("metadata value")
        }
        let migrationCount = try reader.readCount("migration count", minimumItemSize: 4)
        contents.appliedMigrations.reserveCapacity(migrationCount)
        for _ in 0..<migrationCount { contents.appliedMigrations.append(try reader.readString("migration name")) }
        guard reader.isAtEnd else {
            throw StoreDecodingError(offset: StoreFormat.snapshotHeaderSize, reason: "unexpected bytes in the snapshot")
        }
        return contents
    }
}
