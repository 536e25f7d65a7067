import FieldAgentCore
import Testing

@testable import FieldAgentPolicy

/// Daylight-saving transitions in 2026: Helsinki 03:00 EET → 04:00 EEST on 2026-03-29 (01:00Z) and
/// 04:00 EEST → 03:00 EET on 2026-10-25 (01:00Z); New York 02:00 EST → 03:00 EDT on 2026-03-08 (07:00Z)
/// and 02:00 EDT → 01:00 EST on 2026-11-01 (06:00Z).
@Suite struct TimeZoneTests {
    struct Conversion: Sendable, CustomTestStringConvertible {
        let zone: String
        let wall: String
        let minute: Int
        let instant: String
        var testDescription: String { "\(zone) \(wall) \(ContactWindow.clock(minute))" }
    }

    static let conversions: [Conversion] = [
        // Ordinary times either side of the spring change.
        Conversion(zone: "Europe/Helsinki", wall: "2026-03-29", minute: 2 * 60 + 30, instant: "2026-03-29T00:30:00Z"),
        Conversion(zone: "Europe/Helsinki", wall: "2026-03-29", minute: 9 * 60, instant: "2026-03-29T06:00:00Z"),
        // 03:30 does not exist in Helsinki that night: moved forward by the hour to 04:30 EEST.
        Conversion(zone: "Europe/Helsinki", wall: "2026-03-29", minute: 3 * 60 + 30, instant: "2026-03-29T01:30:00Z"),
        // 03:30 happens twice in Helsinki on 2026-10-25: the earlier one (EEST) is chosen.
        Conversion(zone: "Europe/Helsinki", wall: "2026-10-25", minute: 3 * 60 + 30, instant: "2026-10-25T00:30:00Z"),
        Conversion(zone: "Europe/Helsinki", wall: "2026-10-25", minute: 9 * 60, instant: "2026-10-25T07:00:00Z"),
        // New York: 02:30 on 2026-03-08 does not exist → 03:30 EDT.
        Conversion(zone: "America/New_York", wall: "2026-03-08", minute: 2 * 60 + 30, instant: "2026-03-08T07:30:00Z"),
        Conversion(zone: "America/New_York", wall: "2026-03-08", minute: 8 * 60, instant: "2026-03-08T12:00:00Z"),
        // 01:30 on 2026-11-01 happens twice → 01:30 EDT.
        Conversion(zone: "America/New_York", wall: "2026-11-01", minute: 60 + 30, instant: "2026-11-01T05:30:00Z"),
        Conversion(zone: "America/New_York", wall: "2026-11-01", minute: 8 * 60, instant: "2026-11-01T13:00:00Z"),
    ]

    @Test(arguments: conversions)
    func wallToInstant(_ c: Conversion) {
        let clock = TimeZoneClock(identifier: c.zone)
        #expect(clock.isKnown)
        #expect(clock.instant(at: WallTime(date: LocalDate(c.wall)!, minute: c.minute)) == Instant(c.instant)!)
    }

    @Test func instantToWallAcrossTheOverlap() {
        let ny = TimeZoneClock(identifier: "America/New_York")
        #expect(ny.wallTime(at: Instant("2026-11-01T05:30:00Z")!).description == "2026-11-01 01:30")
        #expect(ny.wallTime(at: Instant("2026-11-01T06:30:00Z")!).description == "2026-11-01 01:30")
        #expect(ny.wallTime(at: Instant("2026-11-01T04:59:00Z")!).description == "2026-11-01 00:59")
        let helsinki = TimeZoneClock(identifier: "Europe/Helsinki")
        #expect(helsinki.wallTime(at: Instant("2026-03-29T00:59:00Z")!).description == "2026-03-29 02:59")
        #expect(helsinki.wallTime(at: Instant("2026-03-29T01:00:00Z")!).description == "2026-03-29 04:00")
        #expect(helsinki.wallTime(at: Instant("2026-10-24T22:30:00Z")!).description == "2026-10-25 01:30")
    }

    @Test func unknownZoneFallsBackToUTC() {
        let clock = TimeZoneClock(identifier: "Mars/Olympus")
        #expect(!clock.isKnown)
        #expect(clock.wallTime(at: Instant("2026-11-30T10:15:00Z")!).description == "2026-11-30 10:15")
    }

    struct HoursCase: Sendable, CustomTestStringConvertible {
        let zone: String
        let at: String
        let allowed: Bool
        var testDescription: String { "\(zone) \(at)" }
    }

    static let hours: [HoursCase] = [
        // Helsinki, Friday 2026-03-27 (EET, UTC+2): 05:30Z is 07:30 local, too early; 06:00Z is 08:00.
        HoursCase(zone: "Europe/Helsinki", at: "2026-03-27T05:30:00Z", allowed: false),
        HoursCase(zone: "Europe/Helsinki", at: "2026-03-27T06:00:00Z", allowed: true),
        // Monday 2026-03-30 (EEST, UTC+3): the same 05:30Z is now 08:30 local, allowed; 17:59Z is 20:59, 18:00Z is 21:00.
        HoursCase(zone: "Europe/Helsinki", at: "2026-03-30T05:30:00Z", allowed: true),
        HoursCase(zone: "Europe/Helsinki", at: "2026-03-30T17:59:00Z", allowed: true),
        HoursCase(zone: "Europe/Helsinki", at: "2026-03-30T18:00:00Z", allowed: false),
        // Saturday 2026-10-24 (EEST) 18:30Z is 21:30, too late; Monday 2026-10-26 (EET) 18:30Z is 20:30, fine.
        HoursCase(zone: "Europe/Helsinki", at: "2026-10-24T18:30:00Z", allowed: false),
        HoursCase(zone: "Europe/Helsinki", at: "2026-10-26T18:30:00Z", allowed: true),
        // Sunday 2026-10-25 in Helsinki: no contact hours at all.
        HoursCase(zone: "Europe/Helsinki", at: "2026-10-25T10:00:00Z", allowed: false),
        // New York, Saturday 2026-03-07 (EST): 12:30Z is 07:30; Monday 2026-03-09 (EDT): 12:30Z is 08:30.
        HoursCase(zone: "America/New_York", at: "2026-03-07T12:30:00Z", allowed: false),
        HoursCase(zone: "America/New_York", at: "2026-03-09T12:30:00Z", allowed: true),
        // Monday 2026-11-02 (EST): 01:30Z is still Sunday 20:30 local, no contact; 13:00Z is 08:00 Monday.
        HoursCase(zone: "America/New_York", at: "2026-11-02T01:30:00Z", allowed: false),
        HoursCase(zone: "America/New_York", at: "2026-11-02T13:00:00Z", allowed: true),
        // Saturday 2026-10-31 (EDT): 00:30Z on Sunday is Saturday 20:30 local, allowed.
        HoursCase(zone: "America/New_York", at: "2026-11-01T00:30:00Z", allowed: true),
    ]

    @Test(arguments: hours)
    func contactHoursFollowTheLocalClock(_ c: HoursCase) {
        let customer = Fixture.customer(zone: c.zone)
        let now = Instant(c.at)!
        let verdict = ComplianceGuard().check(
            customer: customer, channel: .call, at: now, contacts: [], lastSync: now, now: now)
        #expect(verdict.isAllowed == c.allowed, "\(verdict.findings)")
        #expect(verdict.blocks.allSatisfy { $0.rule == .contactHours })
    }

    @Test func customerInAnotherZoneThanTheAgent() {
        // A Helsinki agent at 09:00 local on Monday 2026-11-30 (07:00Z) calls a New York customer: 02:00 there.
        let at = Instant("2026-11-30T07:00:00Z")!
        let verdict = ComplianceGuard().check(
            customer: Fixture.customer(zone: "America/New_York"), channel: .call, at: at, contacts: [], lastSync: at,
            now: at)
        #expect(!verdict.isAllowed)
        #expect(
            verdict.blocks.map(\.reason) == ["02:00 on Monday in America/New_York is outside contact hours 08:00-21:00"]
        )
        // The plan puts the same customer's window in New York hours, with the right UTC instants.
        let plan = ContactPlanner().plan(
            for: LocalDate("2026-11-30")!,
            customers: [PolicyCustomer(customer: Fixture.customer(zone: "America/New_York", window: "17:00-19:00"))],
            lastSync: at, now: at)
        #expect(plan.entries.first?.window.description == "17:00-19:00")
        #expect(plan.entries.first?.start == Instant("2026-11-30T22:00:00Z"))
        #expect(plan.entries.first?.end == Instant("2026-12-01T00:00:00Z"))
    }

    @Test func planOnDaylightSavingDays() {
        let customers = [
            PolicyCustomer(customer: Fixture.customer("C-H", zone: "Europe/Helsinki", window: "08:00-10:00")),
            PolicyCustomer(customer: Fixture.customer("C-N", zone: "America/New_York", window: "20:00-22:00")),
        ]
        let now = Instant("2026-03-01T00:00:00Z")!
        // Monday 2026-03-30 is the first weekday after Helsinki's change; 2026-03-09 after New York's.
        let helsinki = ContactPlanner().plan(
            for: LocalDate("2026-03-30")!, customers: customers, lastSync: now, now: now)
        let h = helsinki.entries.first { $0.customerId == "C-H" }!
        #expect(h.start == Instant("2026-03-30T05:00:00Z") && h.end == Instant("2026-03-30T07:00:00Z"))
        let friday = ContactPlanner().plan(for: LocalDate("2026-03-27")!, customers: customers, lastSync: now, now: now)
        #expect(friday.entries.first { $0.customerId == "C-H" }!.start == Instant("2026-03-27T06:00:00Z"))
        let ny = ContactPlanner().plan(for: LocalDate("2026-03-09")!, customers: customers, lastSync: now, now: now)
        let n = ny.entries.first { $0.customerId == "C-N" }!
        #expect(n.window.description == "20:00-21:00")
        #expect(n.start == Instant("2026-03-10T00:00:00Z") && n.end == Instant("2026-03-10T01:00:00Z"))
        // Saturday 2026-10-31 (EDT) and Monday 2026-11-02 (EST) around New York's fall-back.
        let saturday = ContactPlanner().plan(
            for: LocalDate("2026-10-31")!, customers: customers, lastSync: now, now: now)
        #expect(saturday.entries.first { $0.customerId == "C-N" }!.start == Instant("2026-11-01T00:00:00Z"))
        let monday = ContactPlanner().plan(for: LocalDate("2026-11-02")!, customers: customers, lastSync: now, now: now)
        #expect(monday.entries.first { $0.customerId == "C-N" }!.start == Instant("2026-11-03T01:00:00Z"))
    }
}
