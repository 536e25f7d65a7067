import FieldAgentCore
import Foundation

/// The protocol's golden examples under `Fixtures/wire/`, which protocol.md embeds verbatim.
public enum WireFixture {
    /// The fixture directory.
    public static let directory = BuiltProduct.packageRoot().appendingPathComponent("Fixtures/wire")

    /// The answer scenarios: one file per answer of protocol.md's "Questions a client writer asks",
    /// requests a test replays against the server with what each must get back.
    public static let answersDirectory = directory.appendingPathComponent("answers")

    /// Every fixture's file name, sorted; subdirectories such as ``answersDirectory`` are not fixtures.
    public static func names() throws -> [String] { try files(in: directory) }

    /// Every answer scenario's file name, sorted.
    public static func answerNames() throws -> [String] { try files(in: answersDirectory) }

    /// An answer scenario, parsed.
    public static func answer(_ name: String) throws -> Value {
        try JSON.parse(try String(contentsOf: answersDirectory.appendingPathComponent(name), encoding: .utf8))
    }

    /// The names of the files (not directories) in `directory`, sorted.
    static func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && !isDirectory.boolValue
        }.sorted()
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
