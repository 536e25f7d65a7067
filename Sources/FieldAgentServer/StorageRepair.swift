/// One repair opening the server's storage made, for the start line and `/metrics`.
public struct StorageRepair: Sendable, Equatable, CustomStringConvertible {
    /// The `/metrics` label: `torn-tail`, `leftover-files`, `unfinished-erasure` or `restore-confirmed`.
    public var kind: String
    /// What was repaired, for the operator: files and byte counts, never stored data.
    public var summary: String

    /// A repair of `kind` described by `summary`.
    public init(kind: String, summary: String) {
        self.kind = kind
        self.summary = summary
    }

    public var description: String { summary }
}
