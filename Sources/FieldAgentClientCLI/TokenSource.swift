import FieldAgentCommandKit
import FieldAgentSystem
import Foundation

/// Where `init` takes the agent's token from: standard input or a private file keep it out of
/// `ps` and shell history; a value on the command line still works, with a warning.
enum TokenSource: Sendable, Equatable {
    /// `--token VALUE`.
    case argument(String)
    /// `--token -`: the first line of standard input.
    case standardInput
    /// `--token-file PATH`: the first line of a file only its owner can read or write.
    case file(String)

    /// Reads `--token` or `--token-file` (exactly one).
    init(_ a: inout ArgumentCursor) throws(UsageError) {
        let value = try a.option("--token")
        let file = try a.option("--token-file")
        switch (value, file) {
        case (nil, nil):
            throw UsageError("missing --token - (read from standard input) or --token-file PATH", usage: a.usage)
        case (_?, _?): throw UsageError("give either --token or --token-file, not both", usage: a.usage)
        case ("-"?, nil): self = .standardInput
        case (let value?, nil): self = .argument(value)
        case (nil, let path?): self = .file(path)
        }
    }

    /// The token, or a ``CLIError`` naming what is wrong (never the token itself).
    func read(_ console: Console) throws(CLIError) -> String {
        switch self {
        case .argument(let value):
            console.err(
                "warning: a token on the command line can be seen in `ps` and shell history; "
                    + "use --token - (standard input) or --token-file PATH instead")
            return value
        case .standardInput:
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try TokenSource.firstLine(Array(data), from: "standard input")
        case .file(let path):
            let mode: UInt32?
            do {
                mode = try FileSystem.permissions(path)
            } catch {
                throw .tokenUnreadable("cannot read the token file \(path): \(error.description)")
            }
            guard let mode else { throw .tokenUnreadable("there is no token file \(path)") }
            guard mode & 0o077 == 0 else {
                throw .tokenUnreadable(
                    "the token file \(path) can be read by others (mode \(String(mode, radix: 8))); "
                        + "run `chmod 600 \(path)` first")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .tokenUnreadable("cannot read the token file \(path)")
            }
            return try TokenSource.firstLine(Array(data), from: path)
        }
    }

    private static func firstLine(_ bytes: [UInt8], from source: String) throws(CLIError) -> String {
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let token = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { throw .tokenUnreadable("no token in \(source)") }
        return token
    }
}
