/// Reads what ``BinaryWriter`` wrote, throwing ``DecodeError`` instead of trapping on truncated or hostile input.
public struct BinaryReader {
    let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var offset: Int = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }

    /// How many bytes are left to read.
    public var remaining: Int { bytes.count - offset }

    @inline(__always)
    public mutating func byte() throws(DecodeError) -> UInt8 {
        guard offset < bytes.count else { throw DecodeError(offset: offset, problem: "unexpected end of data") }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always)
    public mutating func varint() throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw DecodeError(offset: offset, problem: "varint too long") }
        }
    }

    @inline(__always)
    public mutating func int() throws(DecodeError) -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) else { throw DecodeError(offset: offset, problem: "count out of range") }
        return Int(v)
    }

    /// Reads the count of a list whose items each take at least `minimumItemSize` bytes.
    ///
    /// A count the remaining bytes cannot hold is damage or an attack, never data: it throws,
    /// naming the count's offset, so that a caller may reserve room for `count` items.
    public mutating func count(minimumItemSize: Int = 1) throws(DecodeError) -> Int {
        let start = offset
        let count = try int()
        guard count <= remaining / max(minimumItemSize, 1) else {
            throw DecodeError(offset: start, problem: "count larger than the bytes that remain")
        }
        return count
    }

    public mutating func signed() throws(DecodeError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    public mutating func fixed64() throws(DecodeError) -> UInt64 {
        var v: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { v |= UInt64(try byte()) << UInt64(shift) }
        return v
    }

    /// Moves past `count` bytes.
    public mutating func skip(_ count: Int) throws(DecodeError) {
        guard count >= 0, count <= bytes.count - offset else {
            throw DecodeError(offset: offset, problem: "unexpected end of data")
        }
        offset += count
    }

    /// Reads `count` bytes as they are.
    public mutating func raw(_ count: Int) throws(DecodeError) -> [UInt8] {
        let start = offset
        try skip(count)
        return Array(bytes[start..<offset])
    }

    public mutating func string() throws(DecodeError) -> String {
        let count = try int()
        guard count <= bytes.count - offset else {
            throw DecodeError(offset: offset, problem: "string runs past the end")
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<offset + count])
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw DecodeError(offset: offset, problem: "invalid UTF-8")
        }
        offset += count
        return s
    }
}
