import FieldAgentCore

/// The local hours in which collection contact is allowed, per ISO weekday; nil means none that day.
///
/// Coded with lowercase English weekday keys whose values are `HH:MM-HH:MM` or null.
public struct ContactHours: Codable, Hashable, Sendable {
    public var monday: ContactWindow?
    public var tuesday: ContactWindow?
    public var wednesday: ContactWindow?
    public var thursday: ContactWindow?
    public var friday: ContactWindow?
    public var saturday: ContactWindow?
    public var sunday: ContactWindow?

    /// Creates hours from one window per weekday, Monday first.
    public init(
        monday: ContactWindow?, tuesday: ContactWindow?, wednesday: ContactWindow?, thursday: ContactWindow?,
        friday: ContactWindow?, saturday: ContactWindow?, sunday: ContactWindow?
    ) {
        self.monday = monday
        self.tuesday = tuesday
        self.wednesday = wednesday
        self.thursday = thursday
        self.friday = friday
        self.saturday = saturday
        self.sunday = sunday
    }

    /// The allowed window on ISO weekday `isoWeekday` (1 = Monday … 7 = Sunday).
    public func window(isoWeekday: Int) -> ContactWindow? {
        switch isoWeekday {
        case 1: monday
        case 2: tuesday
        case 3: wednesday
        case 4: thursday
        case 5: friday
        case 6: saturday
        default: sunday
        }
    }

    /// The English name of ISO weekday `isoWeekday`, for reasons.
    public static func weekdayName(_ isoWeekday: Int) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][(isoWeekday + 6) % 7]
    }
}
