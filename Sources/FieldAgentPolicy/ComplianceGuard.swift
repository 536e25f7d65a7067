import FieldAgentCore

/// Checks a proposed contact against the compliance rules before it is made (or as it is logged).
///
/// Rules, each named in its findings (see ``ComplianceRule``):
/// - `contact-hours` (block): the instant, read in the customer's IANA time zone, must fall within the
///   configured hours for that local weekday, `start ≤ time < end` (default 08:00–21:00 Monday–Saturday,
///   none on Sunday). Daylight-saving changes are honoured because the zone's offset at the instant is used.
/// - `attempt-cap` (block): outbound contacts by any agent in `(at − attemptCapDays days, at]` must number
///   fewer than `attemptCap` (default: at most 7 in 7 days), so the proposed one would not exceed the cap.
/// - `rpc-pause` (block): no contact within `rightPartyPauseDays` days after the latest right-party
///   conversation in `(at − rightPartyPauseDays days, at]`, unless that latest conversation's outcome
///   is `callback-requested` (the customer asked to be called back).
/// - `flag:dispute`, `flag:suspended`, `flag:insolvency`, `flag:time-barred`, `flag:stop-contact` (block):
///   no collection contact at all.
/// - `flag:vulnerable`, `flag:hardship`: a visit must be by appointment (block otherwise); any other
///   contact gets a warning to use the care approach.
/// - `flag:do-not-visit` (block): no visits.
/// - `stale-data` (warning): the last successful sync is missing or older than `staleSyncHours`, so
///   the counts above may miss other agents' recent contacts.
///
/// Contacts are read after amendments (``ContactHistory``); contacts of other customers are ignored.
public struct ComplianceGuard: Sendable {
    public var configuration: PolicyConfiguration

    /// A guard with the rules of `configuration`.
    public init(configuration: PolicyConfiguration = .standard) { self.configuration = configuration }

    /// Checks a contact with `input`'s customer, using its synced contacts from all agents.
    public func check(
        _ input: PolicyCustomer, channel: Channel, at: Instant, lastSync: Instant?, now: Instant,
        byAppointment: Bool = false
    ) -> ComplianceVerdict {
        check(
            customer: input.customer, channel: channel, at: at, contacts: input.contacts, lastSync: lastSync,
            now: now, byAppointment: byAppointment)
    }

    /// Checks a contact with `customer` by `channel` at `at`.
    ///
    /// - Parameters:
    ///   - contacts: synced contacts from all agents and devices; other customers' contacts are ignored.
    ///   - lastSync: the device's last successful sync, nil if it never synced.
    ///   - now: the current time, for the staleness check.
    ///   - byAppointment: the visit was agreed with the customer beforehand.
    public func check(
        customer: Customer, channel: Channel, at: Instant, contacts: [Contact], lastSync: Instant?, now: Instant,
        byAppointment: Bool = false
    ) -> ComplianceVerdict {
        var findings = flagFindings(customer: customer, channel: channel, byAppointment: byAppointment)
        if let hours = contactHoursFinding(timeZone: customer.timeZone, at: at) { findings.append(hours) }
        let own = ContactHistory.effective(contacts.filter { $0.customerId == customer.id })
        findings += frequencyFindings(contacts: own, at: at)
        if let stale = staleFinding(lastSync: lastSync, now: now) { findings.append(stale) }
        return ComplianceVerdict(findings: findings)
    }

    func flagFindings(customer: Customer, channel: Channel, byAppointment: Bool) -> [ComplianceFinding] {
        var findings: [ComplianceFinding] = []
        for flag in Flag.allCases where customer.flags.contains(flag) {
            switch flag {
            case .dispute, .suspended, .insolvency, .timeBarred, .stopContact:
                findings.append(
                    ComplianceFinding(
                        rule: .flag(flag), severity: .block, reason: "flagged \(flag.rawValue): no collection contact"))
            case .vulnerable, .hardship:
                if channel == .visit, !byAppointment {
                    findings.append(
                        ComplianceFinding(
                            rule: .flag(flag), severity: .block,
                            reason: "flagged \(flag.rawValue): visits by appointment only"))
                } else {
                    findings.append(
                        ComplianceFinding(
                            rule: .flag(flag), severity: .warning,
                            reason: "flagged \(flag.rawValue): care approach, offer forbearance and debt advice"))
                }
            case .doNotVisit:
                if channel == .visit {
                    findings.append(
                        ComplianceFinding(
                            rule: .flag(flag), severity: .block, reason: "flagged do-not-visit: no visits"))
                }
            }
        }
        return findings
    }

    func contactHoursFinding(timeZone: String, at: Instant) -> ComplianceFinding? {
        let wall = TimeZoneClock(identifier: timeZone).wallTime(at: at)
        let weekday = wall.date.isoWeekday
        let day = ContactHours.weekdayName(weekday)
        let local = "\(ContactWindow.clock(wall.minute)) on \(day) in \(timeZone)"
        guard let hours = configuration.contactHours.window(isoWeekday: weekday) else {
            return ComplianceFinding(
                rule: .contactHours, severity: .block, reason: "\(local): no contact hours on \(day)")
        }
        guard wall.minute >= hours.start, wall.minute < hours.end else {
            return ComplianceFinding(
                rule: .contactHours, severity: .block, reason: "\(local) is outside contact hours \(hours)")
        }
        return nil
    }

    /// Attempt-cap and right-party-pause findings from `contacts` (this customer's, effective, oldest first).
    func frequencyFindings(contacts: [Contact], at: Instant) -> [ComplianceFinding] {
        var findings: [ComplianceFinding] = []
        let c = configuration
        let capStart = at.adding(seconds: -Int64(c.attemptCapDays) * 86_400)
        let attempts = contacts.lazy.filter { $0.direction == .outbound && $0.at > capStart && $0.at <= at }.count
        if attempts >= c.attemptCap {
            findings.append(
                ComplianceFinding(
                    rule: .attemptCap, severity: .block,
                    reason:
                        "\(count(attempts, "attempt")) by all agents in the last \(count(c.attemptCapDays, "day")) (cap \(c.attemptCap))"
                ))
        }
        let pauseStart = at.adding(seconds: -Int64(c.rightPartyPauseDays) * 86_400)
        if c.rightPartyPauseDays > 0,
            let last = contacts.last(where: { $0.outcome.isRightPartyContact && $0.at > pauseStart && $0.at <= at }),
            last.outcome != .callbackRequested
        {
            let hours = (at.millisecondsSinceEpoch - last.at.millisecondsSinceEpoch) / 3_600_000
            let ago = hours < 24 ? count(Int(hours), "hour") : count(Int(hours / 24), "day")
            findings.append(
                ComplianceFinding(
                    rule: .rightPartyPause, severity: .block,
                    reason:
                        "right-party conversation \(ago) ago; pause of \(count(c.rightPartyPauseDays, "day")) unless the customer asks for a callback"
                ))
        }
        return findings
    }

    func staleFinding(lastSync: Instant?, now: Instant) -> ComplianceFinding? {
        guard let lastSync else {
            return ComplianceFinding(
                rule: .staleData, severity: .warning, reason: "never synced: other agents' contacts are not counted")
        }
        let hours = (now.millisecondsSinceEpoch - lastSync.millisecondsSinceEpoch) / 3_600_000
        guard
            now.millisecondsSinceEpoch - lastSync.millisecondsSinceEpoch > Int64(configuration.staleSyncHours)
                * 3_600_000
        else { return nil }
        return ComplianceFinding(
            rule: .staleData, severity: .warning,
            reason:
                "last sync \(count(Int(hours), "hour")) ago (over \(configuration.staleSyncHours)): counts may miss other agents' contacts"
        )
    }
}
