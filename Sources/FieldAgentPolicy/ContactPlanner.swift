import FieldAgentCore

/// Builds the ``ContactPlan`` for a day from customers, their history and the rule set.
///
/// For each customer, as of the plan date:
/// 1. **Treatment** by ``TreatmentRules``. `hold` is skipped with the treatment's reasons.
/// 2. **Channel**: the preferred channel unless barred, else the first usable one in
///    `channelFallback` (default call, sms, email, letter, visit). Barred: `visit` by `do-not-visit` or no
///    address; `call` and `sms` by no phone; `email` by no email; `letter` by no address. No usable channel
///    skips the customer (rule `channel`).
/// 3. **Window** in the customer's time zone on the plan date (that local date's weekday decides the
///    contact hours; none that day skips with `contact-hours`): the preferred window clipped to the contact
///    hours when they overlap; otherwise a `slotMinutes` slot at the edge of the contact hours nearest the
///    preferred window; without a preferred window, the whole contact hours. Start and end are also given
///    as instants, correct across daylight-saving changes.
/// 4. **Guard**: ``ComplianceGuard`` at the window's start, counting all agents' contacts; any block
///    (attempt cap, right-party pause, flags) skips the customer with the rule's reason. A `care` visit is
///    by appointment. Warnings stay on the entry; a stale-data warning goes once on the plan.
///
/// Entries are ordered decisive first, then outstanding balance × days past due descending, then id;
/// skipped customers by id.
public struct ContactPlanner: Sendable {
    public var configuration: PolicyConfiguration

    /// A planner with the rules of `configuration`.
    public init(configuration: PolicyConfiguration = .standard) { self.configuration = configuration }

    /// The plan for local day `date`.
    ///
    /// - Parameters:
    ///   - customers: the assigned customers, each with all agents' synced contacts and promises.
    ///   - lastSync: the device's last successful sync (nil: never), for the stale-data warning.
    ///   - now: the current time.
    public func plan(for date: LocalDate, customers: [PolicyCustomer], lastSync: Instant?, now: Instant) -> ContactPlan
    {
        let rules = TreatmentRules(configuration: configuration)
        let decisions = customers.map { rules.decide($0, asOf: date) }
        return plan(for: date, customers: customers, decisions: decisions, lastSync: lastSync, now: now)
    }

    /// The plan with treatments already decided (`decisions[i]` belongs to `customers[i]`).
    public func plan(
        for date: LocalDate, customers: [PolicyCustomer], decisions: [TreatmentDecision], lastSync: Instant?,
        now: Instant
    ) -> ContactPlan {
        precondition(customers.count == decisions.count, "one decision per customer")
        let guardian = ComplianceGuard(configuration: configuration)
        var entries: [ContactPlanEntry] = []
        var skipped: [ContactPlanSkip] = []
        for (input, decision) in zip(customers, decisions) {
            switch planOne(input, decision: decision, date: date, guardian: guardian) {
            case .planned(let entry): entries.append(entry)
            case .skipped(let skip): skipped.append(skip)
            }
        }
        // Sort small keys, not the entries themselves: copying a large entry into every comparison
        // costs more than the comparison.
        let keys = entries.map { (decisive: $0.treatment == .decisive, priority: $0.priority, id: $0.customerId) }
        let order = keys.indices.sorted { i, j in
            let a = keys[i]
            let b = keys[j]
            if a.decisive != b.decisive { return a.decisive }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.id < b.id
        }
        entries = order.map { entries[$0] }
        skipped.sort { $0.customerId < $1.customerId }
        let warnings = guardian.staleFinding(lastSync: lastSync, now: now).map { [$0] } ?? []
        return ContactPlan(
            date: date, entries: entries, skipped: skipped, warnings: warnings, ruleSetVersion: configuration.version)
    }

    private enum Outcome {
        case planned(ContactPlanEntry)
        case skipped(ContactPlanSkip)
    }

    private func planOne(
        _ input: PolicyCustomer, decision: TreatmentDecision, date: LocalDate, guardian: ComplianceGuard
    ) -> Outcome {
        let customer = input.customer
        let treatment = decision.treatment
        func skip(_ findings: [ComplianceFinding]) -> Outcome {
            .skipped(
                ContactPlanSkip(
                    customerId: customer.id, treatment: treatment, reasons: findings.map(\.reason),
                    rules: findings.map(\.rule.id)))
        }
        if treatment == .hold {
            let rules = Flag.allCases.filter { Flag.holding.contains($0) && customer.flags.contains($0) }
            return .skipped(
                ContactPlanSkip(
                    customerId: customer.id, treatment: treatment, reasons: decision.reasons,
                    rules: rules.map { ComplianceRule.flag($0).id }))
        }
        guard let (channel, channelReason) = chooseChannel(customer) else {
            return skip([
                ComplianceFinding(
                    rule: .channel, severity: .block,
                    reason: "no usable channel: every channel is barred or lacks contact details")
            ])
        }
        let weekday = date.isoWeekday
        guard let hours = configuration.contactHours.window(isoWeekday: weekday) else {
            return skip([
                ComplianceFinding(
                    rule: .contactHours, severity: .block,
                    reason: "no contact hours on \(ContactHours.weekdayName(weekday)) (\(date))")
            ])
        }
        let (window, windowReason) = chooseWindow(preferred: customer.contactWindow, hours: hours)
        let clock = TimeZoneClock(identifier: customer.timeZone)
        let start = clock.instant(at: WallTime(date: date, minute: window.start))
        let end = clock.instant(at: WallTime(date: date, minute: window.end))
        let appointment = treatment == .care && channel == .visit
        var findings = guardian.flagFindings(customer: customer, channel: channel, byAppointment: appointment)
        if let hoursFinding = guardian.contactHoursFinding(timeZone: customer.timeZone, at: start) {
            findings.append(hoursFinding)
        }
        if !input.contacts.isEmpty {
            findings += guardian.frequencyFindings(contacts: ContactHistory.effective(input.contacts), at: start)
        }
        let verdict = ComplianceVerdict(findings: findings)
        guard verdict.isAllowed else { return skip(verdict.blocks) }
        var actions: [String] = []
        if treatment == .care {
            actions.append("offer forbearance and debt advice")
            if appointment { actions.append("visit by appointment only: agree a time with the customer first") }
        }
        if treatment == .decisive {
            actions.append("contact within \(count(configuration.decisiveContactWithinDays, "day"))")
        }
        let behaviour = decision.behaviour
        let product = behaviour.outstandingBalance.multipliedReportingOverflow(by: Int64(behaviour.daysPastDue))
        return .planned(
            ContactPlanEntry(
                customerId: customer.id, treatment: treatment, reasons: decision.reasons, channel: channel,
                channelReason: channelReason, window: window, windowReason: windowReason, timeZone: customer.timeZone,
                start: start, end: end, appointment: appointment, actions: actions, warnings: verdict.warnings,
                outstanding: behaviour.outstandingBalance, daysPastDue: behaviour.daysPastDue,
                priority: product.overflow ? Int64.max : product.partialValue))
    }

    /// Why `channel` cannot be used for `customer`, or nil when it can.
    func barring(_ channel: Channel, for customer: Customer) -> String? {
        switch channel {
        case .visit:
            if customer.flags.contains(.doNotVisit) { return "do-not-visit" }
            return customer.address == nil ? "no address" : nil
        case .call, .sms: return customer.phone == nil ? "no phone number" : nil
        case .email: return customer.email == nil ? "no email address" : nil
        case .letter: return customer.address == nil ? "no address" : nil
        }
    }

    func chooseChannel(_ customer: Customer) -> (Channel, String)? {
        var barred: String?
        if let preferred = customer.preferredChannel {
            guard let why = barring(preferred, for: customer) else {
                return (preferred, "preferred channel \(preferred.rawValue)")
            }
            barred = "preferred channel \(preferred.rawValue) barred (\(why))"
        }
        for channel in configuration.channelFallback where barring(channel, for: customer) == nil {
            let lead = barred ?? "no preferred channel"
            return (channel, "\(lead); first usable in fallback order: \(channel.rawValue)")
        }
        return nil
    }

    func chooseWindow(preferred: ContactWindow?, hours: ContactWindow) -> (ContactWindow, String) {
        guard let preferred else {
            return (hours, "no preferred window: any time within contact hours \(hours)")
        }
        let start = max(preferred.start, hours.start)
        let end = min(preferred.end, hours.end)
        if start < end {
            let window = ContactWindow(start: start, end: end)!
            if window == preferred { return (window, "preferred window \(preferred)") }
            return (window, "preferred window \(preferred) within contact hours \(hours)")
        }
        let slot = configuration.slotMinutes
        let window: ContactWindow
        if preferred.end <= hours.start {
            window = ContactWindow(start: hours.start, end: min(hours.start + slot, hours.end))!
        } else {
            window = ContactWindow(start: max(hours.end - slot, hours.start), end: hours.end)!
        }
        return (window, "preferred window \(preferred) is outside contact hours \(hours); nearest allowed \(window)")
    }
}
