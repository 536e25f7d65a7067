/// Appends little-endian integers and length-prefixed fields to a byte array.
///
/// The one encoder behind every on-disk structure, so the format is defined in one place.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func appendRaw(_ data: some Collection<UInt8>) { bytes.append(contentsOf: data) }

    /// A `UInt32` byte count followed by the bytes.
    mutating func appendField(_ data: [UInt8]) {
        append(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    /// A UTF-8 string as a length-prefixed field.
    mutating func appendField(_ text: String) { appendField(Array(text.utf8)) }

    /// Overwrites the `UInt32` at `offset` (for back-patching lengths and checksums).
    mutating func patch(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}
