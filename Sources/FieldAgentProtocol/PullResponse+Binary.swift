import FieldAgentCore

/// The compact binary form of a pull page, for clients that ask for it with
/// `Accept: application/vnd.fieldagent.page` (protocol.md → Binary pages).
///
/// JSON stays the default and the reference; this form carries the same page about seven times
/// smaller and decodes several times faster, which matters on a weak mobile connection and for a
/// device's first sync. Layout: the magic `FAPG`, a version byte, the cursor, `more`, the server
/// time, the purge list, then the changes in ``ChangeCodec`` form.
extension PullResponse {
    /// The first four bytes of a binary page.
    static let binaryMagic: [UInt8] = Array("FAPG".utf8)
    /// The page layout version.
    static let binaryVersion: UInt8 = 1

    /// The binary form.
    public var binary: [UInt8] {
        var w = BinaryWriter(capacity: changes.count * 64 + 64)
        w.raw(PullResponse.binaryMagic)
        w.byte(PullResponse.binaryVersion)
        w.string(cursor)
        w.byte(more ? 1 : 0)
        w.signed(serverTime)
        w.varint(UInt64(purge.count))
        for customer in purge { w.string(customer) }
        w.raw(ChangeCodec.encode(changes))
        return w.bytes
    }

    /// Reads what ``binary`` wrote; throws on anything else (wrong magic or version, truncated,
    /// an index out of range, bytes left over).
    public init(binary bytes: [UInt8]) throws(DecodeError) {
        self = try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) -> PullResponse in
            var r = BinaryReader(buffer)
            for expected in PullResponse.binaryMagic where try r.byte() != expected {
                throw DecodeError(offset: 0, problem: "not a FieldAgent page")
            }
            guard try r.byte() == PullResponse.binaryVersion else {
                throw DecodeError(offset: 4, problem: "unknown page version")
            }
            let cursor = try r.string()
            let more = try r.byte() != 0
            let serverTime = try r.signed()
            let purgeCount = try r.count()
            var purge: [String] = []
            purge.reserveCapacity(purgeCount)
            for _ in 0..<purgeCount { purge.append(try r.string()) }
            let changes = try ChangeCodec.decode(from: &r)
            guard r.isAtEnd else { throw DecodeError(offset: r.offset, problem: "trailing bytes") }
            return PullResponse(changes: changes, purge: purge, cursor: cursor, more: more, serverTime: serverTime)
        }
    }
}
