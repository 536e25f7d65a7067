import FieldAgentSystem
import Foundation

/// An append-only log of checksummed records in numbered segment files, read back one record at a
/// time by ``SegmentAddress``: the owner keeps addresses in memory, not records.
///
/// A segment file is a header (``magic``) and frames: payload length (4 bytes, little-endian),
/// CRC-32C of the payload (4 bytes), payload. A new segment starts once the active one reaches
/// ``targetSize``. An append is acknowledged after `fdatasync`; an append that fails is cut off
/// again, so nothing unacknowledged is found later. Opening cuts a torn tail off the last segment.
///
/// ``rewrite(segment:replacing:)`` swaps payloads for others of the same length (erasure writes
/// holes) by writing a new file and renaming it over the old, so every other address stays valid
/// and a crash leaves either the old file or the new one.
///
/// Thread safety: ``read(_:)`` may run on any thread at any time; ``append(_:)`` and ``rewrite``
/// must be called by one writer at a time (the owner's writer lock). Shared members are behind
/// `lock`; the active segment's size is touched only by the writer. Hence `@unchecked Sendable`.
public final class SegmentLog: @unchecked Sendable {
    /// The directory of segment files; nil when the log lives in memory only (tests, embedding).
    public let directory: String?
    /// The size at which a new segment starts.
    public let targetSize: Int

    static let magic: [UInt8] = Array("FASEGMT1".utf8)
    static let headerSize = 8
    /// The bytes before each payload: its length and checksum.
    public static let frameHeaderSize = 8
    static let fileSuffix = ".seg"

    let lock = NSLock()
    // Guarded by `lock`.
    var files: [UInt32: SegmentFile] = [:]
    var memory: [UInt32: [UInt8]] = [:]
    var isClosed = false
    // Touched by the writer only.
    var active: UInt32
    var activeSize: Int
    var sealedBytes = 0

    init(directory: String?, targetSize: Int, active: UInt32, activeSize: Int) {
        self.directory = directory
        self.targetSize = targetSize
        self.active = active
        self.activeSize = activeSize
    }

    /// A log in memory only: the same rules, nothing durable.
    public convenience init(targetSize: Int = 16 << 20) {
        self.init(directory: nil, targetSize: targetSize, active: 1, activeSize: SegmentLog.headerSize)
        memory[1] = SegmentLog.magic
    }

    static func name(_ segment: UInt32) -> String {
        let digits = String(segment, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits + fileSuffix
    }

    func path(_ segment: UInt32) -> String { (directory ?? "") + "/" + SegmentLog.name(segment) }

    static func frame(_ payload: [UInt8], into bytes: inout [UInt8]) {
        let length = UInt32(payload.count)
        let crc = CRC32C.checksum(payload)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: length >> shift)) }
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: crc >> shift)) }
        bytes.append(contentsOf: payload)
    }

    static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The number of segments and the bytes they hold.
    public var size: (segments: Int, bytes: Int) {
        lock.withLock {
            directory == nil
                ? (memory.count, memory.values.reduce(0) { $0 + $1.count }) : (files.count, sealedBytes + activeSize)
        }
    }

    // MARK: - Reading

    /// The payload of the record at `address`, checked against its checksum.
    public func read(_ address: SegmentAddress) throws(StoreError) -> [UInt8] {
        let bytes = try frameBytes(segment: address.segment, offset: address.offset, count: address.length)
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try payload(in: raw, at: 0, address: address) }
        }.get()
    }

    /// The payloads of the records at `addresses`, in the same order. Records that sit one after
    /// another in a segment are read with one call.
    public func read(_ addresses: [SegmentAddress]) throws(StoreError) -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(addresses.count)
        var start = 0
        while start < addresses.count {
            var end = start + 1
            while end < addresses.count, addresses[end].segment == addresses[start].segment,
                addresses[end].offset == addresses[end - 1].offset + addresses[end - 1].length,
                addresses[end].offset + addresses[end].length - addresses[start].offset <= 1 << 20
            {
                end += 1
            }
            let first = addresses[start]
            let last = addresses[end - 1]
            let bytes = try frameBytes(
                segment: first.segment, offset: first.offset, count: last.offset + last.length - first.offset)
            let run = bytes.withUnsafeBytes { raw in
                Result { () throws(StoreError) in
                    try addresses[start..<end].map { address throws(StoreError) in
                        try payload(in: raw, at: address.offset - first.offset, address: address)
                    }
                }
            }
            payloads += try run.get()
            start = end
        }
        return payloads
    }

    private func frameBytes(segment: UInt32, offset: Int, count: Int) throws(StoreError) -> [UInt8] {
        guard directory != nil else {
            let bytes = lock.withLock { () -> [UInt8]? in
                guard !isClosed, let segmentBytes = memory[segment], offset + count <= segmentBytes.count else {
                    return nil
                }
                return Array(segmentBytes[offset..<offset + count])
            }
            guard let bytes else {
                if lock.withLock({ isClosed }) { throw .closed(path: ":memory:") }
                throw .corrupt(file: SegmentLog.name(segment), offset: offset, reason: "no such frame")
            }
            return bytes
        }
        guard let file = lock.withLock({ isClosed ? nil : files[segment] }) else {
            throw isClosed
                ? .closed(path: directory ?? "") : .missingFile(path: path(segment), reason: "no such segment")
        }
        do {
            return try file.descriptor.read(at: offset, count: count)
        } catch {
            throw .io(action: "reading a record", error: error)
        }
    }

    private func payload(
        in raw: UnsafeRawBufferPointer, at position: Int, address: SegmentAddress
    ) throws(StoreError) -> [UInt8] {
        let file = SegmentLog.name(address.segment)
        guard raw.count >= position + address.length, address.length >= SegmentLog.frameHeaderSize else {
            throw .corrupt(file: file, offset: address.offset, reason: "record cut short")
        }
        let length = Int(SegmentLog.word(raw, at: position))
        guard length == address.length - SegmentLog.frameHeaderSize else {
            throw .corrupt(file: file, offset: address.offset, reason: "record length does not match the index")
        }
        let start = position + SegmentLog.frameHeaderSize
        let body = UnsafeRawBufferPointer(rebasing: raw[start..<start + length])
        guard CRC32C.update(0, body) == SegmentLog.word(raw, at: position + 4) else {
            throw .corrupt(file: file, offset: address.offset, reason: "record checksum mismatch")
        }
        return Array(body)
    }

    /// Releases the files. Further reads and writes fail.
    public func close() {
        lock.withLock {
            isClosed = true
            files = [:]
        }
    }
}
