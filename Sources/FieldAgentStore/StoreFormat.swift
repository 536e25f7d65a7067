/// Constants of the on-disk format, shared by the log and snapshot files.
///
/// Every file starts with a magic number (so a stray file is never parsed as a store file)
/// and the format version it was written with (so an older program refuses a newer file
/// instead of misreading it).
enum StoreFormat {
    /// The version this code writes. Older versions are upgraded through ``StoreMigrator``.
    static let currentVersion: UInt32 = 1

    /// `FALOG` + CR LF SUB, PNG-style: line-ending conversion or text-mode copies break it visibly.
    static let logMagic: [UInt8] = Array("FALOG".utf8) + [0x0D, 0x0A, 0x1A]
    /// `FASNP` + CR LF SUB.
    static let snapshotMagic: [UInt8] = Array("FASNP".utf8) + [0x0D, 0x0A, 0x1A]

    /// Log header: magic (8), version (4), generation (8), header CRC (4).
    static let logHeaderSize = 24
    /// Record frame header: payload length (4), CRC of the length (4), CRC of the payload (4).
    static let frameHeaderSize = 12
    /// Snapshot header: magic (8), version (4), generation (8), body length (8), header CRC (4).
    static let snapshotHeaderSize = 32
    /// Snapshot bodies are checksummed in chunks of this size, so a flipped bit is located
    /// to within one chunk.
    static let snapshotChunkSize = 64 * 1024
    /// Chunk header: data length (4), CRC of the data (4).
    static let chunkHeaderSize = 8

    /// Frame payload kind: one committed transaction.
    static let transactionKind: UInt8 = 1
    /// Metadata change tags inside a transaction.
    static let metadataSet: UInt8 = 1
    static let metadataRemove: UInt8 = 2
}
