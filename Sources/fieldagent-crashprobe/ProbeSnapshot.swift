/// The crash probe's snapshot: its record ids, one per line.
enum ProbeSnapshot {
    static func encode(_ ids: Set<String>) -> [UInt8] {
        Array(ids.sorted().joined(separator: "\n").utf8)
    }

    static func decode(_ bytes: [UInt8]?) -> [String] {
        guard let bytes, !bytes.isEmpty else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
