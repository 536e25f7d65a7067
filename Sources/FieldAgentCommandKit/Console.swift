import FieldAgentCore
import Foundation

/// Where a command writes: standard output for results, standard error for problems and warnings.
///
/// Tests can capture both by passing their own closures.
public struct Console: Sendable {
    /// Writes one line of results (standard output).
    public var out: @Sendable (String) -> Void
    /// Writes one line about a problem or warning (standard error).
    public var err: @Sendable (String) -> Void

    /// Rewrites one status line on stderr in place (TTY progress); empty text ends the line.
    public var progress: @Sendable (String) -> Void

    /// A console over the given writers; `progress` does nothing unless given.
    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.out = out
        self.err = err
        self.progress = progress
    }

    /// The process's own stdout and stderr.
    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
        progress: { FileHandle.standardError.write(Data(($0.isEmpty ? "\r\u{1B}[K" : "\r\u{1B}[K" + $0).utf8)) })

    /// Prints one JSON document, pretty, on stdout.
    public func json(_ value: Value) { out(JSON.string(value, pretty: true)) }
}
