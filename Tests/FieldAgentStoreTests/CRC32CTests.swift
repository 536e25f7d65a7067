import FieldAgentStore
import FieldAgentTestSupport
import Testing

@Suite("CRC32C")
struct CRC32CTests {
    @Test("check value of \"123456789\"")
    func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test("RFC 3720 (iSCSI) B.4 vectors")
    func iscsiVectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test("empty input")
    func empty() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test("incremental updates and every alignment agree with the bytewise definition")
    func incrementalMatchesBytewise() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let data = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 999, 1000] {
            let slice = Array(data[0..<length])
            let expected = Self.bitwise(slice)
            #expect(CRC32C.checksum(slice) == expected, "length \(length)")
            // A lazy sequence has no contiguous storage and takes the copying path.
            #expect(CRC32C.checksum(slice.lazy.map { $0 }) == expected, "length \(length), lazy")
            for split in [0, 1, 3, length / 2, length] where split <= length {
                let first = CRC32C.checksum(slice[0..<split])
                #expect(CRC32C.update(first, with: slice[split...]) == expected, "length \(length) split \(split)")
            }
        }
    }

    /// The textbook bit-at-a-time CRC-32C, as an independent reference.
    static func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
