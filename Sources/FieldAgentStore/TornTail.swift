/// An incomplete last record found when a log was opened: the write was cut short by a
/// crash before it was acknowledged, so its bytes were discarded.
public struct TornTail: Sendable, Equatable, CustomStringConvertible {
    /// The log file.
    public var file: String
    /// Where the valid data ends; the file was truncated to this size.
    public var offset: Int
    /// How many bytes were discarded.
    public var discardedBytes: Int

    /// A torn tail of `discardedBytes` bytes at `offset` in `file`.
    public init(file: String, offset: Int, discardedBytes: Int) {
        self.file = file
        self.offset = offset
        self.discardedBytes = discardedBytes
    }

    public var description: String {
        "discarded an incomplete last record in \(file): \(discardedBytes) bytes at byte offset \(offset)"
    }
}
