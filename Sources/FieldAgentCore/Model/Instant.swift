/// A moment in time as milliseconds since 1970-01-01T00:00:00Z, written in RFC 3339 (`2026-11-29T09:30:00Z`).
///
/// The core never reads the system clock: callers pass instants in, so policy and merge stay
/// deterministic and testable.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// The instant at `minutes` after midnight UTC of `date`.
    public init(date: LocalDate, minutesUTC: Int = 0) {
        millisecondsSinceEpoch = (Int64(date.daysSinceEpoch) * 1440 + Int64(minutesUTC)) * 60_000
    }

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        guard b.count >= 20, let date = LocalDate(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":")
        else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var v = 0
            for c in b[r] {
                guard (48...57).contains(c) else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let h = digits(11..<13), let m = digits(14..<16), let s = digits(17..<19), h < 24, m < 60, s < 61
        else { return nil }
        var i = 19
        var millis = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 100
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                millis += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = digits(i + 1..<i + 3), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                let om = digits(i + 4..<i + 6), oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let minutes = Int64(date.daysSinceEpoch) * 1440 + Int64(h * 60 + m - offset)
        millisecondsSinceEpoch = (minutes * 60 + Int64(s)) * 1000 + Int64(millis)
    }

    /// The UTC calendar date of this instant.
    public var utcDate: LocalDate {
        LocalDate(daysSinceEpoch: Int(millisecondsSinceEpoch.floorDivided(by: 86_400_000)))
    }

    /// This instant moved by `seconds`.
    public func adding(seconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000)
    }

    /// RFC 3339 in UTC, with milliseconds only when they are not zero.
    public var description: String {
        let day = millisecondsSinceEpoch.floorDivided(by: 86_400_000)
        let rest = millisecondsSinceEpoch - day * 86_400_000
        let seconds = rest / 1000
        let millis = rest % 1000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var text =
            "\(LocalDate(daysSinceEpoch: Int(day)))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if millis != 0 {
            let m = String(millis)
            text += "." + String(repeating: "0", count: 3 - m.count) + m
        }
        return text + "Z"
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let instant = Instant(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
