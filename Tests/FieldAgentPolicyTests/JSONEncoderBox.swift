import Foundation

/// Encodes a value with Foundation's encoder into bytes for the strict reader.
enum JSONEncoderBox {
    static func encode(_ value: some Encodable) throws -> [UInt8] { Array(try JSONEncoder().encode(value)) }
}
