/// The result of parsing a log file: where its valid data ends and what it held.
struct LogScan {
    /// The generation written in the header.
    var generation: UInt64
    /// The format version written in the header.
    var version: UInt32
    /// Size of the valid prefix (header plus complete, checksummed records).
    var validEnd: Int
    /// The incomplete last record, if any.
    var tornTail: TornTail?
    /// Number of transactions in the valid prefix.
    var transactionCount = 0
    /// Number of records in the valid prefix.
    var recordCount = 0
}
