/// The append-only log: a header, then one frame per committed transaction.
///
/// A frame is `length`, `CRC32C(length)`, `CRC32C(payload)`, `payload`. The separate length
/// checksum matters: without it, a flipped bit in a length field in the middle of the log
/// would look like an incomplete last record, and recovery would silently cut off
/// everything after it.
enum LogFile {
    /// The header of a log of `generation`.
    static func header(generation: UInt64, version: UInt32 = StoreFormat.currentVersion) -> [UInt8] {
        var writer = BinaryWriter(capacity: StoreFormat.logHeaderSize)
        writer.appendRaw(StoreFormat.logMagic)
        writer.append(version)
        writer.append(generation)
        writer.append(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Appends the frame for `payload` to `buffer`.
    static func appendFrame(_ payload: [UInt8], to buffer: inout [UInt8]) {
        var writer = BinaryWriter(capacity: StoreFormat.frameHeaderSize)
        let length = UInt32(payload.count)
        writer.append(length)
        writer.append(CRC32C.checksum(writer.bytes))
        writer.append(CRC32C.checksum(payload))
        buffer.append(contentsOf: writer.bytes)
        buffer.append(contentsOf: payload)
    }

    /// Parses `bytes` (the whole file `file`), calling `visit` for each committed transaction.
    ///
    /// An incomplete last frame (cut short, or zero-filled by a crash) is reported as a torn
    /// tail; any other damage throws ``StoreError/corrupt(file:offset:reason:)``.
    static func scan(
        _ bytes: [UInt8], file: String, visit: (Transaction) -> Void = { _ in }
    ) throws(StoreError) -> LogScan {
        let (generation, version) = try readHeader(bytes, file: file)
        var scan = LogScan(generation: generation, version: version, validEnd: StoreFormat.logHeaderSize)
        var position = StoreFormat.logHeaderSize
        frames: while position < bytes.count {
            switch readFrame(bytes, at: position) {
            case .transaction(let transaction, let end):
                visit(transaction)
                scan.transactionCount += 1
                scan.recordCount += transaction.records.count
                position = end
                scan.validEnd = end
            case .torn:
                scan.tornTail = TornTail(file: file, offset: position, discardedBytes: bytes.count - position)
                break frames
            case .damaged(let error, _):
                throw error.inFile(file)
            }
        }
        return scan
    }

    /// Reads the frame starting at `position` (which must be inside `bytes`).
    static func readFrame(_ bytes: [UInt8], at position: Int) -> LogFrame {
        guard bytes.count - position >= StoreFormat.frameHeaderSize else { return .torn }
        // The header is known to be complete, so these reads cannot fail.
        var reader = BinaryReader(bytes, from: position)
        let length = Int((try? reader.readUInt32("record length")) ?? 0)
        let lengthCheck = (try? reader.readUInt32("record length checksum")) ?? 0
        let payloadCheck = (try? reader.readUInt32("record checksum")) ?? 0
        if CRC32C.checksum(bytes[position..<position + 4]) != lengthCheck {
            if bytes[position...].allSatisfy({ $0 == 0 }) { return .torn }
            return .damaged(StoreDecodingError(offset: position, reason: "record header checksum mismatch"), end: nil)
        }
        let payloadStart = position + StoreFormat.frameHeaderSize
        if length > bytes.count - payloadStart { return .torn }
        let payloadEnd = payloadStart + length
        let actual = bytes.withUnsafeBytes {
            CRC32C.update(0, UnsafeRawBufferPointer(rebasing: $0[payloadStart..<payloadEnd]))
        }
        if actual != payloadCheck {
            let reason = "checksum mismatch in the \(length)-byte record starting here"
            return .damaged(StoreDecodingError(offset: position, reason: reason), end: payloadEnd)
        }
        var payload = BinaryReader(bytes, from: payloadStart, to: payloadEnd)
        do {
            return .transaction(try Transaction.decode(&payload), end: payloadEnd)
        } catch {
            return .damaged(error, end: payloadEnd)
        }
    }

    /// The first position after `position` where a complete, checksummed frame starts; nil when none
    /// does. A salvage resumes there after a frame whose length was damaged: a frame matches by
    /// chance only if both its 32-bit checksums do.
    static func nextFrame(in bytes: [UInt8], after position: Int) -> Int? {
        var candidate = position + 1
        while candidate + StoreFormat.frameHeaderSize <= bytes.count {
            var reader = BinaryReader(bytes, from: candidate + 4)
            let lengthCheck = (try? reader.readUInt32("record length checksum")) ?? 0
            if CRC32C.checksum(bytes[candidate..<candidate + 4]) == lengthCheck,
                case .transaction = readFrame(bytes, at: candidate)
            {
                return candidate
            }
            candidate += 1
        }
        return nil
    }

    /// Validates the header; returns the generation and format version.
    static func readHeader(_ bytes: [UInt8], file: String) throws(StoreError) -> (UInt64, UInt32) {
        let size = StoreFormat.logHeaderSize
        guard bytes.count >= size else {
            throw .corrupt(file: file, offset: bytes.count, reason: "the log header is incomplete")
        }
        guard Array(bytes[0..<8]) == StoreFormat.logMagic else {
            throw .corrupt(file: file, offset: 0, reason: "not a FieldAgent log file (wrong magic number)")
        }
        var reader = BinaryReader(bytes, from: 8, to: size)
        let version = (try? reader.readUInt32("version")) ?? 0
        let generation = (try? reader.readUInt64("generation")) ?? 0
        let check = (try? reader.readUInt32("header checksum")) ?? 0
        guard CRC32C.checksum(bytes[0..<size - 4]) == check else {
            throw .corrupt(file: file, offset: 0, reason: "log header checksum mismatch")
        }
        guard version >= 1, version <= StoreFormat.currentVersion else {
            throw .unsupportedFormat(file: file, version: version, supported: StoreFormat.currentVersion)
        }
        return (generation, version)
    }
}
