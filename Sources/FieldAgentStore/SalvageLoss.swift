/// One part of a damaged store that ``Store/salvage(at:)`` could not read: a missing file, or a
/// range of bytes in a file. Never quotes the bytes themselves (they may hold personal data).
public struct SalvageLoss: Sendable, Equatable, CustomStringConvertible {
    /// The file concerned (a full path).
    public var file: String
    /// Where the unreadable range starts; nil when the whole file is missing.
    public var offset: Int?
    /// How many bytes could not be read; nil when that is unknown (a missing file).
    public var bytes: Int?
    /// Why, without record contents.
    public var reason: String

    /// A loss of `bytes` bytes at `offset` in `file` (both nil for a missing file).
    public init(file: String, offset: Int?, bytes: Int?, reason: String) {
        self.file = file
        self.offset = offset
        self.bytes = bytes
        self.reason = reason
    }

    public var description: String {
        guard let offset else { return "\(file) is missing: \(reason)" }
        let size = bytes.map { "\($0) bytes" } ?? "the bytes"
        return "\(file): \(size) from byte offset \(offset) could not be read: \(reason)"
    }
}
