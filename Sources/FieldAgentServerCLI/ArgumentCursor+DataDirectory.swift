import FieldAgentCommandKit

extension ArgumentCursor {
    /// The required `--data DIR`.
    mutating func dataDirectory() throws(UsageError) -> String {
        guard let data = try option("--data") else { throw UsageError("missing --data DIR", usage: usage) }
        return data
    }
}
