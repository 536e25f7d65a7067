import FieldAgentCore

/// The payload of one record in the server's change segments: a change with its sequence, or the
/// hole an erasure left where a change was.
///
/// A header comes first, so opening the storage indexes a record without decoding its change:
/// kind, sequence, replica id and counter; for a change also customer, agent, whether it erases,
/// and its HLC stamp; then the change in ``ChangeCodec`` form. A hole keeps only the id (no
/// personal data), so counters stay seen and high-water marks stay where they were, padded with
/// zeros to the length of the record it replaces.
enum ChangeRecord {
    static let changeKind: UInt8 = 1
    static let holeKind: UInt8 = 2

    /// What opening reads of a record.
    struct Header: Sendable {
        var sequence: UInt64
        var id: ChangeID
        /// Nil for a hole.
        var customer: String?
        var agent: String
        var erases: Bool
        var hlc: HLCTimestamp
    }

    static func encode(_ change: Change, sequence: UInt64) -> [UInt8] {
        var w = BinaryWriter(capacity: 128)
        w.byte(changeKind)
        w.varint(sequence)
        w.string(change.id.replica)
        w.varint(change.id.counter)
        w.string(change.target.customer)
        w.string(change.agent)
        w.byte(change.op == .erase ? 1 : 0)
        w.varint(UInt64(bitPattern: change.hlc.wallMillis))
        w.varint(UInt64(change.hlc.logical))
        w.raw(ChangeCodec.encode([change]))
        return w.bytes
    }

    /// A hole of exactly `length` bytes for the change `id` stored under `sequence`.
    static func hole(sequence: UInt64, id: ChangeID, length: Int) -> [UInt8] {
        var w = BinaryWriter(capacity: length)
        w.byte(holeKind)
        w.varint(sequence)
        w.string(id.replica)
        w.varint(id.counter)
        var bytes = w.bytes
        if bytes.count < length { bytes += [UInt8](repeating: 0, count: length - bytes.count) }
        return bytes
    }

    static func header(_ reader: inout BinaryReader) throws(DecodeError) -> Header {
        let kind = try reader.byte()
        guard kind == changeKind || kind == holeKind else {
            throw DecodeError(offset: 0, problem: "unknown change record kind")
        }
        let sequence = try reader.varint()
        let id = ChangeID(replica: try reader.string(), counter: try reader.varint())
        guard kind == changeKind else {
            return Header(sequence: sequence, id: id, customer: nil, agent: "", erases: false, hlc: .zero)
        }
        let customer = try reader.string()
        let agent = try reader.string()
        let erases = try reader.byte() == 1
        let wall = Int64(bitPattern: try reader.varint())
        let logical = try reader.varint()
        guard logical <= UInt64(UInt32.max) else {
            throw DecodeError(offset: reader.offset, problem: "bad logical time")
        }
        return Header(
            sequence: sequence, id: id, customer: customer, agent: agent, erases: erases,
            hlc: HLCTimestamp(wallMillis: wall, logical: UInt32(logical)))
    }

    static func header(_ raw: UnsafeRawBufferPointer) throws(DecodeError) -> Header {
        var reader = BinaryReader(raw.assumingMemoryBound(to: UInt8.self))
        return try header(&reader)
    }

    /// The record's sequence and change; nil change for a hole.
    static func decode(_ bytes: [UInt8]) throws(DecodeError) -> (sequence: UInt64, change: Change?) {
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) in
            var reader = BinaryReader(buffer)
            let header = try header(&reader)
            guard header.customer != nil else { return (header.sequence, nil) }
            let changes = try ChangeCodec.decode(from: &reader)
            guard changes.count == 1, reader.isAtEnd, changes[0].id == header.id,
                changes[0].target.customer == header.customer
            else { throw DecodeError(offset: reader.offset, problem: "change record does not match its header") }
            return (header.sequence, changes[0])
        }
    }
}
