import FieldAgentCore

extension ArgumentCursor {
    /// Parses `--from YYYY-MM-DD` and `--to YYYY-MM-DD`, checking their order; both are optional.
    public mutating func period() throws(UsageError) -> (from: LocalDate?, to: LocalDate?) {
        var from: LocalDate?
        var to: LocalDate?
        if let f = try option("--from") {
            guard let d = LocalDate(f) else { throw UsageError("--from must be YYYY-MM-DD", usage: usage) }
            from = d
        }
        if let t = try option("--to") {
            guard let d = LocalDate(t) else { throw UsageError("--to must be YYYY-MM-DD", usage: usage) }
            to = d
        }
        if let from, let to, from > to { throw UsageError("--from must not be after --to", usage: usage) }
        return (from, to)
    }
}
