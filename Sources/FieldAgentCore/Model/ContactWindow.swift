/// A daily window of local time, written `HH:MM-HH:MM`, e.g. `17:00-19:00`.
public struct ContactWindow: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Minutes after local midnight.
    public var start: Int
    /// Minutes after local midnight; later than `start`.
    public var end: Int

    public init?(start: Int, end: Int) {
        guard 0 <= start, start < end, end <= 24 * 60 else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` with the start before the end.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = ContactWindow.minutes(parts[0]), let end = ContactWindow.minutes(parts[1])
        else { return nil }
        self.init(start: start, end: end)
    }

    public var description: String { "\(ContactWindow.clock(start))-\(ContactWindow.clock(end))" }

    /// Formats minutes after midnight as `HH:MM`.
    public static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func minutes(_ text: Substring) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            bytes.allSatisfy({ $0 == UInt8(ascii: ":") || (48...57).contains($0) })
        else { return nil }
        let h = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        let m = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
        guard h <= 24, m < 60, h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let window = ContactWindow(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a window (HH:MM-HH:MM)")
        }
        self = window
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
