/// Where the server's history stands, sent as headers on every push and pull answer (and on
/// `400 bad-cursor`), so a device can tell that the server lost or replaced what it had
/// acknowledged (protocol.md → Epochs and recovery).
public struct ServerMarks: Sendable, Hashable {
    /// The storage's history id: 32 lowercase hex digits, new after every rewind.
    public var epoch: String
    /// The highest sequence number in the log.
    public var lastSequence: UInt64
    /// The highest counter the server holds for the calling device's replica; nil when the
    /// request named no replica of the caller's.
    public var highWater: UInt64?

    public static let epochHeader = "FieldAgent-Epoch"
    public static let lastSequenceHeader = "FieldAgent-Last-Sequence"
    public static let highWaterHeader = "FieldAgent-High-Water"

    /// Marks with the given members.
    public init(epoch: String, lastSequence: UInt64, highWater: UInt64? = nil) {
        self.epoch = epoch
        self.lastSequence = lastSequence
        self.highWater = highWater
    }

    /// The marks as header fields.
    public var headers: [(name: String, value: String)] {
        var fields = [
            (ServerMarks.epochHeader, epoch), (ServerMarks.lastSequenceHeader, String(lastSequence)),
        ]
        if let highWater { fields.append((ServerMarks.highWaterHeader, String(highWater))) }
        return fields
    }

    /// Reads the marks from an answer's headers (`header` looks a name up, ignoring case); nil
    /// when the server sent none or sent them malformed (an older server: nothing to compare).
    public init?(header: (String) -> String?) {
        guard let epoch = header(ServerMarks.epochHeader), ServerMarks.isEpoch(epoch),
            let last = header(ServerMarks.lastSequenceHeader).flatMap(ServerMarks.canonical)
        else { return nil }
        let highWater = header(ServerMarks.highWaterHeader)
        if highWater != nil && highWater.flatMap(ServerMarks.canonical) == nil { return nil }
        self.init(epoch: epoch, lastSequence: last, highWater: highWater.flatMap(ServerMarks.canonical))
    }

    /// Whether `text` is an epoch: 32 lowercase hex digits.
    public static func isEpoch(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// An unsigned decimal written canonically (no sign, no leading zero), or nil.
    static func canonical(_ text: String) -> UInt64? {
        guard let value = UInt64(text), String(value) == text else { return nil }
        return value
    }
}
