import FieldAgentCore

/// A local calendar date and minute of the day on a wall clock, without a zone: `2026-03-29 08:30`.
///
/// `minute` counts minutes after local midnight (0–1439). Seconds are dropped.
public struct WallTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The local calendar date.
    public var date: LocalDate
    /// Minutes after local midnight, 0–1439.
    public var minute: Int

    /// Creates a wall time; a `minute` outside 0..<1440 rolls over into the neighbouring days.
    public init(date: LocalDate, minute: Int) {
        let dayShift = minute >= 0 ? minute / 1440 : -((1439 - minute) / 1440)
        self.date = date.adding(days: dayShift)
        self.minute = minute - dayShift * 1440
    }

    /// `YYYY-MM-DD HH:MM`.
    public var description: String { "\(date) \(ContactWindow.clock(minute))" }

    public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
        (lhs.date, lhs.minute) < (rhs.date, rhs.minute)
    }
}
