/// A strict JSON (RFC 8259) reader and writer over UTF-8 bytes.
///
/// Foundation's decoder is slow and lenient in places; this one rejects duplicate keys,
/// trailing garbage, lone surrogates and nesting deeper than 64, and produces ``Value``.
public enum JSON {
    /// Parses one JSON document.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> Value {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(JSONError) -> Value in
            var parser = JSONParser(bytes: buffer)
            return try parser.document()
        }
    }

    /// Parses the value starting at `offset` in `bytes` (after any white space), for readers of
    /// documents too large to hold whole. Returns it and the offset just past it; `depth` counts
    /// the containers around it, for the nesting limit. Error offsets count from `bytes`' start.
    static func parseValue(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, depth: Int) throws(JSONError) -> (
        value: Value, end: Int
    ) {
        var parser = JSONParser(bytes: bytes)
        parser.index = offset
        parser.depth = depth
        let value = try parser.embeddedValue()
        return (value, parser.index)
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String) throws(JSONError) -> Value { try parse(Array(text.utf8)) }

    /// Serializes `value` with sorted object keys; `pretty` indents by two spaces.
    public static func bytes(_ value: Value, pretty: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, pretty: pretty, depth: 0)
        return out
    }

    /// Serializes `value` as a string; see ``bytes(_:pretty:)``.
    public static func string(_ value: Value, pretty: Bool = false) -> String {
        String(decoding: bytes(value, pretty: pretty), as: UTF8.self)
    }

    static func write(_ value: Value, into out: inout [UInt8], pretty: Bool, depth: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                // Swift's shortest round-trip form; an integral value keeps its ".0" so it reads back
                // as a double, not an integer.
                out.append(contentsOf: String(d).utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): writeString(s, into: &out)
        case .list(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, depth: depth + 1)
                write(item, into: &out, pretty: pretty, depth: depth + 1)
            }
            newline(&out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, depth: depth + 1)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, into: &out, pretty: pretty, depth: depth + 1)
            }
            newline(&out, pretty: pretty, depth: depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, depth: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
