/// Character classes from RFC 9110 used to validate methods, field names and values.
enum HTTPTokenCharacters {
    private static let tokenTable: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Whether `byte` may appear in a token (method or field name).
    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        tokenTable[Int(byte)]
    }

    /// Whether `byte` may appear in a field value: tab, visible ASCII, space, or obs-text.
    @inline(__always)
    static func isFieldValue(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7f)
    }

    /// The value of an ASCII decimal digit, or `nil`.
    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
