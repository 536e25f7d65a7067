/// The records and metadata changes of one `store.write { tx in … }` call.
///
/// Everything in a transaction is committed atomically: after a crash either all of it
/// is in the store or none of it. Records are opaque byte strings; the store never looks
/// inside them.
public struct Transaction: Sendable {
    /// The records appended so far, in order.
    public private(set) var records: [[UInt8]] = []
    private(set) var metadataChanges: [MetadataChange] = []

    init() {}

    /// Appends one record.
    public mutating func append(_ payload: [UInt8]) {
        records.append(payload)
    }

    /// Sets metadata `key` to `value` (or removes it when `value` is nil), committed together
    /// with this transaction's records: a sync cursor saved here moves exactly when the
    /// pulled data it covers is durable.
    public mutating func setMetadata(_ value: [UInt8]?, forKey key: String) {
        if let value {
            metadataChanges.append(.set(key: key, value: value))
        } else {
            metadataChanges.append(.remove(key: key))
        }
    }

    /// Whether the transaction would write nothing.
    public var isEmpty: Bool { records.isEmpty && metadataChanges.isEmpty }

    init(records: [[UInt8]], metadataChanges: [MetadataChange]) {
        self.records = records
        self.metadataChanges = metadataChanges
    }

    /// The frame payload: kind, records, metadata changes.
    func encoded() -> [UInt8] {
        var size = 16
        for record in records { size += 4 + record.count }
        var writer = BinaryWriter(capacity: size)
        writer.append(StoreFormat.transactionKind)
        writer.append(UInt32(records.count))
        for record in records { writer.appendField(record) }
        writer.append(UInt32(metadataChanges.count))
        for change in metadataChanges {
            switch change {
            case .set(let key, let value):
                writer.append(StoreFormat.metadataSet)
                writer.appendField(key)
                writer.appendField(value)
            case .remove(let key):
                writer.append(StoreFormat.metadataRemove)
                writer.appendField(key)
            }
        }
        return writer.bytes
    }

    /// Decodes a frame payload; `reader` spans exactly the payload.
    static func decode(_ reader: inout BinaryReader) throws(StoreDecodingError) -> Transaction {
        let start = reader.fileOffset
        let kind = try reader.readUInt8("record kind")
        guard kind == StoreFormat.transactionKind else {
            throw StoreDecodingError(offset: start, reason: "unknown record kind \(kind)")
        }
        // A record is at least its 4-byte length; a metadata change its tag and a key's 4-byte length.
        let recordCount = try reader.readCount("record count", minimumItemSize: 4)
        var records: [[UInt8]] = []
        records.reserveCapacity(recordCount)
        for _ in 0..<recordCount { records.append(try reader.readField("record")) }
        let changeCount = try reader.readCount("metadata change count", minimumItemSize: 5)
        var changes: [MetadataChange] = []
        changes.reserveCapacity(changeCount)
        for _ in 0..<changeCount {
            let tagOffset = reader.fileOffset
            switch try reader.readUInt8("metadata change") {
            case StoreFormat.metadataSet:
                let key = try reader.readString("metadata key")
                changes.append(.set(key: key, value: try reader.readField("metadata value")))
            case StoreFormat.metadataRemove:
                changes.append(.remove(key: try reader.readString("metadata key")))
            case let tag:
                throw StoreDecodingError(offset: tagOffset, reason: "unknown metadata change \(tag)")
            }
        }
        guard reader.isAtEnd else {
            throw StoreDecodingError(offset: reader.fileOffset, reason: "unexpected bytes after a transaction")
        }
        return Transaction(records: records, metadataChanges: changes)
    }
}
