import FieldAgentCore
import Foundation

/// The protocol's golden examples under `Fixtures/wire/`, which protocol.md embeds verbatim.
public enum WireFixture {
    /// The fixture directory.
    public static let directory = BuiltProduct.packageRoot().appendingPathComponent("Fixtures/wire")

    /// Every fixture's file name, sorted.
    public static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The file's text.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The file's bytes, as a server would send them.
    public static func bytes(_ name: String) throws -> [UInt8] { Array(try text(name).utf8) }

    /// A JSON fixture, parsed.
    public static func value(_ name: String) throws -> Value { try JSON.parse(try text(name)) }

    /// The bytes an annotated hex fixture spells: hex pairs, `#` starts a comment.
    public static func hexBytes(_ name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for line in try text(name).split(separator: "\n") {
            let data = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            for pair in data.split(separator: " ") {
                guard pair.count == 2, let byte = UInt8(pair, radix: 16) else { throw HexError(pair: String(pair)) }
                bytes.append(byte)
            }
        }
        return bytes
    }

    /// A hex fixture holds something other than hex pairs.
    public struct HexError: Error, CustomStringConvertible {
        /// The offending text.
        public var pair: String
        public var description: String { "not a hex byte: \(pair)" }
    }
}
