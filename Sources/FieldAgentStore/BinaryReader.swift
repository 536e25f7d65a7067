/// Reads what ``BinaryWriter`` wrote, refusing to run past the end.
///
/// Failures throw ``StoreDecodingError`` carrying the absolute file offset so that callers
/// can report exactly where a file stopped making sense.
struct BinaryReader {
    let bytes: [UInt8]
    /// Index of the next byte to read.
    private(set) var position: Int
    /// Index one past the last readable byte.
    let end: Int
    /// Added to `position` to give the offset in the file, for error messages.
    let fileOffsetBase: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, fileOffsetBase: Int = 0) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
        self.fileOffsetBase = fileOffsetBase
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }
    var fileOffset: Int { fileOffsetBase + position }

    private mutating func need(_ count: Int, _ what: String) throws(StoreDecodingError) {
        if count < 0 || remaining < count {
            throw StoreDecodingError(offset: fileOffset, reason: "\(what) runs past the end of its data")
        }
    }

    mutating func readUInt8(_ what: String) throws(StoreDecodingError) -> UInt8 {
        try need(1, what)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt32(_ what: String) throws(StoreDecodingError) -> UInt32 {
        try need(4, what)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << (8 * index) }
        position += 4
        return value
    }

    mutating func readUInt64(_ what: String) throws(StoreDecodingError) -> UInt64 {
        try need(8, what)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << (8 * index) }
        position += 8
        return value
    }

    /// A `UInt32` count of items that each take at least `minimumItemSize` bytes. A count the
    /// remaining bytes cannot hold is damage, reported at the count's offset, so that a caller
    /// may reserve room for `count` items.
    mutating func readCount(_ what: String, minimumItemSize: Int) throws(StoreDecodingError) -> Int {
        let start = fileOffset
        let count = Int(try readUInt32(what))
        guard count <= remaining / max(minimumItemSize, 1) else {
            throw StoreDecodingError(offset: start, reason: "\(what) is larger than the bytes that remain")
        }
        return count
    }

    mutating func readRaw(_ count: Int, _ what: String) throws(StoreDecodingError) -> [UInt8] {
        try need(count, what)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// A `UInt32`-length-prefixed field.
    mutating func readField(_ what: String) throws(StoreDecodingError) -> [UInt8] {
        let count = try readUInt32(what)
        return try readRaw(Int(count), what)
    }

    /// A length-prefixed UTF-8 string. Invalid UTF-8 is damage, reported at the length's offset:
    /// writers only ever store valid strings, and repairing it would make the decoded key differ
    /// from the stored bytes (so a rewrite would silently change them).
    mutating func readString(_ what: String) throws(StoreDecodingError) -> String {
        let start = fileOffset
        let field = try readField(what)
        guard let string = String(validating: field, as: UTF8.self) else {
            throw StoreDecodingError(offset: start, reason: "\(what) is not valid UTF-8")
        }
        return string
    }
}
