import FieldAgentCore
import Foundation
import Synchronization

/// Converts between instants and wall-clock times in one IANA time zone, across daylight-saving changes.
///
/// Offsets come from Foundation's `TimeZone` (the system's tz database). An unknown identifier falls
/// back to UTC; ``isKnown`` says whether that happened (the portfolio reader rejects unknown zones).
///
/// Wall times that do not exist or exist twice are resolved the way calendar libraries commonly do:
/// - in a spring-forward gap (e.g. 03:30 in Helsinki on 2026-03-29), the time is moved forward by
///   the length of the gap (to 04:30 EEST);
/// - in a fall-back overlap (e.g. 01:30 in New York on 2026-11-01), the earlier instant is chosen
///   (01:30 EDT).
public struct TimeZoneClock: Sendable {
    /// The IANA identifier this clock was asked for.
    public let identifier: String
    /// False when the identifier is unknown and the clock uses UTC instead.
    public let isKnown: Bool
    private let entry: ZoneEntry

    /// A clock for the IANA zone `identifier`, e.g. `Europe/Helsinki`.
    public init(identifier: String) {
        self.identifier = identifier
        let known = TimeZoneClock.entry(identifier)
        isKnown = known != nil
        entry = known ?? TimeZoneClock.utc
    }

    /// One zone and the offsets read from it so far, shared by every clock for that zone.
    ///
    /// Building a zone from the tz database costs far more than a lookup, and a plan for thousands
    /// of customers uses a handful of zones. Offsets are kept per quarter hour: they change only at
    /// transitions, which in today's rules fall on quarter hours in every zone, so an offset read
    /// once holds for its whole quarter.
    private final class ZoneEntry: Sendable {
        let zone: TimeZone
        let offsets = Mutex<[Int64: Int]>([:])

        init(_ zone: TimeZone) { self.zone = zone }

        func offset(quarter: Int64) -> Int {
            if let cached = offsets.withLock({ $0[quarter] }) { return cached }
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(quarter * 900)))
            offsets.withLock { table in
                if table.count > 100_000 { table.removeAll(keepingCapacity: true) }
                table[quarter] = offset
            }
            return offset
        }
    }

    private static let entries = Mutex<[String: ZoneEntry?]>([:])
    private static let utc = ZoneEntry(TimeZone(secondsFromGMT: 0)!)

    private static func entry(_ identifier: String) -> ZoneEntry? {
        if let cached = entries.withLock({ $0[identifier] }) { return cached }
        let made = TimeZone(identifier: identifier).map(ZoneEntry.init)
        entries.withLock { $0[identifier] = made }
        return made
    }

    /// Whether `identifier` names a zone in the tz database; suitable for ``PortfolioReader``.
    public static func isKnownZone(_ identifier: String) -> Bool { TimeZone(identifier: identifier) != nil }

    /// The zone's offset from UTC at `instant`, in seconds (positive east of Greenwich).
    public func offsetSeconds(at instant: Instant) -> Int {
        let millis = instant.millisecondsSinceEpoch
        return entry.offset(quarter: millis >= 0 ? millis / 900_000 : -((899_999 - millis) / 900_000))
    }

    /// The wall-clock time at `instant` in this zone.
    public func wallTime(at instant: Instant) -> WallTime {
        let local = instant.millisecondsSinceEpoch + Int64(offsetSeconds(at: instant)) * 1000
        let day = local >= 0 ? local / 86_400_000 : -((86_399_999 - local) / 86_400_000)
        let minute = Int((local - day * 86_400_000) / 60_000)
        return WallTime(date: LocalDate(daysSinceEpoch: Int(day)), minute: minute)
    }

    /// The instant at which this zone's clocks show `wall`; see the type's notes for gaps and overlaps.
    public func instant(at wall: WallTime) -> Instant {
        let localSeconds = (Int64(wall.date.daysSinceEpoch) * 1440 + Int64(wall.minute)) * 60
        let before = offsetSeconds(at: Instant(millisecondsSinceEpoch: (localSeconds - 86_400) * 1000))
        let after = offsetSeconds(at: Instant(millisecondsSinceEpoch: (localSeconds + 86_400) * 1000))
        func fits(_ offset: Int) -> Bool {
            offsetSeconds(at: Instant(millisecondsSinceEpoch: (localSeconds - Int64(offset)) * 1000)) == offset
        }
        let candidates = [before, after].filter(fits)
        if let earliest = candidates.max() {
            // Both fit in an overlap: the larger offset is the earlier instant.
            return Instant(millisecondsSinceEpoch: (localSeconds - Int64(earliest)) * 1000)
        }
        // A gap: reading the wall time with the offset in force before the change moves it forward.
        return Instant(millisecondsSinceEpoch: (localSeconds - Int64(before)) * 1000)
    }
}
